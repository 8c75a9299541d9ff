"""The life cycle of a casus as an explicit state machine: only these steps are possible."""

from .models import CasusStatus as S

OVERGANGEN: dict[str, frozenset[str]] = {
    S.AANGEMELD: frozenset({S.IN_BEHANDELING, S.AFGESLOTEN}),
    S.IN_BEHANDELING: frozenset({S.PLAN_OPGESTELD, S.AFGESLOTEN}),
    S.PLAN_OPGESTELD: frozenset({S.UITVOERING, S.IN_BEHANDELING, S.AFGESLOTEN}),
    S.UITVOERING: frozenset({S.EVALUATIE, S.AFGESLOTEN}),
    S.EVALUATIE: frozenset({S.UITVOERING, S.PLAN_OPGESTELD, S.AFGESLOTEN}),
    # Reopening goes back to work on the case.
    S.AFGESLOTEN: frozenset({S.IN_BEHANDELING}),
}


def mag(van: str, naar: str) -> bool:
    return naar in OVERGANGEN.get(van, frozenset())


def volgende(van: str) -> list[str]:
    """The statuses a case in `van` can move to, in life-cycle order."""
    order = list(S.values)
    return sorted(OVERGANGEN.get(van, frozenset()), key=order.index)
