"""Messages from providers: picked up from the transport, stored once, then acted on once.

Storing and acting are two steps. `ontvang` reads a file, checks it (safe parser, schema, our
municipality, a provider we know) and stores it — or puts it in quarantine with the reason —
and only then tells the transport it is handled. `verwerk` acts on a stored message in one
transaction that locks it and moves it from ontvangen to verwerkt: a crash in between leaves
it ontvangen, and the next run acts on it, once. A file delivered twice (same identificatie,
same content) is handled once; another message under an identificatie already used goes to
quarantine.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.gegevens import IntakeGegevens, VerwijzingGegevens
from intake.models import Intake, Kanaal, OntvangenVia, Verwijzer, VerwijzerSoort
from intake.services import intake_submit
from intake.verwijzing.services import verwijzer_create
from regie.termijnen.hooks import houder_of
from regie.termijnen.models import TermijnSoort
from regie.termijnen.services import termijn_create
from toegang.catalogus.models import Product, Zorgaanbieder
from toegang.core.bsn import bsn_hash, tekst_decrypt, tekst_encrypt
from toegang.core.domein import Wet
from toegang.core.werkdagen import einde_van_dag, werkdagen_na
from toegang.istandaarden import berichten as codec
from toegang.istandaarden.codes import TYPE_VERWIJZER
from toegang.istandaarden.transport import Ontvangen, Transport, transport

from ..models import Casus
from .models import (
    Bericht,
    BerichtStatus,
    Quarantaine,
    Richting,
    Toewijzing,
    Verzoek,
    VerzoekSoort,
)
from .toewijzen import WET_VAN_STANDAARD, gemeentecode, wijziging_als_dict
from .verzending import RETOUR_WERKDAGEN, bericht_uit, nieuwe_identificatie

logger = logging.getLogger(__name__)

ANTWOORD_WERKDAGEN = 5  # a 315 or 317 is answered with a 301 or 319 within 5 working days
VAN_AANBIEDER = {"302", "305", "307", "315", "317", "320"}
RETOUREN = {"302": "301", "320": "319"}
GOED, NIET_TE_KOPPELEN, DUBBEL = "0200", "9019", "9074"


class Onleesbaar(Exception):
    """A file that cannot become a stored message; the text says why, for the beheerder."""


# --- Pick up and store ---------------------------------------------------------------------


def ophalen(*, via: Transport | None = None, limiet: int = 500) -> int:
    """Pick up waiting files, store them, then act on everything stored and not yet acted
    on (also what an earlier run stored before it crashed). Returns how many were acted on.

    The files of one pickup are stored in one transaction; only after it commits does the
    transport move them out of in/. A crash before that leaves the files in in/: the next
    run finds them stored already (same identificatie, same content) and only moves them."""
    kanaal = via or transport()
    bestanden = kanaal.ophalen(limiet)
    with transaction.atomic():
        opgeslagen, fout = _opslaan_alles(bestanden)
        Quarantaine.objects.bulk_create([
            Quarantaine(bestandsnaam=b.naam[:255], reden=reden,
                        grootte=b.grootte or len(b.inhoud)) for b, reden in fout])
    geparst: dict[int, codec.Bericht] = {}
    for bestand, rij, bericht in opgeslagen:
        kanaal.afgehandeld(bestand)
        if rij is not None and bericht is not None:
            geparst[rij.pk] = bericht
    for bestand, reden in fout:
        kanaal.quarantaine(bestand, reden)
        logger.warning("Message file %s quarantined: %s", bestand.naam, reden)
    return verwerk_wachtend(geparst=geparst)


def ontvang(bestand: Ontvangen, kanaal: Transport) -> Bericht | None:
    """Store one file as a message (or put it in quarantine) and move it out of in/."""
    with transaction.atomic():
        opgeslagen, fout = _opslaan_alles([bestand])
        for _bestand, reden in fout:
            Quarantaine.objects.create(bestandsnaam=bestand.naam[:255], reden=reden,
                                       grootte=bestand.grootte or len(bestand.inhoud))
    if fout:
        kanaal.quarantaine(bestand, fout[0][1])
        return None
    kanaal.afgehandeld(bestand)
    return opgeslagen[0][1]


Opgeslagen = tuple[Ontvangen, Bericht | None, codec.Bericht | None]


def _opslaan_alles(bestanden: list[Ontvangen]
                   ) -> tuple[list[Opgeslagen], list[tuple[Ontvangen, str]]]:
    """Store the files that are new messages in one insert. Returns the files that may
    leave in/ (with the new row and its parsed content; a file stored before has no row)
    and the files for quarantine with the reason."""
    aanbieders: dict[str, Zorgaanbieder | None] = {}
    kandidaten: list[tuple[Ontvangen, Bericht, codec.Bericht]] = []
    fout: list[tuple[Ontvangen, str]] = []
    for bestand in bestanden:
        try:
            rij, bericht = _nieuwe_rij(bestand, aanbieders)
        except Onleesbaar as exc:
            fout.append((bestand, str(exc)))
            continue
        kandidaten.append((bestand, rij, bericht))
    bekend = {(b.agb, b.identificatie, b.dagtekening): b.inhoud_hash for b in
              Bericht.objects.filter(richting=Richting.IN, identificatie__in={
                  r.identificatie for _b, r, _p in kandidaten}).only(
                  "agb", "identificatie", "dagtekening", "inhoud_hash")}
    nieuw: list[tuple[Ontvangen, Bericht, codec.Bericht]] = []
    opgeslagen: list[Opgeslagen] = []
    for bestand, rij, bericht in kandidaten:
        sleutel = (rij.agb, rij.identificatie, rij.dagtekening)
        if sleutel in bekend:
            if bekend[sleutel] != rij.inhoud_hash:
                fout.append((bestand, _dubbel(rij)))
            else:
                opgeslagen.append((bestand, None, None))  # delivered twice: acted on once
            continue
        bekend[sleutel] = rij.inhoud_hash
        nieuw.append((bestand, rij, bericht))
    try:
        with transaction.atomic():
            Bericht.objects.bulk_create([rij for _b, rij, _p in nieuw])
        opgeslagen.extend(nieuw)
    except IntegrityError:  # another worker stored one of these a moment ago: one by one
        for bestand, rij, bericht in nieuw:
            try:
                with transaction.atomic():
                    rij.pk = None
                    rij.save(force_insert=True)
                opgeslagen.append((bestand, rij, bericht))
            except IntegrityError:
                bestaand = Bericht.objects.get(richting=Richting.IN, agb=rij.agb,
                                               identificatie=rij.identificatie,
                                               dagtekening=rij.dagtekening)
                if bestaand.inhoud_hash != rij.inhoud_hash:
                    fout.append((bestand, _dubbel(rij)))
                else:
                    opgeslagen.append((bestand, None, None))
    return opgeslagen, fout


def _dubbel(rij: Bericht) -> str:
    return _("Er is al een ander bericht ontvangen met identificatie %(id)s van %(datum)s "
             "(retourcode 9056: identificatie moet uniek zijn).") % {
        "id": rij.identificatie, "datum": rij.dagtekening.isoformat()}


def _nieuwe_rij(bestand: Ontvangen, aanbieders: dict[str, Zorgaanbieder | None]
                ) -> tuple[Bericht, codec.Bericht]:
    """The file checked and read into a message row, not saved yet."""
    if bestand.te_groot:
        raise Onleesbaar(_("Het bestand is te groot om een bericht te zijn; het is niet "
                           "gelezen."))
    try:
        bericht = codec.lees(bestand.inhoud)
    except codec.BerichtFout as fout:
        raise Onleesbaar(fout.melding) from fout
    header = bericht.header
    if header.bericht not in VAN_AANBIEDER:
        raise Onleesbaar(_("Dit is een bericht %(code)s; dat stuurt een zorgaanbieder niet "
                           "aan de gemeente.") % {"code": header.bericht})
    retour = header.bericht in RETOUREN
    gemeente, agb = ((header.afzender, header.ontvanger) if retour
                     else (header.ontvanger, header.afzender))
    if gemeente != gemeentecode():
        raise Onleesbaar(_("Het bericht is voor gemeente %(code)s, niet voor ons.")
                         % {"code": gemeente})
    if agb not in aanbieders:
        aanbieders[agb] = Zorgaanbieder.objects.filter(agb_code=agb).first()
    aanbieder = aanbieders[agb]
    if aanbieder is None:
        raise Onleesbaar(_("Zorgaanbieder met AGB-code %(agb)s is niet bekend. Voeg de "
                           "aanbieder toe in het beheer en zet het bestand terug in de map "
                           "in/.") % {"agb": agb})
    bsn = bericht.client.bsn if bericht.client is not None else ""
    rij = Bericht(
        richting=Richting.IN, agb=agb, identificatie=header.identificatie,
        dagtekening=header.dagtekening, standaard=str(header.standaard), code=header.bericht,
        afzender=header.afzender, ontvanger=header.ontvanger, aanbieder=aanbieder,
        bsn_hash=bsn_hash(bsn) if bsn else "",
        toewijzingnummers=" ".join(str(n) for n in bericht.toewijzingnummers)[:200],
        bestandsnaam=bestand.naam[:120],
        inhoud=tekst_encrypt(bestand.inhoud.decode("utf-8")),
        inhoud_hash=hashlib.sha256(bestand.inhoud).hexdigest(),
        status=BerichtStatus.ONTVANGEN, created_at=timezone.now(),
        retour_uiterlijk=(None if retour else
                          werkdagen_na(timezone.localdate(), RETOUR_WERKDAGEN)))
    return rij, bericht


# --- Act -----------------------------------------------------------------------------------


PER_TRANSACTIE = 100
VELDEN = ["status", "fout", "verwerkt_op", "casus", "retour_op", "retourcodes",
          "retour_klaar_op"]


def verwerk_wachtend(limiet: int = 1000, *,
                     geparst: dict[int, codec.Bericht] | None = None) -> int:
    """Act on what is stored and not acted on yet, PER_TRANSACTIE messages per transaction.
    When one of them fails (a bug, a lock timeout) that transaction is rolled back and its
    messages are done one per transaction, so only the failing one stays `ontvangen` for
    the next run."""
    pks = list(Bericht.objects.filter(richting=Richting.IN, status=BerichtStatus.ONTVANGEN)
               .order_by("id").values_list("pk", flat=True)[:limiet])
    geparst = geparst or {}
    gedaan = 0
    for begin in range(0, len(pks), PER_TRANSACTIE):
        deel = pks[begin:begin + PER_TRANSACTIE]
        try:
            with transaction.atomic():
                rijen = list(_te_verwerken(deel))
                for rij in rijen:
                    _handel(rij, geparst.get(rij.pk))
                Bericht.objects.bulk_update(rijen, VELDEN)
            gedaan += len(rijen)
        except Exception:
            logger.warning("A message of %s could not be acted on; one by one", deel,
                           exc_info=True)
            for pk in deel:
                try:
                    if verwerk(pk, geparst.get(pk)) is not None:
                        gedaan += 1
                except Exception:
                    logger.exception("Message %s could not be acted on; it stays ontvangen",
                                     pk)
    return gedaan


def _te_verwerken(pks: list[int]) -> Any:
    # Only the messages' own rows are locked: PostgreSQL refuses FOR UPDATE on the nullable
    # side of an outer join (the provider). Rows another worker holds are skipped.
    return (Bericht.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("aanbieder")
            .filter(pk__in=pks, status=BerichtStatus.ONTVANGEN).order_by("id"))


@transaction.atomic
def verwerk(pk: int, bericht: codec.Bericht | None = None) -> Bericht | None:
    """Act on one stored message, once (`bericht`: its content, when the caller has just
    parsed it; otherwise it is read back from the stored copy)."""
    rij = _te_verwerken([pk]).first()
    if rij is None:
        return None
    _handel(rij, bericht)
    rij.save(update_fields=VELDEN)
    return rij


def _handel(rij: Bericht, bericht: codec.Bericht | None) -> None:
    if bericht is None:
        bericht = codec.lees(tekst_decrypt(rij.inhoud).encode("utf-8"))
    handelingen = {"302": _retour, "320": _retour, "305": _start, "307": _stop,
                   "315": _verzoek_om_toewijzing, "317": _verzoek_om_wijziging}
    fouten = handelingen[rij.code](rij, bericht)
    rij.status = BerichtStatus.AFGEKEURD if fouten else BerichtStatus.VERWERKT
    rij.fout = "\n".join(fouten)[:4000]
    rij.verwerkt_op = timezone.now()


def _retour(rij: Bericht, bericht: codec.Bericht) -> list[str]:
    """A 302 or 320: close the message it answers; its error codes are a fault to fix."""
    header = bericht.header
    if header.dagtekening_retour is None:
        return [_("Een retourbericht zonder de dagtekening van het bericht waarop het "
                  "antwoordt.")]
    heen = (Bericht.objects.select_for_update()
            .filter(richting=Richting.UIT, code=RETOUREN[rij.code], agb=rij.agb,
                    identificatie=header.identificatie_retour,
                    dagtekening=header.dagtekening_retour).first())
    if heen is None:
        return [_("Retour op een bericht dat wij niet kennen (identificatie %(id)s van "
                  "%(datum)s).") % {"id": header.identificatie_retour,
                                   "datum": header.dagtekening_retour}]
    codes = sorted({c for c in _codes(bericht) if c != GOED})
    heen.retour_klaar_op = timezone.now()
    heen.retourcodes = ",".join(codes or [GOED])
    heen.status = BerichtStatus.RETOUR_FOUT if codes else BerichtStatus.RETOUR_OK
    heen.fout = (_("De zorgaanbieder keurde het bericht af met retourcode(s) %(codes)s.")
                 % {"codes": ", ".join(codes)}) if codes else ""
    heen.save(update_fields=["retour_klaar_op", "retourcodes", "status", "fout"])
    rij.retour_op = heen
    rij.casus_id = heen.casus_id
    rij.retourcodes = heen.retourcodes
    return []


def _codes(bericht: codec.Bericht) -> list[str]:
    codes = list(bericht.header.retourcodes) + list(bericht.client_retourcodes)
    for groep in (bericht.toegewezen, bericht.aangevraagd):
        for product in groep:
            codes.extend(product.retourcodes)
    if bericht.antwoord is not None:
        codes.extend(bericht.antwoord.retourcodes)
    return codes


def _toewijzing(rij: Bericht, nummer: int | None) -> Toewijzing | None:
    if nummer is None:
        return None
    return (Toewijzing.objects.select_for_update().select_related("casus")
            .filter(pk=nummer, aanbieder_id=rij.aanbieder_id).first())


def _stuur_retour(rij: Bericht, bericht: codec.Bericht, codes: Mapping[str, tuple[str, ...]],
                  casus: Casus | None) -> None:
    antwoord = codec.retour(bericht, identificatie=nieuwe_identificatie(),
                            dagtekening=timezone.localdate(), codes=codes)
    bericht_uit(bericht=antwoord, casus=casus, aanbieder_id=rij.aanbieder_id,
                bsn_hash=rij.bsn_hash, retour_op=rij)


Zet = Callable[[Toewijzing, Any], str]


def _per_toewijzing(rij: Bericht, bericht: codec.Bericht, producten: Sequence[Any],
                    onbekend: str, zet: Zet, velden: list[str]) -> list[str]:
    """A 305 or 307: for each product its toewijzing (by number and this provider), changed
    by `zet` (which returns a fault, or ""); then the retour with a code per product."""
    codes: dict[str, tuple[str, ...]] = {}
    fouten: list[str] = []
    casus = None
    for product in producten:
        toewijzing = _toewijzing(rij, product.toewijzingnummer)
        sleutel = str(product.toewijzingnummer)
        if toewijzing is None:
            codes[sleutel] = (NIET_TE_KOPPELEN,)
            fouten.append(onbekend % {"nr": sleutel})
            continue
        casus = toewijzing.casus
        fout = zet(toewijzing, product)
        if fout:
            codes[sleutel] = (DUBBEL,)
            fouten.append(fout)
            continue
        toewijzing.save(update_fields=velden)
    rij.casus = casus
    _stuur_retour(rij, bericht, codes, casus)
    return fouten


def _zet_start(toewijzing: Toewijzing, product: codec.StartProduct) -> str:
    if product.status_aanlevering == "3":  # the provider withdraws its start message
        toewijzing.begonnen_op = None
    elif toewijzing.begonnen_op is not None and toewijzing.begonnen_op != product.begindatum:
        return _("Toewijzing %(nr)s had al een start op %(datum)s.") % {
            "nr": toewijzing.pk, "datum": toewijzing.begonnen_op.isoformat()}
    else:
        toewijzing.begonnen_op = product.begindatum
    return ""


def _zet_stop(toewijzing: Toewijzing, product: codec.StopProduct) -> str:
    if product.status_aanlevering == "3":
        toewijzing.gestopt_op, toewijzing.reden_beeindiging = None, ""
    else:
        toewijzing.gestopt_op = product.einddatum
        toewijzing.reden_beeindiging = product.reden_beeindiging
    return ""


def _start(rij: Bericht, bericht: codec.Bericht) -> list[str]:
    """305: care started (or a start message withdrawn, StatusAanlevering 3)."""
    return _per_toewijzing(rij, bericht, bericht.start,
                           _("Start zorg voor onbekende toewijzing %(nr)s."), _zet_start,
                           ["begonnen_op"])


def _stop(rij: Bericht, bericht: codec.Bericht) -> list[str]:
    """307: care stopped, with the reason."""
    return _per_toewijzing(rij, bericht, bericht.stop,
                           _("Stop zorg voor onbekende toewijzing %(nr)s."), _zet_stop,
                           ["gestopt_op", "reden_beeindiging"])


# --- A provider's request ------------------------------------------------------------------


def _intake_van(bsn: str) -> tuple[Intake | None, Casus | None]:
    """The resident by BSN: their most recent casus, else their most recent intake."""
    sleutel = bsn_hash(bsn)
    casus = (Casus.objects.select_related("intake").filter(intake__bsn_hash=sleutel)
             .order_by("-afgesloten_op", "-geopend_op").first())
    if casus is not None:
        return casus.intake, casus
    return Intake.objects.filter(bsn_hash=sleutel).order_by("-id").first(), None


def _verwijzer_voor(aanbieder: Zorgaanbieder) -> Verwijzer:
    """The provider as a referrer (an account that cannot log in) so its requests enter the
    queue like any referral."""
    bestaand = Verwijzer.objects.filter(soort=VerwijzerSoort.ZORGAANBIEDER,
                                        agb_code=aanbieder.agb_code).first()
    if bestaand is not None:
        return bestaand
    return verwijzer_create(username=f"aanbieder-{aanbieder.agb_code}",
                            email=aanbieder.email, first_name="",
                            last_name=aanbieder.naam[:150], organisatie=aanbieder.naam,
                            soort=VerwijzerSoort.ZORGAANBIEDER, agb_code=aanbieder.agb_code,
                            password=None)


def _nieuwe_aanmelding(rij: Bericht, client: codec.Client, product: codec.AangevraagdProduct,
                       wet: str) -> Intake:
    aanbieder = rij.aanbieder
    assert aanbieder is not None
    verwijzer = _verwijzer_voor(aanbieder)
    naam = client.naam or codec.Naam(achternaam="onbekend")
    voornaam = naam.voornamen or naam.voorletters or "-"
    achternaam = " ".join(d for d in (naam.voorvoegsel, naam.achternaam) if d)
    door = " ".join(d for d in (str(TYPE_VERWIJZER.get(product.verwijzer_type, "")),
                                product.verwijzer_naam,
                                f"(AGB {product.verwijzer_agb})" if product.verwijzer_agb
                                else "") if d)
    vraag = _("%(aanbieder)s vraagt een toewijzing voor %(product)s vanaf %(datum)s.") % {
        "aanbieder": aanbieder.naam, "product": product.code or product.categorie,
        "datum": product.toewijzing_ingangsdatum.isoformat()}
    if product.commentaar:
        vraag += " " + product.commentaar
    gegevens = IntakeGegevens(
        voornaam=voornaam[:100], achternaam=achternaam[:150],
        geboortedatum=client.geboortedatum or date(1900, 1, 1), vraag=vraag, bsn=client.bsn,
        over_kind=wet == Wet.JEUGDWET,
        verwijzing=VerwijzingGegevens(
            soort=VerwijzerSoort.ZORGAANBIEDER, organisatie=aanbieder.naam,
            ontvangen_via=OntvangenVia.BERICHT, persoon=door[:200],
            agb_code=aanbieder.agb_code, inwoner_akkoord=True, verwijzer_id=verwijzer.pk))
    sleutel = uuid.uuid5(uuid.NAMESPACE_URL,
                         f"toegang:verzoek:{rij.pk}:{product.referentie_aanbieder}")
    return intake_submit(gegevens=gegevens, kanaal=Kanaal.VERWIJZING,
                         ingevoerd_door=verwijzer.user, indien_sleutel=sleutel)


def _termijn(verzoek: Verzoek, naam: str) -> None:
    soort = verzoek.get_soort_display()
    verzoek.termijn = termijn_create(
        intake=verzoek.intake, soort=TermijnSoort.VERZOEK_ANTWOORD,
        deadline=einde_van_dag(werkdagen_na(timezone.localdate(), ANTWOORD_WERKDAGEN)),
        team_id=verzoek.team_id, casus_id=verzoek.casus_id,
        omschrijving=_("%(soort)s van %(aanbieder)s voor %(naam)s") % {
            "soort": soort[:1].upper() + soort[1:], "aanbieder": verzoek.aanbieder.naam,
            "naam": naam})
    verzoek.save(update_fields=["termijn"])


def _naam(client: codec.Client | None) -> str:
    if client is None or client.naam is None:
        return _("onbekende inwoner")
    naam = client.naam
    return " ".join(d for d in (naam.voornamen or naam.voorletters, naam.voorvoegsel,
                                naam.achternaam) if d)


def _verzoek_om_toewijzing(rij: Bericht, bericht: codec.Bericht) -> list[str]:
    """315: one task per requested product in the responsible team's work, with the
    5-working-day clock; the retour (316) goes at once."""
    client = bericht.client
    assert client is not None and rij.aanbieder is not None
    wet = WET_VAN_STANDAARD[codec.Standaard(rij.standaard)]
    intake, casus = _intake_van(client.bsn)
    for product in bericht.aangevraagd:
        if intake is None:
            intake = _nieuwe_aanmelding(rij, client, product, wet)
        team_id = casus.team_id if casus is not None else houder_of(intake).team_id
        catalogus = (Product.objects.filter(wet=wet, productcode=product.code).first()
                     if product.code else None)
        verzoek = Verzoek.objects.create(
            bericht=rij, soort=VerzoekSoort.TOEWIJZING, aanbieder=rij.aanbieder,
            intake=intake, casus=casus, team_id=team_id, wet=wet,
            referentie_aanbieder=product.referentie_aanbieder, product=catalogus,
            productcode=product.code or product.categorie,
            ingangsdatum=product.toewijzing_ingangsdatum,
            einddatum=product.toewijzing_einddatum,
            volume=product.omvang.volume if product.omvang else None,
            eenheid=product.omvang.eenheid if product.omvang else "",
            frequentie=product.omvang.frequentie if product.omvang else "",
            budget=product.budget,
            verwijzer=" ".join(d for d in (str(TYPE_VERWIJZER.get(product.verwijzer_type, "")),
                                           product.verwijzer_naam) if d)[:200],
            toelichting=(product.commentaar or client.commentaar)[:1000])
        _termijn(verzoek, _naam(client))
    rij.casus = casus
    _stuur_retour(rij, bericht, {}, casus)
    return []


def _verzoek_om_wijziging(rij: Bericht, bericht: codec.Bericht) -> list[str]:
    """317: the provider asks to change running toewijzingen (or add products)."""
    client = bericht.client
    verzoek_data = bericht.verzoek
    assert client is not None and verzoek_data is not None and rij.aanbieder is not None
    nummers = [p.toewijzingnummer for p in verzoek_data.te_wijzigen] + list(
        verzoek_data.ongewijzigd)
    bekend = (Toewijzing.objects.select_related("casus__intake")
              .filter(pk__in=nummers, aanbieder=rij.aanbieder).first())
    if bekend is None:
        codes = {"client": (NIET_TE_KOPPELEN,)}
        _stuur_retour(rij, bericht, codes, None)
        return [_("Verzoek om wijziging voor toewijzingen die wij niet kennen (%(nrs)s).")
                % {"nrs": ", ".join(str(n) for n in nummers) or "-"}]
    casus = bekend.casus
    verzoek = Verzoek.objects.create(
        bericht=rij, soort=VerzoekSoort.WIJZIGING, aanbieder=rij.aanbieder,
        intake=casus.intake, casus=casus, team_id=casus.team_id, wet=bekend.wet,
        referentie_aanbieder=verzoek_data.referentie_aanbieder,
        wijzigingen=[wijziging_als_dict(p) for p in (*verzoek_data.te_wijzigen,
                                                       *verzoek_data.nieuw)])
    _termijn(verzoek, f"{casus.intake.voornaam} {casus.intake.achternaam}")
    rij.casus = casus
    _stuur_retour(rij, bericht, {}, casus)
    return []
