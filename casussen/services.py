"""Writes on cases: picking up an intake, the regiehouder and the people involved."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.grants import desired_grants, intake_grants_sync
from intake.models import Grond, Intake, IntakeStatus
from toegang.accounts.models import CASE_ROLES, User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.organisatie.models import Team

from .models import Betrokkenheid, Casus, CasusStatus, Regiehouderschap


class AlOpgepakt(ValidationError):
    """Someone else picked the intake up first."""


def _covered_teams(intake: Intake, now: datetime) -> dict[int, str]:
    """Team group ids that may read the intake now (routing, consent, override) → basis."""
    groups, _users = desired_grants(intake, now)
    return {group_id: grant.grond for (group_id, perm), grant in groups.items()
            if perm == "view_intake"}


def _team_for(user: User, intake: Intake, now: datetime) -> Team | None:
    """The user's team through which they may work on this intake (the front door first)."""
    covered = _covered_teams(intake, now)
    teams = list(Team.objects.filter(teamlidmaatschap__user=user, actief=True))
    teams.sort(key=lambda t: (t.pk != intake.team_id, t.naam))
    return next((t for t in teams if t.group_id in covered), None)


@transaction.atomic
def casus_open(*, user: User, intake: Intake, request: HttpRequest | None = None) -> Casus:
    """Pick up an intake: create its one Casus and make `user` the regiehouder.

    The intake row is locked first, so two professionals clicking at once get exactly one
    casus; the second gets AlOpgepakt with the name of the first.
    """
    now = timezone.now()
    intake = (Intake.objects.select_for_update(of=("self",)).select_related("team", "wijk")
              .get(pk=intake.pk))
    existing = Casus.objects.filter(intake=intake).first()
    if existing is not None:
        regie = existing.regiehouders.filter(einde__isnull=True).select_related("user").first()
        naam = regie.user.get_full_name() if regie else _("een collega")
        raise AlOpgepakt(_("Deze aanmelding is al opgepakt door %(naam)s.") % {"naam": naam},
                         code="al_opgepakt")
    if user.rol not in CASE_ROLES:
        raise ValidationError(_("Alleen professionals en teamleiders kunnen oppakken."))
    team = _team_for(user, intake, now)
    if team is None:
        raise ValidationError(_("U zit niet in een team dat deze aanmelding mag lezen."))
    casus = Casus.objects.create(intake=intake, team=team, status=CasusStatus.IN_BEHANDELING,
                                 geopend_op=now)
    Regiehouderschap.objects.create(casus=casus, user=user, team=team, begin=now)
    Intake.objects.filter(pk=intake.pk).update(status=IntakeStatus.OPGEPAKT)
    intake_grants_sync(intake=intake, now=now)
    toegangslog_write(user=user, actie=Actie.OPPAKKEN, grond=Grond.ROUTERING
                      if team.pk == intake.team_id else _covered_teams(intake, now)[team.group_id],
                      object_type="casus", object_id=casus.pk, intake_id=intake.pk,
                      casus_id=casus.pk, inwoner_id=intake.inwoner_id, request=request)
    return casus


@transaction.atomic
def betrokkene_add(*, user: User, casus: Casus, team: Team, rol: str,
                   professional: User | None = None, toelichting: str = "",
                   request: HttpRequest | None = None) -> Betrokkenheid:
    """Involve another team or professional; only teams the resident's consent (or a safety
    override, or the routing) covers may join."""
    now = timezone.now()
    intake = casus.intake
    if team.group_id not in _covered_teams(intake, now):
        raise ValidationError(_("%(team)s mag niet meekijken: de inwoner heeft daar geen "
                                "toestemming voor gegeven.") % {"team": team.naam},
                              code="geen_toestemming")
    if professional is not None and not professional.teams.filter(pk=team.pk).exists():
        raise ValidationError(_("Deze professional zit niet in %(team)s.") % {"team": team.naam})
    betrokken = Betrokkenheid.objects.create(casus=casus, team=team, user=professional, rol=rol,
                                             toelichting=toelichting.strip(), begin=now,
                                             toegevoegd_door=user)
    intake_grants_sync(intake=intake, now=now)
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=getattr(casus, "grond", "") or
                      Grond.REGIEHOUDER, object_type="betrokkenheid", object_id=betrokken.pk,
                      intake_id=intake.pk, casus_id=casus.pk, inwoner_id=intake.inwoner_id,
                      request=request)
    return betrokken


@transaction.atomic
def betrokkene_end(*, user: User, betrokkenheid: Betrokkenheid,
                   request: HttpRequest | None = None) -> Betrokkenheid:
    now = timezone.now()
    Betrokkenheid.objects.filter(pk=betrokkenheid.pk, einde__isnull=True).update(einde=now)
    betrokkenheid.refresh_from_db()
    intake_grants_sync(intake=betrokkenheid.casus.intake, now=now)
    return betrokkenheid
