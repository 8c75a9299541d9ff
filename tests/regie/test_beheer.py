"""The functioneel beheerder: the clock policy as a new row per change (reason required,
validated in Dutch, history read-only); clocks and reminders read-only, without case content."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group

from regie.termijnen.models import Herinnering, Termijn, TermijnBeleid, TermijnSoort
from regie.termijnen.services import (
    herinneringen_scan,
    termijnbeleid_change,
    termijnbeleid_current,
)
from tests.factories import CasusFactory, TermijnFactory
from toegang.accounts.services import BEHEER_GROUP

AMS = dt.timezone(dt.timedelta(hours=1))
BELEID = {"eerste_contact_urgent": "1", "eerste_contact_normaal": "2",
          "herinnering_vooraf": "2", "escalatie_na": "1", "evaluatie_maanden": "6",
          "digest_tijd": "07:00", "toelichting": "Sneller bellen"}


def test_a_change_is_a_new_row_and_the_old_one_stays(client, stad) -> None:  # type: ignore[no-untyped-def]
    termijnbeleid_change(user=stad.beheerder, toelichting="Start", eerste_contact_normaal=3)
    client.force_login(stad.beheerder)
    form = client.get("/beheer/regie/termijnbeleid/add/")
    assert form.status_code == 200
    assert form.context["adminform"].form.initial["eerste_contact_normaal"] == 3
    response = client.post("/beheer/regie/termijnbeleid/add/", BELEID)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert TermijnBeleid.objects.count() == 2
    nieuw = termijnbeleid_current()
    assert (nieuw.eerste_contact_normaal, nieuw.herinnering_vooraf, nieuw.toelichting,
            nieuw.gewijzigd_door) == (2, 2, "Sneller bellen", stad.beheerder)
    assert TermijnBeleid.objects.filter(toelichting="Start", eerste_contact_normaal=3).exists()


@pytest.mark.parametrize(("wijziging", "fout"), [
    ({"toelichting": ""}, "Schrijf op waarom het beleid verandert."),
    ({"eerste_contact_urgent": "11"}, "Kies een getal van 1 tot en met 10."),
    ({"eerste_contact_normaal": "0"}, "Kies een getal van 1 tot en met 20."),
    ({"evaluatie_maanden": "30"}, "Kies een getal van 1 tot en met 24."),
    ({"herinnering_vooraf": "12"}, "Kies een getal van 0 tot en met 10."),
])
def test_policy_is_validated_in_dutch(client, stad, wijziging, fout) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    response = client.post("/beheer/regie/termijnbeleid/add/", {**BELEID, **wijziging})
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert not TermijnBeleid.objects.exists()


def test_history_is_read_only(client, stad) -> None:  # type: ignore[no-untyped-def]
    oud = termijnbeleid_change(user=stad.beheerder, toelichting="Start", eerste_contact_normaal=3)
    client.force_login(stad.beheerder)
    assert client.get("/beheer/regie/termijnbeleid/").status_code == 200
    page = client.get(f"/beheer/regie/termijnbeleid/{oud.pk}/change/")
    assert page.status_code == 200 and 'name="eerste_contact_normaal"' not in \
        page.content.decode()
    client.post(f"/beheer/regie/termijnbeleid/{oud.pk}/change/", {**BELEID,
                                                                 "eerste_contact_normaal": "9"})
    assert client.post(f"/beheer/regie/termijnbeleid/{oud.pk}/delete/",
                       {"post": "yes"}).status_code == 403
    oud.refresh_from_db()
    assert oud.eerste_contact_normaal == 3 and TermijnBeleid.objects.count() == 1


def test_a_new_lead_time_holds_for_running_clocks(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=AMS), tick=False):
        termijn = TermijnFactory(casus=CasusFactory(opgepakt_door=stad.pro),
                                 soort=TermijnSoort.WMO_ONDERZOEK)  # due Monday 4 January 2027
        termijnbeleid_change(user=stad.beheerder, toelichting="Een week vooraf",
                             herinnering_vooraf=5)
    herinneringen_scan(now=dt.datetime(2026, 12, 28, 9, tzinfo=AMS))  # 5 working days before
    assert Herinnering.objects.filter(termijn=termijn, soort="vooraf").exists()


def test_clocks_and_reminders_are_read_only_without_case_content(client, stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=AMS), tick=False):
        casus = CasusFactory(opgepakt_door=stad.pro, intake__vraag="Geheime vraag")
        termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING,
                                 omschrijving="Geheime omschrijving")
    herinneringen_scan(now=dt.datetime(2026, 12, 9, 10, tzinfo=AMS))
    herinnering = Herinnering.objects.filter(termijn=termijn).first()
    assert herinnering is not None
    client.force_login(stad.beheerder)
    pages = ["/beheer/regie/termijn/", f"/beheer/regie/termijn/{termijn.pk}/change/",
             "/beheer/regie/herinnering/", f"/beheer/regie/herinnering/{herinnering.pk}/change/",
             f"/beheer/regie/termijn/?q={casus.intake.referentie}"]
    for page in pages:
        response = client.get(page)
        html = response.content.decode()
        assert response.status_code == 200, page
        assert casus.intake.referentie in html, page
        assert "Geheime" not in html and casus.intake.achternaam not in html, page
    assert client.get("/beheer/regie/termijn/add/").status_code == 403
    assert client.post(f"/beheer/regie/termijn/{termijn.pk}/delete/",
                       {"post": "yes"}).status_code == 403
    assert client.post(f"/beheer/regie/herinnering/{herinnering.pk}/delete/",
                       {"post": "yes"}).status_code == 403
    assert Termijn.objects.filter(pk=termijn.pk).exists()


def test_the_beheer_group_may_look_at_clocks_but_not_change_them(stad) -> None:  # type: ignore[no-untyped-def]
    codes = set(Group.objects.get(name=BEHEER_GROUP).permissions
                .filter(content_type__app_label="regie").values_list("codename", flat=True))
    assert {"view_termijn", "view_herinnering", "add_termijnbeleid",
            "view_termijnbeleid"} <= codes
    assert not codes & {"change_termijn", "delete_termijn", "add_herinnering",
                        "change_herinnering", "delete_herinnering"}
    # Case content stays out of reach (referrer organisations and the municipality's own
    # wizard questions are configuration; the residents' answers are not).
    assert not Group.objects.get(name=BEHEER_GROUP).permissions \
        .filter(content_type__app_label__in=["casussen", "intake"]) \
        .exclude(content_type__model__in=["verwijzer", "eigenvraag", "eigenvraagversie"]) \
        .exists()


@pytest.mark.parametrize("who", ["pro", "teamleider", "manager"])
def test_others_do_not_reach_the_policy(client, stad, who) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, who))
    assert client.get("/beheer/regie/termijnbeleid/").status_code == 302
