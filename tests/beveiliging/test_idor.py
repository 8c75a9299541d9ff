"""IDOR: every URL pattern with an object id, filled with the ids of another household's
objects, refused to every role that has no business there — with a 404 that is written to the
security log, and nothing changed. The walk is built from the project's own URL patterns: a
new pattern with an id fails `test_every_url_with_an_id_is_in_the_walk` until it is added
below, with the user who may open it."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client

from tests import urlwalk
from tests.beveiliging.conftest import stad_en_wereld_eenmaal

# The target's world is built once for the module; what each test writes is rolled back.
stad, wereld = stad_en_wereld_eenmaal()

# route → (who may open it, the object behind each id parameter, values of other parameters)
ID_ROUTES: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    # The resident's own pages (Mijn toegang)
    "mijn/aanvragen/<int:pk>/": ("inwoner", {"pk": "intake"}, {}),
    "mijn/aanvragen/<int:pk>/aanvullen/": ("inwoner", {"pk": "intake"}, {}),
    "mijn/aanvragen/<int:pk>/export/": ("inwoner", {"pk": "intake"}, {}),
    "mijn/aanvragen/<int:pk>/bijlagen/<int:bijlage_id>/": (
        "inwoner", {"pk": "intake", "bijlage_id": "bijlage"}, {}),
    "mijn/aanvragen/<int:pk>/terugbellen/": ("inwoner", {"pk": "intake"}, {}),
    "mijn/aanvragen/<int:pk>/toestemming/<str:wet>/": (
        "inwoner", {"pk": "intake"}, {"wet": "JEUGDWET"}),
    "mijn/toestemmingen/<int:toestemming_id>/intrekken/": (
        "inwoner", {"toestemming_id": "toestemming"}, {}),
    "mijn/aanvragen/<int:pk>/koppelen/": ("inwoner", {"pk": "aan_de_telefoon"}, {}),
    "mijn/casussen/<int:pk>/zrm/": ("inwoner", {"pk": "casus"}, {}),
    "mijn/casussen/<int:pk>/zrm/invullen/": ("inwoner", {"pk": "casus"}, {}),
    "mijn/casussen/<int:pk>/plan/": ("inwoner", {"pk": "casus"}, {}),
    "mijn/casussen/<int:pk>/plan/pdf/": ("inwoner", {"pk": "casus"}, {}),
    "mijn/casussen/<int:pk>/afspraken/<int:afspraak_id>/": (
        "inwoner", {"pk": "casus", "afspraak_id": "afspraak"}, {}),
    "mijn/casussen/<int:pk>/afspraken/<int:afspraak_id>/agenda.ics": (
        "inwoner", {"pk": "casus", "afspraak_id": "afspraak"}, {}),
    # Casework on the intake
    "werk/intakes/<int:pk>/": ("pro", {"pk": "intake"}, {}),
    "werk/intakes/<int:pk>/aanvullen/": ("pro", {"pk": "intake"}, {}),
    "werk/intakes/<int:pk>/export/": ("pro", {"pk": "intake"}, {}),
    "werk/intakes/<int:pk>/bijlagen/<int:bijlage_id>/": (
        "pro", {"pk": "intake", "bijlage_id": "bijlage"}, {}),
    "werk/intakes/<int:pk>/veiligheid/": ("pro", {"pk": "intake"}, {}),
    "werk/intakes/<int:pk>/oppakken/": ("pro", {"pk": "intake"}, {}),
    "werk/veiligheid/<int:melding_id>/": ("teamleider", {"melding_id": "melding"}, {}),
    "werk/intakes/<int:pk>/doorsturen/": ("pro", {"pk": "nieuwe_vraag"}, {}),
    "werk/intakes/<int:pk>/sluiten/": ("pro", {"pk": "nieuwe_vraag"}, {}),
    "werk/intakes/<int:pk>/bekend/": ("pro", {"pk": "nieuwe_vraag"}, {}),
    "werk/intakes/<int:pk>/bekend/<int:kandidaat_id>/koppelen/": (
        "pro", {"pk": "nieuwe_vraag", "kandidaat_id": "intake"}, {}),
    "werk/intakes/<int:pk>/bekend/<int:kandidaat_id>/apart/": (
        "pro", {"pk": "nieuwe_vraag", "kandidaat_id": "intake"}, {}),
    # A request typed in for a caller: only the professional typing it finds the draft
    "werk/nieuwe-aanvraag/<int:concept_id>/<slug:deel>/": (
        "pro", {"concept_id": "concept"}, {"deel": "persoon"}),
    "werk/nieuwe-aanvraag/<int:concept_id>/controleren/": ("pro", {"concept_id": "concept"}, {}),
    "werk/nieuwe-aanvraag/<int:concept_id>/versturen/": ("pro", {"concept_id": "concept"}, {}),
    "werk/nieuwe-aanvraag/<int:concept_id>/vastgelegd/": ("pro", {"concept_id": "concept"}, {}),
    # Casework on the case
    "werk/casussen/<int:pk>/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/contact/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/notitie/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/status/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/ave/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/betrokkene/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/overdracht/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/toewijzen/": ("teamleider", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/betrokkene/<int:betrokkenheid_id>/stoppen/": (
        "pro", {"pk": "casus", "betrokkenheid_id": "betrokkenheid"}, {}),
    "werk/overdrachten/<int:overdracht_id>/": ("collega", {"overdracht_id": "overdracht"}, {}),
    "werk/casussen/<int:pk>/zrm/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/zrm/nieuw/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/plan/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/plan/bewerken/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/plan/delen/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/plan/sociale-kaart/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/plan/pdf/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/huishouden/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/huishouden/lid/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/huishouden/lid/<int:lid_id>/einde/": (
        "pro", {"pk": "casus", "lid_id": "lid"}, {}),
    "werk/casussen/<int:pk>/afspraken/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/afspraken/nieuw/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/afspraken/<int:afspraak_id>/verzetten/": (
        "pro", {"pk": "casus", "afspraak_id": "afspraak"}, {}),
    "werk/casussen/<int:pk>/afspraken/<int:afspraak_id>/annuleren/": (
        "pro", {"pk": "casus", "afspraak_id": "afspraak"}, {}),
    "werk/casussen/<int:pk>/afspraken/<int:afspraak_id>/verslag/": (
        "pro", {"pk": "casus", "afspraak_id": "afspraak"}, {}),
    # Clocks on the case
    "werk/casussen/<int:pk>/termijnen/start/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/termijnen/terugbellen/": ("pro", {"pk": "casus"}, {}),
    "werk/casussen/<int:pk>/termijnen/<int:termijn_id>/afgehandeld/": (
        "pro", {"pk": "casus", "termijn_id": "termijn"}, {}),
    "werk/casussen/<int:pk>/termijnen/<int:termijn_id>/opschorten/": (
        "pro", {"pk": "casus", "termijn_id": "termijn"}, {}),
    "werk/casussen/<int:pk>/termijnen/<int:termijn_id>/hervatten/": (
        "pro", {"pk": "casus", "termijn_id": "termijn"}, {}),
    "werk/casussen/<int:pk>/termijnen/<int:termijn_id>/verdagen/": (
        "pro", {"pk": "casus", "termijn_id": "termijn"}, {}),
    # The decision path on the case: onderzoek, aanvraag, beschikking (a taken one and a
    # draft), bezwaar, the letter
    "werk/casussen/<int:pk>/besluit/": ("pro", {"pk": "casus"}, {}),
    **{f"werk/casussen/<int:pk>/besluit/{pagina}/nieuw/": ("pro", {"pk": "casus"}, {})
       for pagina in ("aanvraag", "beschikkingen", "onderzoek")},
    "werk/casussen/<int:pk>/besluit/onderzoek/<int:onderzoek_id>/": (
        "pro", {"pk": "casus", "onderzoek_id": "onderzoek"}, {}),
    "werk/casussen/<int:pk>/besluit/onderzoek/<int:onderzoek_id>/versturen/": (
        "pro", {"pk": "casus", "onderzoek_id": "onderzoek"}, {}),
    **{f"werk/casussen/<int:pk>/besluit/beschikkingen/<int:beschikking_id>/{actie}": (
        "pro", {"pk": "casus", "beschikking_id": "beschikking"}, {})
       for actie in ("", "herzien/", "intrekken/", "bezwaar/nieuw/", "goedkeuren/",
                     "afkeuren/")},
    **{f"werk/casussen/<int:pk>/besluit/beschikkingen/<int:beschikking_id>/{actie}": (
        "pro", {"pk": "casus", "beschikking_id": "conceptbesluit"}, {})
       for actie in ("motivering/", "nemen/", "producten/nieuw/")},
    "werk/casussen/<int:pk>/besluit/beschikkingen/<int:beschikking_id>/producten/"
    "<int:toekenning_id>/weghalen/": (
        "pro", {"pk": "casus", "beschikking_id": "conceptbesluit",
                "toekenning_id": "conceptregel"}, {}),
    "werk/casussen/<int:pk>/besluit/beschikkingen/<int:beschikking_id>/bezwaar/"
    "<int:bezwaar_id>/beslissen/": (
        "pro", {"pk": "casus", "beschikking_id": "beschikking", "bezwaar_id": "bezwaar"}, {}),
    "werk/casussen/<int:pk>/besluiten/<int:beschikking_id>/brief.pdf": (
        "pro", {"pk": "casus", "beschikking_id": "beschikking"}, {}),
    # The berichtenverkeer on the case: its toewijzingen, and a provider's request for the
    # target (for the team, Wijkteam Centrum) with its three answers
    "werk/casussen/<int:pk>/toewijzingen/": ("pro", {"pk": "casus"}, {}),
    "werk/verzoeken/<int:verzoek_id>/": ("pro", {"verzoek_id": "verzoek"}, {}),
    **{f"werk/verzoeken/<int:verzoek_id>/{actie}/": ("pro", {"verzoek_id": "verzoek"}, {})
       for actie in ("toewijzen", "onderzoeken", "afwijzen")},
    # ... and in Mijn toegang
    "mijn/casussen/<int:pk>/verslag/<int:onderzoek_id>/": (
        "inwoner", {"pk": "casus", "onderzoek_id": "onderzoek"}, {}),
    "mijn/casussen/<int:pk>/verslag/<int:onderzoek_id>/aanvragen/": (
        "inwoner", {"pk": "casus", "onderzoek_id": "onderzoek"}, {}),
    "mijn/casussen/<int:pk>/besluiten/": ("inwoner", {"pk": "casus"}, {}),
    **{f"mijn/casussen/<int:pk>/besluiten/<int:beschikking_id>/{pagina}": (
        "inwoner", {"pk": "casus", "beschikking_id": "beschikking"}, {})
       for pagina in ("", "brief.pdf")},
    # The inbox
    "berichten/<int:notificatie_id>/gelezen/": ("inwoner", {"notificatie_id": "notificatie"}, {}),
    # The print queue: the functioneel beheerder prints every household's letters, so the
    # walk tries every other role on it (and not the beheerder, who may).
    "berichten/printwachtrij/<int:printbatch_id>.pdf": (
        "beheerder", {"printbatch_id": "printbatch"}, {}),
    # The berichtenverkeer for the functioneel beheerder: every provider's messages, so the
    # walk tries every other role on it (and not the beheerder, who may).
    "berichtenverkeer/<int:bericht_id>/": ("beheerder", {"bericht_id": "bericht"}, {}),
    "berichtenverkeer/<int:bericht_id>/opnieuw/": ("beheerder", {"bericht_id": "bericht"}, {}),
    "berichtenverkeer/quarantaine/<int:quarantaine_id>/afgehandeld/": (
        "beheerder", {"quarantaine_id": "quarantaine"}, {}),
    # The referrer's portal: the page after sending, of its own referral only
    "verwijzen/<int:pk>/verstuurd/": ("verwijzer", {"pk": "verwijzing"}, {}),
}
# The REST API (toegang/api/): a client with a key acts as its account, so the same walk is
# made with clients of the attackers' accounts (see the end of this file).
API = "api/v1/"
# Roles with no business with the target household: a resident of another household, a
# professional of another wijk, a team of another wet without consent, a teamleider of
# another team, the roles that never see a case, and a referrer (which never opens an intake,
# and only the referrals it sent itself).
AANVALLERS = ["andere_inwoner", "pro_noord", "pro_jeugd", "teamleider_noord", "manager",
              "beheerder", "privacy", "andere_verwijzer"]


# Public pages with an id that is about no person: the sociale kaart's help
# (tests/socialekaart/test_zoeken.py: anyone may open an active one, an inactive one is 404).
OPENBARE_ID_ROUTES = {"hulp-in-de-buurt/<int:pk>/"}


def _id_routes(prefix: str = "") -> set[str]:
    """Routes with an object id, outside the admin (see the admin test below) and, unless
    asked for by `prefix`, outside the API (walked with keys at the end of this file)."""
    return {r for r in urlwalk.routes() if not r.startswith("beheer/")
            and r not in OPENBARE_ID_ROUTES
            and (r.startswith(prefix) if prefix else not r.startswith(API))
            and any(urlwalk.is_id(c, n) for c, n in urlwalk.params(r))}


def _url(route: str, ids: dict[str, int]) -> str:
    _wie, objecten, overig = ID_ROUTES[route]
    return urlwalk.fill(route, {**{p: ids[o] for p, o in objecten.items()}, **overig})


def _user(stad, wereld, wie: str):  # type: ignore[no-untyped-def]
    if wie in ("collega", "teamleider_noord"):
        return getattr(wereld, wie)
    if wie in ("verwijzer", "andere_verwijzer"):
        return getattr(wereld, wie).user
    if wie == "privacy":
        from tests.factories import PrivacyFactory

        return PrivacyFactory()
    return getattr(stad, wie)


def _tellingen() -> dict[str, int]:
    """Rows per table, to show a refused request changed nothing (sessions excepted)."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()
            if m._meta.label != "sessions.Session" and not m._meta.proxy}


def test_every_url_with_an_id_is_in_the_walk() -> None:
    """A new URL with an object id must be added to ID_ROUTES, with who may open it."""
    gevonden = _id_routes()
    assert gevonden - set(ID_ROUTES) == set(), "add these routes to ID_ROUTES"
    assert set(ID_ROUTES) - gevonden == set(), "these routes no longer exist"


# Forms that live on the casus page: a GET goes back to that page.
OP_DE_CASUSPAGINA = {"werk/casussen/<int:pk>/contact/", "werk/casussen/<int:pk>/notitie/",
                     "werk/casussen/<int:pk>/termijnen/<int:termijn_id>/afgehandeld/"}
# A verslag already sent cannot be changed or sent again (back to the decisions' page); a
# decision already taken needs no approval (back to the decision).
NAAR_BESLUIT = {
    **{f"werk/casussen/<int:pk>/besluit/onderzoek/<int:onderzoek_id>/{actie}": "besluit/"
       for actie in ("", "versturen/")},
    **{f"werk/casussen/<int:pk>/besluit/beschikkingen/<int:beschikking_id>/{actie}/":
       "besluit/beschikkingen/{beschikking}/" for actie in ("goedkeuren", "afkeuren")}}
# A draft typed in for a caller that is still empty: its check page sends back to its first
# page, and the page after sending to its check page.
NAAR_CONCEPT = {"werk/nieuwe-aanvraag/<int:concept_id>/controleren/": "persoon/",
                "werk/nieuwe-aanvraag/<int:concept_id>/vastgelegd/": "controleren/"}
# Actions that only take a POST: a GET is a 405 (after the gate, or before it for those in
# urlwalk.ALLEEN_POST).
ALLEEN_POST = urlwalk.ALLEEN_POST | {
    "werk/casussen/<int:pk>/betrokkene/<int:betrokkenheid_id>/stoppen/",
    "werk/casussen/<int:pk>/plan/delen/", "mijn/aanvragen/<int:pk>/koppelen/",
    "werk/casussen/<int:pk>/plan/sociale-kaart/",
    "werk/nieuwe-aanvraag/<int:concept_id>/versturen/",
    "werk/intakes/<int:pk>/bekend/<int:kandidaat_id>/apart/",
    "werk/casussen/<int:pk>/huishouden/lid/",
    "werk/casussen/<int:pk>/huishouden/lid/<int:lid_id>/einde/",
    "mijn/casussen/<int:pk>/verslag/<int:onderzoek_id>/aanvragen/",
    *(f"werk/verzoeken/<int:verzoek_id>/{actie}/"
      for actie in ("toewijzen", "onderzoeken", "afwijzen")),
    "berichtenverkeer/<int:bericht_id>/opnieuw/",
    "berichtenverkeer/quarantaine/<int:quarantaine_id>/afgehandeld/"}


@pytest.mark.parametrize("route", sorted(ID_ROUTES))
def test_the_rightful_user_reaches_each_url(client, stad, wereld, route: str) -> None:  # type: ignore[no-untyped-def]
    """The ids below are the right ones: the user they belong to is not refused, so the 404s
    in the walk are refusals, not typos."""
    client.force_login(_user(stad, wereld, ID_ROUTES[route][0]))
    response = client.get(_url(route, wereld.ids()))
    if route in OP_DE_CASUSPAGINA:
        assert response.status_code == 302
        assert response["Location"] == f"/werk/casussen/{wereld.casus.pk}/"
    elif route in NAAR_BESLUIT:
        assert response.status_code == 302
        assert response["Location"] == f"/werk/casussen/{wereld.casus.pk}/" + \
            NAAR_BESLUIT[route].format(**wereld.ids())
    elif route in NAAR_CONCEPT:
        assert response.status_code == 302
        assert response["Location"] == (f"/werk/nieuwe-aanvraag/{wereld.concept.pk}/"
                                        f"{NAAR_CONCEPT[route]}")
    elif route in ALLEEN_POST:
        assert response.status_code == 405
    else:
        assert response.status_code == 200


def _reden(wie: str, route: str) -> str:
    """Why the security log says `wie` was refused at `route`."""
    if route.startswith("berichten/printwachtrij/"):
        return "verkeerde_rol"   # the print queue is the functioneel beheerder's
    if route.startswith("berichtenverkeer/"):
        return "verkeerde_rol"   # the berichtenverkeer's state is the functioneel beheerder's
    if route.startswith("verwijzen/"):  # the referrer's portal: its own referrals only
        return "geen_recht" if wie.endswith("verwijzer") else "verkeerde_rol"
    if wie.endswith("verwijzer") and not route.startswith("berichten/"):
        return "verkeerde_rol"   # a referrer never opens a request, a casus or Mijn toegang
    if route.startswith("werk/nieuwe-aanvraag/") and wie.startswith(("pro_", "teamleider")):
        return "niet_gevonden"   # looked up among one's own drafts
    if route.startswith("mijn/") and wie != "andere_inwoner":
        return "verkeerde_rol"   # Mijn toegang is for residents only
    if route.startswith("werk/") and wie in ("andere_inwoner", "manager", "beheerder", "privacy"):
        return "verkeerde_rol"   # casework is for professionals and teamleiders
    if route == "werk/veiligheid/<int:melding_id>/" and wie.startswith("pro_"):
        return "verkeerde_rol"   # a safety report is reviewed by a teamleider
    if route in ("berichten/<int:notificatie_id>/gelezen/", "mijn/aanvragen/<int:pk>/koppelen/",
                 "mijn/toestemmingen/<int:toestemming_id>/intrekken/",
                 "werk/overdrachten/<int:overdracht_id>/", "werk/veiligheid/<int:melding_id>/"):
        return "niet_gevonden"   # looked up among one's own messages, consents, handovers, reports
    return "geen_recht"


def _aanval(client: Client, url: str, records) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    uitkomsten = []
    for methode in ("get", "post"):
        records.clear()
        response = getattr(client, methode)(url)
        uitkomsten.append((methode, response.status_code, response.get("Location", ""),
                           records()))
    return uitkomsten  # type: ignore[return-value]


@pytest.mark.parametrize("wie", AANVALLERS)
def test_idor_walk_every_url_with_another_households_ids(client, stad, wereld, wie: str,  # type: ignore[no-untyped-def]
                                                        beveiligingslog) -> None:
    user = _user(stad, wereld, wie)
    client.force_login(user)
    voor = _tellingen()
    geweigerd = 0
    aangevallen = [route for route in sorted(ID_ROUTES) if ID_ROUTES[route][0] != wie]
    for route in aangevallen:
        url = _url(route, wereld.ids())
        uitkomsten = _aanval(client, url, beveiligingslog)
        statussen = [status for _m, status, _l, _r in uitkomsten]
        # A GET on a form that only takes a POST is a 405, decided before any object is
        # read; everything else is refused with a 404.
        get = 405 if route in urlwalk.ALLEEN_POST else 404
        assert statussen == [get, 404], (wie, url, statussen)
        for methode, status, _locatie, records in uitkomsten:
            if status != 404:
                assert records == []
                continue
            geweigerd += 1
            [record] = records
            assert record["gebruiker_id"] == user.pk and record["rol"] == user.rol
            assert record["route"] == route and record["methode"] == methode.upper()
            assert set(record["ids"].values()) <= set(wereld.ids().values())
            assert record["reden"] == _reden(wie, route), (methode, route)
    assert geweigerd == 2 * len(aangevallen) - len(urlwalk.ALLEEN_POST & set(aangevallen))
    assert _tellingen() == voor  # not one row written: no access-log row, no change


# Pages behind the staff login (also the referrer's portal, the print queue and the
# berichtenverkeer).
STAFF_LOGIN_ROUTES = ("werk/", "verwijzen/", "berichten/printwachtrij/", "berichtenverkeer/")


def test_idor_walk_anonymous_goes_to_a_login_page(client, stad, wereld) -> None:  # type: ignore[no-untyped-def]
    voor = _tellingen()
    for route in sorted(ID_ROUTES):
        url = _url(route, wereld.ids())
        for methode in ("get", "post"):
            response = getattr(client, methode)(url)
            if methode == "get" and route in urlwalk.ALLEEN_POST:
                assert response.status_code == 405, url
                continue
            # Staff pages send to the staff login; the resident's pages and the inbox to the
            # resident's.
            login = ("/medewerker/inloggen/" if route.startswith(STAFF_LOGIN_ROUTES)
                     else "/inloggen/")
            assert response.status_code == 302, (methode, url)
            assert response["Location"] == f"{login}?next={url}", (methode, url)
    assert _tellingen() == voor


# Routes whose second id belongs to the first: the attacker puts an object of their own
# first and the target's second (the classic IDOR: "my intake, your file").
# (who, their own object, the target's object behind the last id — "" where ID_ROUTES names
# them all —, the method that reaches the ids after the first)
GEMENGD = {
    "mijn/aanvragen/<int:pk>/bijlagen/<int:bijlage_id>/": (
        "andere_inwoner", "eigen_intake_andere_inwoner", "bijlage", "get"),
    "werk/intakes/<int:pk>/bijlagen/<int:bijlage_id>/": (
        "pro_noord", "eigen_intake_noord", "bijlage", "get"),
    "werk/casussen/<int:pk>/betrokkene/<int:betrokkenheid_id>/stoppen/": (
        "pro_noord", "eigen_casus_noord", "betrokkenheid", "post"),
    "werk/casussen/<int:pk>/huishouden/lid/<int:lid_id>/einde/": (
        "pro_noord", "eigen_casus_noord", "lid", "post"),
    **{f"werk/casussen/<int:pk>/afspraken/<int:afspraak_id>/{actie}/": (
        "pro_noord", "eigen_casus_noord", "afspraak", "get")
       for actie in ("verzetten", "annuleren", "verslag")},
    **{f"mijn/casussen/<int:pk>/afspraken/<int:afspraak_id>/{pagina}": (
        "andere_inwoner", "eigen_casus_andere_inwoner", "afspraak", "get")
       for pagina in ("", "agenda.ics")},
    **{f"werk/intakes/<int:pk>/bekend/<int:kandidaat_id>/{actie}/": (
        "pro_noord", "eigen_intake_noord", "intake", "post") for actie in ("koppelen", "apart")},
    **{f"werk/casussen/<int:pk>/termijnen/<int:termijn_id>/{actie}/": (
        "pro_noord", "eigen_casus_noord", "termijn", "post")
       for actie in ("afgehandeld", "opschorten", "hervatten", "verdagen")},
    # The decision path: the attacker's own casus, the target's onderzoek, decision, line,
    # bezwaar (every id after the first is the target's, see ID_ROUTES)
    **{route: ("pro_noord", "eigen_casus_noord", "", "get") for route in ID_ROUTES
       if route.startswith("werk/casussen/<int:pk>/besluit") and len(ID_ROUTES[route][1]) > 1},
    **{route: ("andere_inwoner", "eigen_casus_andere_inwoner", "", "get") for route in ID_ROUTES
       if route.startswith(("mijn/casussen/<int:pk>/verslag/",
                            "mijn/casussen/<int:pk>/besluiten/<int:beschikking_id>/"))},
}
# The POST-only page of that path: its GET is refused before any id is read.
GEMENGD["mijn/casussen/<int:pk>/verslag/<int:onderzoek_id>/aanvragen/"] = (
    "andere_inwoner", "eigen_casus_andere_inwoner", "", "post")


def test_every_route_with_two_ids_is_tried_with_mixed_ids() -> None:
    tweeledig = {r for r in ID_ROUTES if len(ID_ROUTES[r][1]) > 1}
    assert tweeledig == set(GEMENGD)


@pytest.mark.parametrize("route", sorted(GEMENGD))
def test_own_object_with_the_targets_child_id_is_refused(client, stad, wereld, route: str,  # type: ignore[no-untyped-def]
                                                        beveiligingslog) -> None:
    wie, eigen, _kind, methode = GEMENGD[route]
    user = _user(stad, wereld, wie)
    client.force_login(user)
    eerste, *verder = (naam for _c, naam in urlwalk.params(route))
    objecten = ID_ROUTES[route][1]
    doelwit = {naam: wereld.ids()[objecten[naam]] for naam in verder}
    url = urlwalk.fill(route, {eerste: getattr(wereld, eigen).pk, **doelwit})
    voor = _tellingen()
    response = getattr(client, methode)(url)
    assert response.status_code == 404
    [record] = beveiligingslog()
    assert record["gebruiker_id"] == user.pk
    assert {naam: record["ids"][naam] for naam in verder} == doelwit
    assert _tellingen() == voor


def test_missing_and_forbidden_look_the_same(client, stad, wereld, beveiligingslog) -> None:  # type: ignore[no-untyped-def]
    """Same status and same page for an id that does not exist and one of another household;
    only the security log tells them apart."""
    client.force_login(stad.pro_noord)
    verboden = client.get(f"/werk/intakes/{wereld.intake.pk}/")
    ontbreekt = client.get("/werk/intakes/987654321/")
    assert verboden.status_code == ontbreekt.status_code == 404
    assert verboden.content == ontbreekt.content
    assert [r["reden"] for r in beveiligingslog()] == ["geen_recht", "bestaat_niet"]


# --- The admin -------------------------------------------------------------------------------

# What the functioneel beheerder may manage: configuration, staff accounts, the outbox's
# status and retention; never an intake, a case or anything a resident wrote.
ADMIN_TOEGESTAAN = {
    "auth.Group", "accounts.User", "organisatie.Wijk", "organisatie.Team",
    "organisatie.RoutingRegel", "berichten.Email", "bewaren.Bewaartermijn",
    "bewaren.Bewaaractie", "simple_certmanager.SigningRequest",
    "simple_certmanager.Certificate", "digid_eherkenning.DigidConfiguration",
    "digid_eherkenning.EherkenningConfiguration", "digid_eherkenning.ConfigCertificate",
    "digid_eherkenning.MockDigidUser",
    # The API's clients (name, organisation, account, scopes; keys only as a prefix and a
    # hash) and its webhook outbox (ids and states, never names: toegang/api/models.py).
    "api.ApiClient", "api.Webhookbericht",
    # The koppeling with the zaaksysteem: its settings and the outbox of its steps (states
    # and references, no case content: toegang/zgw/admin.py).
    "zgw.ZgwConfig", "zgw.ZgwZaak", "zgw.ZgwStap",
    # Logins: lockouts and failed attempts (django-axes), two-factor devices (django-otp;
    # their secrets hidden, OTP_ADMIN_HIDE_SENSITIVE_DATA).
    "axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog",
    "otp_static.StaticDevice", "otp_totp.TOTPDevice",
    # Clocks for diagnosis: kind, dates and the intake's reference, no case content
    # (regie/admin.py); the policy.
    "regie.Termijn", "regie.Herinnering", "regie.TermijnBeleid",
    # The look of the resident pages: colours, logo, contact details (toegang/thema/admin.py).
    "thema.Thema",
    # Referrer organisations and their accounts (intake/admin.py); never their referrals.
    "intake.Verwijzer",
    # The municipality's own wizard questions and their versions (intake/admin.py): the
    # questions only; the residents' answers (EigenAntwoord) are not in the admin.
    "intake.EigenVraag",
    # The product catalogue with its tariffs, the providers with their contracts, and the
    # four-eyes rule (toegang/catalogus/admin.py): configuration, never a decision.
    "catalogus.Product", "catalogus.Zorgaanbieder", "catalogus.Besluitregels",
    # The sociale kaart: free local help, public anyway (toegang/socialekaart/admin.py); the
    # record of what was suggested to whom is not in the admin.
    "socialekaart.Voorziening",
}


def test_the_admin_holds_no_case_content() -> None:
    """Every model in the admin is configuration; a new one must be added here knowingly."""
    geregistreerd = {m._meta.label for m in admin.site._registry}
    assert geregistreerd - ADMIN_TOEGESTAAN == set()
    for label in geregistreerd - {"intake.Verwijzer", "intake.EigenVraag"}:
        assert not label.startswith(("intake.", "casussen.", "audit.")), label


def test_admin_urls_with_ids_refuse_everyone_but_the_beheerder(client, stad, wereld) -> None:  # type: ignore[no-untyped-def]
    routes = [r for r in urlwalk.routes() if r.startswith("beheer/")
              and any(urlwalk.is_id(c, n) for c, n in urlwalk.params(r))]
    assert routes
    ids = {"*": {wereld.intake.pk, stad.inwoner.pk}}
    for wie in AANVALLERS:
        if wie == "beheerder":
            continue
        client.force_login(_user(stad, wereld, wie))
        for route in routes:
            for url in urlwalk.urls(route, ids):
                response = client.get(url)
                # The admin asks everyone who is not staff of the admin to log in there.
                assert response.status_code == 302, (wie, url)
                assert response["Location"].startswith("/beheer/login/?next="), (wie, url)


def test_the_beheerder_cannot_open_a_resident_account_in_the_admin(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    response = client.get(f"/beheer/accounts/user/{stad.inwoner.pk}/change/", follow=True)
    assert stad.inwoner.email not in response.content.decode()
    assert response.redirect_chain and response.redirect_chain[0][1] == 302


# --- The API ---------------------------------------------------------------------------------

# API route → (the account whose client may open it, the object behind the id). The
# catalogue's routes (producten, zorgaanbieders) have no owner: every client with the scope
# reads the same public list, so they are not in the walk.
API_ID_ROUTES = {
    "api/v1/verwijzingen/<int:pk>": ("verwijzer", "verwijzing"),
    "api/v1/besluiten/<int:pk>": ("pro", "beschikking"),
    "api/v1/toewijzingen/<int:pk>": ("pro", "toewijzing"),
    "api/v1/abonnementen/<int:pk>": ("verwijzer", "abonnement"),
}
API_ZONDER_EIGENAAR = {"api/v1/producten/<int:pk>", "api/v1/zorgaanbieders/<int:pk>"}


@pytest.fixture
def api_wereld(stad, wereld):  # type: ignore[no-untyped-def]
    """The target's toewijzing (a decision for a resident with a BSN, in Centrum: stad.pro's
    team), a subscription of the referrer's client, and a key per account (all scopes: the
    walk is about the account's gate, not the scope)."""
    from tests.api.conftest import api_client_make
    from tests.besluitpad import catalogus_make
    from tests.factories import CasusFactory, besluit_nemen, regel
    from tests.toewijzingpad import BSN
    from toegang.api.models import Scope
    from toegang.api.services import abonnement_create

    cat = catalogus_make()
    casus = CasusFactory(opgepakt_door=stad.pro, intake__bsn=BSN, intake__postcode="7511AA")
    besluit_nemen(casus=casus, user=stad.pro, regels=[
        regel(cat.begeleiding, begin=casus.intake.ingediend_op.date(), aanbieder=cat.aanbieder)])
    sleutels = {}
    clients = {}
    for wie in ["verwijzer", "pro", *AANVALLERS]:
        clients[wie], sleutels[wie] = api_client_make(
            account=_user(stad, wereld, wie), scopes=list(Scope.values), naam=f"Koppeling {wie}")
    abonnement, _geheim = abonnement_create(client=clients["verwijzer"],
                                            url="https://his.example/hook",
                                            gebeurtenissen=["verwijzing.status"])
    ids = {"verwijzing": wereld.verwijzing.pk, "beschikking": wereld.beschikking.pk,
           "toewijzing": casus.toewijzingen.get().pk, "abonnement": abonnement.pk}
    return sleutels, ids, {wie: client.account for wie, client in clients.items()}


def test_every_api_url_with_an_id_is_in_the_walk() -> None:
    assert _id_routes(API) == set(API_ID_ROUTES) | API_ZONDER_EIGENAAR


@pytest.mark.parametrize("route", sorted(API_ID_ROUTES))
def test_the_rightful_client_reaches_each_api_url(api_wereld, route: str) -> None:  # type: ignore[no-untyped-def]
    sleutels, ids, _accounts = api_wereld
    wie, object_naam = API_ID_ROUTES[route]
    response = sleutels[wie].get(route.removeprefix(API).replace("<int:pk>",
                                                                 str(ids[object_naam])))
    assert response.status_code == 200


@pytest.mark.parametrize("wie", AANVALLERS)
def test_api_idor_walk_a_client_of_another_account_gets_404(  # type: ignore[no-untyped-def]
        stad, wereld, api_wereld, wie: str, beveiligingslog) -> None:
    """The same answer for another's record as for a missing one (404, problem+json), written
    to the security log with the account the client acts as, and nothing read or changed. A
    referral is only looked up for a referrer's account: any other gets 403 before that."""
    from toegang.audit.models import Toegangslog

    sleutels, ids, accounts = api_wereld
    api = sleutels[wie]
    user = accounts[wie]
    voor = _tellingen()
    log_voor = Toegangslog.objects.count()
    for route, (_eigenaar, object_naam) in sorted(API_ID_ROUTES.items()):
        pad = route.removeprefix(API).replace("<int:pk>", str(ids[object_naam]))
        methoden = ["get", "delete"] if route.startswith("api/v1/abonnementen/") else ["get"]
        for methode in methoden:
            beveiligingslog.clear()
            response = getattr(api, methode)(pad)
            assert response["Content-Type"] == "application/problem+json", (wie, pad)
            if route == "api/v1/verwijzingen/<int:pk>" and wie != "andere_verwijzer":
                assert response.status_code == 403, (wie, pad)
                continue
            assert response.status_code == 404, (wie, methode, pad)
            [record] = beveiligingslog()
            assert record["gebruiker_id"] == user.pk and record["rol"] == user.rol
            assert record["route"] == route and record["ids"] == {"pk": ids[object_naam]}
            assert record["reden"] == "geen_recht", (wie, pad)
    assert _tellingen() == voor  # nothing changed, not even a subscription deleted
    assert Toegangslog.objects.count() == log_voor  # nothing was shown
