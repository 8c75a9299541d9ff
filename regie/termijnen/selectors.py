"""Reads on clocks (termijnen): the professional's own list, the team overview, badges.

Every list is filtered in the database through the intake gate (`intakes_visible_to`), sorted
into groups with one CASE expression and counted per group with one aggregate, so the number
of queries does not grow with the number of clocks.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.models import Intake
from intake.permissions import IntakeActie, intakes_visible_to
from toegang.accounts.models import User
from toegang.core.werkdagen import einde_van_dag, werkdagen_na

from .models import Herinnering, HerinneringSoort, Termijn, TermijnBeleid, TermijnStatus

# --- Badges -------------------------------------------------------------------------------------

LOOPT = "loopt"
BINNENKORT = "binnenkort"
VANDAAG = "vandaag"
TE_LAAT = "te_laat"
OPGESCHORT = "opgeschort"

BADGE_LABEL = {
    LOOPT: _("loopt"),
    BINNENKORT: _("binnenkort"),
    VANDAAG: _("vandaag"),
    TE_LAAT: _("te laat"),
    OPGESCHORT: _("opgeschort"),
}


def termijn_badge(*, deadline: datetime, status: str, now: datetime,
                  beleid: TermijnBeleid) -> str:
    """How a clock stands: suspended, late, due today, due soon (within the policy's lead
    time in working days) or running."""
    if status == TermijnStatus.OPGESCHORT:
        return OPGESCHORT
    if deadline < now:
        return TE_LAAT
    vandaag = timezone.localdate(now)
    dag = timezone.localdate(deadline)
    if dag == vandaag:
        return VANDAAG
    if dag <= werkdagen_na(vandaag, max(beleid.herinnering_vooraf, 1)):
        return BINNENKORT
    return LOOPT


# --- Groups for the lists -----------------------------------------------------------------------


class Groep:
    TE_LAAT = 0
    VANDAAG = 1
    WEEK = 2
    LATER = 3
    OPGESCHORT = 4


GROEP_LABEL = {
    Groep.TE_LAAT: _("Te laat"),
    Groep.VANDAAG: _("Vandaag"),
    Groep.WEEK: _("De komende 7 dagen"),
    Groep.LATER: _("Later"),
    Groep.OPGESCHORT: _("Opgeschort"),
}


def _groep_conditions(now: datetime) -> dict[int, Q]:
    vandaag = timezone.localdate(now)
    lopend = Q(status=TermijnStatus.LOPEND)
    return {
        Groep.TE_LAAT: lopend & Q(deadline__lt=now),
        Groep.VANDAAG: lopend & Q(deadline__lte=einde_van_dag(vandaag)),
        Groep.WEEK: lopend & Q(deadline__lte=einde_van_dag(vandaag + timedelta(days=7))),
        Groep.LATER: lopend,
    }


def _met_groep(rows: QuerySet[Termijn], now: datetime) -> QuerySet[Termijn]:
    # CASE takes the first matching branch, so each clock lands in exactly one group.
    return rows.annotate(groep=Case(
        *[When(cond, then=Value(groep)) for groep, cond in _groep_conditions(now).items()],
        default=Value(Groep.OPGESCHORT), output_field=IntegerField()))


def groep_tellingen(rows: QuerySet[Termijn], *, now: datetime) -> dict[int, int]:
    """How many clocks fall in each group, in one aggregate query."""
    filters: dict[str, Any] = {}
    eerder: Q | None = None
    for groep, cond in _groep_conditions(now).items():
        filters[f"g{groep}"] = Count("id", filter=cond if eerder is None else cond & ~eerder)
        eerder = cond if eerder is None else eerder | cond
    filters[f"g{Groep.OPGESCHORT}"] = Count("id", filter=Q(status=TermijnStatus.OPGESCHORT))
    telling = rows.order_by().aggregate(**filters)
    return {groep: telling[f"g{groep}"] or 0 for groep in GROEP_LABEL}


def _zichtbaar(rows: QuerySet[Termijn], user: User) -> QuerySet[Termijn]:
    """Only clocks on intakes the user may see through the intake gate."""
    return rows.filter(intake__in=intakes_visible_to(user=user, action=IntakeActie.VIEW))


_LIJST_VELDEN = ("id", "soort", "deadline", "status", "casus_id", "intake_id", "team_id",
                 "verantwoordelijke_id", "opgeschort_sinds", "oorspronkelijke_deadline",
                 "door_inwoner", "intake__referentie")


def mijn_termijnen(*, user: User, now: datetime | None = None) -> QuerySet[Termijn]:
    """The open clocks `user` is responsible for, late first, then by deadline; suspended
    ones last. Only reference and kind are loaded: no names, no case content."""
    now = now or timezone.now()
    rows = _zichtbaar(Termijn.objects.open().filter(verantwoordelijke=user), user)
    return (_met_groep(rows, now).select_related("intake").only(*_LIJST_VELDEN)  # type: ignore[misc]
            .order_by("groep", "deadline", "id"))


@dataclass
class TeamFilters:
    team: int | None = None
    soort: str = ""
    geescaleerd: bool = False


def _escalatie() -> Exists:
    return Exists(Herinnering.objects.filter(termijn=OuterRef("pk"),
                                             soort=HerinneringSoort.ESCALATIE))


def team_termijnen(*, user: User, teams: list[Any], filters: TeamFilters,
                   now: datetime | None = None) -> QuerySet[Termijn]:
    """All open clocks of the teamleider's teams, late first; filtered per team and kind."""
    now = now or timezone.now()
    team_ids = [t.pk for t in teams]
    if filters.team in team_ids:
        team_ids = [filters.team]
    rows: QuerySet[Termijn] = Termijn.objects.open().filter(team_id__in=team_ids)
    if filters.soort:
        rows = rows.filter(soort=filters.soort)
    if filters.geescaleerd:
        rows = rows.filter(_escalatie(), status=TermijnStatus.LOPEND)
    rows = _zichtbaar(rows, user)
    # The reference is fetched for the page only (one small query): joining every open
    # clock of the team to its intake before the sort made PostgreSQL scan the intakes.
    return (_met_groep(rows, now).annotate(geescaleerd=_escalatie())  # type: ignore[misc]
            .select_related("verantwoordelijke", "team")
            .prefetch_related(Prefetch("intake", queryset=Intake.objects.only("id",
                                                                           "referentie")))
            .only(*[v for v in _LIJST_VELDEN if not v.startswith("intake__")],
                  "verantwoordelijke__first_name", "verantwoordelijke__last_name",
                  "team__naam")
            .order_by("groep", "deadline", "id"))


def escalaties_wachtend(*, user: User, teams: list[Any]) -> QuerySet[Termijn]:
    """Running clocks of these teams that were escalated to the teamleider and are still not
    afgehandeld: the oldest deadline first."""
    rows = Termijn.objects.filter(team_id__in=[t.pk for t in teams],
                                  status=TermijnStatus.LOPEND).filter(_escalatie())
    return (_zichtbaar(rows, user).select_related("intake", "verantwoordelijke")
            .only(*_LIJST_VELDEN, "verantwoordelijke__first_name",
                  "verantwoordelijke__last_name")
            .order_by("deadline", "id"))


def termijn_of_casus(*, casus: Any, termijn_id: int) -> Termijn | None:
    """An open clock of this casus (the gate has already let the user in to the casus)."""
    return Termijn.objects.open().filter(intake_id=casus.intake_id, pk=termijn_id).first()


# --- Metrics ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Herinneringachterstand:
    """Clocks whose next reminder is due but not sent yet: a count and the oldest moment."""

    aantal: int
    oudste: datetime | None


def herinneringen_achterstand(*, now: datetime | None = None) -> Herinneringachterstand:
    """What the reminder scan has still to do now, in one query on the scan's own index: a
    running clock whose `volgende_herinnering_op` has passed. Zero and None when the scan keeps
    up."""
    now = now or timezone.now()
    telling = Termijn.objects.filter(
        status=TermijnStatus.LOPEND, volgende_herinnering_op__lte=now,
    ).aggregate(aantal=Count("pk"), oudste=Min("volgende_herinnering_op"))
    return Herinneringachterstand(aantal=telling["aantal"], oudste=telling["oudste"])
