"""What the clocks add to the intake layer, through its hooks (`intake.hooks`).

Registered by `RegieConfig.ready()`.
"""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from intake import hooks
from intake.models import Intake
from toegang.accounts.models import User

from .hooks import Houder
from .inwoner import tijdlijn_regels, wat_komt_er
from .services import (
    eerste_contact_deadline,
    termijn_eerste_contact,
    termijnen_assign,
    termijnen_lapse,
)


def _eerste_contact(intake: Intake) -> None:
    termijn_eerste_contact(intake=intake)


def _doorgestuurd(intake: Intake) -> None:
    """The clocks of a forwarded request go with it to its new front-door team."""
    termijnen_assign(intake_id=intake.pk,
                     houder=Houder(casus_id=None, team_id=intake.team_id, verantwoordelijke=None))


def _gesloten(intake: Intake, user: User) -> None:
    with translation.override("nl"):  # stored text, in the product's language
        reden = _("De aanvraag is gesloten zonder casus.")
    termijnen_lapse(intake_id=intake.pk, user=user, reden=reden)


def _mijn_aanvraag(intake: Intake, memo: dict[str, Any]) -> dict[str, Any]:
    return {"vooruitblik": wat_komt_er(intake=intake, memo=memo)}


def _bevestiging(intake: Intake) -> dict[str, Any]:
    return {"deadline": eerste_contact_deadline(ingediend_op=intake.ingediend_op,
                                                urgentie=intake.urgentie)}


def register() -> None:
    hooks.intake_submitted.register(_eerste_contact)
    hooks.intake_rerouted.register(_doorgestuurd)
    hooks.intake_closed.register(_gesloten)
    hooks.inwoner_tijdlijn.register(tijdlijn_regels)
    hooks.mijn_aanvraag_context.register(_mijn_aanvraag)
    hooks.bevestiging_context.register(_bevestiging)
