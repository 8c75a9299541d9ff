"""The decision path through its services: onderzoek and verslag (the onderzoek clock met),
aanvraag (the decision clock started), beschikking with natura and pgb lines (four eyes, the
clock met, the resident told), herziening, intrekking and bezwaar (its own clock)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casussen.besluit import selectors, services
from casussen.besluit.models import (
    AanvraagVia,
    Beschikking,
    BeschikkingStatus,
    Besluit,
    BesluitGebeurtenis,
    BezwaarUitkomst,
    Levering,
    Vormwens,
)
from casussen.besluit.services import OnderzoekGegevens, Regel
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from regie.termijnen.services import termijn_extend, termijn_start
from tests.factories import CasusFactory, ProfessionalFactory
from toegang.audit.models import Toegangslog
from toegang.berichten.models import Brief, Notificatie
from toegang.catalogus.models import Besluitregels, Contract, Product, Tarief, Zorgaanbieder
from toegang.core.werkdagen import termijn_einde

VANDAAG = timezone.localdate


@pytest.fixture
def cat(db):  # type: ignore[no-untyped-def]
    """A small catalogue: begeleiding (natura or pgb), hulp bij het huishouden (natura only),
    jeugdhulp ambulant, levensonderhoud; two providers, one contracted for begeleiding."""
    begin = dt.date(2020, 1, 1)

    def product(wet: str, naam: str, cat: str, code: str, eenheid: str, freq: str, natura: str,
                pgb: str | None = None) -> Product:
        p = Product.objects.create(wet=wet, naam=naam, productcategorie=cat, productcode=code,
                                   eenheid=eenheid, frequentie=freq, pgb_mogelijk=pgb is not None)
        Tarief.objects.create(product=p, geldig_vanaf=begin, natura=Decimal(natura),
                              pgb=Decimal(pgb) if pgb else None)
        return p

    ns = SimpleNamespace(
        begeleiding=product("WMO", "Begeleiding individueel", "07", "07A01", "04", "2", "70",
                            "55"),
        huishouden=product("WMO", "Hulp bij het huishouden", "02", "02A01", "04", "2", "35"),
        jeugd=product("JEUGDWET", "Jeugdhulp ambulant", "45", "45A01", "04", "2", "90", "70"),
        bijstand=product("PARTICIPATIEWET", "Levensonderhoud", "90", "", "83", "4", "1"),
        zorg=Zorgaanbieder.objects.create(naam="Zorg Dichtbij", agb_code="75111111"),
        jeugdzorg=Zorgaanbieder.objects.create(naam="Jeugd Samen", agb_code="75222222"),
    )
    Contract.objects.create(aanbieder=ns.zorg, product=ns.begeleiding, tarief=Decimal("68.50"),
                            geldig_vanaf=begin, wachttijd_weken=3)
    Contract.objects.create(aanbieder=ns.zorg, product=ns.huishouden, tarief=Decimal("34"),
                            geldig_vanaf=begin)
    Contract.objects.create(aanbieder=ns.jeugdzorg, product=ns.jeugd, tarief=Decimal("88"),
                            geldig_vanaf=begin)
    return ns


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    return CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro)


def _gegevens(**anders) -> OnderzoekGegevens:  # type: ignore[no-untyped-def]
    waarden = {"gesprek_op": VANDAAG(), "hulpvraag": "Hulp bij structuur in de dag",
               "eigen_kracht": "Doet zelf de boodschappen", "netwerk": "Zus komt wekelijks",
               "mantelzorg": "", "algemene_voorzieningen": "Buurthuis", "maatwerk_nodig": True,
               "maatwerk_toelichting": "Begeleiding 3 uur per week", "vormwens": Vormwens.PGB}
    return OnderzoekGegevens(**{**waarden, **anders})


def _onderzoek_klok(casus):  # type: ignore[no-untyped-def]
    return termijn_start(user=casus.regiehouders.get().user, intake=casus.intake,
                         soort=TermijnSoort.WMO_ONDERZOEK, start=VANDAAG())[0]


def _verslag(stad, casus):  # type: ignore[no-untyped-def]
    onderzoek = services.onderzoek_record(user=stad.pro, casus=casus, gegevens=_gegevens())
    return services.verslag_send(user=stad.pro, onderzoek=onderzoek)


def _aanvraag(stad, casus, wet="WMO"):  # type: ignore[no-untyped-def]
    return services.aanvraag_submit(user=stad.pro, casus=casus, wet=wet, ontvangen_op=VANDAAG(),
                                    via=AanvraagVia.PAPIER, vormwens=Vormwens.WEET_NIET)


def _regel(cat, **anders) -> Regel:  # type: ignore[no-untyped-def]
    waarden = {"product": cat.begeleiding, "besluit": Besluit.TOEGEKEND,
               "volume": Decimal("3"), "begindatum": VANDAAG(), "einddatum": None,
               "levering": Levering.NATURA, "aanbieder": cat.zorg}
    return Regel(**{**waarden, **anders})


# --- Onderzoek and verslag ----------------------------------------------------------------------


def test_sending_the_verslag_meets_the_onderzoek_clock_and_tells_the_resident(stad, casus):
    klok = _onderzoek_klok(casus)
    onderzoek = _verslag(stad, casus)
    klok.refresh_from_db()
    assert klok.status == TermijnStatus.AFGEHANDELD
    assert onderzoek.is_verstuurd
    bericht = Notificatie.objects.get(ontvanger=stad.inwoner, onderwerp__contains="verslag")
    assert f"/verslag/{onderzoek.pk}/" in bericht.url
    with pytest.raises(ValidationError):
        services.onderzoek_record(user=stad.pro, casus=casus, gegevens=_gegevens(),
                                  onderzoek=onderzoek)


def test_an_onderzoek_without_a_clock_starts_it_from_the_melding_and_the_verslag_meets_it(
        stad, casus):
    """Nobody started the six weeks by hand: the onderzoek starts them from the intake's date
    (Wmo 2015 art. 2.3.2), once; the verslag meets them."""
    melding = timezone.localdate() - dt.timedelta(days=10)
    casus.intake.ingediend_op = timezone.now() - dt.timedelta(days=10)
    casus.intake.save(update_fields=["ingediend_op"])
    assert not Termijn.objects.filter(intake=casus.intake, soort=TermijnSoort.WMO_ONDERZOEK)
    onderzoek = services.onderzoek_record(user=stad.pro, casus=casus, gegevens=_gegevens())
    services.onderzoek_record(user=stad.pro, casus=casus, gegevens=_gegevens(netwerk="Buren"),
                              onderzoek=onderzoek)
    [klok] = Termijn.objects.filter(intake=casus.intake, soort=TermijnSoort.WMO_ONDERZOEK)
    assert klok.status == TermijnStatus.LOPEND and klok.casus_id == casus.pk
    assert timezone.localdate(klok.start) == melding
    assert timezone.localdate(klok.deadline) == termijn_einde(melding, weken=6)
    services.verslag_send(user=stad.pro, onderzoek=onderzoek)
    klok.refresh_from_db()
    assert klok.status == TermijnStatus.AFGEHANDELD


def test_a_clock_started_by_hand_is_the_one_the_onderzoek_keeps(stad, casus):
    klok = _onderzoek_klok(casus)
    services.onderzoek_record(user=stad.pro, casus=casus, gegevens=_gegevens())
    assert list(Termijn.objects.filter(intake=casus.intake, soort=TermijnSoort.WMO_ONDERZOEK)
                ) == [klok]


def test_an_onderzoek_needs_what_support_and_a_date_not_in_the_future(stad, casus):
    with pytest.raises(ValidationError) as info:
        services.onderzoek_record(user=stad.pro, casus=casus,
                                  gegevens=_gegevens(maatwerk_toelichting=" "))
    assert "maatwerk_toelichting" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.onderzoek_record(user=stad.pro, casus=casus, gegevens=_gegevens(
            gesprek_op=VANDAAG() + dt.timedelta(days=1)))
    assert "gesprek_op" in info.value.message_dict


def test_the_residents_remarks_are_added_not_overwritten(stad, casus):
    onderzoek = _verslag(stad, casus)
    services.verslag_remark(user=stad.inwoner, onderzoek=onderzoek, tekst="Het is 4 uur.")
    onderzoek = services.verslag_remark(user=stad.inwoner, onderzoek=onderzoek,
                                        tekst="En mijn zus komt niet meer.")
    assert "Het is 4 uur." in onderzoek.opmerking_inwoner
    assert "En mijn zus komt niet meer." in onderzoek.opmerking_inwoner
    rij = Toegangslog.objects.filter(user_id=stad.inwoner.pk, object_type="onderzoek").last()
    assert rij.grond == "eigen"


def test_a_remark_on_an_unsent_verslag_is_refused(stad, casus):
    onderzoek = services.onderzoek_record(user=stad.pro, casus=casus, gegevens=_gegevens())
    with pytest.raises(ValidationError):
        services.verslag_remark(user=stad.inwoner, onderzoek=onderzoek, tekst="Hallo")


# --- Aanvraag -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("wet", "soorten", "weken"), [
    ("WMO", {TermijnSoort.WMO_BESCHIKKING}, 2),
    ("JEUGDWET", {TermijnSoort.JEUGD_BESCHIKKING}, 8),
    ("PARTICIPATIEWET", {TermijnSoort.PW_BESLUIT, TermijnSoort.PW_VOORSCHOT}, 8),
])
def test_an_aanvraag_starts_the_decision_clock_of_its_wet(stad, casus, wet, soorten, weken):
    _aanvraag(stad, casus, wet)
    klokken = Termijn.objects.filter(intake=casus.intake, soort__in=soorten)
    assert {k.soort for k in klokken} == soorten
    besluit = klokken.get(soort=next(iter(soorten - {TermijnSoort.PW_VOORSCHOT})))
    assert timezone.localdate(besluit.deadline) == termijn_einde(VANDAAG(), weken=weken)


def test_the_resident_applies_from_the_verslag_in_one_step(stad, casus):
    onderzoek = _verslag(stad, casus)
    aanvraag = services.aanvraag_submit(user=stad.inwoner, casus=casus, wet="WMO",
                                        ontvangen_op=VANDAAG(), via=AanvraagVia.MIJN_TOEGANG,
                                        vormwens=Vormwens.PGB, onderzoek=onderzoek)
    assert aanvraag.onderzoek == onderzoek
    assert Termijn.objects.get(intake=casus.intake, soort=TermijnSoort.WMO_BESCHIKKING).is_open
    # The resident's own act is logged as theirs, never as a regiehouder's.
    assert not Toegangslog.objects.filter(user_id=stad.inwoner.pk, grond="regiehouder").exists()
    assert Toegangslog.objects.filter(user_id=stad.inwoner.pk, object_type="aanvraag").exists()


def test_a_second_open_aanvraag_and_an_aanvraag_without_verslag_are_refused(stad, casus):
    with pytest.raises(ValidationError):
        services.aanvraag_submit(user=stad.inwoner, casus=casus, wet="WMO",
                                 ontvangen_op=VANDAAG(), via=AanvraagVia.MIJN_TOEGANG,
                                 vormwens=Vormwens.PGB)
    _aanvraag(stad, casus)
    with pytest.raises(ValidationError, match="loopt al een aanvraag"):
        _aanvraag(stad, casus)
    with pytest.raises(ValidationError) as info:
        services.aanvraag_submit(user=stad.pro, casus=casus, wet="JEUGDWET",
                                 ontvangen_op=VANDAAG() + dt.timedelta(days=1),
                                 via=AanvraagVia.PAPIER, vormwens=Vormwens.WEET_NIET)
    assert "ontvangen_op" in info.value.message_dict


# --- Beschikking --------------------------------------------------------------------------------


def test_a_line_copies_the_contract_tariff_and_a_later_tariff_change_never_alters_it(
        stad, casus, cat):
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                             aanvraag=_aanvraag(stad, casus), motivering="Nodig")
    natura = services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(cat))
    pgb = services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(
        cat, levering=Levering.PGB, aanbieder=cat.zorg, volume=Decimal("2")))
    assert natura.tarief == Decimal("68.50")  # the contract's, not the catalogue's 70
    assert natura.kosten_per_maand == Decimal("892.95")  # 3 × 68.50 × 365/12/7
    assert pgb.tarief == Decimal("55.00") and pgb.aanbieder is None
    Tarief.objects.create(product=cat.begeleiding, geldig_vanaf=VANDAAG(), natura=Decimal("99"),
                          pgb=Decimal("99"))
    Contract.objects.filter(product=cat.begeleiding).update(tarief=Decimal("99"))
    natura.refresh_from_db()
    assert natura.tarief == Decimal("68.50")


@pytest.mark.parametrize(("anders", "veld"), [
    ({"volume": Decimal("0")}, "volume"),
    ({"volume": Decimal("-2")}, "volume"),
    ({"einddatum": dt.date(2020, 1, 1)}, "einddatum"),
    ({"product": "jeugd"}, "product"),
    ({"product": "huishouden", "levering": Levering.PGB}, "levering"),
    ({"aanbieder": "jeugdzorg"}, "aanbieder"),
    ({"aanbieder": None}, "aanbieder"),
    ({"besluit": Besluit.AFGEWEZEN, "reden": ""}, "reden"),
])
def test_bad_lines_are_refused_with_a_message_on_the_field(stad, casus, cat, anders, veld):
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO")
    anders = {k: getattr(cat, v) if k in ("product", "aanbieder") and isinstance(v, str) else v
              for k, v in anders.items()}
    with pytest.raises(ValidationError) as info:
        services.toekenning_add(user=stad.pro, beschikking=beschikking,
                                regel=_regel(cat, **anders))
    assert veld in info.value.message_dict
    assert not beschikking.toekenningen.exists()


def test_taking_the_decision_meets_its_clock_sets_the_bezwaar_date_and_tells_the_resident(
        stad, casus, cat):
    aanvraag = _aanvraag(stad, casus)
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                             aanvraag=aanvraag, motivering="Zie het verslag.")
    services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(cat))
    services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(
        cat, product=cat.huishouden, besluit=Besluit.AFGEWEZEN, reden="Partner kan dit."))
    beschikking = services.beschikking_take(user=stad.pro, beschikking=beschikking)
    assert beschikking.status == BeschikkingStatus.GENOMEN
    assert beschikking.bezwaar_tot == termijn_einde(VANDAAG(), weken=6)
    klok = Termijn.objects.get(intake=casus.intake, soort=TermijnSoort.WMO_BESCHIKKING)
    assert klok.status == TermijnStatus.AFGEHANDELD
    assert Notificatie.objects.filter(ontvanger=stad.inwoner,
                                      url__contains=f"/besluiten/{beschikking.pk}/").exists()
    assert beschikking.toekenningen.filter(wijk=casus.intake.wijk).count() == 2
    with pytest.raises(ValidationError):
        services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(cat))


def test_a_resident_who_chose_letters_gets_the_decision_on_paper(stad, cat):
    casus = CasusFactory(opgepakt_door=stad.pro, intake__contact_voorkeur="brief")
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                             motivering="Nodig")
    services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(cat))
    services.beschikking_take(user=stad.pro, beschikking=beschikking)
    assert Brief.objects.filter(intake_id=casus.intake_id, onderwerp__contains="besluit").exists()


def test_a_decision_needs_a_line_and_a_motivation(stad, casus, cat):
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO")
    with pytest.raises(ValidationError, match="minstens één product"):
        services.beschikking_take(user=stad.pro, beschikking=beschikking)
    services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(cat))
    with pytest.raises(ValidationError) as info:
        services.beschikking_take(user=stad.pro, beschikking=beschikking)
    assert "motivering" in info.value.message_dict


def test_four_eyes_above_the_amount_only_the_teamleider_approves(stad, casus, cat):
    Besluitregels.objects.create(vier_ogen_vanaf=Decimal("10000"), goedkeurder="teamleider")
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                             aanvraag=_aanvraag(stad, casus), motivering="Nodig")
    services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(cat))  # ≈ 10.7k
    beschikking = services.beschikking_take(user=stad.pro, beschikking=beschikking)
    assert beschikking.status == BeschikkingStatus.TER_GOEDKEURING
    assert Termijn.objects.get(intake=casus.intake, soort=TermijnSoort.WMO_BESCHIKKING).is_open
    assert list(selectors.wachten_op_goedkeuring(user=stad.teamleider)) == [beschikking]
    assert not selectors.wachten_op_goedkeuring(user=stad.pro).exists()
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    for user in (stad.pro, collega):
        with pytest.raises(ValidationError):
            services.beschikking_approve(user=user, beschikking=beschikking)
    services.beschikking_reject(user=stad.teamleider, beschikking=beschikking,
                                reden="Kortere periode")
    beschikking.refresh_from_db()
    assert beschikking.status == BeschikkingStatus.CONCEPT
    services.beschikking_take(user=stad.pro, beschikking=beschikking)
    beschikking = services.beschikking_approve(user=stad.teamleider, beschikking=beschikking)
    assert beschikking.status == BeschikkingStatus.GENOMEN
    assert beschikking.goedgekeurd_door == stad.teamleider


def test_a_short_grant_stays_under_the_four_eyes_amount(stad, casus, cat):
    Besluitregels.objects.create(vier_ogen_vanaf=Decimal("10000"), goedkeurder="tweede")
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                             motivering="Nodig")
    services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(
        cat, einddatum=VANDAAG() + dt.timedelta(days=90)))
    assert services.beschikking_take(user=stad.pro, beschikking=beschikking).is_genomen


def _genomen(stad, casus, cat, **regel) -> Beschikking:  # type: ignore[no-untyped-def]
    beschikking = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO",
                                             motivering="Nodig")
    services.toekenning_add(user=stad.pro, beschikking=beschikking, regel=_regel(cat, **regel))
    return services.beschikking_take(user=stad.pro, beschikking=beschikking)


def test_a_herziening_replaces_the_decision_and_keeps_the_old_one(stad, casus, cat):
    oud = _genomen(stad, casus, cat)
    nieuw = services.beschikking_revise(user=stad.pro, beschikking=oud, reden="Meer uren nodig")
    assert nieuw.vervangt == oud and nieuw.toekenningen.count() == 1
    services.beschikking_take(user=stad.pro, beschikking=nieuw)
    oud.refresh_from_db()
    assert oud.status == BeschikkingStatus.HERZIEN
    kosten = selectors.kosten_van(casus=casus)
    assert [r.beschikking_id for g in kosten.per_wet for r in g.regels] == [nieuw.pk]
    assert BesluitGebeurtenis.objects.filter(beschikking=nieuw, soort="herzien").exists()


def test_an_intrekking_ends_the_cost_from_its_date_and_keeps_the_lines(stad, casus, cat):
    beschikking = _genomen(stad, casus, cat)
    per = VANDAAG() + dt.timedelta(days=10)
    services.beschikking_withdraw(user=stad.pro, beschikking=beschikking, per=per,
                                  reden="Verhuisd")
    assert selectors.kosten_van(casus=casus).per_maand == Decimal("892.95")
    assert selectors.kosten_van(casus=casus, dag=per).per_maand == Decimal("0.00")
    assert beschikking.toekenningen.get().einddatum is None
    with pytest.raises(ValidationError):
        services.beschikking_revise(user=stad.pro, beschikking=beschikking, reden="x")


def test_the_household_cost_view_adds_up_all_three_wetten(stad, casus, cat):
    _genomen(stad, casus, cat)
    jeugd = services.beschikking_draft(user=stad.pro, casus=casus, wet="JEUGDWET",
                                       motivering="Nodig")
    services.toekenning_add(user=stad.pro, beschikking=jeugd, regel=_regel(
        cat, product=cat.jeugd, aanbieder=cat.jeugdzorg, volume=Decimal("1")))
    services.beschikking_take(user=stad.pro, beschikking=jeugd)
    later = services.beschikking_draft(user=stad.pro, casus=casus, wet="PARTICIPATIEWET",
                                       motivering="Nodig")
    services.toekenning_add(user=stad.pro, beschikking=later, regel=_regel(
        cat, product=cat.bijstand, volume=Decimal("1200"), aanbieder=None, levering="",
        begindatum=VANDAAG() + dt.timedelta(days=30)))
    services.beschikking_take(user=stad.pro, beschikking=later)
    kosten = selectors.kosten_van(casus=casus)
    assert [g.wet for g in kosten.per_wet] == ["JEUGDWET", "WMO"]
    assert kosten.per_maand == Decimal("892.95") + Decimal("382.38")  # 88 × 365/12/7
    assert [r.product for r in kosten.straks] == [cat.bijstand]
    assert kosten.straks[0].levering == Levering.GELD


# --- Bezwaar ------------------------------------------------------------------------------------


def test_a_bezwaar_starts_its_clock_after_the_bezwaar_term_and_extends_by_six_weeks_at_most(
        stad, casus, cat):
    beschikking = _genomen(stad, casus, cat)
    bezwaar = services.bezwaar_record(user=stad.pro, beschikking=beschikking,
                                      ontvangen_op=VANDAAG(), toelichting="Te weinig uren")
    klok = bezwaar.termijn
    assert klok.soort == TermijnSoort.BEZWAAR
    assert timezone.localdate(klok.deadline) == termijn_einde(beschikking.bezwaar_tot, weken=6)
    with pytest.raises(ValidationError):
        termijn_extend(user=stad.pro, termijn=klok, reden="Advies nodig",
                       nieuwe_deadline=timezone.localdate(klok.deadline) + dt.timedelta(weeks=7))
    termijn_extend(user=stad.pro, termijn=klok, reden="Advies nodig",
                   nieuwe_deadline=timezone.localdate(klok.deadline) + dt.timedelta(weeks=5))
    services.bezwaar_decide(user=stad.pro, bezwaar=bezwaar, uitkomst=BezwaarUitkomst.ONGEGROND,
                            besloten_op=VANDAAG())
    klok.refresh_from_db()
    assert klok.status == TermijnStatus.AFGEHANDELD
    with pytest.raises(ValidationError):
        services.bezwaar_decide(user=stad.pro, bezwaar=bezwaar,
                                uitkomst=BezwaarUitkomst.GEGROND, besloten_op=VANDAAG())


def test_a_bezwaar_needs_a_taken_decision(stad, casus, cat):
    concept = services.beschikking_draft(user=stad.pro, casus=casus, wet="WMO")
    with pytest.raises(ValidationError):
        services.bezwaar_record(user=stad.pro, beschikking=concept, ontvangen_op=VANDAAG(),
                                toelichting="Nee")
