"""Reads of the registration in the zaaksysteem: per casus for the professional, counts for
the functioneel beheerder (no case content)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Min, Prefetch, Q
from django.utils import timezone

from casussen.models import Casus
from toegang.core.diagnose import Onderdeel

from .models import StapStatus, ZgwConfig, ZgwStap, ZgwZaak

LANG_WACHTEN = timedelta(hours=1)


def zaken_van(*, casus: Casus) -> list[ZgwZaak]:
    """The zaken of the casus' aanvragen with their steps in order (two queries)."""
    return list(ZgwZaak.objects.filter(casus=casus).select_related("aanvraag")
                .prefetch_related(Prefetch("stappen", ZgwStap.objects.order_by("id")))
                .order_by("-aanvraag__ontvangen_op", "-id"))


@dataclass(frozen=True)
class ZgwStand:
    wachtend: int
    wachtend_lang: int
    mislukt: int
    oudste_wachtend: datetime | None
    laatste_fout: str


def zgw_stand() -> ZgwStand:
    """How many steps wait, wait long, or failed (one aggregate query, plus one for the last
    error when there is one)."""
    grens = timezone.now() - LANG_WACHTEN
    wacht = Q(status=StapStatus.WACHT)
    telling = ZgwStap.objects.aggregate(
        wachtend=Count("id", filter=wacht),
        wachtend_lang=Count("id", filter=wacht & Q(created_at__lt=grens)),
        mislukt=Count("id", filter=Q(status=StapStatus.MISLUKT)),
        oudste_wachtend=Min("created_at", filter=wacht),
        laatste_poging=Max("id", filter=~Q(fout="")))
    laatste_fout = ""
    if telling["laatste_poging"] is not None:
        laatste_fout = (ZgwStap.objects.filter(pk=telling["laatste_poging"])
                        .values_list("fout", flat=True).first() or "")
    return ZgwStand(wachtend=telling["wachtend"], wachtend_lang=telling["wachtend_lang"],
                    mislukt=telling["mislukt"], oudste_wachtend=telling["oudste_wachtend"],
                    laatste_fout=laatste_fout)


def zgw_diagnose() -> ZgwStand | None:
    """The counts for Diagnose, when the koppeling is on or steps exist; otherwise None."""
    stand = zgw_stand()
    if not (ZgwConfig.get_solo().actief or stand.wachtend or stand.mislukt):
        return None
    return stand


def diagnose_onderdeel() -> Onderdeel | None:
    """The outbox to the zaaksysteem as a section of Diagnose (registered in apps.py)."""
    stand = zgw_diagnose()
    return Onderdeel(template="zgw/_diagnose.html", context={"stand": stand}) if stand else None
