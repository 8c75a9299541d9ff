"""The scripted attack run: real logged-in users, through the test client, try what issue 9
lists — another resident's intake, file, plan, ZRM and export; a team of another wijk or wet;
a withdrawn consent; an expired safety override; path tricks in download URLs. Every attempt
is refused (404, the same as "not found") and written to the security log, and nothing of the
target is in the answer.

The other parts of the run: every URL with an id for every role (test_idor.py), a manager on
every URL (tests/regie/test_manager_toegang.py), CSRF on every URL (test_csrf.py) and markup
in every text field (test_injectie.py)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from intake.models import ToestemmingStatus


def _geweigerd(response, records, *, user, object_type: str = "", reden: str = "geen_recht"):  # type: ignore[no-untyped-def]
    """Refused like a missing page, and one record in the security log."""
    assert response.status_code == 404
    [record] = records()
    assert record["gebruiker_id"] == user.pk and record["rol"] == user.rol
    assert record["reden"] == reden
    if object_type:
        assert record["object_type"] == object_type
    records.clear()
    return record


def test_another_resident_tries_the_targets_intake_file_plan_zrm_and_export(  # type: ignore[no-untyped-def]
        client, stad, wereld, beveiligingslog) -> None:
    client.force_login(stad.andere_inwoner)
    beveiligingslog.clear()
    i, c, b = wereld.intake.pk, wereld.casus.pk, wereld.bijlage.pk
    pogingen = {
        f"/mijn/aanvragen/{i}/": "intake",
        f"/mijn/aanvragen/{i}/export/": "intake",
        f"/mijn/aanvragen/{i}/bijlagen/{b}/": "intake",
        f"/mijn/casussen/{c}/plan/": "casus",
        f"/mijn/casussen/{c}/plan/pdf/": "casus",
        f"/mijn/casussen/{c}/zrm/": "casus",
    }
    for url, soort in pogingen.items():
        response = client.get(url)
        assert wereld.intake.referentie.encode() not in response.content
        record = _geweigerd(response, beveiligingslog, user=stad.andere_inwoner,
                            object_type=soort)
        assert record["object_id"] == (i if soort == "intake" else c)
    # The attacker's own pages show nothing of the target either.
    for url in ("/mijn/", "/mijn/toestemmingen/", "/mijn/wie-keek-mee/", "/mijn/mijn-gegevens/",
                "/mijn/mijn-gegevens.json"):
        response = client.get(url)
        assert response.status_code == 200
        assert wereld.intake.referentie.encode() not in response.content, url
    # The consent of the target cannot be withdrawn by someone else.
    response = client.post(f"/mijn/toestemmingen/{wereld.toestemming.pk}/intrekken/")
    _geweigerd(response, beveiligingslog, user=stad.andere_inwoner, reden="niet_gevonden")
    wereld.toestemming.refresh_from_db()
    assert wereld.toestemming.status == ToestemmingStatus.GEGEVEN


@pytest.mark.parametrize("wie", ["pro_noord", "pro_jeugd"])
def test_a_professional_of_another_wijk_or_wet_is_refused_on_intake_and_case(  # type: ignore[no-untyped-def]
        client, stad, wereld, beveiligingslog, wie: str) -> None:
    """The team of another wijk, and a team of another wet without consent (the walk in
    test_idor.py tries every other URL)."""
    user = getattr(stad, wie)
    client.force_login(user)
    for url, soort in ((f"/werk/intakes/{wereld.intake.pk}/", "intake"),
                       (f"/werk/intakes/{wereld.intake.pk}/export/", "intake"),
                       (f"/werk/casussen/{wereld.casus.pk}/", "casus"),
                       (f"/werk/casussen/{wereld.casus.pk}/plan/pdf/", "casus")):
        _geweigerd(client.get(url), beveiligingslog, user=user, object_type=soort)
    # Nor does the queue or a search give the target away (only the search term comes back).
    response = client.get("/werk/", {"zoek": wereld.intake.referentie})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/werk/intakes/{wereld.intake.pk}/" not in html
    assert wereld.intake.achternaam not in html


def test_a_withdrawn_consent_shuts_the_team_out_on_its_next_click(  # type: ignore[no-untyped-def]
        client, stad, wereld, beveiligingslog) -> None:
    from django.test import Client

    inwoner = Client()
    inwoner.force_login(stad.inwoner)
    response = inwoner.post(f"/mijn/aanvragen/{wereld.intake.pk}/toestemming/JEUGDWET/",
                            {"akkoord": "on"})
    assert response.status_code == 302
    client.force_login(stad.pro_jeugd)
    url = f"/werk/intakes/{wereld.intake.pk}/"
    assert client.get(url).status_code == 200  # with consent: allowed

    toestemming = wereld.intake.toestemmingen.get(wet="JEUGDWET")
    response = inwoner.post(f"/mijn/toestemmingen/{toestemming.pk}/intrekken/")
    assert response.status_code == 302
    beveiligingslog.clear()
    # The same session, the very next request: refused and logged.
    record = _geweigerd(client.get(url), beveiligingslog, user=stad.pro_jeugd,
                        object_type="intake")
    assert record["object_id"] == wereld.intake.pk and record["actie"] == "view"
    _geweigerd(client.get(f"{url}bijlagen/{wereld.bijlage.pk}/"), beveiligingslog,
               user=stad.pro_jeugd, object_type="intake")


def test_an_expired_safety_override_shuts_the_team_out(client, stad, wereld,  # type: ignore[no-untyped-def]
                                                        beveiligingslog) -> None:
    melder = client
    melder.force_login(stad.pro)
    response = melder.post(f"/werk/intakes/{wereld.intake.pk}/veiligheid/", {
        "reden": "Signalen van geweld thuis.", "meldcode_stap": "2",
        "teams": [stad.jeugdteam.pk]})
    assert response.status_code == 302
    from django.test import Client

    jeugd = Client()
    jeugd.force_login(stad.pro_jeugd)
    url = f"/werk/intakes/{wereld.intake.pk}/"
    assert jeugd.get(url).status_code == 200  # during the override
    na_afloop = timezone.now() + dt.timedelta(days=31)
    with time_machine.travel(na_afloop, tick=False):
        jeugd.force_login(stad.pro_jeugd)  # a fresh login: sessions do not last a month
        beveiligingslog.clear()
        _geweigerd(jeugd.get(url), beveiligingslog, user=stad.pro_jeugd,
                   object_type="intake")
        _geweigerd(jeugd.get(f"{url}bijlagen/{wereld.bijlage.pk}/"), beveiligingslog,
                   user=stad.pro_jeugd, object_type="intake")


# --- Path tricks in download URLs ------------------------------------------------------------

# Tricks that make the address match no route at all: encoded ../, NUL, a space, a sign,
# letters after the number, other notations of the number.
TRUCS = [
    "..%2f..%2f..%2fetc%2fpasswd", "..%2F{b}", "%2e%2e%2f{b}", "..%252f{b}", "{b}%2f..%2f",
    "{b}%00", "{b}%20", "-{b}", "-1", "{b}abc", "0x{b:x}", "{b}.pdf", "١٢٣", "{b}/..",
    "{b};x=1", "%c0%ae%c0%ae%2f",
]
# Numbers that match the route but name nothing: zero, too big for the database, and digits
# in percent-encoding (decoded before the route is matched, so this is 999999999).
GETALLEN = ["0", "99999999999999999999", "9223372036854775808", "%39" * 9]


def _download_urls(wereld) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(who, url, the reason in the security log) for each trick on each download URL."""
    b = wereld.bijlage.pk
    urls = []
    for truc in TRUCS + GETALLEN:
        deel = truc.format(b=b)
        getal = truc in GETALLEN
        # A number under an intake one may read: that intake has no such file. A number in
        # the place of the intake or case: there is no such object.
        urls += [("inwoner", f"/mijn/aanvragen/{wereld.intake.pk}/bijlagen/{deel}/",
                  "niet_gevonden" if getal else "onbekend_adres"),
                 ("pro", f"/werk/intakes/{wereld.intake.pk}/bijlagen/{deel}/",
                  "niet_gevonden" if getal else "onbekend_adres"),
                 ("inwoner", f"/mijn/aanvragen/{deel}/export/",
                  "bestaat_niet" if getal else "onbekend_adres"),
                 ("inwoner", f"/mijn/casussen/{deel}/plan/pdf/",
                  "bestaat_niet" if getal else "onbekend_adres")]
    # The file of another intake under the target's own intake, as its rightful owner.
    urls.append(("inwoner", f"/mijn/aanvragen/{wereld.intake.pk}/bijlagen/"
                            f"{wereld.eigen_bijlage_andere_inwoner.pk}/", "niet_gevonden"))
    return urls


def test_path_tricks_in_download_urls_find_nothing_and_are_logged(client, stad, wereld,  # type: ignore[no-untyped-def]
                                                                  beveiligingslog) -> None:
    """Encoded ../, NUL, negative, huge and non-numeric ids, other notations of the number:
    never a file, never a 500; each a 404 in the security log with its reason — even for the
    file's owner, because only the number is the file's address (percent-encoded digits are
    that number: the server decodes them before any route is matched)."""
    inhoud = wereld.bijlage.bestand.open("rb").read()
    wereld.bijlage.bestand.close()
    for wie, url, reden in _download_urls(wereld):
        client.force_login(getattr(stad, wie))
        beveiligingslog.clear()
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
        assert inhoud not in b"".join(getattr(response, "streaming_content", [])) + \
            (b"" if response.streaming else response.content), url
        records = beveiligingslog()
        assert len(records) == 1, (url, records)
        assert records[0]["reden"] == reden, url
        assert "\n" not in records[0]["pad"] and "\x00" not in records[0]["pad"]


def test_the_security_log_cannot_be_forged_through_the_url(client, stad, beveiligingslog,  # type: ignore[no-untyped-def]
                                                           caplog) -> None:
    """A URL with a line break cannot write a second, false line in the log."""
    client.force_login(stad.inwoner)
    client.get("/mijn/aanvragen/1%0d%0aWARNING%20geweigerd%20reden=vals/")
    [record] = beveiligingslog()
    assert "\n" not in record["pad"] and "\r" not in record["pad"]
    assert "\\r\\nWARNING" in record["pad"]
    assert all("\n" not in r.getMessage() for r in caplog.records
               if r.name == "toegang.beveiliging")


def test_a_record_holds_nothing_of_the_resident(client, stad, wereld, beveiligingslog) -> None:  # type: ignore[no-untyped-def]
    """Ids, role, route and reason; no name, e-mail, reference or text of the resident."""
    client.force_login(stad.pro_noord)
    client.get(f"/werk/intakes/{wereld.intake.pk}/")
    [record] = beveiligingslog()
    tekst = repr(record)
    for persoonlijk in (wereld.intake.voornaam, wereld.intake.achternaam, wereld.intake.email,
                        wereld.intake.referentie, wereld.intake.vraag[:20]):
        assert persoonlijk not in tekst
    assert record["object_id"] == wereld.intake.pk
