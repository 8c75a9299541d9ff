"""What the dashboard is asked for (Filters) and what is looked up once per computation
(Selectie), with the helpers every table uses."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from toegang.core.domein import Wet
from toegang.organisatie.models import Team, Wijk

from .privacy import beschermd, totaal
from .tabel import Rij, Tabel

MEERDERE = "MEERDERE"
GEEN_WIJK = "geen"
MAX_MAANDEN = 36
WEKEN = 13
# Classes of the caseload distribution: open cases per professional.
KLASSEN = [(0, 0), (1, 5), (6, 10), (11, 15), (16, 20), (21, 25), (26, 30), (31, 35), (36, 40),
           (41, None)]


@dataclass(frozen=True)
class Filters:
    van: date  # first day of the first month
    tot: date  # first day of the last month included
    wijk: int | None = None
    wet: str = ""
    team: int | None = None
    # The teams whose figures may be shown (a teamleider's own teams); None: all teams.
    teams_toegestaan: tuple[int, ...] | None = None

    @classmethod
    def standaard(cls, *, teams_toegestaan: tuple[int, ...] | None = None) -> "Filters":
        """The last twelve months, this month included."""
        deze_maand = timezone.localdate().replace(day=1)
        return cls(van=deze_maand - relativedelta(months=11), tot=deze_maand,
                   teams_toegestaan=teams_toegestaan)

    @property
    def tot_en_met(self) -> date:
        return self.tot + relativedelta(months=1)

    def bredere(self) -> list["Filters"]:
        """The same view without one of the wijk, wet and team filters, one at a time."""
        wider = []
        if self.wijk is not None:
            wider.append(replace(self, wijk=None))
        if self.wet:
            wider.append(replace(self, wet=""))
        if self.team is not None:
            wider.append(replace(self, team=None))
        return wider


@dataclass
class Selectie:
    """The filters plus what is looked up once per computation."""

    filters: Filters
    teams: list[int] | None  # team ids the filters allow (None: all)
    hoofdwet: dict[int, str]
    wijken: list[Wijk]
    team_namen: dict[int, str]


def teams_for(filters: Filters) -> list[int] | None:
    if not filters.wet and filters.team is None and filters.teams_toegestaan is None:
        return None
    teams = Team.objects.all()
    if filters.teams_toegestaan is not None:
        teams = teams.filter(pk__in=filters.teams_toegestaan)
    if filters.team is not None:
        teams = teams.filter(pk=filters.team)
    if filters.wet:
        teams = teams.filter(wetten=filters.wet)
    return list(teams.values_list("pk", flat=True))


def hoofdwet() -> dict[int, str]:
    """Each team's law, or MEERDERE for a team that serves several (e.g. central access)."""
    wetten: dict[int, set[str]] = defaultdict(set)
    for team_id, wet in Team.wetten.through.objects.values_list("team_id", "wet_id"):
        wetten[team_id].add(wet)
    return {t: next(iter(w)) if len(w) == 1 else MEERDERE for t, w in wetten.items()}


def gefilterd(qs: QuerySet[Any], sel: Selectie, *, periode: str | None = "periode"
               ) -> QuerySet[Any]:
    f = sel.filters
    if periode:
        qs = qs.filter(**{f"{periode}__gte": f.van, f"{periode}__lt": f.tot_en_met})
    if f.wijk is not None:
        qs = qs.filter(wijk_id=f.wijk)
    if sel.teams is not None:
        qs = qs.filter(team_id__in=sel.teams)
    return qs


def maanden_in(filters: Filters) -> list[date]:
    maanden, maand = [], filters.van
    while maand <= filters.tot:
        maanden.append(maand)
        maand += relativedelta(months=1)
    return maanden


def wet_label(code: str) -> str:
    return _("Meerdere wetten (centrale toegang)") if code == MEERDERE else str(Wet(code).label)


def maand_label(maand: date) -> str:
    return date_format(maand, "M Y")


def week_label(week: date) -> str:
    """"week 47 (16 Nov)" for the week starting on Monday `week`."""
    return _("week %(week)s (%(datum)s)") % {"week": week.isocalendar().week,
                                             "datum": date_format(week, "j M")}


def tabel_1d(sleutel: str, titel: str, kolom: str, waarden: dict[str, int],
              labels: dict[str, str], **extra: Any) -> Tabel:
    cellen = beschermd(waarden)
    rijen = [Rij(labels.get(k, k), [cellen[k]], sleutel=k) for k in waarden]
    return Tabel(sleutel, titel, [kolom], rijen,
                 totaal=Rij(_("Totaal"), [totaal(sum(waarden.values()))], sleutel="totaal"),
                 optelbaar="kolommen", **extra)
