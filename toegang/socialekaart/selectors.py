"""Reads on the sociale kaart: the public search and the suggestions for an aanvraag."""

import re
from collections.abc import Iterable

from django.db.models import Count, Q

from toegang.core.domein import Levensgebied
from toegang.organisatie.models import Wijk, WijkPostcode

from .models import Suggestie, Voorziening, VoorzieningQuerySet

PC4 = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:[a-zA-Z]{2})?\s*$")
MAX_SUGGESTIES = 3


def pc4_uit(postcode: str) -> str | None:
    """The 4 digits of a Dutch postcode ("7511", "7511 AB", "7511ab"), or None."""
    match = PC4.match(postcode or "")
    return match.group(1) if match else None


def wijk_voor_pc4(pc4: str) -> Wijk | None:
    found = WijkPostcode.objects.select_related("wijk").filter(pc4=pc4).first()
    return found.wijk if found else None


def _heeft_thema(levensgebied: str) -> Q:
    # JSON "contains" is not on SQLite (`make run`): match the quoted value in the list's text.
    # Levensgebied values are plain lowercase words, so the quotes make the match exact.
    return Q(levensgebieden__icontains=f'"{levensgebied}"')


def voorzieningen_zoeken(*, levensgebied: str = "", wijk: Wijk | None = None
                         ) -> VoorzieningQuerySet:
    """Active help, optionally for one life area; with a wijk: the help in that wijk and the
    help for the whole municipality (no wijken). Wijken are prefetched (flat query count)."""
    qs = Voorziening.objects.actief()
    if levensgebied:
        qs = qs.filter(_heeft_thema(levensgebied))
    if wijk is not None:
        ids = Voorziening.objects.filter(Q(wijken=wijk) | Q(wijken__isnull=True)).values("pk")
        qs = qs.filter(pk__in=ids)
    return qs.prefetch_related("wijken").order_by("naam", "organisatie")


def voorziening_openbaar(*, pk: int) -> Voorziening | None:
    return Voorziening.objects.actief().prefetch_related("wijken").filter(pk=pk).first()


def suggesties_voor(*, levensgebieden: Iterable[str], wijk_id: int | None,
                    maximum: int = MAX_SUGGESTIES) -> list[Voorziening]:
    """Up to `maximum` active help matching the life areas, help in the resident's own wijk
    first, then municipality-wide help; the more matching life areas, the higher."""
    gebieden = [g for g in levensgebieden if g in Levensgebied.values]
    if not gebieden:
        return []
    filter_ = Q()
    for gebied in gebieden:
        filter_ |= _heeft_thema(gebied)
    qs = Voorziening.objects.actief().filter(filter_)
    if wijk_id is not None:
        qs = qs.filter(pk__in=Voorziening.objects.filter(
            Q(wijken__id=wijk_id) | Q(wijken__isnull=True)).values("pk"))
    else:
        qs = qs.filter(wijken__isnull=True)
    kandidaten = list(qs.prefetch_related("wijken")[:50])

    def sleutel(v: Voorziening) -> tuple[int, int, str]:
        eigen_wijk = any(w.pk == wijk_id for w in v.wijken.all())
        overlap = len(set(v.levensgebieden) & set(gebieden))
        return (0 if eigen_wijk else 1, -overlap, v.naam)

    return sorted(kandidaten, key=sleutel)[:maximum]


def voorzieningen_kiesbaar() -> VoorzieningQuerySet:
    """The help a professional may add to a plan: everything active, by name."""
    return Voorziening.objects.actief().order_by("naam", "organisatie")


def suggesties_per_voorziening(*, bron: str = "") -> list[tuple[str, int]]:
    """How often each piece of help was suggested (all time), for the dashboard: one query."""
    qs = Suggestie.objects.all()
    if bron:
        qs = qs.filter(bron=bron)
    rijen = (qs.values("voorziening__naam", "voorziening__organisatie")
             .annotate(n=Count("id")).order_by("voorziening__naam", "voorziening__organisatie"))
    return [(f"{r['voorziening__naam']} ({r['voorziening__organisatie']})", r["n"])
            for r in rijen]
