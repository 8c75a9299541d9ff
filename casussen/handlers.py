"""What casework adds to the layers below, through their hooks (`intake.hooks`,
`regie.termijnen.hooks`). Registered by `CasussenConfig.ready()`."""

from dataclasses import dataclass
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
from .models import Casus, Regiehouderschap
from .plan.selectors import plan_shared_for_intake
from .selectors import (
    contactpersonen_of_intakes,
    contactpersoon,
    regiehouderschappen_of_intake,
)
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


@dataclass(frozen=True)
class _VoorInwoner:
    """What casework knows of one request, read once for the resident's page."""

    rollen: list[Regiehouderschap]  # every regiehouder of the casus handling it, in order
    eigen: Casus | None             # the request's own casus (None for a linked request)
    gedeeld: Casus | None           # the casus whose shared lines are the resident's


def _voor_inwoner(intake: Intake, memo: dict[str, Any]) -> _VoorInwoner:
    """One query for a request that has its own casus (two for a linked one), shared by the
    two hooks of the resident's page through `memo`."""
    if "casussen" not in memo:
        rollen = regiehouderschappen_of_intake(intake=intake)
        # A request is either picked up (its own casus) or linked to another one, never both
        # (`aanvraag_link`); every casus has had a regiehouder since it was opened.
        casus = rollen[0].casus if rollen else None  # its own, or the one it was linked to
        eigen = casus if casus is not None and casus.intake_id == intake.pk else None
        gedeeld = casus
        if casus is not None and eigen is None:
            koppeling = koppeling_of(intake=intake)
            if koppeling is not None and koppeling.rol != KoppelRol.ZELFDE_PERSOON:
                gedeeld = None  # a household member's own request: the casus' lines are not theirs
        memo["casussen"] = _VoorInwoner(rollen=rollen, eigen=eigen, gedeeld=gedeeld)
    gegevens: _VoorInwoner = memo["casussen"]
    return gegevens


def _tijdlijn(intake: Intake, memo: dict[str, Any]) -> list[TijdlijnItem]:
    """Who picked the request up and every later contact person; then what the casus
    timeline shows the resident (shared contacts and notes, plan, assessments, closing)."""
    gegevens = _voor_inwoner(intake, memo)
    items = []
    for n, rol in enumerate(gegevens.rollen):
        titel = _("Uw aanvraag is opgepakt") if n == 0 else _("U heeft een nieuwe "
                                                              "contactpersoon")
        items.append(TijdlijnItem(rol.begin, titel, _("%(naam)s van %(team)s is uw vaste "
                                                      "contactpersoon.") % {
            "naam": rol.user.get_full_name(), "team": rol.team.naam}))
    if gegevens.gedeeld is not None:
        items += [TijdlijnItem(regel.tijdstip, regel.titel, regel.tekst)
                  for regel in casus_tijdlijn(casus=gegevens.gedeeld, voor_inwoner=True,
                                              zonder=_AL_VERTELD)]
    return items


def _mijn_aanvraag(intake: Intake, memo: dict[str, Any]) -> dict[str, Any]:
    gegevens = _voor_inwoner(intake, memo)
    contactpersoon = next((rol for rol in gegevens.rollen if rol.einde is None), None)
    eigen = gegevens.eigen
    # The plan, the appointments and the decision path are those of the request's own casus.
    return {"contactpersoon": contactpersoon, "casus": eigen,
            "plan": plan_shared_for_intake(intake_id=intake.pk) if eigen else None,
            "afspraken": afspraken_for_inwoner(intake=intake) if eigen else [],
            "besluitpad": besluitpad_for_inwoner(intake_id=intake.pk) if eigen else None}


def _mijn_overzicht(intakes: list[Intake]) -> dict[str, Any]:
    return {"contactpersonen": contactpersonen_of_intakes(intake_ids={i.pk for i in intakes})}


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
    intake_hooks.mijn_overzicht_context.register(_mijn_overzicht)
    intake_hooks.werk_aanvraag_context.register(_werk_aanvraag)
    termijnen_hooks.houder_for.register(_houder)
