"""Before anyone picks a request up: forward it to the team it belongs to, or close it as a
duplicate of another request or as no help question. Each with a reason, on the intake's
history, the resident told, the clocks following (through the hooks)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from toegang.accounts.models import User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.organisatie.models import Team

from .. import hooks
from ..grants import intake_grants_sync
from ..models import Afsluitreden, Grond, Intake, IntakeGebeurtenis, IntakeStatus
from .indienen import intake_status_set
from .inwoner import inwoner_tell


def _check_open(intake: Intake) -> Intake:
    locked = Intake.objects.select_for_update().select_related("team").get(pk=intake.pk)
    if locked.status != IntakeStatus.INGEDIEND:
        raise ValidationError(_("Deze aanvraag is al opgepakt of gesloten."), code="niet_open")
    return locked


def _reden(reden: str) -> str:
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom.")}, code="reden")
    return reden.strip()


def _log(user: User, intake: Intake, wat: str, request: HttpRequest | None) -> None:
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=Grond.ROUTERING,
                      object_type="intake", object_id=intake.pk, intake_id=intake.pk,
                      inwoner_id=intake.inwoner_id, doel=wat, request=request)


@transaction.atomic
def intake_forward(*, user: User, intake: Intake, naar: Team, reden: str,
                   now: datetime | None = None, request: HttpRequest | None = None) -> Intake:
    """Send a misrouted request to the team it belongs to, without picking it up. That team
    becomes its front door (it may read it because the resident asked the municipality for
    help); the old team keeps access only where the resident's consent covers it. The
    first-contact clock moves with it."""
    now = now or timezone.now()
    locked = _check_open(intake)
    reden = _reden(reden)
    if naar.pk == locked.team_id:
        raise ValidationError({"naar": _("De aanvraag ligt al bij dit team.")}, code="zelfde")
    if not naar.actief:
        raise ValidationError({"naar": _("Dit team bestaat niet meer.")}, code="inactief")
    van = locked.team
    Intake.objects.filter(pk=locked.pk).update(team=naar, routing_regel=None, updated_at=now)
    locked.team, locked.routing_regel = naar, None
    IntakeGebeurtenis.objects.create(intake=locked, soort=IntakeGebeurtenis.Soort.DOORGESTUURD,
                                     van_team=van, naar_team=naar, reden=reden, door=user,
                                     tijdstip=now)
    intake_grants_sync(intake=locked, now=now)
    hooks.intake_rerouted(locked)
    _log(user, locked, f"doorgestuurd van {van.naam} naar {naar.naam}", request)
    with translation.override("nl"):
        inwoner_tell(intake=locked, soort="doorgestuurd",
                     onderwerp=_("Uw aanvraag is bij een ander team"),
                     tekst=_("Uw aanvraag %(ref)s past beter bij %(team)s. Dat team helpt u "
                             "verder. U hoeft niets te doen.") % {
                         "ref": locked.referentie, "team": naar.naam},
                     url=reverse("intake:mijn_detail", args=[locked.pk]),
                     sleutel=f"doorgestuurd:{locked.pk}:{naar.pk}:{now:%Y%m%d%H%M%S}")
    return locked


@transaction.atomic
def intake_close(*, user: User, intake: Intake, reden: str, toelichting: str,
                 duplicaat_van: Intake | None = None, now: datetime | None = None,
                 request: HttpRequest | None = None) -> Intake:
    """Close a request that needs no casus: a duplicate of another request (linked to it), or
    no help question. The resident is told; its clocks lapse."""
    now = now or timezone.now()
    locked = _check_open(intake)
    toelichting = _reden(toelichting) if reden == Afsluitreden.GEEN_HULPVRAAG \
        else toelichting.strip()
    if reden == Afsluitreden.DUPLICAAT:
        if duplicaat_van is None:
            raise ValidationError({"duplicaat_van": _("Kies de aanvraag waar deze een dubbele "
                                                      "van is.")}, code="geen_origineel")
        if duplicaat_van.pk == locked.pk:
            raise ValidationError({"duplicaat_van": _("Een aanvraag kan geen dubbele van "
                                                      "zichzelf zijn.")}, code="zichzelf")
    elif reden != Afsluitreden.GEEN_HULPVRAAG:
        raise ValidationError({"reden": _("Kies waarom u de aanvraag sluit.")}, code="reden")
    Intake.objects.filter(pk=locked.pk).update(
        afsluitreden=reden, afsluittoelichting=toelichting,
        duplicaat_van=duplicaat_van if reden == Afsluitreden.DUPLICAAT else None)
    intake_status_set(intake_id=locked.pk, status=IntakeStatus.AFGEROND)
    locked.refresh_from_db()
    soort = (IntakeGebeurtenis.Soort.DUPLICAAT if reden == Afsluitreden.DUPLICAAT
             else IntakeGebeurtenis.Soort.GEEN_HULPVRAAG)
    IntakeGebeurtenis.objects.create(intake=locked, soort=soort, reden=toelichting or "-",
                                     door=user, tijdstip=now)
    hooks.intake_closed(locked, user)
    _log(user, locked, f"gesloten: {reden}", request)
    with translation.override("nl"):
        if reden == Afsluitreden.DUPLICAAT and duplicaat_van is not None:
            tekst = _("U stuurde dezelfde vraag twee keer. We gaan verder met aanvraag "
                      "%(ref)s; deze aanvraag (%(dit)s) sluiten we.") % {
                "ref": duplicaat_van.referentie, "dit": locked.referentie}
        else:
            tekst = _("We hebben uw aanvraag %(ref)s gesloten. De reden: %(reden)s Heeft u "
                      "toch hulp nodig? Vraag het opnieuw of bel ons.") % {
                "ref": locked.referentie, "reden": toelichting}
        inwoner_tell(intake=locked, soort="gesloten", onderwerp=_("Uw aanvraag is gesloten"),
                     tekst=tekst, url=reverse("intake:mijn_detail", args=[locked.pk]),
                     sleutel=f"gesloten:{locked.pk}")
    return locked
