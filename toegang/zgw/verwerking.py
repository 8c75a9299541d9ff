"""The outbox to the zaaksysteem: steps are written in the transaction that caused them and
sent afterwards by Celery, in order per zaak, each in its own short transaction with the zaak
locked (two workers never work on one zaak). A failing step is tried again after 1, 2, 4 …
minutes and blocks the steps after it; after `MAX_POGINGEN` it is `mislukt` and shown on
Diagnose. A configuration error fails at once: trying again cannot help until it is fixed."""

import logging
import time
from datetime import timedelta

import requests
from celery import shared_task
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from toegang.core.taken import enqueue_on_commit

from .client import ConfiguratieFout, ZgwClient, ZgwFout
from .models import StapStatus, ZgwConfig, ZgwStap, ZgwZaak
from .stappen import UITVOERDERS

logger = logging.getLogger(__name__)

MAX_POGINGEN = 8
PLAN_PAUZE_S = 2


def wacht_na(pogingen: int) -> timedelta:
    """1, 2, 4 … minutes, at most 4 hours."""
    return timedelta(minutes=min(2 ** max(pogingen - 1, 0), 240))


def plan_verwerking() -> None:
    """Ask a worker to send the outbox once this transaction commits — at most once every few
    seconds; beat's scan picks up whatever this misses."""
    nu = time.monotonic()
    if nu - _GEPLAND["op"] < PLAN_PAUZE_S:
        return
    _GEPLAND["op"] = nu
    if cache.add("zgw:verwerken-gepland", True, timeout=PLAN_PAUZE_S):
        enqueue_on_commit(zgw_verwerken)


_GEPLAND = {"op": -float(PLAN_PAUZE_S)}


def _zaken_met_werk(limiet: int) -> list[int]:
    """Zaken with a step that is due, not blocked by a failed one, oldest first."""
    return list(ZgwStap.objects.open().filter(volgende_poging_op__lte=timezone.now())
                .exclude(zaak__stappen__status=StapStatus.MISLUKT)
                .order_by("zaak_id").values_list("zaak_id", flat=True).distinct()[:limiet])


def stappen_verwerken(*, session: requests.Session | None = None, limiet: int = 200) -> int:
    """Send what is due. Returns how many steps were done."""
    config = ZgwConfig.get_solo()
    if not config.actief:
        return 0  # switched off: the steps wait until it is switched on again
    client = ZgwClient(config, session=session)
    return sum(_zaak_verwerken(zaak_id, client) for zaak_id in _zaken_met_werk(limiet))


def _zaak_verwerken(zaak_id: int, client: ZgwClient) -> int:
    gedaan = 0
    while True:
        uitkomst = _volgende_stap(zaak_id, client)
        if uitkomst is not True:
            return gedaan
        gedaan += 1


def _volgende_stap(zaak_id: int, client: ZgwClient) -> bool | None:
    """Do the zaak's first open step: True when done, False when it failed, None when there
    is nothing to do now (or another worker holds the zaak)."""
    with transaction.atomic():
        zaak = (ZgwZaak.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("aanvraag", "casus__intake").filter(pk=zaak_id).first())
        if zaak is None:
            return None
        stap = (zaak.stappen.exclude(status=StapStatus.KLAAR).select_related("beschikking")
                .order_by("id").first())
        if stap is None or stap.status == StapStatus.MISLUKT:
            return None
        if stap.volgende_poging_op is not None and stap.volgende_poging_op > timezone.now():
            return None
        try:
            with transaction.atomic():  # a failed step leaves none of its own writes behind
                url = UITVOERDERS[stap.soort](client, zaak, stap)
        except ConfiguratieFout as exc:
            _mislukt(stap, str(exc), opgeven=True)
            return False
        except ZgwFout as exc:
            _mislukt(stap, str(exc))
            return False
        except Exception as exc:  # an unexpected answer; the message may hold data: type only
            logger.exception("ZGW step %s failed", stap.pk)
            _mislukt(stap, f"onverwachte fout: {type(exc).__name__}")
            return False
        stap.status = StapStatus.KLAAR
        stap.pogingen += 1
        stap.resultaat_url = url[:1000]
        stap.fout = ""
        stap.volgende_poging_op = None
        stap.klaar_op = timezone.now()
        stap.save(update_fields=["status", "pogingen", "resultaat_url", "fout",
                                 "volgende_poging_op", "klaar_op"])
        return True


def _mislukt(stap: ZgwStap, fout: str, *, opgeven: bool = False) -> None:
    stap.pogingen += 1
    stap.fout = fout[:500]
    if opgeven or stap.pogingen >= MAX_POGINGEN:
        stap.status = StapStatus.MISLUKT
        stap.volgende_poging_op = None
        logger.error("ZGW step %s failed after %s tries", stap.pk, stap.pogingen)
    else:
        stap.volgende_poging_op = timezone.now() + wacht_na(stap.pogingen)
    stap.save(update_fields=["pogingen", "fout", "status", "volgende_poging_op"])


def stap_opnieuw(stap: ZgwStap) -> None:
    """The functioneel beheerder asks to try a failed step again (after fixing the cause)."""
    with transaction.atomic():
        rij = ZgwStap.objects.select_for_update().get(pk=stap.pk)
        if rij.status != StapStatus.MISLUKT:
            return
        rij.status = StapStatus.WACHT
        rij.pogingen = 0
        rij.volgende_poging_op = timezone.now()
        rij.save(update_fields=["status", "pogingen", "volgende_poging_op"])
        enqueue_on_commit(zgw_verwerken)


@shared_task(name="toegang.zgw.verwerking.zgw_verwerken")
def zgw_verwerken() -> int:
    return stappen_verwerken()
