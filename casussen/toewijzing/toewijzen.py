"""From decision to toewijzing: a natura line with a provider becomes a 301; a herziening, a
correction or an intrekking sends the 301 that changes or ends it; a provider's verzoek is
answered with a decision (then a 301) or a 319.

Rules (iWmo/iJw 3.2): only the end date of a toewijzing may change under the same
ToewijzingNummer (RedenWijziging 04 verlenging, 05 verkorting). Any other change ends the old
toewijzing the day before the new one starts and sends a new one with a new number; one that
has not started yet is withdrawn as sent in error (RedenWijziging 13, einddatum = ingangsdatum).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Grond
from regie.termijnen.models import Termijn, TermijnSoort
from regie.termijnen.services import termijn_complete, termijn_create
from toegang.accounts.models import User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.catalogus.models import Eenheid
from toegang.core.bsn import bsn_decrypt
from toegang.core.domein import Wet
from toegang.core.werkdagen import einde_van_dag, termijn_einde
from toegang.istandaarden import berichten as codec
from toegang.istandaarden.berichten import Standaard

from ..besluit.models import Beschikking, Levering, Toekenning
from ..besluit.services import Regel, beschikking_draft, beschikking_revise, toekenning_add
from ..models import Casus
from .models import Bericht, Toewijzing, ToewijzingStatus, Verzoek, VerzoekSoort, VerzoekStatus
from .verzending import bericht_uit, nieuwe_identificatie

STANDAARD_VAN_WET = {Wet.WMO: Standaard.IWMO, Wet.JEUGDWET: Standaard.IJW}
WET_VAN_STANDAARD = {Standaard.IWMO: Wet.WMO, Standaard.IJW: Wet.JEUGDWET}

VERLENGING, VERKORTING, LEVERINGSVORM, ANDERE_AANBIEDER = "04", "05", "08", "09"
DOOR_AANBIEDER, VERWIJDERD = "12", "13"
ONDERZOEK_WEKEN = 8


def gemeentecode() -> str:
    return str(settings.ISTANDAARDEN_GEMEENTECODE)


# --- The client and the volume as the messages carry them ----------------------------------

_HUIS = re.compile(r"^(?P<straat>.*?)\s+(?P<nummer>\d{1,5})\s*(?P<letter>[A-Za-z]?)\b\s*"
                   r"(?P<toevoeging>.{0,4})$")


def client_van(casus: Casus) -> codec.Client | None:
    """The resident of the casus as a message's Client; None without a BSN (then no message
    can go: the toewijzing is arranged outside the berichtenverkeer)."""
    intake = casus.intake
    if not intake.bsn_versleuteld:
        return None
    adres = None
    if intake.straat and not intake.geen_vast_adres:
        huis = _HUIS.match(intake.straat.strip())
        adres = codec.Adres(
            huisnummer=int(huis["nummer"]) if huis else None,
            huisletter=huis["letter"] if huis else "",
            toevoeging=huis["toevoeging"].strip() if huis else "",
            postcode=intake.postcode.replace(" ", "").upper(),
            straat=(huis["straat"] if huis else intake.straat)[:24],
            plaats=intake.woonplaats[:80])
    voornaam = intake.voornaam.strip()
    letters = "".join(deel[0] for deel in voornaam.split() if deel[:1].isalpha())[:6]
    return codec.Client(
        bsn=bsn_decrypt(intake.bsn_versleuteld), geboortedatum=intake.geboortedatum,
        naam=codec.Naam(achternaam=intake.achternaam.strip()[:200], voornamen=voornaam[:200],
                        voorletters=letters),
        adres=adres)


def omvang_van(volume: Decimal | None, eenheid: str) -> tuple[int | None, str]:
    """Messages carry whole numbers: 1.5 uur becomes 90 minuten, other fractions round."""
    if volume is None:
        return None, eenheid
    if volume == volume.to_integral_value():
        return int(volume), eenheid
    if eenheid == Eenheid.UUR:
        return int((volume * 60).to_integral_value(ROUND_HALF_UP)), Eenheid.MINUUT
    if eenheid == Eenheid.DAGDEEL:  # a dagdeel is 4 hours
        return int((volume * 240).to_integral_value(ROUND_HALF_UP)), Eenheid.MINUUT
    return int(volume.to_integral_value(ROUND_HALF_UP)), eenheid


def _header(standaard: str, code: str, agb: str) -> codec.Header:
    return codec.Header(standaard=Standaard(standaard), bericht=code, afzender=gemeentecode(),
                        ontvanger=agb, identificatie=nieuwe_identificatie(),
                        dagtekening=timezone.localdate())


def _product(toewijzing: Toewijzing) -> codec.ToegewezenProduct:
    nu = timezone.localtime()
    omvang = (codec.Omvang(volume=toewijzing.volume, eenheid=toewijzing.eenheid,
                           frequentie=toewijzing.frequentie)
              if toewijzing.volume is not None else None)
    return codec.ToegewezenProduct(
        toewijzingnummer=toewijzing.pk, toewijzingsdatum=nu.date(),
        toewijzingstijd=nu.time().replace(microsecond=0), ingangsdatum=toewijzing.ingangsdatum,
        categorie=toewijzing.product.productcategorie, code=toewijzing.product.productcode,
        einddatum=toewijzing.einddatum, reden_wijziging=toewijzing.reden_wijziging,
        omvang=omvang, budget=toewijzing.budget,
        referentie_aanbieder=toewijzing.referentie_aanbieder)


def _stuur_301(toewijzing: Toewijzing, client: codec.Client) -> Bericht:
    standaard = STANDAARD_VAN_WET[Wet(toewijzing.wet)]
    bericht = codec.Bericht(header=_header(standaard, "301", toewijzing.aanbieder.agb_code),
                            client=client, toegewezen=(_product(toewijzing),))
    return bericht_uit(bericht=bericht, casus=toewijzing.casus,
                       aanbieder_id=toewijzing.aanbieder_id,
                       bsn_hash=toewijzing.casus.intake.bsn_hash)


# --- Decision taken, revised, withdrawn ----------------------------------------------------


def _gaat_via_berichten(regel: Toekenning) -> bool:
    return (regel.is_toegekend and regel.levering == Levering.NATURA
            and regel.aanbieder_id is not None and bool(regel.product.productcode))


@dataclass
class _Omvang:
    volume: int | None
    eenheid: str
    frequentie: str


def _omvang_regel(regel: Toekenning) -> _Omvang:
    volume, eenheid = omvang_van(regel.volume, regel.eenheid)
    return _Omvang(volume, eenheid, regel.frequentie)


def _zelfde_levering(oud: Toewijzing, regel: Toekenning) -> bool:
    nieuw = _omvang_regel(regel)
    return (oud.product_id == regel.product_id and oud.aanbieder_id == regel.aanbieder_id
            and (oud.volume, oud.eenheid, oud.frequentie)
            == (nieuw.volume, nieuw.eenheid, nieuw.frequentie))


def _beeindig(oud: Toewijzing, *, per: date, reden: str, client: codec.Client) -> None:
    """End a toewijzing from `per` (the first day without care); one that has not started
    yet by then is withdrawn as sent in error."""
    if per <= oud.ingangsdatum and oud.begonnen_op is None:
        oud.einddatum = oud.ingangsdatum
        oud.reden_wijziging = VERWIJDERD
        oud.status = ToewijzingStatus.VERWIJDERD
    else:
        laatste = max(per - timedelta(days=1), oud.ingangsdatum)
        if oud.einddatum is not None and oud.einddatum <= laatste:
            return  # already ends by then: nothing to tell
        oud.einddatum = laatste
        oud.reden_wijziging = reden
        oud.status = ToewijzingStatus.GEWIJZIGD
    oud.gewijzigd_op = timezone.now()
    oud.save(update_fields=["einddatum", "reden_wijziging", "status", "gewijzigd_op"])
    _stuur_301(oud, client)


def bij_besluit(beschikking: Beschikking, user: User) -> list[Bericht]:
    """The 301s for a decision just taken (inside its transaction)."""
    if beschikking.wet not in STANDAARD_VAN_WET:
        return []
    casus = beschikking.casus
    client = client_van(casus)
    if client is None:
        return []
    regels = [r for r in beschikking.toekenningen.select_related("product", "aanbieder")
              if _gaat_via_berichten(r)]
    vandaag = timezone.localdate()
    verzoek = (Verzoek.objects.select_related("termijn")
               .filter(beschikking=beschikking, status=VerzoekStatus.TOEWIJZEN).first())
    voor = Bericht.objects.filter(casus=casus).count()
    if beschikking.vervangt_id is not None:
        for oud in (Toewijzing.objects.select_related("product", "aanbieder", "casus__intake")
                    .filter(toekenning__beschikking_id=beschikking.vervangt_id,
                            status=ToewijzingStatus.ACTUEEL)):
            gelijk = next((r for r in regels if _zelfde_levering(oud, r)), None)
            if gelijk is not None:
                regels.remove(gelijk)
                _verleng_of_verkort(oud, gelijk, client)
                continue
            start = min((r.begindatum or vandaag for r in regels
                         if r.product_id == oud.product_id), default=vandaag)
            opvolger = [r for r in regels if r.product_id == oud.product_id]
            reden = (ANDERE_AANBIEDER if any(r.aanbieder_id != oud.aanbieder_id
                                             for r in opvolger)
                     else VERKORTING)
            if not opvolger and beschikking.toekenningen.filter(
                    product_id=oud.product_id, levering=Levering.PGB).exists():
                reden = LEVERINGSVORM
            _beeindig(oud, per=start, reden=reden, client=client)
    for regel in regels:
        assert regel.aanbieder is not None  # _gaat_via_berichten
        volume = _omvang_regel(regel)
        toewijzing = Toewijzing.objects.create(
            casus=casus, toekenning=regel, aanbieder=regel.aanbieder, product=regel.product,
            wet=beschikking.wet, ingangsdatum=regel.begindatum or beschikking.genomen_op or vandaag,
            einddatum=regel.einddatum, volume=volume.volume, eenheid=volume.eenheid,
            frequentie=volume.frequentie,
            reden_wijziging=(DOOR_AANBIEDER if verzoek is not None
                             and verzoek.soort == VerzoekSoort.WIJZIGING else ""),
            referentie_aanbieder=(verzoek.referentie_aanbieder
                                  if verzoek is not None
                                  and verzoek.aanbieder_id == regel.aanbieder_id else ""))
        _stuur_301(toewijzing, client)
    if verzoek is not None:
        _verzoek_afgerond(verzoek, status=VerzoekStatus.TOEGEWEZEN, user=user,
                          antwoord=Bericht.objects.filter(casus=casus, code="301")
                          .order_by("-id").first())
    return list(Bericht.objects.filter(casus=casus).order_by("id")[voor:])


def _verleng_of_verkort(oud: Toewijzing, regel: Toekenning, client: codec.Client) -> None:
    oud.toekenning = regel
    if oud.einddatum == regel.einddatum:
        oud.save(update_fields=["toekenning"])
        return
    langer = regel.einddatum is None or (oud.einddatum is not None
                                         and regel.einddatum > oud.einddatum)
    oud.einddatum = regel.einddatum
    oud.reden_wijziging = VERLENGING if langer else VERKORTING
    oud.gewijzigd_op = timezone.now()
    oud.save(update_fields=["toekenning", "einddatum", "reden_wijziging", "gewijzigd_op"])
    _stuur_301(oud, client)


def bij_intrekking(beschikking: Beschikking, per: date) -> int:
    """End the toewijzingen of a withdrawn decision from `per`."""
    client = client_van(beschikking.casus)
    if client is None:
        return 0
    lopend = list(Toewijzing.objects.select_related("product", "aanbieder", "casus__intake")
                  .filter(toekenning__beschikking=beschikking,
                          status=ToewijzingStatus.ACTUEEL))
    for oud in lopend:
        _beeindig(oud, per=per, reden=VERKORTING, client=client)
    return len(lopend)


# --- Answering a provider's verzoek ---------------------------------------------------------


def _verzoek_afgerond(verzoek: Verzoek, *, status: str, user: User,
                      antwoord: Bericht | None) -> None:
    verzoek.status = status
    verzoek.antwoord = antwoord
    verzoek.beantwoord_door = user
    verzoek.beantwoord_op = timezone.now()
    verzoek.save(update_fields=["status", "antwoord", "beantwoord_door", "beantwoord_op"])
    if verzoek.termijn is not None and verzoek.termijn.is_open:
        termijn_complete(user=user, termijn=verzoek.termijn)


def _antwoord_319(verzoek: Verzoek, *, antwoord: str, reden: str = "") -> Bericht:
    standaard = STANDAARD_VAN_WET[Wet(verzoek.wet)]
    bericht = codec.Bericht(
        header=_header(standaard, "319", verzoek.aanbieder.agb_code),
        antwoord=codec.Antwoord(referentie_aanbieder=verzoek.referentie_aanbieder,
                                verzoek_antwoord=antwoord, reden_afwijzing=reden))
    return bericht_uit(bericht=bericht, casus=verzoek.casus, aanbieder_id=verzoek.aanbieder_id,
                       bsn_hash=verzoek.bericht.bsn_hash)


def _log(user: User, verzoek: Verzoek, *, grond: str, request: HttpRequest | None) -> None:
    """One access-log row: `user` answered the request (on the basis the gate found, or as a
    member of the team it was sent to)."""
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=grond or Grond.ROUTERING,
                      object_type="verzoek", object_id=verzoek.pk,
                      intake_id=verzoek.intake_id, casus_id=verzoek.casus_id,
                      inwoner_id=verzoek.intake.inwoner_id, request=request)


def _open_verzoek(verzoek: Verzoek, *toegestaan: str) -> Verzoek:
    # Only the request's own row is locked: PostgreSQL refuses FOR UPDATE on the nullable side
    # of an outer join (the clock).
    locked = Verzoek.objects.select_for_update(of=("self",)).select_related(
        "aanbieder", "bericht", "termijn", "intake").get(pk=verzoek.pk)
    if locked.status not in (toegestaan or (VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK)):
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    return locked


@transaction.atomic
def verzoek_afwijzen(*, user: User, verzoek: Verzoek, reden: str, toelichting: str = "",
                     request: HttpRequest | None = None) -> Verzoek:
    """Refuse the request with a reason from the code list: a 319 to the provider."""
    locked = _open_verzoek(verzoek, VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK,
                           VerzoekStatus.TOEWIJZEN)
    if not reden:
        raise ValidationError({"reden": _("Kies de reden van de afwijzing.")})
    locked.reden_afwijzing = reden
    locked.toelichting_antwoord = toelichting.strip()
    locked.save(update_fields=["reden_afwijzing", "toelichting_antwoord"])
    bericht = _antwoord_319(locked, antwoord="1", reden=reden)
    _verzoek_afgerond(locked, status=VerzoekStatus.AFGEWEZEN, user=user, antwoord=bericht)
    _log(user, locked, grond=getattr(verzoek, "grond", ""), request=request)
    return locked


@transaction.atomic
def verzoek_onderzoeken(*, user: User, verzoek: Verzoek,
                        request: HttpRequest | None = None) -> Verzoek:
    """Tell the provider the request is being looked into (319 'aanvraag in onderzoek'): the
    5-working-day answer is given, and an 8-week clock starts for the decision."""
    locked = _open_verzoek(verzoek, VerzoekStatus.OPEN)
    bericht = _antwoord_319(locked, antwoord="2")
    if locked.termijn is not None and locked.termijn.is_open:
        termijn_complete(user=user, termijn=locked.termijn)
    locked.termijn = termijn_create(
        intake=locked.intake, soort=TermijnSoort.VERZOEK_ONDERZOEK,
        deadline=einde_van_dag(termijn_einde(timezone.localdate(), weken=ONDERZOEK_WEKEN)),
        team_id=locked.team_id, casus_id=locked.casus_id, user=user,
        omschrijving=_("Onderzoek naar het verzoek van %(aanbieder)s afronden") % {
            "aanbieder": locked.aanbieder.naam})
    locked.status = VerzoekStatus.IN_ONDERZOEK
    locked.antwoord = bericht
    locked.save(update_fields=["termijn", "status", "antwoord"])
    _log(user, locked, grond=getattr(verzoek, "grond", ""), request=request)
    return locked


def _casus_van(verzoek: Verzoek) -> Casus:
    casus = verzoek.casus or Casus.objects.filter(intake=verzoek.intake).first()
    if casus is None:
        raise ValidationError(_("Er is nog geen casus voor deze inwoner. Pak eerst de "
                                "aanmelding op in de werkvoorraad; daarna kunt u toewijzen."))
    return casus


@transaction.atomic
def verzoek_toewijzen(*, user: User, verzoek: Verzoek,
                      request: HttpRequest | None = None) -> Beschikking:
    """Start the decision that grants the request: a draft beschikking with the requested
    product for this provider (a 315), or a herziening of the decision behind the
    toewijzing the provider wants changed (a 317). Taking that decision sends the 301."""
    locked = _open_verzoek(verzoek)
    casus = _casus_van(locked)
    if locked.soort == VerzoekSoort.WIJZIGING:
        beschikking = _herziening_voor(locked, user=user, request=request)
    else:
        if locked.product is None:
            raise ValidationError(_("Het gevraagde product %(code)s staat niet in de "
                                    "productcatalogus. Voeg het toe of wijs het verzoek af.")
                                  % {"code": locked.productcode or "?"})
        beschikking = beschikking_draft(
            user=user, casus=casus, wet=locked.wet, request=request,
            motivering=_("Op verzoek van %(aanbieder)s (referentie %(ref)s).") % {
                "aanbieder": locked.aanbieder.naam, "ref": locked.referentie_aanbieder})
        volume = _volume_voor(locked, locked.product)
        toekenning_add(user=user, beschikking=beschikking, regel=Regel(
            product=locked.product, besluit="toegekend", volume=volume,
            begindatum=max(locked.ingangsdatum or timezone.localdate(), timezone.localdate()),
            einddatum=locked.einddatum, levering=Levering.NATURA,
            aanbieder=locked.aanbieder))
    locked.casus = casus
    locked.beschikking = beschikking
    locked.status = VerzoekStatus.TOEWIJZEN
    locked.save(update_fields=["casus", "beschikking", "status"])
    _log(user, locked, grond=getattr(verzoek, "grond", ""), request=request)
    return beschikking


# Time units in minutes: a message carries whole minutes where the catalogue counts hours.
_MINUTEN: dict[str, int] = {Eenheid.MINUUT: 1, Eenheid.UUR: 60, Eenheid.DAGDEEL: 240}


def _volume_voor(verzoek: Verzoek, product: Any) -> Decimal | None:
    """The requested volume in the product's unit (120 minuten per week → 2 uur per week)."""
    if verzoek.volume is None:
        return None
    van, naar = verzoek.eenheid or product.eenheid, product.eenheid
    anders = (van != naar and not (van in _MINUTEN and naar in _MINUTEN)) or (
        verzoek.frequentie and verzoek.frequentie != product.frequentie)
    if anders:
        raise ValidationError(_("De aanbieder vraagt een omvang in een andere eenheid of per "
                                "een andere periode dan het product in de catalogus. Stel het "
                                "besluit zelf op bij de besluiten van de casus, of wijs het "
                                "verzoek af."))
    volume = Decimal(verzoek.volume)
    if van != naar:
        volume = (volume * _MINUTEN[van] / _MINUTEN[naar]).quantize(Decimal("0.01"),
                                                                    ROUND_HALF_UP)
    return volume


def _herziening_voor(verzoek: Verzoek, *, user: User,
                     request: HttpRequest | None) -> Beschikking:
    nummers = [int(w["toewijzingnummer"]) for w in verzoek.wijzigingen
               if str(w.get("toewijzingnummer", "")).isdigit()]
    toewijzing = (Toewijzing.objects.select_related("toekenning__beschikking")
                  .filter(pk__in=nummers, aanbieder=verzoek.aanbieder).first())
    if toewijzing is None:
        raise ValidationError(_("De toewijzing die de aanbieder wil wijzigen is niet gevonden. "
                                "Wijs het verzoek af of neem contact op met de aanbieder."))
    return beschikking_revise(
        user=user, beschikking=toewijzing.toekenning.beschikking, request=request,
        reden=_("Verzoek om wijziging van %(aanbieder)s (referentie %(ref)s).") % {
            "aanbieder": verzoek.aanbieder.naam, "ref": verzoek.referentie_aanbieder})


def open_verzoek_termijnen(verzoek: Verzoek) -> list[Termijn]:
    return [verzoek.termijn] if verzoek.termijn is not None and verzoek.termijn.is_open else []


def wijziging_als_dict(product: Any) -> dict[str, Any]:
    """A TeWijzigenProduct or NieuwProduct of a 317, kept as the provider sent it."""
    return {
        "toewijzingnummer": getattr(product, "toewijzingnummer", None),
        "categorie": getattr(product, "categorie", ""),
        "code": getattr(product, "code", ""),
        "ingangsdatum": product.gewenste_ingangsdatum.isoformat(),
        "einddatum": product.einddatum.isoformat() if product.einddatum else None,
        "volume": product.omvang.volume if product.omvang else None,
        "eenheid": product.omvang.eenheid if product.omvang else "",
        "frequentie": product.omvang.frequentie if product.omvang else "",
        "budget": product.budget,
    }
