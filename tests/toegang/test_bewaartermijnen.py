"""Retention (bewaartermijnen): closed cases and old intakes lose their personal data after the
term of their wet, the management figures stay the same, drafts go after 30 days; idempotent,
batched and recorded. Clocks are frozen with time_machine."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from casussen.besluit import services as besluit
from casussen.besluit.models import (
    Aanvraag,
    AanvraagVia,
    Beschikking,
    Besluit,
    BesluitGebeurtenis,
    Bezwaar,
    Levering,
    Onderzoek,
    Toekenning,
    Vormwens,
)
from casussen.models import CasusGebeurtenis, Contactmoment, Notitie, Overdracht
from casussen.plan.models import Actie, Doel, Ondersteuningsplan, PlanVersie, Voorziening
from casussen.services import (
    ave_set,
    casus_transition,
    contactmoment_add,
    notitie_add,
)
from casussen.toewijzing.models import Bericht, Verzoek
from casussen.zrm.models import ZrmMeting, ZrmScore
from casussen.zrm.services import zrm_record
from intake.gegevens import HuishoudlidGegevens
from intake.models import (
    Aanvulling,
    Bijlage,
    Huishoudlid,
    Intake,
    IntakeLevensgebied,
    Toestemming,
    Veiligheidsmelding,
)
from intake.services import (
    aanvulling_add,
    toestemming_give,
    veiligheidsmelding_create,
)
from intake.wizard.models import IntakeConcept
from intake.wizard.services import concept_bijlage_add
from regie.stuur.refresh import TABELLEN, stuurinformatie_refresh
from regie.termijnen.models import Termijn
from tests.besluitpad import catalogus_make
from tests.bestanden import PDF
from tests.factories import CasusFactory, IntakeFactory
from tests.toewijzingpad import verzoek_make
from toegang.audit.models import Toegangslog
from toegang.audit.services import toegangslog_write
from toegang.bewaren.models import Bewaaractie, Bewaartermijn
from toegang.bewaren.services import bewaartermijnen_apply
from toegang.catalogus.models import Zorgaanbieder

AMS = dt.timezone(dt.timedelta(hours=1))
GESLOTEN = dt.datetime(2026, 5, 10, 12, tzinfo=AMS)
GEHEIM = "Geheimtekst"


def at(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=AMS)


def _closed_case(stad, *, over_kind: bool = False, jeugd_toestemming: bool = False):  # type: ignore[no-untyped-def]
    """A case with every kind of personal content, closed on GESLOTEN."""
    pro = stad.pro_jeugd if over_kind else stad.pro
    with time_machine.travel(at(2026, 3, 2), tick=False):
        intake = IntakeFactory(
            inwoner=stad.inwoner, postcode="7511AA", over_kind=over_kind,
            voornaam="Sanne", achternaam="Geheimnaam", bsn="111222333",
            vraag=f"{GEHEIM} vraag", wat_gaat_goed=f"{GEHEIM} goed", wie_helpt=f"{GEHEIM} hulp",
            wens=f"{GEHEIM} wens", veiligheid_toelichting=f"{GEHEIM} veilig",
            contact_tijden="ochtend", levensgebieden=["financien", "huisvesting"],
            huishouden=[HuishoudlidGegevens(relatie="kind", naam="Noor", geboortejaar=2018)])
        aanvulling_add(user=stad.inwoner, intake=intake, tekst=f"{GEHEIM} aanvulling",
                       grond="eigen", bestanden=[SimpleUploadedFile("brief.pdf", PDF)])
        if jeugd_toestemming:
            toestemming_give(intake=intake, wet="JEUGDWET", user=None, ouder_akkoord=True,
                             ouder_naam="Ouder Geheimnaam")
    with time_machine.travel(at(2026, 3, 3), tick=False):
        casus = CasusFactory(intake=intake, opgepakt_door=pro)
        contactmoment_add(user=pro, casus=casus, soort="telefoon", tijdstip=at(2026, 3, 3),
                          verslag=f"{GEHEIM} verslag")
        notitie_add(user=pro, casus=casus, tekst=f"{GEHEIM} notitie")
        zrm_record(user=pro, casus=casus, datum=dt.date(2026, 3, 3),
                   scores={"financien": 2}, toelichting=f"{GEHEIM} zrm")
        ave_set(user=pro, casus=casus, fase=3, reden=f"{GEHEIM} ave")
        veiligheidsmelding_create(user=pro, intake=intake, reden=f"{GEHEIM} zorgen",
                                  meldcode_stap=1, teams=[stad.jeugdteam])
        plan = Ondersteuningsplan.objects.create(casus=casus)
        versie = PlanVersie.objects.create(plan=plan, nummer=1, status="akkoord",
                                           samenvatting=f"{GEHEIM} plan", gemaakt_door=pro,
                                           gedeeld_op=at(2026, 3, 4), akkoord_op=at(2026, 3, 5),
                                           opmerking_inwoner=f"{GEHEIM} opmerking")
        Doel.objects.create(versie=versie, levensgebied="financien", omschrijving=f"{GEHEIM} d",
                            zrm_start=2, zrm_doel=4, verantwoordelijke="inwoner")
        Actie.objects.create(versie=versie, omschrijving=f"{GEHEIM} a", eigenaar="netwerk",
                             eigenaar_naam="Tante Geheimnaam")
        Voorziening.objects.create(versie=versie, wet="WMO", omschrijving=f"{GEHEIM} v")
        # A provider's request for this resident, with its message (BSN and name inside).
        aanbieder, _nieuw = Zorgaanbieder.objects.get_or_create(
            agb_code="75000001", defaults={"naam": "Zorg Dichtbij"})
        verzoek = verzoek_make(intake=intake, aanbieder=aanbieder, casus=casus)
        Verzoek.objects.filter(pk=verzoek.pk).update(toelichting=f"{GEHEIM} verzoek")
    with time_machine.travel(at(2026, 5, 1), tick=False):
        zrm_record(user=pro, casus=casus, datum=dt.date(2026, 5, 1), scores={"financien": 4})
    with time_machine.travel(GESLOTEN, tick=False):
        casus_transition(user=pro, casus=casus, naar="afgesloten", reden=f"{GEHEIM} klaar")
    return casus


def _persoonlijk(intake: Intake) -> list[str]:
    """Every piece of personal text still stored for this intake and its case."""
    intake.refresh_from_db()
    texts = [intake.voornaam, intake.achternaam, intake.bsn_versleuteld, intake.bsn_hash,
             intake.straat, intake.postcode, intake.woonplaats, intake.telefoon, intake.email,
             intake.contact_tijden, intake.vraag, intake.wat_gaat_goed, intake.wie_helpt,
             intake.wens, intake.veiligheid_toelichting]
    texts += list(Aanvulling.objects.filter(intake=intake).values_list("tekst", flat=True))
    texts += list(Huishoudlid.objects.filter(intake=intake).values_list("naam", flat=True))
    texts += list(Bijlage.objects.filter(intake=intake).values_list("naam", flat=True))
    texts += list(Toestemming.objects.filter(intake=intake).values_list("ouder_naam", flat=True))
    for row in Veiligheidsmelding.objects.filter(intake=intake).values_list(
            "reden", "reden_niet_tonen", "beoordeling_toelichting"):
        texts += row
    casus = getattr(intake, "casus", None)
    if casus is not None:
        casus.refresh_from_db()
        texts += [casus.ave_reden, casus.sluitreden]
        texts += list(Contactmoment.objects.filter(casus=casus).values_list("verslag", flat=True))
        texts += list(Notitie.objects.filter(casus=casus).values_list("tekst", flat=True))
        texts += list(CasusGebeurtenis.objects.filter(casus=casus).values_list("reden",
                                                                               flat=True))
        texts += list(ZrmMeting.objects.filter(casus=casus).values_list("toelichting",
                                                                        flat=True))
        for row in PlanVersie.objects.filter(plan__casus=casus).values_list(
                "samenvatting", "opmerking_inwoner"):
            texts += row
        texts += list(Doel.objects.filter(versie__plan__casus=casus)
                      .values_list("omschrijving", flat=True))
        for row in Actie.objects.filter(versie__plan__casus=casus).values_list(
                "omschrijving", "eigenaar_naam"):
            texts += row
        texts += list(Voorziening.objects.filter(versie__plan__casus=casus)
                      .values_list("omschrijving", flat=True))
        for row in Overdracht.objects.filter(casus=casus).values_list("situatie", "risicos"):
            texts += row
    for row in Bericht.objects.filter(verzoeken__intake=intake).values_list("inhoud",
                                                                            "bsn_hash"):
        texts += row
    for row in Verzoek.objects.filter(intake=intake).values_list("toelichting", "verwijzer"):
        texts += row
    texts += [t for row in Termijn.objects.filter(intake=intake).values_list(
        "omschrijving", "toelichting") for t in row]
    return [t for t in texts if t]


def test_nothing_happens_before_the_term(stad) -> None:  # type: ignore[no-untyped-def]
    casus = _closed_case(stad)
    before = _persoonlijk(casus.intake)
    assert sum(GEHEIM in t for t in before) == 20  # each text written with the secret
    with time_machine.travel(GESLOTEN.replace(year=2033) - dt.timedelta(days=1), tick=False):
        assert bewaartermijnen_apply() == []
    assert _persoonlijk(casus.intake) == before
    assert not Bewaaractie.objects.exists()


def test_after_the_term_the_personal_data_is_gone_and_the_figures_stay(stad) -> None:  # type: ignore[no-untyped-def]
    casus = _closed_case(stad)
    intake = casus.intake
    bestand = Path(Bijlage.objects.get(intake=intake).bestand.path)
    assert bestand.exists()
    now = GESLOTEN.replace(year=2033) + dt.timedelta(days=1)
    stuurinformatie_refresh(now=now)
    figures_before = _figures()
    with time_machine.travel(now, tick=False), \
            pytest.MonkeyPatch.context() as mp:
        mp.setattr(transaction, "on_commit", lambda f, using=None, robust=False: f())
        acties = bewaartermijnen_apply()
    assert [(a.soort, a.aantal, a.ids, a.bestanden) for a in acties] == [
        ("casus", 1, [intake.pk], 1)]
    assert _persoonlijk(intake) == []
    assert not bestand.exists()
    intake.refresh_from_db()
    assert intake.inwoner_id is None and intake.geanonimiseerd_op == now
    assert intake.geboortedatum == dt.date(1985, 1, 1)  # only the year is kept
    # What the figures need stays.
    assert intake.wijk_id == stad.centrum.pk and intake.team_id == stad.wijkteam.pk
    assert sorted(IntakeLevensgebied.objects.filter(intake=intake)
                  .values_list("levensgebied", flat=True)) == ["financien", "huisvesting"]
    assert list(ZrmScore.objects.filter(meting__casus=casus).order_by("meting__datum")
                .values_list("niveau", flat=True)) == [2, 4]
    stuurinformatie_refresh(now=now)
    assert _figures() == figures_before
    # (and they are there: the case's online intake is counted)
    assert [row[4:] for row in figures_before["StuurInstroom"]] == [("online", 1, 0)]


def test_running_twice_changes_nothing_more(stad) -> None:  # type: ignore[no-untyped-def]
    casus = _closed_case(stad)
    now = GESLOTEN.replace(year=2034)
    with time_machine.travel(now, tick=False):
        assert len(bewaartermijnen_apply()) == 1
    snapshot = _snapshot(casus.intake)
    with time_machine.travel(now + dt.timedelta(days=1), tick=False):
        assert bewaartermijnen_apply() == []
    assert _snapshot(casus.intake) == snapshot
    assert Bewaaractie.objects.count() == 1


def test_the_longest_term_of_every_wet_involved_applies(stad) -> None:  # type: ignore[no-untyped-def]
    wmo = _closed_case(stad)
    jeugd = _closed_case(stad, over_kind=True)
    wmo_met_jeugd_toestemming = _closed_case(stad, jeugd_toestemming=True)
    jeugd_voor = _persoonlijk(jeugd.intake)
    met_toestemming_voor = _persoonlijk(wmo_met_jeugd_toestemming.intake)
    with time_machine.travel(GESLOTEN.replace(year=2034), tick=False):
        bewaartermijnen_apply()
    assert _persoonlijk(wmo.intake) == []
    # The Jeugdwet's 20 years hold for both others: nothing of them is touched yet.
    assert _persoonlijk(jeugd.intake) == jeugd_voor
    assert _persoonlijk(wmo_met_jeugd_toestemming.intake) == met_toestemming_voor
    with time_machine.travel(GESLOTEN.replace(year=2046) - dt.timedelta(days=1), tick=False):
        assert bewaartermijnen_apply() == []
    with time_machine.travel(GESLOTEN.replace(year=2046) + dt.timedelta(days=1), tick=False):
        [actie] = bewaartermijnen_apply()
    assert sorted(actie.ids) == sorted([jeugd.intake_id, wmo_met_jeugd_toestemming.intake_id])
    assert _persoonlijk(jeugd.intake) == [] == _persoonlijk(wmo_met_jeugd_toestemming.intake)


def test_the_municipality_sets_the_term(stad) -> None:  # type: ignore[no-untyped-def]
    casus = _closed_case(stad)
    Bewaartermijn.objects.filter(wet="WMO").update(jaren=10)
    with time_machine.travel(GESLOTEN.replace(year=2034), tick=False):
        assert bewaartermijnen_apply() == []
    with time_machine.travel(GESLOTEN.replace(year=2036) + dt.timedelta(days=1), tick=False):
        assert len(bewaartermijnen_apply()) == 1
    assert _persoonlijk(casus.intake) == []


def test_open_cases_are_never_touched(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(2026, 3, 2), tick=False):
        intake = IntakeFactory(opgepakt_door=stad.pro, vraag=f"{GEHEIM} open")
    with time_machine.travel(at(2060, 1, 1), tick=False):
        assert bewaartermijnen_apply() == []
    intake.refresh_from_db()
    assert intake.vraag == f"{GEHEIM} open"


def test_intakes_never_picked_up_count_from_their_last_activity(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(2026, 3, 2), tick=False):
        stil = IntakeFactory(postcode="7511AA", vraag=f"{GEHEIM} stil")
        later_aangevuld = IntakeFactory(postcode="7511AA", vraag=f"{GEHEIM} later")
    with time_machine.travel(at(2027, 6, 1), tick=False):
        aanvulling_add(user=stad.pro, intake=later_aangevuld, tekst="nog iets", grond="routering")
    with time_machine.travel(at(2033, 3, 3), tick=False):
        [actie] = bewaartermijnen_apply()
    assert (actie.soort, actie.ids) == ("intake", [stil.pk])
    assert _persoonlijk(stil) == [] and _persoonlijk(later_aangevuld)
    with time_machine.travel(at(2034, 6, 2), tick=False):
        [actie] = bewaartermijnen_apply()
    assert actie.ids == [later_aangevuld.pk]


def test_batches_are_recorded_one_row_each(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(2026, 3, 2), tick=False):
        intakes = [IntakeFactory(postcode="7511AA") for _ in range(5)]
    with time_machine.travel(at(2034, 1, 1), tick=False):
        acties = bewaartermijnen_apply(batch=2)
    assert [a.aantal for a in acties] == [2, 2, 1]
    assert sorted(i for a in acties for i in a.ids) == sorted(i.pk for i in intakes)
    assert not Intake.objects.filter(geanonimiseerd_op__isnull=True).exists()


def test_access_log_is_kept_without_the_residents_name(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(2026, 3, 2), tick=False):
        intake = IntakeFactory(kanaal="telefoon", ingevoerd_door=stad.pro, inwoner=stad.inwoner)
        aanvulling_add(user=stad.inwoner, intake=intake, tekst="x", grond="eigen")
        toegangslog_write(user=stad.pro, actie="bekijken", grond="routering",
                          object_type="intake", object_id=intake.pk, intake_id=intake.pk,
                          inwoner_id=stad.inwoner.pk)
    rows_before = Toegangslog.objects.filter(intake_id=intake.pk).count()
    assert Toegangslog.objects.filter(intake_id=intake.pk, namens="Sanne de Vries").exists()
    with time_machine.travel(at(2034, 1, 1), tick=False):
        bewaartermijnen_apply()
    log = Toegangslog.objects.filter(intake_id=intake.pk)
    assert log.count() == rows_before
    assert not log.exclude(namens="").exists()
    resident_rows = log.filter(rol="inwoner")
    assert resident_rows.exists()
    assert set(resident_rows.values_list("user_naam", "ip")) == {("inwoner", None)}
    staff = log.filter(user_id=stad.pro.pk).values_list("user_naam", flat=True)
    assert list(staff) and all(naam and naam != "inwoner" for naam in staff)  # who stays


def test_abandoned_drafts_go_after_30_days_with_their_files(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(at(2026, 3, 1), tick=False):
        oud = IntakeConcept.objects.create(token_hash="a" * 64, gegevens={"vraag": {"x": 1}})
        bijlage = concept_bijlage_add(concept=oud, upload=SimpleUploadedFile("b.pdf", PDF))
    with time_machine.travel(at(2026, 3, 20), tick=False):
        recent = IntakeConcept.objects.create(token_hash="b" * 64)
    pad = Path(bijlage.bestand.path)
    with time_machine.travel(at(2026, 3, 31), tick=False):
        assert bewaartermijnen_apply() == []
    with time_machine.travel(at(2026, 4, 1), tick=False), \
            pytest.MonkeyPatch.context() as mp:
        mp.setattr(transaction, "on_commit", lambda f, using=None, robust=False: f())
        [actie] = bewaartermijnen_apply()
    assert (actie.soort, actie.ids, actie.bestanden) == ("concept", [oud.pk], 1)
    assert list(IntakeConcept.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not pad.exists()


def test_the_daily_task_is_scheduled_and_runs(stad, settings) -> None:  # type: ignore[no-untyped-def]
    from toegang.bewaren.tasks import bewaartermijnen

    entry = settings.CELERY_BEAT_SCHEDULE["bewaartermijnen"]
    assert entry["task"] == bewaartermijnen.name
    _closed_case(stad)
    with time_machine.travel(GESLOTEN.replace(year=2034), tick=False):
        assert bewaartermijnen.delay().get() == 1


def test_beheerder_edits_terms_and_reads_actions_in_the_admin(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    termijn = Bewaartermijn.objects.get(wet="WMO")
    assert client.get("/beheer/bewaren/bewaartermijn/").status_code == 200
    response = client.post(f"/beheer/bewaren/bewaartermijn/{termijn.pk}/change/", {
        "wet": "WMO", "jaren": "10", "grondslag": "Besluit college 2026"})
    assert response.status_code == 302
    termijn.refresh_from_db()
    assert (termijn.jaren, termijn.gewijzigd_door) == (10, stad.beheerder)
    actie = Bewaaractie.objects.create(soort="casus", peildatum=at(2026, 1, 1), aantal=1,
                                       ids=[1])
    assert client.get(f"/beheer/bewaren/bewaaractie/{actie.pk}/change/").status_code == 200
    assert client.get("/beheer/bewaren/bewaaractie/add/").status_code == 403
    assert client.post(f"/beheer/bewaren/bewaaractie/{actie.pk}/delete/").status_code == 403


def test_defaults_exist_for_every_wet(db) -> None:  # type: ignore[no-untyped-def]
    assert dict(Bewaartermijn.objects.values_list("wet", "jaren")) == {
        "JEUGDWET": 20, "WMO": 7, "PARTICIPATIEWET": 7}


def test_access_log_trigger_allows_only_the_retention_change(stad, on_postgres) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(kanaal="telefoon", ingevoerd_door=stad.pro)
    row = Toegangslog.objects.filter(intake_id=intake.pk).exclude(namens="").first()
    assert row is not None
    with pytest.raises(DatabaseError), transaction.atomic():
        Toegangslog.objects.filter(pk=row.pk).update(namens="")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL toegang.bewaartermijn = 'aan'")
        with pytest.raises(DatabaseError), transaction.atomic():
            Toegangslog.objects.filter(pk=row.pk).update(namens="", actie="bekijken")
        with pytest.raises(DatabaseError), transaction.atomic():
            Toegangslog.objects.filter(pk=row.pk).update(namens="", user_naam="iemand anders")
        Toegangslog.objects.filter(pk=row.pk).update(namens="")
    row.refresh_from_db()
    assert row.namens == ""


def _figures() -> dict[str, list[tuple]]:
    out = {}
    for model in TABELLEN:
        fields = [f.name for f in model._meta.concrete_fields if f.name != "id"]
        out[model.__name__] = sorted(model._default_manager.values_list(*fields),
                                     key=repr)
    return out


def _snapshot(intake: Intake) -> tuple:
    intake.refresh_from_db()
    return (intake.geanonimiseerd_op, intake.updated_at, _persoonlijk(intake),
            list(Toegangslog.objects.filter(intake_id=intake.pk).values_list()),
            Aanvulling.objects.count(), Bijlage.objects.count())


# --- The decision path --------------------------------------------------------------------------


def _besluit_teksten(casus) -> list[str]:  # type: ignore[no-untyped-def]
    """Every free text on the decision path of the casus."""
    texts: list[str] = []
    for row in Onderzoek.objects.filter(casus=casus).values_list(
            "hulpvraag", "eigen_kracht", "netwerk", "mantelzorg", "algemene_voorzieningen",
            "maatwerk_toelichting", "opmerking_inwoner"):
        texts += row
    texts += Aanvraag.objects.filter(casus=casus).values_list("toelichting", flat=True)
    for row in Beschikking.objects.filter(casus=casus).values_list("motivering",
                                                                   "reden_wijziging"):
        texts += row
    texts += Toekenning.objects.filter(beschikking__casus=casus).values_list("reden", flat=True)
    texts += Bezwaar.objects.filter(beschikking__casus=casus).values_list("toelichting",
                                                                          flat=True)
    texts += BesluitGebeurtenis.objects.filter(casus=casus).values_list("tekst", flat=True)
    return [t for t in texts if t]


def _closed_case_with_decisions(stad, *, jeugd: bool = False):  # type: ignore[no-untyped-def]
    """A closed Wmo casus with every text of the decision path written with the secret: a
    verslag with a remark, an aanvraag, a decision with a refused line, a herziening that is
    withdrawn, a bezwaar; `jeugd` adds a Jeugdwet decision."""
    with time_machine.travel(at(2026, 3, 2), tick=False):
        cat = catalogus_make()
        casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro,
                             intake__postcode="7511AA")
    with time_machine.travel(at(2026, 3, 3), tick=False):
        onderzoek = besluit.onderzoek_record(user=stad.pro, casus=casus, gegevens=(
            besluit.OnderzoekGegevens(
                gesprek_op=dt.date(2026, 3, 3), hulpvraag=f"{GEHEIM} hulp",
                eigen_kracht=f"{GEHEIM} zelf", netwerk=f"{GEHEIM} netwerk",
                mantelzorg=f"{GEHEIM} mantelzorg", algemene_voorzieningen=f"{GEHEIM} buurt",
                maatwerk_nodig=True, maatwerk_toelichting=f"{GEHEIM} maatwerk",
                vormwens=Vormwens.NATURA)))
        onderzoek = besluit.verslag_send(user=stad.pro, onderzoek=onderzoek)
        besluit.verslag_remark(user=stad.inwoner, onderzoek=onderzoek, tekst=f"{GEHEIM} mening")
        aanvraag = besluit.aanvraag_submit(
            user=stad.inwoner, casus=casus, wet="WMO", ontvangen_op=dt.date(2026, 3, 3),
            via=AanvraagVia.MIJN_TOEGANG, vormwens=Vormwens.NATURA,
            toelichting=f"{GEHEIM} aanvraag", onderzoek=onderzoek)
        beschikking = besluit.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                                aanvraag=aanvraag, motivering=f"{GEHEIM} motief")
        besluit.toekenning_add(user=stad.pro, beschikking=beschikking, regel=besluit.Regel(
            product=cat.begeleiding, besluit=Besluit.TOEGEKEND, volume=Decimal(3),
            begindatum=dt.date(2026, 3, 3), levering=Levering.NATURA, aanbieder=cat.aanbieder))
        besluit.toekenning_add(user=stad.pro, beschikking=beschikking, regel=besluit.Regel(
            product=cat.begeleiding, besluit=Besluit.AFGEWEZEN, reden=f"{GEHEIM} afgewezen"))
        beschikking = besluit.beschikking_take(user=stad.pro, beschikking=beschikking)
        besluit.bezwaar_record(user=stad.pro, beschikking=beschikking,
                               ontvangen_op=dt.date(2026, 3, 3), toelichting=f"{GEHEIM} bezwaar")
        herziening = besluit.beschikking_revise(user=stad.pro, beschikking=beschikking,
                                                reden=f"{GEHEIM} herzien")
        herziening = besluit.beschikking_take(user=stad.pro, beschikking=herziening)
        besluit.beschikking_withdraw(user=stad.pro, beschikking=herziening,
                                     per=dt.date(2026, 4, 1), reden=f"{GEHEIM} ingetrokken")
        if jeugd:
            besluit.beschikking_draft(user=stad.pro, casus=casus, wet="JEUGDWET",
                                      motivering=f"{GEHEIM} jeugd")
    with time_machine.travel(GESLOTEN, tick=False):
        casus_transition(user=stad.pro, casus=casus, naar="afgesloten", reden="klaar")
    return casus


def test_the_decision_path_texts_go_and_the_decisions_stay(stad) -> None:  # type: ignore[no-untyped-def]
    casus = _closed_case_with_decisions(stad)
    voor = _besluit_teksten(casus)
    # hulp, zelf, netwerk, mantelzorg, buurt, maatwerk, remark; aanvraag; 2 x motief,
    # herzien/ingetrokken; afgewezen (twice: the herziening copies it); bezwaar; and the
    # events that carry a text (remark, aanvraag, bezwaar, herzien, ingetrokken).
    assert sum(GEHEIM in t for t in voor) >= 17
    regels_voor = list(Toekenning.objects.filter(beschikking__casus=casus).order_by("id")
                       .values_list("product_id", "besluit", "volume", "begindatum",
                                    "levering", "aanbieder_id", "kosten_per_maand"))
    with time_machine.travel(GESLOTEN.replace(year=2033) - dt.timedelta(days=1), tick=False):
        assert bewaartermijnen_apply() == []
    assert _besluit_teksten(casus) == voor
    with time_machine.travel(GESLOTEN.replace(year=2033) + dt.timedelta(days=1), tick=False):
        assert len(bewaartermijnen_apply()) == 1
    assert _besluit_teksten(casus) == []
    # What was decided stays, for the figures.
    assert list(Toekenning.objects.filter(beschikking__casus=casus).order_by("id")
                .values_list("product_id", "besluit", "volume", "begindatum", "levering",
                             "aanbieder_id", "kosten_per_maand")) == regels_voor
    assert Beschikking.objects.filter(casus=casus).count() == 2


def test_a_jeugdwet_decision_keeps_the_casus_for_the_jeugdwet_term(stad) -> None:  # type: ignore[no-untyped-def]
    casus = _closed_case_with_decisions(stad, jeugd=True)
    voor = _besluit_teksten(casus)
    with time_machine.travel(GESLOTEN.replace(year=2034), tick=False):
        assert bewaartermijnen_apply() == []
    assert _besluit_teksten(casus) == voor
    with time_machine.travel(GESLOTEN.replace(year=2046) + dt.timedelta(days=1), tick=False):
        assert len(bewaartermijnen_apply()) == 1
    assert _besluit_teksten(casus) == []
