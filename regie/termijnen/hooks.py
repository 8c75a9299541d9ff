"""Extension point of the clocks (see `toegang.core.hooks`): who holds the clocks of an
intake. The clocks know no casework; once a professional picks an intake up, the casework
layer (`casussen.handlers`) answers with the casus, its team and its regiehouder."""

from dataclasses import dataclass

from intake.models import Intake
from toegang.accounts.models import User
from toegang.core.hooks import Hook


@dataclass(frozen=True)
class Houder:
    """Who holds the clocks of an intake: the casus (once picked up), the team whose
    teamleiders get escalations, and the person reminded first."""

    casus_id: int | None
    team_id: int
    verantwoordelijke: User | None


houder_for: Hook[[Intake], Houder | None] = Hook(
    "houder_for",
    "Who holds the clocks of this intake now, or None when the listener does not know it "
    "(then the intake's own team holds them, with nobody named).")


def houder_of(intake: Intake) -> Houder:
    """The answer of the first listener that knows, or the intake's front-door team."""
    for houder in houder_for(intake):
        if houder is not None:
            return houder
    return Houder(casus_id=None, team_id=intake.team_id, verantwoordelijke=None)
