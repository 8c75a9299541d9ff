"""Writes on the decision path: onderzoek and verslag, aanvraag, beschikking (draft, lines,
four eyes, take, herziening, intrekking) and bezwaar.

Every act writes a `BesluitGebeurtenis` and an access-log row, moves the legal clocks
(verslag sent: the onderzoek clock is met; aanvraag: the decision clock starts; decision taken:
it is met; bezwaar: its own clock starts) and tells the resident the way they chose. Amounts are
Decimal euros; the tariff is copied into the decision line so a later change never alters it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from intake.services.inwoner import inwoner_tell
from regie.termijnen.hooks import houder_of
from regie.termijnen.models import Termijn, TermijnSoort
from regie.termijnen.services import (
    termijn_complete,
    termijn_create,
    termijn_start,
    termijnen_complete,
    wettelijke_deadline,
)
from toegang.accounts.models import Rol, User
from toegang.audit.models import Actie, Grond
from toegang.audit.services import toegangslog_write
from toegang.catalogus.kosten import kosten
from toegang.catalogus.models import Goedkeurder, Product, Zorgaanbieder
from toegang.catalogus.selectors import besluitregels_current, contract_op, tarief_op
from toegang.core.domein import Wet
from toegang.core.werkdagen import termijn_einde
from toegang.organisatie.selectors import teamleiders_of

from ..models import Casus
from ..services import casus_change_log
from .models import (
    Aanvraag,
    AanvraagVia,
    Beschikking,
    BeschikkingStatus,
    Besluit,
    BesluitGebeurtenis,
    Bezwaar,
    Levering,
    Onderzoek,
    Toekenning,
)
from .signalen import aanvraag_ontvangen, beschikking_genomen, beschikking_ingetrokken

Soort = BesluitGebeurtenis.Soort

# The clock an aanvraag starts, per wet (a Participatiewet aanvraag also starts the voorschot).
BESLISKLOK = {
    Wet.WMO: TermijnSoort.WMO_BESCHIKKING,
    Wet.JEUGDWET: TermijnSoort.JEUGD_BESCHIKKING,
    Wet.PARTICIPATIEWET: TermijnSoort.PW_BESLUIT,
}
KLOKKEN_VAN_WET = {
    Wet.WMO: [TermijnSoort.WMO_BESCHIKKING],
    Wet.JEUGDWET: [TermijnSoort.JEUGD_BESCHIKKING],
    Wet.PARTICIPATIEWET: [TermijnSoort.PW_BESLUIT, TermijnSoort.PW_VOORSCHOT],
}
BEZWAAR_WEKEN = 6  # Awb 6:7


def _datum(dag: date) -> str:
    return formats.date_format(dag, "j F Y")


def _event(casus: Casus, soort: str, user: User | None, *, beschikking: Beschikking | None = None,
           tekst: str = "") -> None:
    BesluitGebeurtenis.objects.create(casus=casus, soort=soort, beschikking=beschikking,
                                      tekst=tekst, door=user)


def _log(user: User, casus: Casus, object_type: str, object_id: int | None,
         request: HttpRequest | None, actie: str = Actie.WIJZIGEN) -> None:
    if user.rol == Rol.INWONER:
        toegangslog_write(user=user, actie=actie, grond=Grond.EIGEN, object_type=object_type,
                          object_id=object_id, intake_id=casus.intake_id, casus_id=casus.pk,
                          inwoner_id=user.pk, request=request)
    else:
        casus_change_log(user, casus, object_type, object_id, request)


def _tell(casus: Casus, *, onderwerp: str, tekst: str, url: str, sleutel: str) -> None:
    """A message to the resident of the casus in Dutch, whatever the professional's language."""
    inwoner_tell(intake=casus.intake, soort="besluit", onderwerp=onderwerp, tekst=tekst,
                 url=url, sleutel=sleutel)


def _niet_in_de_toekomst(dag: date, veld: str) -> None:
    if dag > timezone.localdate():
        raise ValidationError({veld: _("Deze datum ligt in de toekomst. Kies vandaag of een "
                                       "dag die al voorbij is.")})


# --- Onderzoek and verslag ----------------------------------------------------------------------


@dataclass(frozen=True)
class OnderzoekGegevens:
    gesprek_op: date
    hulpvraag: str
    eigen_kracht: str
    netwerk: str
    mantelzorg: str
    algemene_voorzieningen: str
    maatwerk_nodig: bool
    maatwerk_toelichting: str
    vormwens: str


def _onderzoek_check(gegevens: OnderzoekGegevens) -> None:
    _niet_in_de_toekomst(gegevens.gesprek_op, "gesprek_op")
    if gegevens.maatwerk_nodig and not gegevens.maatwerk_toelichting.strip():
        raise ValidationError({"maatwerk_toelichting": _(
            "Schrijf op welke ondersteuning nodig is en waarom. Dat staat in het verslag en "
            "in de aanvraag.")})


@transaction.atomic
def onderzoek_record(*, user: User, casus: Casus, gegevens: OnderzoekGegevens,
                     onderzoek: Onderzoek | None = None,
                     request: HttpRequest | None = None) -> Onderzoek:
    """Record the onderzoek (or change it while its verslag has not been sent)."""
    _onderzoek_check(gegevens)
    if onderzoek is not None and onderzoek.is_verstuurd:
        raise ValidationError(_("Het verslag is al naar de inwoner gestuurd en kan niet meer "
                                "veranderen. Leg een nieuw onderzoek vast."))
    velden = {k: (v.strip() if isinstance(v, str) else v) for k, v in gegevens.__dict__.items()}
    if onderzoek is None:
        onderzoek = Onderzoek.objects.create(casus=casus, door=user, **velden)
        _event(casus, Soort.ONDERZOEK, user)
        _onderzoeksklok_zeker(user=user, casus=casus, request=request)
    else:
        for veld, waarde in velden.items():
            setattr(onderzoek, veld, waarde)
        onderzoek.save(update_fields=list(velden))
    _log(user, casus, "onderzoek", onderzoek.pk, request)
    return onderzoek


def _onderzoeksklok_zeker(*, user: User, casus: Casus, request: HttpRequest | None) -> None:
    """An onderzoek means a Wmo melding was made: its six weeks run from the melding (the
    intake), whether or not someone started the clock by hand (Wmo 2015 art. 2.3.2). A clock
    started earlier, open or done, stays as it is."""
    intake = casus.intake
    if Termijn.objects.filter(intake=intake, soort=TermijnSoort.WMO_ONDERZOEK).exists():
        return
    termijn_start(user=user, intake=intake, soort=TermijnSoort.WMO_ONDERZOEK,
                  start=timezone.localdate(intake.ingediend_op), request=request)


@transaction.atomic
def verslag_send(*, user: User, onderzoek: Onderzoek,
                 request: HttpRequest | None = None) -> Onderzoek:
    """Send the verslag to the resident: it is fixed from now on and the onderzoek clock of
    the casus' intake is met."""
    locked = Onderzoek.objects.select_for_update().select_related("casus__intake").get(
        pk=onderzoek.pk)
    if locked.is_verstuurd:
        raise ValidationError(_("Dit verslag is al verstuurd."))
    locked.verslag_verstuurd_op = timezone.now()
    locked.save(update_fields=["verslag_verstuurd_op"])
    casus = locked.casus
    termijnen_complete(intake=casus.intake, soorten=[TermijnSoort.WMO_ONDERZOEK], user=user)
    _event(casus, Soort.VERSLAG, user)
    with translation.override("nl"):
        tekst = _("Het verslag van ons gesprek op %(datum)s staat klaar. Lees het en laat "
                  "weten of u het ermee eens bent.") % {"datum": _datum(locked.gesprek_op)}
        if locked.maatwerk_nodig:
            tekst += " " + _("Wilt u de ondersteuning uit het verslag aanvragen? Dat kan met "
                             "één klik onder het verslag.")
        _tell(casus, onderwerp=_("Het verslag van uw gesprek"), tekst=tekst,
              url=reverse("casussen_mijn:verslag", args=[casus.pk, locked.pk]),
              sleutel=f"verslag:{locked.pk}")
    _log(user, casus, "onderzoek", locked.pk, request)
    return locked


@transaction.atomic
def verslag_remark(*, user: User, onderzoek: Onderzoek, tekst: str,
                   request: HttpRequest | None = None) -> Onderzoek:
    """The resident adds a remark to the verslag; a later remark is added below, with its
    date, so nothing they wrote is lost."""
    tekst = tekst.strip()
    if not tekst:
        raise ValidationError({"opmerking": _("Schrijf uw opmerking op.")})
    locked = Onderzoek.objects.select_for_update().select_related("casus__intake").get(
        pk=onderzoek.pk)
    if not locked.is_verstuurd:
        raise ValidationError(_("Dit verslag is nog niet naar u gestuurd."))
    now = timezone.now()
    regel = f"[{timezone.localtime(now):%d-%m-%Y %H:%M}] {tekst}"
    locked.opmerking_inwoner = (f"{locked.opmerking_inwoner}\n\n{regel}"
                                if locked.opmerking_inwoner else regel)
    locked.opmerking_op = now
    locked.save(update_fields=["opmerking_inwoner", "opmerking_op"])
    _event(locked.casus, Soort.OPMERKING, user, tekst=tekst)
    _log(user, locked.casus, "onderzoek", locked.pk, request, actie=Actie.AANVULLEN)
    return locked


# --- Aanvraag -----------------------------------------------------------------------------------


def open_aanvraag(*, casus: Casus, wet: str) -> Aanvraag | None:
    """An aanvraag under `wet` that has no decision taken yet."""
    return (casus.aanvragen.filter(wet=wet)
            .exclude(beschikkingen__status__in=[BeschikkingStatus.GENOMEN,
                                                BeschikkingStatus.HERZIEN,
                                                BeschikkingStatus.INGETROKKEN])
            .first())


@transaction.atomic
def aanvraag_submit(*, user: User, casus: Casus, wet: str, ontvangen_op: date, via: str,
                    vormwens: str, toelichting: str = "", onderzoek: Onderzoek | None = None,
                    request: HttpRequest | None = None) -> Aanvraag:
    """Record an aanvraag (by the resident in Mijn toegang, or received on paper) and start the
    decision clock from the day it was received."""
    _niet_in_de_toekomst(ontvangen_op, "ontvangen_op")
    if ontvangen_op < timezone.localdate(casus.intake.ingediend_op):
        raise ValidationError({"ontvangen_op": _("Deze datum ligt voor de melding. Kies de dag "
                                                 "waarop de aanvraag binnenkwam.")})
    Casus.objects.select_for_update().filter(pk=casus.pk).first()  # one at a time per casus
    if open_aanvraag(casus=casus, wet=wet) is not None:
        raise ValidationError(_("Er loopt al een aanvraag voor %(wet)s. Daarover volgt eerst "
                                "een besluit.") % {"wet": Wet(wet).label})
    if via == AanvraagVia.MIJN_TOEGANG and wet == Wet.WMO and (
            onderzoek is None or not onderzoek.is_verstuurd or not onderzoek.maatwerk_nodig):
        raise ValidationError(_("U kunt de aanvraag doen als het verslag van het gesprek klaar "
                                "is en daarin staat dat u ondersteuning nodig heeft."))
    aanvraag = Aanvraag.objects.create(casus=casus, wet=wet, onderzoek=onderzoek,
                                       ontvangen_op=ontvangen_op, via=via, vormwens=vormwens,
                                       toelichting=toelichting.strip(), door=user)
    with translation.override("nl"):
        omschrijving = _("Aanvraag %(wet)s") % {"wet": Wet(wet).label}
        termijn_start(user=user, intake=casus.intake, soort=BESLISKLOK[Wet(wet)],
                      start=ontvangen_op, omschrijving=omschrijving, request=request)
        _event(casus, Soort.AANVRAAG, user, tekst=toelichting.strip())
        deadline = wettelijke_deadline(soort=BESLISKLOK[Wet(wet)], start=ontvangen_op)
        _tell(casus, onderwerp=_("Wij hebben uw aanvraag ontvangen"),
              tekst=_("Wij hebben uw aanvraag (%(wet)s) ontvangen op %(datum)s. U krijgt ons "
                      "besluit uiterlijk %(uiterlijk)s.") % {
                  "wet": Wet(wet).label, "datum": _datum(ontvangen_op),
                  "uiterlijk": _datum(timezone.localdate(deadline))},
              url=reverse("casussen_mijn:besluiten", args=[casus.pk]),
              sleutel=f"aanvraag:{aanvraag.pk}")
    _log(user, casus, "aanvraag", aanvraag.pk, request, actie=Actie.INDIENEN)
    aanvraag_ontvangen.send(sender=Aanvraag, aanvraag=aanvraag, user=user)
    return aanvraag


# --- Beschikking --------------------------------------------------------------------------------


def _kenmerk(casus: Casus) -> str:
    volgnummer = Beschikking.objects.filter(casus=casus).count() + 1
    return f"{casus.intake.referentie}-B{volgnummer}"


@transaction.atomic
def beschikking_draft(*, user: User, casus: Casus, wet: str, aanvraag: Aanvraag | None = None,
                      motivering: str = "", request: HttpRequest | None = None) -> Beschikking:
    """Start a draft decision under `wet`, on an aanvraag of that wet when there is one."""
    Casus.objects.select_for_update().filter(pk=casus.pk).first()
    if aanvraag is not None and aanvraag.wet != wet:
        raise ValidationError({"aanvraag": _("Deze aanvraag gaat over een andere wet.")})
    beschikking = Beschikking.objects.create(
        casus=casus, aanvraag=aanvraag, wet=wet, kenmerk=_kenmerk(casus),
        motivering=motivering.strip(), opgesteld_door=user)
    _event(casus, Soort.CONCEPT, user, beschikking=beschikking)
    _log(user, casus, "beschikking", beschikking.pk, request)
    return beschikking


@transaction.atomic
def beschikking_motivate(*, user: User, beschikking: Beschikking, motivering: str,
                         request: HttpRequest | None = None) -> Beschikking:
    if not beschikking.is_wijzigbaar:
        raise ValidationError(_("Dit besluit is al genomen of wacht op goedkeuring."))
    beschikking.motivering = motivering.strip()
    beschikking.save(update_fields=["motivering"])
    _log(user, beschikking.casus, "beschikking", beschikking.pk, request)
    return beschikking


@dataclass(frozen=True)
class Regel:
    """One product line as a professional fills it in."""

    product: Product
    besluit: str
    volume: Decimal | None = None
    begindatum: date | None = None
    einddatum: date | None = None
    levering: str = ""
    aanbieder: Zorgaanbieder | None = None
    reden: str = ""


def _regel_check(beschikking: Beschikking, regel: Regel) -> dict[str, str]:
    """Every mistake in a line at once, per field, in plain Dutch."""
    fouten: dict[str, str] = {}
    product = regel.product
    if product.wet != beschikking.wet or not product.actief:
        fouten["product"] = _("Dit product hoort niet bij %(wet)s. Kies een product van deze "
                              "wet.") % {"wet": Wet(beschikking.wet).label}
    if regel.besluit == Besluit.AFGEWEZEN:
        if not regel.reden.strip():
            fouten["reden"] = _("Schrijf op waarom dit product wordt afgewezen.")
        return fouten
    if regel.volume is None or regel.volume <= 0:
        fouten["volume"] = _("Vul een omvang in die groter is dan 0.")
    if regel.begindatum is None:
        fouten["begindatum"] = _("Vul de begindatum in.")
    elif regel.einddatum is not None and regel.einddatum < regel.begindatum:
        fouten["einddatum"] = _("De einddatum ligt voor de begindatum. Kies een latere "
                                "einddatum, of laat hem leeg als de hulp blijvend nodig is.")
    if product.wet == Wet.PARTICIPATIEWET:
        return fouten
    if regel.levering == Levering.PGB and not product.pgb_mogelijk:
        fouten["levering"] = _("Dit product kan niet als pgb. Kies zorg in natura.")
    elif regel.levering == Levering.NATURA and not product.natura_mogelijk:
        fouten["levering"] = _("Dit product kan niet in natura. Kies een pgb.")
    elif regel.levering not in (Levering.NATURA, Levering.PGB):
        fouten["levering"] = _("Kies zorg in natura of een pgb.")
    if regel.levering == Levering.NATURA and "levering" not in fouten:
        if regel.aanbieder is None:
            fouten["aanbieder"] = _("Kies de zorgaanbieder die de zorg levert.")
        elif regel.begindatum and contract_op(product=product, aanbieder=regel.aanbieder,
                                              dag=regel.begindatum) is None:
            fouten["aanbieder"] = _("%(aanbieder)s heeft op de begindatum geen contract voor "
                                    "dit product. Kies een andere zorgaanbieder.") % {
                                        "aanbieder": regel.aanbieder.naam}
    return fouten


def _tarief(regel: Regel) -> Decimal | None:
    """The price per unit on the start date: the contract's in natura, the pgb tariff for a
    pgb, the catalogue's for Participatiewet amounts."""
    assert regel.begindatum is not None
    if regel.levering == Levering.NATURA and regel.aanbieder is not None:
        contract = contract_op(product=regel.product, aanbieder=regel.aanbieder,
                               dag=regel.begindatum)
        if contract is not None:
            return contract.tarief
    tarief = tarief_op(product=regel.product, dag=regel.begindatum)
    if tarief is None:
        return None
    return tarief.pgb if regel.levering == Levering.PGB else tarief.natura


@transaction.atomic
def toekenning_add(*, user: User, beschikking: Beschikking, regel: Regel,
                   request: HttpRequest | None = None) -> Toekenning:
    """Add a product line to a draft decision, with its tariff and cost copied in."""
    if not beschikking.is_wijzigbaar:
        raise ValidationError(_("Dit besluit is al genomen of wacht op goedkeuring."))
    fouten = _regel_check(beschikking, regel)
    if fouten:
        raise ValidationError(fouten)
    product = regel.product
    toekenning = Toekenning(beschikking=beschikking, product=product, besluit=regel.besluit,
                            eenheid=product.eenheid, frequentie=product.frequentie,
                            reden=regel.reden.strip())
    if regel.besluit == Besluit.TOEGEKEND:
        assert regel.begindatum is not None and regel.volume is not None
        levering = Levering.GELD if product.wet == Wet.PARTICIPATIEWET else regel.levering
        tarief = _tarief(Regel(**{**regel.__dict__, "levering": levering}))
        if tarief is None:
            raise ValidationError({"product": _("Voor dit product is op de begindatum nog geen "
                                                "tarief bekend. Vraag de functioneel beheerder "
                                                "het tarief in te vullen.")})
        bedrag = kosten(volume=regel.volume, tarief=tarief, frequentie=product.frequentie,
                        begin=regel.begindatum, einde=regel.einddatum)
        toekenning.volume = regel.volume
        toekenning.begindatum = regel.begindatum
        toekenning.einddatum = regel.einddatum
        toekenning.levering = levering
        toekenning.aanbieder = regel.aanbieder if levering == Levering.NATURA else None
        toekenning.tarief = tarief
        toekenning.kosten_per_maand = bedrag.per_maand
        toekenning.kosten_eerste_jaar = bedrag.eerste_jaar
    toekenning.save()
    _log(user, beschikking.casus, "beschikking", beschikking.pk, request)
    return toekenning


@transaction.atomic
def toekenning_remove(*, user: User, toekenning: Toekenning,
                      request: HttpRequest | None = None) -> None:
    beschikking = toekenning.beschikking
    if not beschikking.is_wijzigbaar:
        raise ValidationError(_("Dit besluit is al genomen of wacht op goedkeuring."))
    toekenning.delete()
    _log(user, beschikking.casus, "beschikking", beschikking.pk, request)


def kosten_eerste_jaar(beschikking: Beschikking) -> Decimal:
    totaal = beschikking.toekenningen.filter(besluit=Besluit.TOEGEKEND).aggregate(
        s=Sum("kosten_eerste_jaar"))["s"]
    return totaal or Decimal("0.00")


def vier_ogen_nodig(beschikking: Beschikking) -> bool:
    grens = besluitregels_current().vier_ogen_vanaf
    return grens is not None and kosten_eerste_jaar(beschikking) >= grens


def mag_goedkeuren(*, user: User, beschikking: Beschikking) -> bool:
    """A second person approves: never the one who drafted it; the teamleider of the casus'
    team when the rules say so."""
    if user.pk == beschikking.opgesteld_door_id or user.rol not in (Rol.PROFESSIONAL,
                                                                     Rol.TEAMLEIDER):
        return False
    if besluitregels_current().goedkeurder == Goedkeurder.TEAMLEIDER:
        leiders = teamleiders_of(team_ids=[beschikking.casus.team_id])
        return any(u.pk == user.pk for u in leiders.get(beschikking.casus.team_id, []))
    return True


def _check_compleet(beschikking: Beschikking) -> None:
    if not beschikking.toekenningen.exists():
        raise ValidationError(_("Voeg eerst minstens één product toe: toegekend of afgewezen."))
    if not beschikking.motivering.strip():
        raise ValidationError({"motivering": _("Schrijf de motivering: waarom dit besluit? "
                                               "De inwoner leest dit in de brief.")})


@transaction.atomic
def beschikking_take(*, user: User, beschikking: Beschikking,
                     request: HttpRequest | None = None) -> Beschikking:
    """Take the decision, or send it for approval first when the four-eyes rule applies."""
    locked = Beschikking.objects.select_for_update().select_related("casus__intake").get(
        pk=beschikking.pk)
    if not locked.is_wijzigbaar:
        raise ValidationError(_("Dit besluit is al genomen of wacht op goedkeuring."))
    _check_compleet(locked)
    casus = locked.casus
    if vier_ogen_nodig(locked):
        locked.status = BeschikkingStatus.TER_GOEDKEURING
        locked.save(update_fields=["status"])
        _event(casus, Soort.TER_GOEDKEURING, user, beschikking=locked)
        _log(user, casus, "beschikking", locked.pk, request)
        return locked
    return _neem(user=user, beschikking=locked, request=request)


@transaction.atomic
def beschikking_approve(*, user: User, beschikking: Beschikking,
                        request: HttpRequest | None = None) -> Beschikking:
    locked = Beschikking.objects.select_for_update().select_related("casus__intake").get(
        pk=beschikking.pk)
    if locked.status != BeschikkingStatus.TER_GOEDKEURING:
        raise ValidationError(_("Dit besluit wacht niet op goedkeuring."))
    if not mag_goedkeuren(user=user, beschikking=locked):
        raise ValidationError(_("U mag dit besluit niet goedkeuren: een tweede persoon doet "
                                "dat, niet wie het opstelde."))
    locked.goedgekeurd_door = user
    return _neem(user=user, beschikking=locked, request=request)


@transaction.atomic
def beschikking_reject(*, user: User, beschikking: Beschikking, reden: str,
                       request: HttpRequest | None = None) -> Beschikking:
    """The approver sends the draft back, with a reason, for the drafter to change."""
    locked = Beschikking.objects.select_for_update().select_related("casus__intake").get(
        pk=beschikking.pk)
    if locked.status != BeschikkingStatus.TER_GOEDKEURING:
        raise ValidationError(_("Dit besluit wacht niet op goedkeuring."))
    if not mag_goedkeuren(user=user, beschikking=locked):
        raise ValidationError(_("U mag dit besluit niet beoordelen."))
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op wat er anders moet.")})
    locked.status = BeschikkingStatus.CONCEPT
    locked.save(update_fields=["status"])
    _event(locked.casus, Soort.AFGEKEURD, user, beschikking=locked, tekst=reden.strip())
    _log(user, locked.casus, "beschikking", locked.pk, request)
    return locked


def bezwaar_tot(genomen_op: date) -> date:
    """The last day for bezwaar: six weeks from the day after the decision was made known
    (Awb 6:7, 6:8), moved to the next working day (Algemene termijnenwet)."""
    return termijn_einde(genomen_op, weken=BEZWAAR_WEKEN)


def _neem(*, user: User, beschikking: Beschikking, request: HttpRequest | None) -> Beschikking:
    casus = beschikking.casus
    vandaag = timezone.localdate()
    beschikking.status = BeschikkingStatus.GENOMEN
    beschikking.genomen_op = vandaag
    beschikking.bezwaar_tot = bezwaar_tot(vandaag)
    beschikking.save(update_fields=["status", "genomen_op", "bezwaar_tot", "goedgekeurd_door"])
    beschikking.toekenningen.update(wijk_id=casus.intake.wijk_id)
    vorige = beschikking.vervangt
    if vorige is not None and vorige.status == BeschikkingStatus.GENOMEN:
        vorige.status = BeschikkingStatus.HERZIEN
        vorige.save(update_fields=["status"])
    termijnen_complete(intake=casus.intake, soorten=KLOKKEN_VAN_WET[Wet(beschikking.wet)],
                       user=user)
    _event(casus, Soort.HERZIEN if vorige else Soort.GENOMEN, user, beschikking=beschikking,
           tekst=beschikking.reden_wijziging)
    with translation.override("nl"):
        _tell(casus, onderwerp=_("Ons besluit over uw aanvraag"),
              tekst=_("Wij hebben een besluit genomen (%(wet)s, kenmerk %(kenmerk)s). U leest "
                      "het besluit en de brief in Mijn toegang. Bent u het er niet mee eens? "
                      "Dan kunt u tot en met %(tot)s bezwaar maken.") % {
                  "wet": Wet(beschikking.wet).label, "kenmerk": beschikking.kenmerk,
                  "tot": _datum(beschikking.bezwaar_tot)},
              url=reverse("casussen_mijn:besluit", args=[casus.pk, beschikking.pk]),
              sleutel=f"besluit:{beschikking.pk}")
    _log(user, casus, "beschikking", beschikking.pk, request)
    beschikking_genomen.send(sender=Beschikking, beschikking=beschikking, user=user)
    return beschikking


@transaction.atomic
def beschikking_revise(*, user: User, beschikking: Beschikking, reden: str,
                       request: HttpRequest | None = None) -> Beschikking:
    """Start a herziening: a new draft that will replace this decision once taken, with the
    same lines (their tariff looked up again for the new decision)."""
    locked = Beschikking.objects.select_for_update().get(pk=beschikking.pk)
    if locked.status != BeschikkingStatus.GENOMEN:
        raise ValidationError(_("Alleen een lopend besluit kan worden herzien."))
    if Beschikking.objects.filter(vervangt=locked).exists():
        raise ValidationError(_("Er is al een herziening van dit besluit in de maak."))
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom het besluit wordt herzien.")})
    nieuw = beschikking_draft(user=user, casus=locked.casus, wet=locked.wet,
                              aanvraag=locked.aanvraag, motivering=locked.motivering,
                              request=request)
    nieuw.vervangt = locked
    nieuw.reden_wijziging = reden.strip()
    nieuw.save(update_fields=["vervangt", "reden_wijziging"])
    vandaag = timezone.localdate()
    for oud in locked.toekenningen.select_related("product", "aanbieder"):
        begin = max(oud.begindatum, vandaag) if oud.begindatum else None
        if oud.einddatum is not None and begin is not None and oud.einddatum < begin:
            continue  # already over: nothing to carry into the new decision
        regel = Regel(product=oud.product, besluit=oud.besluit, volume=oud.volume,
                      begindatum=begin, einddatum=oud.einddatum, levering=oud.levering,
                      aanbieder=oud.aanbieder, reden=oud.reden)
        try:
            toekenning_add(user=user, beschikking=nieuw, regel=regel)
        except ValidationError:
            continue  # e.g. the contract ended: the professional adds this line again
    return nieuw


@transaction.atomic
def beschikking_withdraw(*, user: User, beschikking: Beschikking, per: date, reden: str,
                         request: HttpRequest | None = None) -> Beschikking:
    """End a running decision from `per`, with a reason; the decision and its lines stay as
    they were taken (the history), the cost stops from that day."""
    locked = Beschikking.objects.select_for_update().select_related("casus__intake").get(
        pk=beschikking.pk)
    if locked.status != BeschikkingStatus.GENOMEN:
        raise ValidationError(_("Alleen een lopend besluit kan worden ingetrokken."))
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom het besluit wordt ingetrokken.")})
    if locked.genomen_op and per < locked.genomen_op:
        raise ValidationError({"per": _("Deze datum ligt voor het besluit. Kies een datum op "
                                        "of na %(datum)s.") % {
                                            "datum": _datum(locked.genomen_op)}})
    locked.status = BeschikkingStatus.INGETROKKEN
    locked.ingetrokken_op = per
    locked.reden_wijziging = reden.strip()
    locked.save(update_fields=["status", "ingetrokken_op", "reden_wijziging"])
    casus = locked.casus
    _event(casus, Soort.INGETROKKEN, user, beschikking=locked, tekst=reden.strip())
    with translation.override("nl"):
        _tell(casus, onderwerp=_("Wij trekken een besluit in"),
              tekst=_("Wij trekken het besluit met kenmerk %(kenmerk)s in per %(per)s. De "
                      "reden: %(reden)s. Bent u het er niet mee eens? Dan kunt u binnen 6 "
                      "weken bezwaar maken.") % {
                  "kenmerk": locked.kenmerk, "per": _datum(per), "reden": reden.strip()},
              url=reverse("casussen_mijn:besluit", args=[casus.pk, locked.pk]),
              sleutel=f"intrekking:{locked.pk}")
    _log(user, casus, "beschikking", locked.pk, request)
    beschikking_ingetrokken.send(sender=Beschikking, beschikking=locked, per=per, user=user)
    return locked


# --- Bezwaar ------------------------------------------------------------------------------------


@transaction.atomic
def bezwaar_record(*, user: User, beschikking: Beschikking, ontvangen_op: date,
                   toelichting: str, request: HttpRequest | None = None) -> Bezwaar:
    """Record a bezwaar received and start its clock: six weeks after the bezwaar term ends
    (Awb 7:10), or after receipt when it came in late."""
    if not beschikking.is_genomen or beschikking.genomen_op is None:
        raise ValidationError(_("Bezwaar kan alleen tegen een genomen besluit."))
    _niet_in_de_toekomst(ontvangen_op, "ontvangen_op")
    if ontvangen_op < beschikking.genomen_op:
        raise ValidationError({"ontvangen_op": _("Deze datum ligt voor het besluit.")})
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf kort op waar het bezwaar over gaat.")})
    casus = beschikking.casus
    start = max(beschikking.bezwaar_tot or ontvangen_op, ontvangen_op)
    houder = houder_of(casus.intake)
    with translation.override("nl"):
        termijn = termijn_create(
            intake=casus.intake, casus_id=casus.pk, soort=TermijnSoort.BEZWAAR,
            deadline=wettelijke_deadline(soort=TermijnSoort.BEZWAAR, start=start),
            team_id=houder.team_id, verantwoordelijke=houder.verantwoordelijke, user=user,
            omschrijving=_("Bezwaar tegen %(kenmerk)s") % {"kenmerk": beschikking.kenmerk})
    bezwaar = Bezwaar.objects.create(beschikking=beschikking, ontvangen_op=ontvangen_op,
                                     toelichting=toelichting.strip(), termijn=termijn, door=user)
    _event(casus, Soort.BEZWAAR, user, beschikking=beschikking, tekst=toelichting.strip())
    with translation.override("nl"):
        _tell(casus, onderwerp=_("Wij hebben uw bezwaar ontvangen"),
              tekst=_("Wij hebben uw bezwaar tegen het besluit %(kenmerk)s ontvangen op "
                      "%(datum)s. U hoort uiterlijk %(uiterlijk)s wat wij beslissen.") % {
                  "kenmerk": beschikking.kenmerk, "datum": _datum(ontvangen_op),
                  "uiterlijk": _datum(timezone.localdate(termijn.deadline))},
              url=reverse("casussen_mijn:besluit", args=[casus.pk, beschikking.pk]),
              sleutel=f"bezwaar:{bezwaar.pk}")
    _log(user, casus, "bezwaar", bezwaar.pk, request)
    return bezwaar


@transaction.atomic
def bezwaar_decide(*, user: User, bezwaar: Bezwaar, uitkomst: str, besloten_op: date,
                   request: HttpRequest | None = None) -> Bezwaar:
    """Record the decision on the bezwaar; its clock is met."""
    locked = Bezwaar.objects.select_for_update().select_related(
        "beschikking__casus__intake").get(pk=bezwaar.pk)
    if locked.uitkomst:
        raise ValidationError(_("Op dit bezwaar is al beslist."))
    _niet_in_de_toekomst(besloten_op, "besloten_op")
    if besloten_op < locked.ontvangen_op:
        raise ValidationError({"besloten_op": _("Deze datum ligt voor de ontvangst van het "
                                                "bezwaar.")})
    locked.uitkomst = uitkomst
    locked.besloten_op = besloten_op
    locked.save(update_fields=["uitkomst", "besloten_op"])
    if locked.termijn_id:
        termijn = Termijn.objects.get(pk=locked.termijn_id)
        if termijn.is_open:
            termijn_complete(user=user, termijn=termijn)
    casus = locked.beschikking.casus
    _event(casus, Soort.BEZWAAR_BESLIST, user, beschikking=locked.beschikking,
           tekst=locked.get_uitkomst_display())
    _log(user, casus, "bezwaar", locked.pk, request)
    return locked
