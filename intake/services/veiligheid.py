"""Safety overrides (Meldcode): access without consent, for a limited time, reviewed."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from toegang.accounts.models import Rol, User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.berichten.services import notificatie_send
from toegang.organisatie.models import Team
from toegang.organisatie.selectors import teamleiders_of_user

from ..grants import intake_grants_sync
from ..models import (
    Beoordeling,
    Grond,
    Intake,
    Veiligheidsmelding,
)

# --- Safety override (Meldcode) --------------------------------------------------------------


@transaction.atomic
def veiligheidsmelding_create(*, user: User, intake: Intake, reden: str, meldcode_stap: int,
                              teams: Iterable[Team], tonen_aan_inwoner: bool = True,
                              reden_niet_tonen: str = "", now: datetime | None = None,
                              request: HttpRequest | None = None) -> Veiligheidsmelding:
    """Record a safety concern; the needed teams get access without consent for a limited
    time and the teamleider is asked to review it."""
    now = now or timezone.now()
    teams = list(teams)
    errors = {}
    if not reden.strip():
        errors["reden"] = _("Schrijf op waarom de veiligheid in het geding is.")
    if not teams:
        errors["teams"] = _("Kies minstens één team dat toegang nodig heeft.")
    if not tonen_aan_inwoner and not reden_niet_tonen.strip():
        errors["reden_niet_tonen"] = _("Schrijf op waarom de inwoner dit niet mag zien.")
    if errors:
        raise ValidationError(errors)
    melding = Veiligheidsmelding.objects.create(
        intake=intake, gemeld_door=user, reden=reden.strip(), meldcode_stap=meldcode_stap,
        begin=now, einde=now + timedelta(days=settings.VEILIGHEID_DUUR_DAGEN),
        tonen_aan_inwoner=tonen_aan_inwoner, reden_niet_tonen=reden_niet_tonen.strip())
    melding.teams.set(teams)
    intake_grants_sync(intake=intake, now=now)
    toegangslog_write(user=user, actie=Actie.VEILIGHEID, grond=f"{Grond.VEILIGHEID}:{melding.pk}",
                      object_type="veiligheidsmelding", object_id=melding.pk,
                      intake_id=intake.pk, inwoner_id=intake.inwoner_id,
                      doel="niet getoond aan inwoner" if not tonen_aan_inwoner else "",
                      request=request)
    for leider in teamleiders_of_user(user=user):
        notificatie_send(ontvanger=leider, soort="veiligheidsmelding",
                         onderwerp=_("Veiligheidsmelding om te beoordelen"),
                         tekst=_("%(naam)s heeft een veiligheidsmelding gedaan bij %(ref)s.")
                         % {"naam": user.get_full_name(), "ref": intake.referentie},
                         url=reverse("intake:veiligheid_beoordelen", args=[melding.pk]),
                         sleutel=f"veiligheid:{melding.pk}:{leider.pk}")
    return melding


@transaction.atomic
def veiligheidsmelding_review(*, user: User, melding: Veiligheidsmelding, besluit: str,
                              toelichting: str, tonen_aan_inwoner: bool | None = None,
                              now: datetime | None = None,
                              request: HttpRequest | None = None) -> Veiligheidsmelding:
    """The teamleider confirms or ends the override, and decides on telling the resident."""
    now = now or timezone.now()
    if user.rol != Rol.TEAMLEIDER or user not in teamleiders_of_user(user=melding.gemeld_door):
        raise PermissionDenied
    if besluit not in (Beoordeling.BEVESTIGD, Beoordeling.BEEINDIGD):
        raise ValidationError(_("Kies bevestigen of beëindigen."))
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf kort op waarom.")})
    melding.beoordeling = besluit
    melding.beoordeeld_door = user
    melding.beoordeeld_op = now
    melding.beoordeling_toelichting = toelichting.strip()
    if tonen_aan_inwoner is not None:
        melding.tonen_aan_inwoner = tonen_aan_inwoner
    if besluit == Beoordeling.BEEINDIGD:
        melding.einde = min(melding.einde, now)
    melding.save()
    intake_grants_sync(intake=melding.intake, now=now)
    toegangslog_write(user=user, actie=Actie.VEILIGHEID, grond=f"{Grond.VEILIGHEID}:{melding.pk}",
                      object_type="veiligheidsmelding", object_id=melding.pk,
                      intake_id=melding.intake_id, inwoner_id=melding.intake.inwoner_id,
                      doel=f"beoordeeld: {besluit}", request=request)
    return melding

