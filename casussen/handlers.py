"""What casework adds to the layers below, through their hooks (`intake.hooks`,
`regie.termijnen.hooks`). Registered by `CasussenConfig.ready()`."""

from typing import Any

from django.utils.translation import gettext as _

from intake import hooks as intake_hooks
from intake.hooks import TijdlijnItem
from intake.models import Intake, IntakeStatus, Toestemming
from regie.termijnen import hooks as termijnen_hooks
from regie.termijnen.hooks import Houder
from toegang.accounts.models import User
from toegang.berichten.services import notificatie_send
from toegang.core.domein import Wet

from .afspraken.selectors import afspraken_for_inwoner
from .besluit.selectors import besluitpad_for_inwoner
from .grants import casus_grants_sync
from .huishouden.models import KoppelRol
from .huishouden.selectors import bekend_for, koppeling_of
from .plan.selectors import plan_shared_for_intake
from .selectors import casus_of_intake, contactpersoon, regiehouderschappen_of_intake
from .tijdlijn import casus_tijdlijn

# Lines of the casus timeline that the resident's timeline already tells in their words.
_AL_VERTELD = {"intake", "aanvulling", "toestemming", "overdracht", "veiligheid", "termijn"}


def _toestemming_ingetrokken(toestemming: Toestemming) -> None:
    """The regiehouder hears that colleagues of that wet may have lost access."""
    intake = toestemming.intake
    regie = contactpersoon(intake=intake)
    if regie is None:
        return
    notificatie_send(
        ontvanger=regie.user, soort="toestemming_ingetrokken",
        onderwerp=_("Toestemming ingetrokken bij %(ref)s") % {"ref": intake.referentie},
        tekst=_("De inwoner heeft de toestemming voor de %(wet)s ingetrokken. Teams die "
                "alleen daardoor meekeken, hebben vanaf nu geen toegang meer.")
        % {"wet": Wet(toestemming.wet).label},
        url=regie.casus.get_absolute_url(),
        sleutel=f"toestemming:{toestemming.pk}:ingetrokken:{regie.user_id}")


def _tijdlijn(intake: Intake) -> list[TijdlijnItem]:
    """Who picked the request up and every later contact person; then what the casus
    timeline shows the resident (shared contacts and notes, plan, assessments, closing)."""
    items = []
    for n, rol in enumerate(regiehouderschappen_of_intake(intake=intake)):
        titel = _("Uw aanvraag is opgepakt") if n == 0 else _("U heeft een nieuwe "
                                                              "contactpersoon")
        items.append(TijdlijnItem(rol.begin, titel, _("%(naam)s van %(team)s is uw vaste "
                                                      "contactpersoon.") % {
            "naam": rol.user.get_full_name(), "team": rol.team.naam}))
    casus = casus_of_intake(intake=intake)
    koppeling = koppeling_of(intake=intake)
    if koppeling is not None and koppeling.rol != KoppelRol.ZELFDE_PERSOON:
        casus = None  # a household member's own request: the casus' shared lines are not theirs
    if casus is not None:
        items += [TijdlijnItem(regel.tijdstip, regel.titel, regel.tekst)
                  for regel in casus_tijdlijn(casus=casus, voor_inwoner=True)
                  if regel.soort not in _AL_VERTELD]
    return items


def _mijn_aanvraag(intake: Intake) -> dict[str, Any]:
    return {"contactpersoon": contactpersoon(intake=intake),
            "plan": plan_shared_for_intake(intake_id=intake.pk),
            "afspraken": afspraken_for_inwoner(intake=intake),
            "besluitpad": besluitpad_for_inwoner(intake_id=intake.pk)}


def _werk_aanvraag(intake: Intake, user: User) -> dict[str, Any]:
    """On a professional's page of a request: the casus it is linked to, and how many earlier
    contacts of the resident or household were found (details on the page for them)."""
    koppeling = koppeling_of(intake=intake)
    if koppeling is not None:
        return {"gekoppeld_aan": koppeling.casus}
    if intake.status != IntakeStatus.INGEDIEND:
        return {}
    return {"bekend_aantal": len(bekend_for(user=user, intake=intake))}


def _houder(intake: Intake) -> Houder | None:
    """Once picked up, the casus holds the intake's clocks: its team and its regiehouder."""
    regie = contactpersoon(intake=intake)
    if regie is None:
        return None
    return Houder(casus_id=regie.casus_id, team_id=regie.casus.team_id,
                  verantwoordelijke=regie.user)


def register() -> None:
    intake_hooks.grants_sync.register(casus_grants_sync)
    intake_hooks.toestemming_withdrawn.register(_toestemming_ingetrokken)
    intake_hooks.inwoner_tijdlijn.register(_tijdlijn)
    intake_hooks.mijn_aanvraag_context.register(_mijn_aanvraag)
    intake_hooks.werk_aanvraag_context.register(_werk_aanvraag)
    termijnen_hooks.houder_for.register(_houder)
