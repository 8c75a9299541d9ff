"""The outbox of iWmo/iJw messages: a message is stored in the transaction that caused it and
sent afterwards by Celery through the configured transport (default: the `uit/` folder a GGk
connector reads), retried with backoff; one that keeps failing is marked and shown on
Diagnose."""

import hashlib
import logging
import secrets
import time
from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from toegang.core.bsn import tekst_decrypt, tekst_encrypt
from toegang.core.taken import enqueue_on_commit
from toegang.core.werkdagen import werkdagen_na
from toegang.istandaarden import berichten as codec
from toegang.istandaarden.transport import Transport, TransportFout, transport

from ..models import Casus
from .models import Bericht, BerichtStatus, Richting

logger = logging.getLogger(__name__)

MAX_POGINGEN = 8
VERSTUUR_PAUZE_S = 2
RETOUR_WERKDAGEN = 3  # every heen message gets its retour within 3 working days


def nieuwe_identificatie() -> str:
    """A BerichtIdentificatie (at most 12 characters) that is ours alone."""
    return secrets.token_hex(6)


def _wacht(pogingen: int) -> timedelta:
    """1, 2, 4 … minutes, at most 4 hours."""
    return timedelta(minutes=min(2 ** max(pogingen - 1, 0), 240))


def bericht_uit(*, bericht: codec.Bericht, casus: Casus | None, aanbieder_id: int | None,
                bsn_hash: str = "", retour_op: Bericht | None = None) -> Bericht:
    """Write a message to the outbox (validated against its schema by `maak`) in the current
    transaction; it is sent once that commits."""
    xml = codec.maak(bericht)
    header = bericht.header
    nu = timezone.now()
    agb = header.ontvanger if not header.is_retour else _agb_van_retour(bericht)
    rij = Bericht.objects.create(
        richting=Richting.UIT, standaard=str(header.standaard), code=header.bericht,
        identificatie=header.identificatie, dagtekening=header.dagtekening,
        afzender=header.afzender, ontvanger=header.ontvanger, agb=agb,
        aanbieder_id=aanbieder_id, casus=casus, bsn_hash=bsn_hash,
        toewijzingnummers=" ".join(str(n) for n in bericht.toewijzingnummers)[:200],
        bestandsnaam=codec.bestandsnaam(bericht), inhoud=tekst_encrypt(xml.decode()),
        inhoud_hash=hashlib.sha256(xml).hexdigest(), status=BerichtStatus.TE_VERSTUREN,
        retour_op=retour_op, volgende_poging_op=nu,
        retourcodes=",".join(_alle_codes(bericht)) if header.is_retour else "",
        retour_uiterlijk=None if header.is_retour else werkdagen_na(timezone.localdate(),
                                                                     RETOUR_WERKDAGEN),
        created_at=nu)
    if retour_op is not None:
        retour_op.retour_klaar_op = nu  # saved by the caller with the rest of its changes
    plan_verzending()
    return rij


def plan_verzending() -> None:
    """Ask a worker to send the outbox once this transaction commits — at most once every
    few seconds however many messages are written (a burst of 10,000 needs one task; beat's
    scan sends whatever a task started earlier did not see)."""
    nu = time.monotonic()
    if nu - _GEPLAND["op"] < VERSTUUR_PAUZE_S:  # this process asked a moment ago
        return
    _GEPLAND["op"] = nu
    if cache.add("toewijzing:versturen-gepland", True, timeout=VERSTUUR_PAUZE_S):
        enqueue_on_commit(berichten_versturen)


_GEPLAND = {"op": -float(VERSTUUR_PAUZE_S)}


def _agb_van_retour(bericht: codec.Bericht) -> str:
    """A retour keeps the heen message's sender and receiver: ours to send answers a
    provider's message, so the provider is the afzender."""
    return bericht.header.afzender


def _alle_codes(bericht: codec.Bericht) -> list[str]:
    codes: list[str] = list(bericht.header.retourcodes) + list(bericht.client_retourcodes)
    for groep in (bericht.toegewezen, bericht.start, bericht.stop, bericht.aangevraagd):
        for product in groep:
            codes.extend(product.retourcodes)
    if bericht.antwoord is not None:
        codes.extend(bericht.antwoord.retourcodes)
    return sorted(set(codes))


def versturen(*, via: Transport | None = None, limiet: int = 500) -> int:
    """Send what is due, each message in its own short transaction (locked, so two workers
    never send the same one). Returns how many went out."""
    kanaal = via or transport()
    verstuurd = 0
    for pk in list(Bericht.objects.filter(
            richting=Richting.UIT, status=BerichtStatus.TE_VERSTUREN,
            volgende_poging_op__lte=timezone.now()).order_by("id")
            .values_list("pk", flat=True)[:limiet]):
        if _verstuur_een(pk, kanaal):
            verstuurd += 1
    return verstuurd


def _verstuur_een(pk: int, kanaal: Transport) -> bool:
    with transaction.atomic():
        rij = (Bericht.objects.select_for_update(skip_locked=True)
               .filter(pk=pk, status=BerichtStatus.TE_VERSTUREN).first())
        if rij is None:
            return False
        try:
            # Delivering the same file name twice is harmless: the transport overwrites it
            # atomically, so a crash after writing and before this commit sends it once more.
            kanaal.verstuur(rij.bestandsnaam, tekst_decrypt(rij.inhoud).encode())
        except (TransportFout, OSError) as exc:
            rij.pogingen += 1
            rij.fout = str(exc)[:1000]
            if rij.pogingen >= MAX_POGINGEN:
                rij.status = BerichtStatus.MISLUKT
                rij.volgende_poging_op = None
                logger.error("Message %s could not be sent after %s tries", rij.pk,
                             rij.pogingen)
            else:
                rij.volgende_poging_op = timezone.now() + _wacht(rij.pogingen)
            rij.save(update_fields=["pogingen", "fout", "status", "volgende_poging_op"])
            return False
        rij.pogingen += 1
        rij.fout = ""
        rij.verstuurd_op = timezone.now()
        rij.volgende_poging_op = None
        rij.status = BerichtStatus.VERSTUURD
        rij.save(update_fields=["pogingen", "fout", "verstuurd_op", "volgende_poging_op",
                                "status"])
        return True


def opnieuw_versturen(bericht: Bericht) -> None:
    """The functioneel beheerder asks to try a failed message again."""
    with transaction.atomic():
        rij = Bericht.objects.select_for_update().get(pk=bericht.pk)
        if rij.richting != Richting.UIT or rij.status != BerichtStatus.MISLUKT:
            return
        rij.status = BerichtStatus.TE_VERSTUREN
        rij.pogingen = 0
        rij.volgende_poging_op = timezone.now()
        rij.save(update_fields=["status", "pogingen", "volgende_poging_op"])
    enqueue_on_commit(berichten_versturen)


@shared_task(name="casussen.toewijzing.verzending.berichten_versturen")
def berichten_versturen() -> int:
    return versturen()
