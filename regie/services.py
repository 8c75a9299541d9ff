"""Writes on deadlines and promises."""

from collections.abc import Sequence
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Intake, Urgentie
from toegang.accounts.models import User
from toegang.core.werkdagen import is_werkdag, werkdagen_na

from .models import Termijn, TermijnSoort, TermijnStatus


def einde_van_dag(dag: date) -> datetime:
    """The last moment of `dag` in Amsterdam time."""
    return timezone.make_aware(datetime.combine(dag, time(23, 59, 59)))


def eerste_contact_deadline(*, ingediend_op: datetime, urgentie: str) -> datetime:
    """Urgent: within 1 working day; otherwise within 3 (policy, configurable)."""
    dagen = settings.EERSTE_CONTACT_WERKDAGEN[
        "urgent" if urgentie == Urgentie.URGENT else "normaal"]
    return einde_van_dag(werkdagen_na(timezone.localdate(ingediend_op), dagen))


@transaction.atomic
def termijn_eerste_contact(*, intake: Intake) -> Termijn:
    """The clock for the first contact, started when the intake arrives."""
    return Termijn.objects.create(
        intake=intake, soort=TermijnSoort.EERSTE_CONTACT, start=intake.ingediend_op,
        deadline=eerste_contact_deadline(ingediend_op=intake.ingediend_op,
                                         urgentie=intake.urgentie),
        team=intake.team)


@transaction.atomic
def terugbelverzoek_create(*, user: User, intake: Intake, toelichting: str,
                           now: datetime | None = None) -> Termijn:
    """A resident asks to be called back: a promise the reminders will chase (within one
    working day, or the next working day when asked outside office hours)."""
    now = now or timezone.now()
    if Termijn.objects.open().filter(intake=intake, soort=TermijnSoort.TERUGBELLEN,
                                     door_inwoner=True).exists():
        raise ValidationError(_("U heeft al gevraagd of we u terugbellen. We bellen u zo snel "
                                "mogelijk."), code="al_gevraagd")
    vandaag = timezone.localdate(now)
    # Asked on a working morning: today; otherwise the next working day.
    if is_werkdag(vandaag) and timezone.localtime(now).hour < 12:
        dag = vandaag
    else:
        dag = werkdagen_na(vandaag, 1)
    from casussen.models import Casus

    casus = Casus.objects.filter(intake=intake).first()
    regie = casus.regiehouders.filter(einde__isnull=True).first() if casus else None
    return Termijn.objects.create(
        intake=intake, casus=casus, soort=TermijnSoort.TERUGBELLEN, start=now,
        deadline=einde_van_dag(dag), team=casus.team if casus else intake.team,
        verantwoordelijke=regie.user if regie else None, door_inwoner=True,
        toelichting=toelichting.strip()[:1000],
        omschrijving=_("De inwoner vraagt om teruggebeld te worden."))


def termijnen_open_for(*, intake: Intake) -> list[Termijn]:
    return list(Termijn.objects.open().filter(intake=intake).order_by("deadline"))


__all__ = ["TermijnStatus", "eerste_contact_deadline", "termijn_eerste_contact",
           "terugbelverzoek_create"]


@transaction.atomic
def termijnen_met(*, intake: Intake, soorten: Sequence[str], user: User,
                  op: datetime | None = None) -> int:
    """Mark the open clocks of these kinds as met (e.g. the first contact happened)."""
    return Termijn.objects.open().filter(intake=intake, soort__in=soorten).update(
        status=TermijnStatus.GEHAALD, gehaald_op=op or timezone.now(), gehaald_door=user)
