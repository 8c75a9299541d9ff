"""CSRF: a form posted from another site (no token, or a wrong one) to any URL of the
project is refused with 403, written to the security log, and changes nothing — even when the
logged-in user could do exactly that with a real form. The walk is every URL pattern; a new
view that skips the check fails here until it is listed, with its reason, in ZONDER_CSRF."""

import pytest
from django.test import Client

from tests import urlwalk
from tests.beveiliging.test_idor import ID_ROUTES, _tellingen, _url, _user

# Views that must accept a POST from another site, and why. None today: the test DigiD
# posts from this site, and the real DigiD returns with a GET (artifact binding).
ZONDER_CSRF: dict[str, str] = {}
# Who is logged in for routes without an id (the user who could really post there).
WIE_PER_PREFIX = [
    ("mijn/", "inwoner"), ("werk/team/", "teamleider"), ("werk/", "pro"),
    ("berichten/printwachtrij/", "beheerder"), ("berichten/", "pro"), ("dashboard/", "manager"),
    ("diagnose/", "beheerder"), ("berichtenverkeer/", "beheerder"), ("privacy/", "privacy"),
    ("beheer/", "beheerder"),
    ("verwijzen/", "verwijzer"),
]
# The admin pages of the one DigiD, eHerkenning and ZGW configuration (django-solo) match with a
# regular expression inside the route, which Django names with its closing "$".
MET_DOLLAR = {"beheer/digid_eherkenning/digidconfiguration/",
              "beheer/digid_eherkenning/eherkenningconfiguration/",
              "beheer/zgw/zgwconfig/"}
# The REST API (toegang/api/) does not read the session cookie: a client authenticates with
# its key in the `Authorization` header, which a browser never adds on its own to a request
# from another site. So there is no ambient authority to forge and no CSRF check; a POST
# without a key is refused with 401 (walked below), whoever is logged in to the portal.
API = "api/v1/"
# Values for parameters that are not ids.
OVERIG = {"slug": "over-u", "tabel": "instroom", "formaat": "csv"}


def _wie(route: str) -> str | None:
    if route in ID_ROUTES:
        return ID_ROUTES[route][0]
    return next((wie for prefix, wie in WIE_PER_PREFIX if route.startswith(prefix)), None)


def _vul(route: str, wereld) -> str:  # type: ignore[no-untyped-def]
    if route in ID_ROUTES:
        return _url(route, wereld.ids())
    waarden = {naam: (wereld.intake.pk if urlwalk.is_id(conv, naam)
                      else OVERIG.get(naam, "onbekend-token"))
               for conv, naam in urlwalk.params(route)}
    return urlwalk.fill(route, waarden)


def _routes() -> list[str]:
    """Every route of the pages; the API's routes are walked below (no session, no CSRF)."""
    return sorted(r for r in set(urlwalk.routes()) if not r.startswith(API))


def _api_routes() -> list[str]:
    return sorted(r for r in set(urlwalk.routes()) if r.startswith(API))


@pytest.mark.parametrize("met_token", [False, True], ids=["zonder token", "vals token"])
def test_every_post_without_a_valid_csrf_token_is_refused_and_logged(  # type: ignore[no-untyped-def]
        stad, wereld, beveiligingslog, met_token: bool) -> None:
    routes = [r for r in _routes() if r not in ZONDER_CSRF]
    ingelogd: dict[str | None, Client] = {}
    for wie in {_wie(route) for route in routes}:
        ingelogd[wie] = Client(enforce_csrf_checks=True)
        if wie is not None:
            ingelogd[wie].force_login(_user(stad, wereld, wie))
    voor = _tellingen()
    for route in routes:
        wie = _wie(route)
        client = ingelogd[wie]
        url = _vul(route, wereld)
        data = {"tekst": "Van een andere website.", "reden": "Vals."}
        if met_token:  # a token the attacker made up, with a matching cookie of their own
            client.cookies["csrftoken"] = "a" * 32
            data["csrfmiddlewaretoken"] = "b" * 32
        beveiligingslog.clear()
        response = client.post(url, data)
        assert response.status_code == 403, (route, url, response.status_code)
        assert "Uw formulier is niet verstuurd" in response.content.decode(), route
        [record] = beveiligingslog()
        assert record["reden"] == "csrf" and record["methode"] == "POST"
        # The route that matched; the path only where none did (the start page's route is "").
        gelogd = route + "$" if route in MET_DOLLAR else route
        assert (record["route"], record["pad"]) == (gelogd, "" if route else url)
        if wie is not None:
            assert record["gebruiker_id"] is not None
    assert len(routes) == 393  # every page route of the project: a new URL adds one here
    assert _tellingen() == voor


def test_the_exemptions_still_exist_and_are_really_exempt(db) -> None:  # type: ignore[no-untyped-def]
    assert set(ZONDER_CSRF) <= set(_routes())
    for route in ZONDER_CSRF:
        response = Client(enforce_csrf_checks=True).post("/" + route, {})
        assert response.status_code != 403, route


# The API's own pages: its OpenAPI document and the documentation that reads it (GET only).
API_ALLEEN_LEZEN = {"api/v1/schema/", "api/v1/docs/"}


def test_an_api_post_from_another_site_is_refused_without_a_key(  # type: ignore[no-untyped-def]
        stad, wereld) -> None:
    """The session of a logged-in user opens nothing in the API: a forged POST (a form on
    another site, with the victim's session cookie) gets 401 or, on the read-only pages, 405,
    as problem+json, and changes nothing."""
    routes = _api_routes()
    ingelogd = Client(enforce_csrf_checks=True)
    ingelogd.force_login(wereld.verwijzer.user)  # the one role that may send referrals
    ingelogd.cookies["csrftoken"] = "a" * 32
    voor = _tellingen()
    for route in routes:
        url = urlwalk.fill(route, {"pk": wereld.verwijzing.pk})
        response = ingelogd.post(url, {"voornaam": "Van een andere website.",
                                       "csrfmiddlewaretoken": "b" * 32})
        verwacht = 405 if route in API_ALLEEN_LEZEN else 401
        assert response.status_code == verwacht, (route, response.status_code)
        assert response["Content-Type"] == "application/problem+json", route
    assert len(routes) == 15  # every route of the API: a new one adds one here
    assert _tellingen() == voor
