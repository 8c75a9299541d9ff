"""ZRM assessments: validation, database rules, history and comparison, the pages and who may
open them, the access log, and the chart that shows the same numbers as the table."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from casussen.models import Casus, CasusStatus
from casussen.tijdlijn import casus_tijdlijn
from casussen.zrm.chart import zrm_summary
from casussen.zrm.models import ZrmMeting, ZrmScore
from casussen.zrm.selectors import (
    zrm_eerste_laatste,
    zrm_history,
    zrm_naast_elkaar,
    zrm_verloop,
)
from casussen.zrm.services import zrm_record, zrm_self_assess
from intake.services import toestemming_give
from tests.factories import CasusFactory, IntakeFactory, ProfessionalFactory
from toegang.audit.models import Toegangslog

# A fixed "today", so that the dates of the known set below are in the past.
VANDAAG = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(VANDAAG, tick=True):
        yield


@pytest.fixture
def casus(stad) -> Casus:  # type: ignore[no-untyped-def]
    return CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)


def _known_set(stad, casus):  # type: ignore[no-untyped-def]
    """Professional, then the resident, then the professional again."""
    m1 = zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 1, 10),
                    scores={"huisvesting": 4, "financien": 2})
    m2 = zrm_self_assess(inwoner=stad.inwoner, casus=casus, scores={"financien": 3},
                         toelichting="Het gaat al iets beter.")
    ZrmMeting.objects.filter(pk=m2.pk).update(datum=dt.date(2026, 2, 1))
    m3 = zrm_record(user=stad.teamleider, casus=casus, datum=dt.date(2026, 3, 5),
                    scores={"justitie": 1, "financien": 4, "huisvesting": 4})
    return m1, m2, m3


# --- Services -------------------------------------------------------------------------------


def test_record_stores_the_scored_domains_and_logs_the_change(stad, casus) -> None:  # type: ignore[no-untyped-def]
    meting = zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 5, 1),
                        scores={"justitie": 5, "financien": 2}, toelichting="  Eerste gesprek ")
    assert (meting.door, meting.door_inwoner, meting.toelichting) == \
        (stad.pro, False, "Eerste gesprek")
    assert dict(meting.scores.values_list("domein", "niveau")) == {"financien": 2, "justitie": 5}
    log = Toegangslog.objects.get(object_type="zrm")
    assert (log.actie, log.object_id, log.casus_id, log.user_id, log.inwoner_id) == \
        ("wijzigen", meting.pk, casus.pk, stad.pro.pk, stad.inwoner.pk)


def test_record_needs_at_least_one_domain(stad, casus) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="minstens één levensgebied") as exc:
        zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 5, 1), scores={})
    assert exc.value.code == "geen_score"
    assert not ZrmMeting.objects.exists()


@pytest.mark.parametrize("niveau", [0, 6, -1, True, "3", 2.5, None])
def test_record_accepts_only_levels_1_to_5(stad, casus, niveau) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 5, 1),
                   scores={"financien": 3, "huisvesting": niveau})
    assert list(exc.value.message_dict) == ["huisvesting"]
    assert not ZrmMeting.objects.exists() and not ZrmScore.objects.exists()


def test_record_refuses_an_unknown_domain(stad, casus) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Onbekend levensgebied"):
        zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 5, 1), scores={"geluk": 3})


def test_record_refuses_a_date_in_the_future(stad, casus) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 6, 2),
                   scores={"financien": 3})
    assert "toekomst" in exc.value.message_dict["datum"][0]
    assert not ZrmMeting.objects.exists()
    assert zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 6, 1),
                      scores={"financien": 3})


@pytest.mark.parametrize("who", ["manager", "beheerder", "inwoner"])
def test_only_professionals_and_teamleiders_record(stad, casus, who: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Alleen professionals"):
        zrm_record(user=getattr(stad, who), casus=casus, datum=dt.date(2026, 5, 1),
                   scores={"financien": 3})
    assert not ZrmMeting.objects.exists()


def test_no_new_assessment_on_a_closed_casus(stad, casus) -> None:  # type: ignore[no-untyped-def]
    Casus.objects.filter(pk=casus.pk).update(status=CasusStatus.AFGESLOTEN)
    casus.refresh_from_db()
    with pytest.raises(ValidationError, match="afgesloten"):
        zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 5, 1), scores={"financien": 3})
    with pytest.raises(ValidationError, match="afgesloten"):
        zrm_self_assess(inwoner=stad.inwoner, casus=casus, scores={"financien": 3})


def test_self_assessment_is_the_residents_own_dated_today(stad, casus) -> None:  # type: ignore[no-untyped-def]
    meting = zrm_self_assess(inwoner=stad.inwoner, casus=casus,
                             scores={"sociaal_netwerk": 2})
    assert (meting.door, meting.door_inwoner, meting.datum) == (None, True, dt.date(2026, 6, 1))
    log = Toegangslog.objects.get(object_type="zrm")
    assert (log.actie, log.grond, log.user_id, log.rol) == \
        ("wijzigen", "eigen", stad.inwoner.pk, "inwoner")
    for other in (stad.andere_inwoner, stad.pro):
        with pytest.raises(ValidationError, match="inwoner zelf"):
            zrm_self_assess(inwoner=other, casus=casus, scores={"financien": 3})
    with pytest.raises(ValidationError, match="minstens één onderwerp"):
        zrm_self_assess(inwoner=stad.inwoner, casus=casus, scores={})
    assert ZrmMeting.objects.count() == 1


# --- Database rules ---------------------------------------------------------------------------


@pytest.mark.parametrize("niveau", [0, 6])
def test_database_rejects_levels_outside_1_to_5(stad, casus, niveau: int) -> None:  # type: ignore[no-untyped-def]
    meting = ZrmMeting.objects.create(casus=casus, datum=dt.date(2026, 5, 1), door=stad.pro)
    with pytest.raises(IntegrityError), transaction.atomic():
        ZrmScore.objects.create(meting=meting, domein="financien", niveau=niveau)
    score = ZrmScore.objects.create(meting=meting, domein="financien", niveau=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        ZrmScore.objects.filter(pk=score.pk).update(niveau=niveau)


def test_database_allows_one_score_per_domain_per_assessment(stad, casus) -> None:  # type: ignore[no-untyped-def]
    meting = ZrmMeting.objects.create(casus=casus, datum=dt.date(2026, 5, 1), door=stad.pro)
    ZrmScore.objects.create(meting=meting, domein="financien", niveau=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        ZrmScore.objects.create(meting=meting, domein="financien", niveau=4)
    other = ZrmMeting.objects.create(casus=casus, datum=dt.date(2026, 5, 2), door=stad.pro)
    ZrmScore.objects.create(meting=other, domein="financien", niveau=4)   # another assessment
    with pytest.raises(IntegrityError), transaction.atomic():
        ZrmScore.objects.create(meting=meting, domein="geluk", niveau=4)


def test_database_ties_self_assessment_to_no_professional(stad, casus) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), transaction.atomic():
        ZrmMeting.objects.create(casus=casus, datum=dt.date(2026, 5, 1), door=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        ZrmMeting.objects.create(casus=casus, datum=dt.date(2026, 5, 1), door=stad.pro,
                                 door_inwoner=True)


# --- Selectors --------------------------------------------------------------------------------


def test_history_and_comparison_of_a_known_set(stad, casus) -> None:  # type: ignore[no-untyped-def]
    m1, m2, m3 = _known_set(stad, casus)
    history = zrm_history(casus=casus)
    assert [m.pk for m in history] == [m3.pk, m2.pk, m1.pk]
    assert history[0].scores == {"financien": 4, "huisvesting": 4, "justitie": 1}
    assert list(history[0].scores) == ["financien", "huisvesting", "justitie"]  # domain order
    assert history[1].door_inwoner and history[1].door_naam == "Sanne de Vries"
    assert history[2].door_naam == stad.pro.get_full_name()

    verloop = zrm_verloop(metingen=history)
    assert [m.pk for m in verloop.metingen] == [m1.pk, m2.pk, m3.pk]
    per_domein = {d.domein: [(p.meting_id, p.volgnummer, p.niveau, p.door_inwoner)
                             for p in d.punten] for d in verloop.domeinen}
    assert per_domein == {
        "financien": [(m1.pk, 0, 2, False), (m2.pk, 1, 3, True), (m3.pk, 2, 4, False)],
        "huisvesting": [(m1.pk, 0, 4, False), (m3.pk, 2, 4, False)],
        "justitie": [(m3.pk, 2, 1, False)],
    }

    eerste_laatste = {el.domein: (el.eerste.niveau, el.laatste.niveau, el.aantal, el.verschil)
                      for el in zrm_eerste_laatste(metingen=history)}
    assert eerste_laatste == {"financien": (2, 4, 2, 2), "huisvesting": (4, 4, 2, 0),
                              "justitie": (1, 1, 1, 0)}
    zelf = zrm_eerste_laatste(metingen=history, door_inwoner=True)
    assert [(el.domein, el.eerste.niveau, el.laatste.niveau) for el in zelf] == \
        [("financien", 3, 3)]

    naast = zrm_naast_elkaar(metingen=history)
    assert (naast.zelf.pk, naast.professional.pk) == (m2.pk, m3.pk)  # type: ignore[union-attr]
    assert [(r.domein, r.zelf, r.professional) for r in naast.rijen] == \
        [("financien", 3, 4), ("huisvesting", None, 4), ("justitie", None, 1)]

    assert zrm_summary(verschillen=zrm_eerste_laatste(metingen=history)) == [
        "Financiën ging van 2 naar 4: vooruit (10 januari 2026 – 5 maart 2026).",
        "Huisvesting bleef op 4 (10 januari 2026 – 5 maart 2026).",
        "Justitie: één meting, niveau 1 (5 maart 2026).",
    ]


def test_summary_says_when_a_domain_went_down(stad, casus) -> None:  # type: ignore[no-untyped-def]
    zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 1, 1), scores={"huisvesting": 4})
    zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 2, 1), scores={"huisvesting": 2})
    history = zrm_history(casus=casus)
    assert zrm_summary(verschillen=zrm_eerste_laatste(metingen=history)) == [
        "Huisvesting ging van 4 naar 2: achteruit (1 januari 2026 – 1 februari 2026)."]


def _record_many(stad, casus, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 1, 1) + dt.timedelta(days=i),
                   scores={"financien": 1 + i % 5, "justitie": 5})
        zrm_self_assess(inwoner=stad.inwoner, casus=casus, scores={"financien": 3})


def test_history_runs_two_queries_for_any_number_of_assessments(stad, casus) -> None:  # type: ignore[no-untyped-def]
    casus = Casus.objects.select_related("intake").get(pk=casus.pk)
    _record_many(stad, casus, 1)
    with CaptureQueriesContext(connection) as one:
        assert len(zrm_history(casus=casus)) == 2
    _record_many(stad, casus, 9)
    with CaptureQueriesContext(connection) as many:
        assert len(zrm_history(casus=casus)) == 20
    assert len(one.captured_queries) == len(many.captured_queries) == 2


def test_timeline_shows_both_kinds_also_to_the_resident(stad, casus) -> None:  # type: ignore[no-untyped-def]
    _known_set(stad, casus)
    regels = [r for r in casus_tijdlijn(casus=casus, voor_inwoner=True) if r.soort == "zrm"]
    assert [r.titel for r in regels] == ["ZRM-meting"] * 3
    teksten = {r.door: r.tekst for r in regels}
    assert teksten[stad.teamleider.get_full_name()] == \
        "Meting van 5 maart 2026: Financiën 4, Huisvesting 4, Justitie 1."
    assert teksten["Sanne de Vries"] == \
        "Zelfbeoordeling van de inwoner op 1 februari 2026: Financiën 3."


# --- Pages: who may open them -------------------------------------------------------------------

STAFF_PAGES = ["/werk/casussen/{pk}/zrm/", "/werk/casussen/{pk}/zrm/nieuw/"]
RESIDENT_PAGES = ["/mijn/casussen/{pk}/zrm/", "/mijn/casussen/{pk}/zrm/invullen/"]


def _user(stad, who: str):  # type: ignore[no-untyped-def]
    if who == "collega":   # a team member who is not the regiehouder
        return ProfessionalFactory(teams=[stad.wijkteam])
    return getattr(stad, who)


def _zrm_log_rows() -> list[Toegangslog]:
    return list(Toegangslog.objects.filter(object_type="zrm").order_by("id"))


@pytest.mark.parametrize("who", ["pro", "collega", "teamleider"])
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_casus_team_opens_the_staff_pages_and_each_view_is_logged(client, stad, casus, who,
                                                                  url) -> None:  # type: ignore[no-untyped-def]
    user = _user(stad, who)
    client.force_login(user)
    response = client.get(url.format(pk=casus.pk))
    assert response.status_code == 200
    [row] = _zrm_log_rows()
    assert (row.actie, row.user_id, row.casus_id, row.inwoner_id) == \
        ("bekijken", user.pk, casus.pk, stad.inwoner.pk)


@pytest.mark.parametrize("who", ["pro_noord", "pro_jeugd", "manager", "beheerder", "inwoner",
                                 "andere_inwoner"])
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_others_get_404_on_the_staff_pages(client, stad, casus, who, url) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, who))
    assert client.get(url.format(pk=casus.pk)).status_code == 404
    # Refused before the method is looked at: a POST to the page without a form is a 404 too.
    assert client.post(url.format(pk=casus.pk), {"financien": "3"}).status_code == 404
    assert not _zrm_log_rows() and not ZrmMeting.objects.exists()


def test_consent_gives_another_team_reading_but_not_recording(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    client.force_login(stad.pro_jeugd)
    assert client.get(f"/werk/casussen/{casus.pk}/zrm/").status_code == 200
    assert "Nieuwe meting vastleggen" not in \
        client.get(f"/werk/casussen/{casus.pk}/zrm/").content.decode()
    assert client.get(f"/werk/casussen/{casus.pk}/zrm/nieuw/").status_code == 404
    response = client.post(f"/werk/casussen/{casus.pk}/zrm/nieuw/",
                           {"datum": "01-05-2026", "financien": "3"})
    assert response.status_code == 404 and not ZrmMeting.objects.exists()


def test_anonymous_goes_to_the_right_login(client, casus) -> None:  # type: ignore[no-untyped-def]
    assert client.get(f"/werk/casussen/{casus.pk}/zrm/")["Location"].startswith(
        "/medewerker/inloggen/")
    assert client.get(f"/mijn/casussen/{casus.pk}/zrm/")["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("url", RESIDENT_PAGES)
def test_resident_opens_own_pages_and_each_view_is_logged(client, stad, casus, url) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.inwoner)
    assert client.get(url.format(pk=casus.pk)).status_code == 200
    [row] = _zrm_log_rows()
    assert (row.actie, row.grond, row.user_id, row.casus_id) == \
        ("bekijken", "eigen", stad.inwoner.pk, casus.pk)


@pytest.mark.parametrize("who", ["andere_inwoner", "pro", "teamleider", "manager"])
@pytest.mark.parametrize("url", RESIDENT_PAGES)
def test_others_get_404_on_the_resident_pages(client, stad, casus, who, url) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, who))
    assert client.get(url.format(pk=casus.pk)).status_code == 404
    # Refused before the method is looked at: a POST to the page without a form is a 404 too.
    assert client.post(url.format(pk=casus.pk), {"financien": "3"}).status_code == 404
    assert not _zrm_log_rows() and not ZrmMeting.objects.exists()


# --- Pages: recording -----------------------------------------------------------------------------


def test_professional_records_an_assessment(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(f"/werk/casussen/{casus.pk}/zrm/nieuw/", {
        "datum": "15-05-2026", "financien": "2", "huisvesting": "", "justitie": "5",
        "toelichting": "Samen met mevrouw ingevuld."})
    assert response.status_code == 302
    assert response["Location"] == f"/werk/casussen/{casus.pk}/zrm/"
    meting = ZrmMeting.objects.get()
    assert (meting.datum, meting.door, meting.toelichting) == \
        (dt.date(2026, 5, 15), stad.pro, "Samen met mevrouw ingevuld.")
    assert dict(meting.scores.values_list("domein", "niveau")) == {"financien": 2, "justitie": 5}
    assert [r.actie for r in _zrm_log_rows()] == ["wijzigen"]   # one row: the change
    page = client.get(response["Location"]).content.decode()
    assert "De ZRM-meting is opgeslagen." in page


@pytest.mark.parametrize("data, fout", [
    ({"datum": "15-05-2026"}, "Geef minstens één levensgebied een score."),
    ({"datum": "02-06-2026", "financien": "3"}, "kan niet in de toekomst liggen"),
    ({"datum": "31-02-2026", "financien": "3"}, "Vul een datum in zoals 15-03-2026."),
    ({"datum": "15-05-2026", "financien": "6"}, "Kies een niveau van 1 tot en met 5"),
])
def test_wrong_input_keeps_what_was_typed_and_shows_the_error_summary(client, stad, casus, data,
                                                                      fout) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    data = {**data, "toelichting": "Bewaar mij"}
    response = client.post(f"/werk/casussen/{casus.pk}/zrm/nieuw/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-error-summary" in html and fout in html
    assert "Bewaar mij" in html
    assert not ZrmMeting.objects.exists()
    assert [r.actie for r in _zrm_log_rows()] == ["bekijken"]


def test_form_has_13_radio_groups_with_level_names_and_not_scored_as_default(client, stad,
                                                                             casus) -> None:  # type: ignore[no-untyped-def]
    zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 3, 1), scores={"financien": 2})
    client.force_login(stad.pro)
    html = client.get(f"/werk/casussen/{casus.pk}/zrm/nieuw/").content.decode()
    assert html.count("<fieldset") == 13 and html.count("<legend") == 13
    assert len(re.findall(r'type="radio"[^>]*value=""[^>]*checked', html)) == 13
    assert "3 – beperkt zelfredzaam" in html and "Niet gescoord" in html
    assert "Vorige meting: 2 op 1 maart 2026." in html


def test_resident_scores_themselves_in_plain_words(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 3, 1),
               scores={"financien": 2, "justitie": 5})
    client.force_login(stad.inwoner)
    form = client.get(f"/mijn/casussen/{casus.pk}/zrm/invullen/").content.decode()
    assert "Geld en schulden" in form and "Sla ik over" in form
    assert "Financiën" not in form and "zelfredzaam" not in form   # no professional jargon
    empty = client.post(f"/mijn/casussen/{casus.pk}/zrm/invullen/", {"toelichting": "x"})
    assert empty.status_code == 400
    assert "Kies bij minstens één onderwerp een antwoord." in empty.content.decode()
    response = client.post(f"/mijn/casussen/{casus.pk}/zrm/invullen/",
                           {"financien": "3", "sociaal_netwerk": "4"})
    assert response.status_code == 302
    meting = ZrmMeting.objects.get(door_inwoner=True)
    assert dict(meting.scores.values_list("domein", "niveau")) == \
        {"financien": 3, "sociaal_netwerk": 4}
    page = client.get(response["Location"])
    rows = [(r.domein, r.zelf, r.professional) for r in page.context["vergelijking"].rijen]
    assert rows == [("financien", 3, 2), ("sociaal_netwerk", 4, None), ("justitie", None, 5)]
    html = page.content.decode()
    assert "3 – Het lukt een beetje, maar met moeite" in html
    assert "2 – Het lukt niet zonder hulp" in html


def test_resident_cannot_self_assess_another_residents_casus(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.andere_inwoner)
    response = client.post(f"/mijn/casussen/{casus.pk}/zrm/invullen/", {"financien": "3"})
    assert response.status_code == 404 and not ZrmMeting.objects.exists()


def test_links_from_the_casus_page_and_from_mijn_toegang(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    assert f'href="/werk/casussen/{casus.pk}/zrm/"' in \
        client.get(f"/werk/casussen/{casus.pk}/").content.decode()
    client.force_login(stad.inwoner)
    html = client.get(f"/mijn/aanvragen/{casus.intake_id}/").content.decode()
    assert f'href="/mijn/casussen/{casus.pk}/zrm/"' in html
    # Without a casus the page still works and has no link.
    zonder = IntakeFactory(inwoner=stad.inwoner)
    response = client.get(f"/mijn/aanvragen/{zonder.pk}/")
    assert response.status_code == 200 and "/zrm/" not in response.content.decode()


# --- The staff page: chart, table, summary, query count -------------------------------------------


class _Collect(HTMLParser):
    """Collects the data points of the SVG charts and the numbers in the table cells."""

    def __init__(self) -> None:
        super().__init__()
        self.punten: list[tuple[str, int, int]] = []
        self.cellen: list[tuple[str, int, int]] = []
        self.svgs: list[dict[str, str | None]] = []
        self.ids: dict[str, str] = {}
        self._cel: tuple[str, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids[a["id"]] = tag  # type: ignore[index]
        if tag == "svg" and a.get("role") == "img":
            self.svgs.append(a)
        if "zrm-punt" in (a.get("class") or ""):
            self.punten.append((a["data-domein"], int(a["data-meting"]),  # type: ignore[arg-type]
                                int(a["data-niveau"])))  # type: ignore[arg-type]
        if tag == "td" and a.get("data-domein"):
            self._cel = (a["data-domein"], int(a["data-meting"]))  # type: ignore[arg-type]

    def handle_data(self, data: str) -> None:
        if self._cel and data.strip():
            self.cellen.append((*self._cel, int(data)))
            self._cel = None


def test_chart_has_one_point_per_score_and_the_table_the_same_numbers(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    _known_set(stad, casus)
    zrm_self_assess(inwoner=stad.inwoner, casus=casus, scores={"justitie": 2, "huisvesting": 5})
    expected = sorted(ZrmScore.objects.values_list("domein", "meting_id", "niveau"))
    client.force_login(stad.pro)
    html = client.get(f"/werk/casussen/{casus.pk}/zrm/").content.decode()
    parsed = _Collect()
    parsed.feed(html)
    assert sorted(parsed.punten) == expected and len(parsed.punten) == 8
    assert sorted(parsed.cellen) == expected
    # One chart per scored domain, each a labelled image with a title and a description.
    assert len(parsed.svgs) == 3
    for svg in parsed.svgs:
        titel, uitleg = (svg["aria-labelledby"] or "").split()
        assert (parsed.ids[titel], parsed.ids[uitleg]) == ("title", "desc")
    # Every series is told apart by shape and line style, not by colour alone.
    assert 'stroke-dasharray="6 4"' in html and "<rect class=\"zrm-punt\"" in html
    assert "<circle class=\"zrm-punt\"" in html
    assert "Financiën ging van 2 naar 4: vooruit" in html
    assert '<th class="utrecht-table__header-cell" scope="row">Financiën</th>' in html
    assert "<caption" in html
    # Strict CSP: no inline scripts or style attributes; coordinates are not localised.
    assert "<script>" not in html and " style=" not in html
    assert not re.search(r'c[xy]="\d+,\d', html)


def test_staff_page_without_assessments(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    html = client.get(f"/werk/casussen/{casus.pk}/zrm/").content.decode()
    assert "Er is nog geen ZRM-meting vastgelegd" in html and "<svg" not in html


def test_staff_page_query_count_is_the_same_for_1_and_10_assessments(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    url = f"/werk/casussen/{casus.pk}/zrm/"
    _record_many(stad, casus, 1)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _record_many(stad, casus, 9)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    assert len(response.context["metingen"]) == 20
    assert len(ten.captured_queries) == len(one.captured_queries)
