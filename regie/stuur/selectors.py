"""The dashboard's figures, read from the summary tables and protected against small numbers.

Every figure here is an aggregate; nothing identifies a resident or a professional. `dashboard`
takes `Filters` (period in months, wijk, wet, team, and for a teamleider the teams they may
see) and returns tables that the page, the charts and the exports share, so all three show
exactly the same protected figures.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from toegang.organisatie.models import Team, Wijk

from .feedback import feedback
from .filters import Filters, Selectie, hoofdwet, teams_for
from .models import (
    StuurVerversing,
)
from .privacy import verschil_beschermen
from .samenvatting import samenvatten
from .tabel import Tabel
from .tabellen import (
    caseload,
    delen,
    doorlooptijden,
    instroom,
    signalen,
    termijnen,
    trends_per_wijk,
    wachtend,
    zrm,
)
from .tabellen_berichten import berichten
from .tabellen_besluit import besluiten
from .tabellen_sociale_kaart import sociale_kaart


@dataclass
class Dashboard:
    filters: Filters
    bijgewerkt_op: datetime | None
    tabellen: dict[str, Tabel] = field(default_factory=dict)

    @property
    def trends(self) -> Tabel | None:
        return self.tabellen.get("trends_wijk")


@dataclass
class Keuzes:
    teams: list[Team]
    wijken: list[Wijk]
    # None for a manager (every team); a teamleider's own team ids otherwise.
    teams_toegestaan: tuple[int, ...] | None


def keuzes_voor(*, user: Any) -> Keuzes:
    """What `user` may choose in the filters: a manager everything, a teamleider only their
    own teams and the wijken those teams serve."""
    if user.rol == "teamleider":
        teams = list(Team.objects.filter(teamlidmaatschap__user=user).order_by("naam"))
        wijken = list(Wijk.objects.filter(teams__in=teams).distinct().order_by("naam"))
        return Keuzes(teams=teams, wijken=wijken, teams_toegestaan=tuple(t.pk for t in teams))
    return Keuzes(teams=list(Team.objects.order_by("naam")),
                  wijken=list(Wijk.objects.order_by("naam")), teams_toegestaan=None)


def bijgewerkt_op() -> datetime | None:
    laatste = laatste_verversing()
    return laatste.klaar_op if laatste else None


def _bereken(filters: Filters) -> dict[str, Tabel]:
    sel = Selectie(filters=filters, teams=teams_for(filters), hoofdwet=hoofdwet(),
                    wijken=list(Wijk.objects.order_by("naam")),
                    team_namen=dict(Team.objects.values_list("pk", "naam")))
    tabellen: dict[str, Tabel] = {}
    tabellen.update(instroom(sel))
    tabellen["trends_wijk"] = trends_per_wijk(sel)
    tabellen.update(caseload(sel))
    tabellen["wachtend"] = wachtend(sel)
    tabellen["doorlooptijden"] = doorlooptijden(sel)
    tabellen.update(termijnen(sel))
    tabellen["signalen"] = signalen(sel)
    tabellen["zrm"] = zrm(sel)
    tabellen.update(delen(sel))
    tabellen.update(feedback(sel))
    tabellen.update(besluiten(sel))
    tabellen.update(berichten(sel))
    tabellen.update(sociale_kaart(sel))
    return tabellen


def laatste_verversing() -> StuurVerversing | None:
    return (StuurVerversing.objects.filter(klaar_op__isnull=False).order_by("-klaar_op", "-pk")
            .only("pk", "klaar_op").first())


def cache_sleutel(filters: Filters) -> str:
    """What the figures for `filters` depend on: the filters, the language of the labels and
    the last rebuild of the summary tables (a rebuild gives new keys: nothing stale is shown)."""
    laatste = laatste_verversing()
    stand = f"{laatste.pk}-{laatste.klaar_op:%Y%m%d%H%M%S%f}" if laatste else "geen"
    inhoud = hashlib.sha256(repr(filters).encode()).hexdigest()[:24]
    return f"stuur:{stand}:{translation.get_language()}:{inhoud}"


def dashboard(filters: Filters) -> Dashboard:
    """All figures for one set of filters, protected: small counts hidden, complements hidden,
    and counts that differ by less than 5 from the view without one of the filters hidden.
    The figures only change when the summary tables are rebuilt, so they are computed once
    per rebuild, filters and language, and then served from the cache."""
    sleutel = cache_sleutel(filters)
    bewaard = cache.get(sleutel)
    if bewaard is not None:
        return bewaard
    overzicht = _dashboard(filters)
    cache.set(sleutel, overzicht, settings.STUUR_CACHE_SECONDS)
    return overzicht


def _dashboard(filters: Filters) -> Dashboard:
    tabellen = _bereken(filters)
    for breder in filters.bredere():
        wider = _bereken(breder)
        for sleutel, tabel in tabellen.items():
            verschil_beschermen(tabel, wider[sleutel])
    for tabel in tabellen.values():
        tabel.samenvatting = samenvatten(tabel)
    return Dashboard(filters=filters, bijgewerkt_op=bijgewerkt_op(), tabellen=tabellen)
