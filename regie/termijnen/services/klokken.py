"""Clocks (Termijn): when they end, starting them, and what happens to them — afgehandeld,
opgeschort, hervat, verdaagd, vervallen — each written to its history and the access log."""

import logging
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.models import Intake, Urgentie
from intake.services.inwoner import inwoner_tell
from toegang.accounts.models import Rol, User
from toegang.audit.models import Actie, Grond
from toegang.audit.services import toegangslog_write
from toegang.core.werkdagen import einde_van_dag, is_werkdag, termijn_einde, werkdagen_na

from ..hooks import Houder, houder_of
from ..models import (
    BESLUITEN,
    Herinnering,
    HerinneringSoort,
    Termijn,
    TermijnBeleid,
    TermijnGebeurtenis,
    TermijnSoort,
    TermijnStatus,
)
from ..signalen import termijn_hervat, termijn_opgeschort, termijn_verdaagd
from .beleid import termijnbeleid_current

logger = logging.getLogger(__name__)

# Legal terms: weeks after the start date (melding or aanvraag), Algemene termijnenwet applies.
WETTELIJK: dict[str, int] = {
    TermijnSoort.WMO_ONDERZOEK: 6,      # Wmo 2015 art. 2.3.2: onderzoek within 6 weeks
    TermijnSoort.WMO_BESCHIKKING: 2,    # Wmo 2015 art. 2.3.5: beschikking within 2 weeks
    TermijnSoort.JEUGD_BESCHIKKING: 8,  # Awb 4:13: reasonable term, at most 8 weeks
    TermijnSoort.PW_BESLUIT: 8,         # Awb 4:13
    TermijnSoort.PW_VOORSCHOT: 4,       # Participatiewet art. 52: voorschot within 4 weeks
    TermijnSoort.BEZWAAR: 6,            # Awb 7:10: after the bezwaar term ends, extendable by 6
}
OCHTEND = time(8, 0)


# --- Moments ------------------------------------------------------------------------------------


def _ochtend(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, OCHTEND))


def eerste_contact_deadline(*, ingediend_op: datetime, urgentie: str) -> datetime:
    """Urgent: within 1 working day; otherwise within 3 (policy, configurable)."""
    beleid = termijnbeleid_current()
    dagen = beleid.eerste_contact_urgent if urgentie == Urgentie.URGENT \
        else beleid.eerste_contact_normaal
    return einde_van_dag(werkdagen_na(timezone.localdate(ingediend_op), dagen))


def herinnering_momenten(termijn: Termijn, beleid: TermijnBeleid) -> dict[str, datetime]:
    """When each kind of reminder of this clock falls due (Amsterdam working days)."""
    dag = timezone.localdate(termijn.deadline)
    vooraf = dag
    for _n in range(beleid.herinnering_vooraf):
        vooraf -= timedelta(days=1)
        while not is_werkdag(vooraf):
            vooraf -= timedelta(days=1)
    return {
        HerinneringSoort.VOORAF: _ochtend(vooraf),
        HerinneringSoort.VERVALDAG: _ochtend(dag),
        HerinneringSoort.TE_LAAT: termijn.deadline,
        HerinneringSoort.ESCALATIE: _ochtend(werkdagen_na(dag, beleid.escalatie_na)),
    }


def _due_kinds(momenten: dict[str, datetime], now: datetime, deadline: datetime) -> list[str]:
    """The reminders that are due now. One that is already too late to be useful is skipped:
    no 'tomorrow' notice when the deadline has passed."""
    due: list[str] = []
    if momenten[HerinneringSoort.VOORAF] <= now < momenten[HerinneringSoort.VERVALDAG] \
            and momenten[HerinneringSoort.VOORAF] < momenten[HerinneringSoort.VERVALDAG]:
        due.append(HerinneringSoort.VOORAF)
    if momenten[HerinneringSoort.VERVALDAG] <= now < deadline:
        due.append(HerinneringSoort.VERVALDAG)
    if now >= deadline:
        due.append(HerinneringSoort.TE_LAAT)
    if now >= momenten[HerinneringSoort.ESCALATIE] and now >= deadline:
        due.append(HerinneringSoort.ESCALATIE)
    return due


def _volgende_moment(termijn: Termijn, beleid: TermijnBeleid, gedaan: set[str],
                     now: datetime) -> datetime | None:
    if termijn.status != TermijnStatus.LOPEND:
        return None
    momenten = herinnering_momenten(termijn, beleid)
    toekomst = [m for soort, m in momenten.items() if soort not in gedaan and m > now]
    open_nu = [soort for soort in _due_kinds(momenten, now, termijn.deadline)
               if soort not in gedaan]
    if open_nu:
        return now
    return min(toekomst) if toekomst else None


def _plan(termijn: Termijn, now: datetime | None = None) -> None:
    """Recompute when this clock's next reminder is due (kept on the row for the scan)."""
    now = now or timezone.now()
    gedaan = set(Herinnering.objects.filter(termijn=termijn).values_list("soort", flat=True))
    moment = _volgende_moment(termijn, termijnbeleid_current(), gedaan, now)
    Termijn.objects.filter(pk=termijn.pk).update(volgende_herinnering_op=moment)
    termijn.volgende_herinnering_op = moment


def wettelijke_deadline(*, soort: str, start: date) -> datetime:
    """End of a legal term that starts on `start` (moved to the next working day)."""
    return einde_van_dag(termijn_einde(start, weken=WETTELIJK[soort]))


# --- Creating and changing clocks ---------------------------------------------------------------


def _event(termijn: Termijn, soort: str, user: User | None, reden: str = "",
           oud: datetime | None = None, nieuw: datetime | None = None) -> None:
    TermijnGebeurtenis.objects.create(termijn=termijn, soort=soort, door=user, reden=reden,
                                      oude_deadline=oud, nieuwe_deadline=nieuw)


@transaction.atomic
def termijn_create(*, intake: Intake, soort: str, deadline: datetime, team_id: int,
                   casus_id: int | None = None, start: datetime | None = None,
                   omschrijving: str = "",
                   verantwoordelijke: User | None = None, door_inwoner: bool = False,
                   toelichting: str = "", user: User | None = None) -> Termijn:
    """Start a clock and plan its first reminder."""
    termijn = Termijn(
        intake=intake, casus_id=casus_id, soort=soort, deadline=deadline, team_id=team_id,
        start=start or timezone.now(), omschrijving=omschrijving[:300],
        verantwoordelijke=verantwoordelijke, door_inwoner=door_inwoner,
        toelichting=toelichting[:1000])
    # A new clock has sent nothing yet: its first reminder is known before the insert.
    termijn.volgende_herinnering_op = _volgende_moment(termijn, termijnbeleid_current(), set(),
                                                       timezone.now())
    termijn.save(force_insert=True)
    _event(termijn, TermijnGebeurtenis.Soort.GESTART, user, nieuw=deadline)
    return termijn


def termijn_eerste_contact(*, intake: Intake) -> Termijn:
    """The clock for the first contact, started when the intake arrives."""
    return termijn_create(intake=intake, soort=TermijnSoort.EERSTE_CONTACT,
                          start=intake.ingediend_op, team_id=intake.team_id,
                          deadline=eerste_contact_deadline(ingediend_op=intake.ingediend_op,
                                                           urgentie=intake.urgentie))


@transaction.atomic
def terugbelverzoek_create(*, user: User, intake: Intake, toelichting: str,
                           now: datetime | None = None) -> Termijn:
    """A resident asks to be called back: a promise the reminders will chase (the same working
    day when asked on a working morning, otherwise the next working day)."""
    now = now or timezone.now()
    if Termijn.objects.open().filter(intake=intake, soort=TermijnSoort.TERUGBELLEN,
                                     door_inwoner=True).exists():
        raise ValidationError(_("U heeft al gevraagd of we u terugbellen. We bellen u zo snel "
                                "mogelijk."), code="al_gevraagd")
    vandaag = timezone.localdate(now)
    if is_werkdag(vandaag) and timezone.localtime(now).hour < 12:
        dag = vandaag
    else:
        dag = werkdagen_na(vandaag, 1)
    houder = houder_of(intake)
    with translation.override("nl"):
        omschrijving = _("De inwoner vraagt om teruggebeld te worden.")
    return termijn_create(intake=intake, casus_id=houder.casus_id, soort=TermijnSoort.TERUGBELLEN,
                          start=now, deadline=einde_van_dag(dag), team_id=houder.team_id,
                          verantwoordelijke=houder.verantwoordelijke, door_inwoner=True,
                          toelichting=toelichting.strip(), omschrijving=omschrijving,
                          user=user)


@transaction.atomic
def terugbelafspraak_create(*, user: User, intake: Intake, moment: datetime,
                            toelichting: str = "",
                            request: HttpRequest | None = None) -> Termijn:
    """A professional promises 'ik bel u terug op …'; the resident is told when."""
    if moment <= timezone.now():
        raise ValidationError({"moment": _("Kies een moment in de toekomst.")})
    houder = houder_of(intake)
    # Stored and sent texts are in the resident's language (Dutch), whatever the
    # professional's interface language.
    with translation.override("nl"):
        termijn = termijn_create(intake=intake, casus_id=houder.casus_id,
                                 soort=TermijnSoort.TERUGBELLEN, deadline=moment,
                                 team_id=houder.team_id, verantwoordelijke=user,
                                 toelichting=toelichting.strip(), user=user,
                                 omschrijving=_("Terugbelafspraak met de inwoner"))
        _tell_resident(intake, _("We bellen u terug"),
                       _("%(naam)s belt u op %(moment)s.") % {
                           "naam": user.get_full_name(),
                           "moment": timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")},
                       sleutel=f"terugbel:{termijn.pk}")
    _log(user, termijn, request)
    return termijn


@transaction.atomic
def termijn_start(*, user: User, intake: Intake, soort: str, start: date,
                  omschrijving: str = "", request: HttpRequest | None = None) -> list[Termijn]:
    """Start a legal term from the date of the melding or aanvraag. A Participatiewet aanvraag
    starts both the decision term and the advance-payment term."""
    if soort not in WETTELIJK:
        raise ValidationError({"soort": _("Kies een wettelijke termijn.")})
    if start > timezone.localdate():
        raise ValidationError({"start": _("De datum van de melding of aanvraag kan niet in de "
                                          "toekomst liggen.")})
    soorten = [soort] + ([TermijnSoort.PW_VOORSCHOT] if soort == TermijnSoort.PW_BESLUIT else [])
    begin = timezone.make_aware(datetime.combine(start, time(9, 0)))
    houder = houder_of(intake)
    made = [termijn_create(intake=intake, casus_id=houder.casus_id, soort=s, start=begin,
                           deadline=wettelijke_deadline(soort=s, start=start),
                           team_id=houder.team_id, verantwoordelijke=houder.verantwoordelijke,
                           omschrijving=omschrijving, user=user) for s in soorten]
    if user.rol != Rol.INWONER:  # a resident's own aanvraag is logged where it is made
        for termijn in made:
            _log(user, termijn, request)
    return made


def _locked(termijn: Termijn) -> Termijn:
    return Termijn.objects.select_for_update().select_related("intake").get(pk=termijn.pk)


@transaction.atomic
def termijn_complete(*, user: User, termijn: Termijn, op: datetime | None = None,
                     request: HttpRequest | None = None) -> Termijn:
    """The clock is afgehandeld: the promise kept or the decision taken (when, and by whom;
    on time or late)."""
    locked = _locked(termijn)
    if not locked.is_open:
        raise ValidationError(_("Deze termijn loopt niet meer."))
    locked.status = TermijnStatus.AFGEHANDELD
    locked.afgehandeld_op = op or timezone.now()
    locked.afgehandeld_door = user
    locked.volgende_herinnering_op = None
    locked.save(update_fields=["status", "afgehandeld_op", "afgehandeld_door",
                               "volgende_herinnering_op"])
    _event(locked, TermijnGebeurtenis.Soort.AFGEHANDELD, user)
    _log(user, locked, request)
    return locked


@transaction.atomic
def termijnen_complete(*, intake: Intake, soorten: Sequence[str], user: User,
                       op: datetime | None = None) -> int:
    """Complete the open clocks of these kinds (e.g. the first contact happened)."""
    done = 0
    for termijn in Termijn.objects.open().filter(intake=intake, soort__in=soorten):
        termijn_complete(user=user, termijn=termijn, op=op)
        done += 1
    return done


@transaction.atomic
def termijnen_assign(*, intake_id: int, houder: Houder) -> int:
    """The open clocks of an intake move to a new holder (picked up, handed over): the new
    regiehouder is reminded, the team's teamleiders get the escalations."""
    velden: dict[str, Any] = {"verantwoordelijke": houder.verantwoordelijke,
                              "team_id": houder.team_id}
    if houder.casus_id is not None:
        velden["casus_id"] = houder.casus_id
    return Termijn.objects.open().filter(intake_id=intake_id).update(**velden)


@transaction.atomic
def termijnen_lapse(*, user: User | None, reden: str, intake_id: int | None = None,
                    termijn_ids: Sequence[int] = ()) -> int:
    """Open clocks lapse (vervallen): every one of an intake (the casus closed), or the ones
    named (a plan version replaced by a newer one). Each lapse is on the clock's history."""
    if intake_id is None and not termijn_ids:
        return 0
    rows = Termijn.objects.open()
    rows = rows.filter(intake_id=intake_id) if intake_id is not None \
        else rows.filter(pk__in=list(termijn_ids))
    done = 0
    for termijn in rows:
        termijn_lapse(user=user, termijn=termijn, reden=reden)
        done += 1
    return done


@transaction.atomic
def termijn_suspend(*, user: User, termijn: Termijn, reden: str, vanaf: date,
                    request: HttpRequest | None = None) -> Termijn:
    """Suspend the term while the resident supplies information (Awb 4:15)."""
    locked = _locked(termijn)
    if locked.status != TermijnStatus.LOPEND:
        raise ValidationError(_("Alleen een lopende termijn kan worden opgeschort."))
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom de termijn wordt opgeschort.")})
    if vanaf > timezone.localdate() or vanaf < timezone.localdate(locked.start):
        raise ValidationError({"vanaf": _("Kies een datum tussen de start van de termijn en "
                                          "vandaag.")})
    locked.status = TermijnStatus.OPGESCHORT
    locked.opgeschort_sinds = timezone.make_aware(datetime.combine(vanaf, time.min))
    locked.volgende_herinnering_op = None
    locked.save(update_fields=["status", "opgeschort_sinds", "volgende_herinnering_op"])
    _event(locked, TermijnGebeurtenis.Soort.OPGESCHORT, user, reden.strip(),
           oud=locked.deadline)
    _log(user, locked, request)
    termijn_opgeschort.send(sender=Termijn, termijn=locked, reden=reden.strip(), vanaf=vanaf,
                            user=user)
    return locked


@transaction.atomic
def termijn_resume(*, user: User, termijn: Termijn, op: date,
                    request: HttpRequest | None = None) -> Termijn:
    """The information arrived: the term runs again and ends later by the days it stood
    still (on a working day)."""
    locked = _locked(termijn)
    if locked.status != TermijnStatus.OPGESCHORT or locked.opgeschort_sinds is None:
        raise ValidationError(_("Deze termijn is niet opgeschort."))
    sinds = timezone.localdate(locked.opgeschort_sinds)
    if op < sinds or op > timezone.localdate():
        raise ValidationError({"op": _("Kies een datum tussen de opschorting en vandaag.")})
    oud = locked.deadline
    dagen = (op - sinds).days
    locked.deadline = einde_van_dag(termijn_einde(timezone.localdate(oud), dagen=dagen))
    locked.status = TermijnStatus.LOPEND
    locked.opgeschort_sinds = None
    locked.save(update_fields=["deadline", "status", "opgeschort_sinds"])
    _event(locked, TermijnGebeurtenis.Soort.HERVAT, user,
           _("%(n)s dagen opgeschort") % {"n": dagen}, oud=oud, nieuw=locked.deadline)
    _plan(locked)
    _log(user, locked, request)
    termijn_hervat.send(sender=Termijn, termijn=locked, op=op, user=user)
    return locked


@transaction.atomic
def termijn_extend(*, user: User, termijn: Termijn, nieuwe_deadline: date, reden: str,
                    request: HttpRequest | None = None) -> Termijn:
    """Extend the decision term (Awb 4:14) with a reason; the resident is told the new date."""
    locked = _locked(termijn)
    if locked.status != TermijnStatus.LOPEND:
        raise ValidationError(_("Alleen een lopende termijn kan worden verdaagd."))
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf op waarom de termijn wordt verdaagd.")})
    nieuw = einde_van_dag(nieuwe_deadline)
    if nieuw <= locked.deadline:
        raise ValidationError({"nieuwe_deadline": _("De nieuwe datum moet na de huidige "
                                                     "termijn liggen.")})
    oud = locked.deadline
    if locked.soort == TermijnSoort.BEZWAAR:
        # Awb 7:10 lid 3: the decision on a bezwaar may be put off by at most six weeks.
        grens = einde_van_dag(termijn_einde(
            timezone.localdate(locked.oorspronkelijke_deadline or oud), weken=6))
        if nieuw > grens:
            raise ValidationError({"nieuwe_deadline": _(
                "Een beslissing op bezwaar kan ten hoogste 6 weken worden verdaagd: uiterlijk "
                "tot %(datum)s.") % {"datum": timezone.localdate(grens).strftime("%d-%m-%Y")}})
    locked.oorspronkelijke_deadline = locked.oorspronkelijke_deadline or oud
    locked.deadline = nieuw
    locked.save(update_fields=["deadline", "oorspronkelijke_deadline"])
    Herinnering.objects.filter(termijn=locked).delete()  # a new term gets its own reminders
    _event(locked, TermijnGebeurtenis.Soort.VERDAAGD, user, reden.strip(), oud=oud, nieuw=nieuw)
    _plan(locked)
    if locked.soort in BESLUITEN:
        with translation.override("nl"):
            _tell_resident(locked.intake, _("Het besluit op uw aanvraag duurt langer"),
                           _("U krijgt het besluit uiterlijk %(datum)s. De reden: %(reden)s") % {
                               "datum": nieuwe_deadline.strftime("%d-%m-%Y"),
                               "reden": reden.strip()},
                           sleutel=f"verdaging:{locked.pk}:{nieuwe_deadline:%Y%m%d}")
    _log(user, locked, request)
    termijn_verdaagd.send(sender=Termijn, termijn=locked, oude_deadline=oud,
                          reden=reden.strip(), user=user)
    return locked


@transaction.atomic
def termijn_lapse(*, user: User | None, termijn: Termijn, reden: str = "") -> Termijn:
    """The clock lapses without being kept (vervallen): nothing to chase any more."""
    locked = _locked(termijn)
    if locked.is_open:
        locked.status = TermijnStatus.VERVALLEN
        locked.volgende_herinnering_op = None
        locked.save(update_fields=["status", "volgende_herinnering_op"])
        _event(locked, TermijnGebeurtenis.Soort.VERVALLEN, user, reden)
    return locked


def _tell_resident(intake: Intake, onderwerp: str, tekst: str, sleutel: str) -> None:
    """A notice about a clock for the resident (their inbox, otherwise the e-mail address)."""
    inwoner_tell(intake=intake, soort="termijn", onderwerp=onderwerp, tekst=tekst,
                 url=reverse("intake:mijn_detail", args=[intake.pk]), sleutel=sleutel)


def _log(user: User, termijn: Termijn, request: HttpRequest | None) -> None:
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=Grond.REGIEHOUDER,
                      object_type="termijn", object_id=termijn.pk, intake_id=termijn.intake_id,
                      casus_id=termijn.casus_id, inwoner_id=termijn.intake.inwoner_id,
                      request=request)


