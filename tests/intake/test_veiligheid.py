"""Safety override (Meldcode): access without consent, for a limited time, reviewed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from intake.models import Beoordeling
from intake.permissions import intakes_visible_to
from intake.selectors import veiligheidsmeldingen_for_inwoner
from intake.services import veiligheidsmelding_create, veiligheidsmelding_review
from tests.factories import IntakeFactory, TeamleiderFactory
from toegang.audit.models import Actie, Toegangslog
from toegang.berichten.models import Email, Notificatie


def _melding(stad, intake, **kwargs):  # type: ignore[no-untyped-def]
    values = {"reden": "Kind vertelt over klappen thuis.", "meldcode_stap": 2,
              "teams": [stad.jeugdteam]}
    values.update(kwargs)
    return veiligheidsmelding_create(user=stad.pro, intake=intake, **values)


def test_override_gives_the_named_teams_time_limited_access(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    melding = _melding(stad, intake)
    assert melding.einde - melding.begin == dt.timedelta(days=30)
    assert intakes_visible_to(user=stad.pro_jeugd).filter(pk=intake.pk).exists()
    assert not intakes_visible_to(user=stad.pro_werk).filter(pk=intake.pk).exists()


@override_settings(VEILIGHEID_DUUR_DAGEN=7)
def test_duration_is_configurable(stad) -> None:  # type: ignore[no-untyped-def]
    melding = _melding(stad, IntakeFactory())
    assert melding.einde - melding.begin == dt.timedelta(days=7)


def test_reason_is_mandatory(stad) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        _melding(stad, IntakeFactory(), reden="   ", teams=[])
    assert set(exc.value.message_dict) == {"reden", "teams"}


def test_hiding_from_the_resident_needs_a_reason_and_is_logged(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    with pytest.raises(ValidationError):
        _melding(stad, intake, tonen_aan_inwoner=False)
    melding = _melding(stad, intake, tonen_aan_inwoner=False,
                       reden_niet_tonen="Partner leest mee op de telefoon.")
    log = Toegangslog.objects.get(object_type="veiligheidsmelding", object_id=melding.pk)
    assert log.actie == Actie.VEILIGHEID and "niet getoond" in log.doel
    assert not veiligheidsmeldingen_for_inwoner(user=stad.inwoner).exists()


def test_resident_sees_an_override_by_default(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    melding = _melding(stad, intake)
    assert list(veiligheidsmeldingen_for_inwoner(user=stad.inwoner)) == [melding]


def test_teamleider_is_notified_by_inbox_and_mail(stad) -> None:  # type: ignore[no-untyped-def]
    melding = _melding(stad, IntakeFactory())
    note = Notificatie.objects.get(ontvanger=stad.teamleider)
    assert note.soort == "veiligheidsmelding" and str(melding.pk) in note.url
    assert Email.objects.filter(aan=stad.teamleider.email).exists()


def test_teamleider_ends_the_override_and_access_stops(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    melding = _melding(stad, intake)
    veiligheidsmelding_review(user=stad.teamleider, melding=melding,
                              besluit=Beoordeling.BEEINDIGD, toelichting="Geen grond.")
    melding.refresh_from_db()
    assert melding.beoordeling == Beoordeling.BEEINDIGD and melding.einde <= timezone.now()
    assert not intakes_visible_to(user=stad.pro_jeugd).filter(pk=intake.pk).exists()


def test_only_the_reporters_teamleider_reviews(stad) -> None:  # type: ignore[no-untyped-def]
    melding = _melding(stad, IntakeFactory())
    other_leader = TeamleiderFactory(teams=[stad.werk])
    with pytest.raises(PermissionDenied):
        veiligheidsmelding_review(user=other_leader, melding=melding,
                                  besluit=Beoordeling.BEVESTIGD, toelichting="ok")


def test_review_page_allowed_and_denied(client, stad) -> None:  # type: ignore[no-untyped-def]
    melding = _melding(stad, IntakeFactory(), tonen_aan_inwoner=False, reden_niet_tonen="Gevaar")
    client.force_login(TeamleiderFactory(teams=[stad.werk]))
    assert client.get(f"/werk/veiligheid/{melding.pk}/").status_code == 404
    client.force_login(stad.teamleider)
    assert client.get(f"/werk/veiligheid/{melding.pk}/").status_code == 200
    response = client.post(f"/werk/veiligheid/{melding.pk}/", {
        "besluit": "bevestigd", "toelichting": "Terecht.", "tonen_aan_inwoner": "on"})
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.beoordeling == Beoordeling.BEVESTIGD and melding.tonen_aan_inwoner


def test_override_form_allowed_for_access_and_validates(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory()
    client.force_login(stad.pro_noord)
    assert client.get(f"/werk/intakes/{intake.pk}/veiligheid/").status_code == 404
    client.force_login(stad.pro)
    response = client.post(f"/werk/intakes/{intake.pk}/veiligheid/",
                           {"reden": "", "meldcode_stap": "1", "niet_tonen": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is iets niet goed ingevuld" in html and 'href="#id_reden"' in html
    response = client.post(f"/werk/intakes/{intake.pk}/veiligheid/", {
        "reden": "Zorgen.", "meldcode_stap": "1", "teams": [stad.jeugdteam.pk]})
    assert response.status_code == 302
    assert intakes_visible_to(user=stad.pro_jeugd).filter(pk=intake.pk).exists()


def test_access_under_a_hidden_override_is_left_out_of_the_residents_log(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    hidden = _melding(stad, intake, tonen_aan_inwoner=False,
                      reden_niet_tonen="Partner leest mee op de telefoon.")
    client.force_login(stad.pro_jeugd)
    assert client.get(f"/werk/intakes/{intake.pk}/").status_code == 200
    assert Toegangslog.objects.filter(grond=f"veiligheid:{hidden.pk}").count() == 2
    client.force_login(stad.inwoner)
    html = client.get("/mijn/wie-keek-mee/").content.decode()
    assert "Jeugdteam" not in html and "veiligheidsmelding" not in html

    # Once the teamleider decides the resident may see it, the rows show again.
    veiligheidsmelding_review(user=stad.teamleider, melding=hidden, besluit="bevestigd",
                              toelichting="Veilig genoeg.", tonen_aan_inwoner=True)
    html = client.get("/mijn/wie-keek-mee/").content.decode()
    assert "Jeugdteam" in html and "veiligheidsmelding (Meldcode)" in html
