"""Reads on the support plan. Each runs a fixed number of queries, however long the plan.

Callers pass a casus that came through the gate (`casus_access`); these functions do not
check access themselves.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from ..models import Casus
from .models import Doel, PlanStatus, PlanVersie

# goals come with the household member they are for, in the same query
INHOUD = (Prefetch("doelen", queryset=Doel.objects.select_related("voor_lid")),
          "acties", "voorzieningen")


@dataclass(frozen=True)
class PlanOverzicht:
    versies: list[PlanVersie]            # newest first, without their content
    getoond: PlanVersie | None           # the version on the page, with its content
    concept: PlanVersie | None
    laatste_gedeeld: PlanVersie | None


@dataclass(frozen=True)
class BewerkBasis:
    """What the edit form starts from: the concept, or the newest version to copy."""

    bron: PlanVersie | None
    nummer: int
    bewerkversie: int


def _versies(casus: Casus) -> QuerySet[PlanVersie]:
    return (PlanVersie.objects.filter(plan__casus_id=casus.pk)
            .select_related("gemaakt_door", "gewijzigd_door", "gedeeld_door")
            .order_by("-nummer"))


def _met_inhoud(versie: PlanVersie | None) -> PlanVersie | None:
    if versie is not None:
        prefetch_related_objects([versie], *INHOUD)
    return versie


def plan_overzicht(*, casus: Casus, nummer: int | None = None) -> PlanOverzicht:
    """All versions, and one of them with its goals, actions and services (four queries).
    Without `nummer` the concept is shown, or else the newest shared version."""
    versies = list(_versies(casus))
    concept = next((v for v in versies if v.status == PlanStatus.CONCEPT), None)
    gedeeld = next((v for v in versies if v.status != PlanStatus.CONCEPT), None)
    if nummer is not None:
        keuze = next((v for v in versies if v.nummer == nummer), None)
    else:
        keuze = concept or gedeeld
    return PlanOverzicht(versies=versies, getoond=_met_inhoud(keuze), concept=concept,
                         laatste_gedeeld=gedeeld)


def plan_versie_met_inhoud(*, casus: Casus, nummer: int | None = None,
                           alleen_gedeeld: bool = False) -> PlanVersie | None:
    """One version with its content (four queries): `nummer`, or else the newest one. The
    concept, when there is one, always has the highest number."""
    versies = _versies(casus)
    if alleen_gedeeld:
        versies = versies.exclude(status=PlanStatus.CONCEPT)
    if nummer is not None:
        versies = versies.filter(nummer=nummer)
    return _met_inhoud(versies.first())


def plan_for_inwoner(*, casus: Casus) -> PlanVersie | None:
    """The newest version shared with the resident, with its content; never a concept."""
    return _met_inhoud(_versies(casus).exclude(status=PlanStatus.CONCEPT).first())


def plan_bewerk_basis(*, casus: Casus) -> BewerkBasis:
    """The concept with its content, or the newest version to copy into a new concept."""
    laatste = _versies(casus).first()
    if laatste is None:
        return BewerkBasis(bron=None, nummer=1, bewerkversie=0)
    _met_inhoud(laatste)
    if laatste.status == PlanStatus.CONCEPT:
        return BewerkBasis(bron=laatste, nummer=laatste.nummer,
                           bewerkversie=laatste.bewerkversie)
    return BewerkBasis(bron=laatste, nummer=laatste.nummer + 1, bewerkversie=0)


def plan_shared_for_intake(*, intake_id: int) -> PlanVersie | None:
    """The newest shared version of the plan of this intake's casus, without content (one
    query); None when there is no casus or nothing has been shared."""
    return (PlanVersie.objects.filter(plan__casus__intake_id=intake_id)
            .exclude(status=PlanStatus.CONCEPT).select_related("plan")
            .order_by("-nummer").first())
