"""ZRM assessments: validation, database rules, history and comparison, the timeline."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from casussen.models import Casus, CasusStatus
from casussen.models_zrm import ZrmMeting, ZrmScore
from casussen.selectors_zrm import (
    zrm_eerste_laatste,
    zrm_history,
    zrm_naast_elkaar,
    zrm_verloop,
)
from casussen.services import casus_open
from casussen.services_zrm import zrm_record, zrm_self_assess
from casussen.tijdlijn import casus_tijdlijn
from casussen.zrm_chart import zrm_summary
from tests.factories import make_intake
from toegang.audit.models import Toegangslog

# A fixed "today", so that the dates of the known set below are in the past.
VANDAAG = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(VANDAAG, tick=True):
        yield


@pytest.fixture
def casus(stad) -> Casus:  # type: ignore[no-untyped-def]
    return casus_open(user=stad.pro, intake=make_intake(inwoner=stad.inwoner))


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
