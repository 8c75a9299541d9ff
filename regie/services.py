"""Writes on deadlines and promises (Termijn), and the reminder scan that chases them."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.models import Intake, Urgentie
from toegang.accounts.models import User
from toegang.audit.models import Actie, Grond
from toegang.audit.services import toegangslog_write
from toegang.berichten.services import Bericht, notificatie_send, notificaties_send
from toegang.core.procescache import ProcesCache
from toegang.core.werkdagen import is_werkdag, termijn_einde, werkdagen_na

from .models import (
    Herinnering,
    HerinneringSoort,
    Termijn,
    TermijnBeleid,
    TermijnGebeurtenis,
    TermijnSoort,
    TermijnStatus,
)

logger = logging.getLogger(__name__)

# Legal terms: weeks after the start date (melding or aanvraag), Algemene termijnenwet applies.
WETTELIJK: dict[str, int] = {
    TermijnSoort.WMO_ONDERZOEK: 6,      # Wmo 2015 art. 2.3.2: onderzoek within 6 weeks
    TermijnSoort.WMO_BESCHIKKING: 2,    # Wmo 2015 art. 2.3.5: beschikking within 2 weeks
    TermijnSoort.JEUGD_BESCHIKKING: 8,  # Awb 4:13: reasonable term, at most 8 weeks
    TermijnSoort.PW_BESLUIT: 8,         # Awb 4:13
    TermijnSoort.PW_VOORSCHOT: 4,       # Participatiewet art. 52: voorschot within 4 weeks
}
BESLUITEN = {TermijnSoort.WMO_BESCHIKKING, TermijnSoort.JEUGD_BESCHIKKING,
             TermijnSoort.PW_BESLUIT, TermijnSoort.PW_VOORSCHOT}
OCHTEND = time(8, 0)


# --- Policy -----------------------------------------------------------------------------------


_BELEID: ProcesCache[TermijnBeleid | None] = ProcesCache("termijnbeleid",
                                                        models=(TermijnBeleid,))


def beleid_actueel() -> TermijnBeleid:
    """The policy in force: the newest saved row, or the defaults from the settings."""
    beleid = _BELEID.get("actueel", lambda: TermijnBeleid.objects
                         .order_by("-created_at", "-id").first())
    if beleid is not None:
        return beleid
    return TermijnBeleid(eerste_contact_urgent=settings.EERSTE_CONTACT_WERKDAGEN["urgent"],
                         eerste_contact_normaal=settings.EERSTE_CONTACT_WERKDAGEN["normaal"],
                         evaluatie_maanden=getattr(settings, "PLAN_EVALUATIE_MAANDEN", 6))


@transaction.atomic
def beleid_wijzig(*, user: User | None, toelichting: str, **waarden: Any) -> TermijnBeleid:
    """Save a new version of the policy (the old one stays as history).

    New first-contact terms hold for intakes that arrive from now on. A new lead time or
    grace also holds for the clocks that are running: their next reminder is planned again
    by the scan once every process has the new policy (after the per-process cache time)."""
    oud = beleid_actueel()
    beleid = TermijnBeleid(gewijzigd_door=user, toelichting=toelichting.strip(), **waarden)
    beleid.full_clean()
    beleid.save()
    if (beleid.herinnering_vooraf, beleid.escalatie_na) != (oud.herinnering_vooraf,
                                                             oud.escalatie_na):
        opnieuw = timezone.now() + timedelta(seconds=_BELEID.ttl + 30)
        Termijn.objects.filter(status=TermijnStatus.LOPEND,
                               volgende_herinnering_op__gt=opnieuw) \
            .update(volgende_herinnering_op=opnieuw)
    return beleid


# --- Moments ------------------------------------------------------------------------------------


def einde_van_dag(dag: date) -> datetime:
    """The last moment of `dag` in Amsterdam time."""
    return timezone.make_aware(datetime.combine(dag, time(23, 59, 59)))


def _ochtend(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, OCHTEND))


def eerste_contact_deadline(*, ingediend_op: datetime, urgentie: str) -> datetime:
    """Urgent: within 1 working day; otherwise within 3 (policy, configurable)."""
    beleid = beleid_actueel()
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
    moment = _volgende_moment(termijn, beleid_actueel(), gedaan, now)
    Termijn.objects.filter(pk=termijn.pk).update(volgende_herinnering_op=moment)
    termijn.volgende_herinnering_op = moment


# --- Creating and changing clocks ---------------------------------------------------------------


def _event(termijn: Termijn, soort: str, user: User | None, reden: str = "",
           oud: datetime | None = None, nieuw: datetime | None = None) -> None:
    TermijnGebeurtenis.objects.create(termijn=termijn, soort=soort, door=user, reden=reden,
                                      oude_deadline=oud, nieuwe_deadline=nieuw)


@transaction.atomic
def termijn_create(*, intake: Intake, soort: str, deadline: datetime, team_id: int,
                   casus: Any = None, start: datetime | None = None, omschrijving: str = "",
                   verantwoordelijke: User | None = None, door_inwoner: bool = False,
                   toelichting: str = "", user: User | None = None) -> Termijn:
    """Start a clock and plan its first reminder."""
    termijn = Termijn(
        intake=intake, casus=casus, soort=soort, deadline=deadline, team_id=team_id,
        start=start or timezone.now(), omschrijving=omschrijving[:300],
        verantwoordelijke=verantwoordelijke, door_inwoner=door_inwoner,
        toelichting=toelichting[:1000])
    # A new clock has sent nothing yet: its first reminder is known before the insert.
    termijn.volgende_herinnering_op = _volgende_moment(termijn, beleid_actueel(), set(),
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


def _regiehouder(casus: Any) -> User | None:
    if casus is None:
        return None
    regie = casus.regiehouders.filter(einde__isnull=True).select_related("user").first()
    return regie.user if regie else None


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
    from casussen.models import Casus

    casus = Casus.objects.filter(intake=intake).first()
    with translation.override("nl"):
        omschrijving = _("De inwoner vraagt om teruggebeld te worden.")
    return termijn_create(intake=intake, casus=casus, soort=TermijnSoort.TERUGBELLEN,
                          start=now, deadline=einde_van_dag(dag),
                          team_id=casus.team_id if casus else intake.team_id,
                          verantwoordelijke=_regiehouder(casus), door_inwoner=True,
                          toelichting=toelichting.strip(), omschrijving=omschrijving,
                          user=user)


@transaction.atomic
def terugbelafspraak_create(*, user: User, casus: Any, moment: datetime, toelichting: str = "",
                            request: HttpRequest | None = None) -> Termijn:
    """A professional promises 'ik bel u terug op …'; the resident is told when."""
    if moment <= timezone.now():
        raise ValidationError({"moment": _("Kies een moment in de toekomst.")})
    # Stored and sent texts are in the resident's language (Dutch), whatever the
    # professional's interface language.
    with translation.override("nl"):
        termijn = termijn_create(intake=casus.intake, casus=casus,
                                 soort=TermijnSoort.TERUGBELLEN, deadline=moment,
                                 team_id=casus.team_id, verantwoordelijke=user,
                                 toelichting=toelichting.strip(), user=user,
                                 omschrijving=_("Terugbelafspraak met de inwoner"))
        _tell_resident(casus.intake, _("We bellen u terug"),
                       _("%(naam)s belt u op %(moment)s.") % {
                           "naam": user.get_full_name(),
                           "moment": timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")},
                       sleutel=f"terugbel:{termijn.pk}")
    _log(user, termijn, request)
    return termijn


def wettelijke_deadline(*, soort: str, start: date) -> datetime:
    """End of a legal term that starts on `start` (moved to the next working day)."""
    return einde_van_dag(termijn_einde(start, weken=WETTELIJK[soort]))


@transaction.atomic
def termijn_start(*, user: User, casus: Any, soort: str, start: date, omschrijving: str = "",
                  request: HttpRequest | None = None) -> list[Termijn]:
    """Start a legal term from the date of the melding or aanvraag. A Participatiewet aanvraag
    starts both the decision term and the advance-payment term."""
    if soort not in WETTELIJK:
        raise ValidationError({"soort": _("Kies een wettelijke termijn.")})
    if start > timezone.localdate():
        raise ValidationError({"start": _("De datum van de melding of aanvraag kan niet in de "
                                          "toekomst liggen.")})
    soorten = [soort] + ([TermijnSoort.PW_VOORSCHOT] if soort == TermijnSoort.PW_BESLUIT else [])
    begin = timezone.make_aware(datetime.combine(start, time(9, 0)))
    made = [termijn_create(intake=casus.intake, casus=casus, soort=s, start=begin,
                           deadline=wettelijke_deadline(soort=s, start=start),
                           team_id=casus.team_id, verantwoordelijke=_regiehouder(casus),
                           omschrijving=omschrijving, user=user) for s in soorten]
    for termijn in made:
        _log(user, termijn, request)
    return made


def _locked(termijn: Termijn) -> Termijn:
    return Termijn.objects.select_for_update().select_related("intake").get(pk=termijn.pk)


@transaction.atomic
def termijn_met(*, user: User, termijn: Termijn, op: datetime | None = None,
                request: HttpRequest | None = None) -> Termijn:
    """The promise is kept or the decision is taken (when, and by whom)."""
    locked = _locked(termijn)
    if not locked.is_open:
        raise ValidationError(_("Deze termijn loopt niet meer."))
    locked.status = TermijnStatus.GEHAALD
    locked.gehaald_op = op or timezone.now()
    locked.gehaald_door = user
    locked.volgende_herinnering_op = None
    locked.save(update_fields=["status", "gehaald_op", "gehaald_door",
                               "volgende_herinnering_op"])
    _event(locked, TermijnGebeurtenis.Soort.GEHAALD, user)
    _log(user, locked, request)
    return locked


@transaction.atomic
def termijnen_met(*, intake: Intake, soorten: Sequence[str], user: User,
                  op: datetime | None = None) -> int:
    """Mark the open clocks of these kinds as met (e.g. the first contact happened)."""
    done = 0
    for termijn in Termijn.objects.open().filter(intake=intake, soort__in=soorten):
        termijn_met(user=user, termijn=termijn, op=op)
        done += 1
    return done


@transaction.atomic
def termijn_opschorten(*, user: User, termijn: Termijn, reden: str, vanaf: date,
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
    return locked


@transaction.atomic
def termijn_hervatten(*, user: User, termijn: Termijn, op: date,
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
    return locked


@transaction.atomic
def termijn_verdagen(*, user: User, termijn: Termijn, nieuwe_deadline: date, reden: str,
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
    return locked


@transaction.atomic
def termijn_vervallen(*, user: User | None, termijn: Termijn, reden: str = "") -> Termijn:
    locked = _locked(termijn)
    if locked.is_open:
        locked.status = TermijnStatus.VERVALLEN
        locked.volgende_herinnering_op = None
        locked.save(update_fields=["status", "volgende_herinnering_op"])
        _event(locked, TermijnGebeurtenis.Soort.VERVALLEN, user, reden)
    return locked


def termijnen_open_for(*, intake: Intake) -> list[Termijn]:
    return list(Termijn.objects.open().filter(intake=intake).order_by("deadline"))


def _tell_resident(intake: Intake, onderwerp: str, tekst: str, sleutel: str) -> None:
    """A notice for the resident: in their inbox if they have an account, otherwise by mail."""
    if intake.inwoner_id:
        notificatie_send(ontvanger=intake.inwoner, soort="termijn",  # type: ignore[arg-type]
                         onderwerp=onderwerp, tekst=tekst, url=f"/mijn/aanvragen/{intake.pk}/",
                         sleutel=sleutel)
    elif intake.email:
        from toegang.berichten.services import email_queue

        email_queue(aan=intake.email, onderwerp=onderwerp, template="berichten/email/notificatie",
                    context={"ontvanger": {"first_name": intake.voornaam},
                             "onderwerp": onderwerp, "tekst": tekst, "url": ""},
                    sleutel=sleutel)


def _log(user: User, termijn: Termijn, request: HttpRequest | None) -> None:
    toegangslog_write(user=user, actie=Actie.WIJZIGEN, grond=Grond.REGIEHOUDER,
                      object_type="termijn", object_id=termijn.pk, intake_id=termijn.intake_id,
                      casus_id=termijn.casus_id, inwoner_id=termijn.intake.inwoner_id,
                      request=request)


# --- The reminder scan --------------------------------------------------------------------------


@dataclass
class ScanResultaat:
    termijnen: int = 0
    herinneringen: int = 0


def _ontvangers(termijn: Termijn, soort: str, leiders: dict[int, list[User]]) -> list[User]:
    """First the person responsible (the regiehouder); without one, and for escalation, the
    teamleiders of the team."""
    if soort != HerinneringSoort.ESCALATIE and termijn.verantwoordelijke is not None \
            and termijn.verantwoordelijke.is_active:
        return [termijn.verantwoordelijke]
    return leiders.get(termijn.team_id, [])


def _teamleiders(team_ids: set[int]) -> dict[int, list[User]]:
    from toegang.organisatie.models import Teamlidmaatschap

    result: dict[int, list[User]] = {}
    for lid in Teamlidmaatschap.objects.filter(team_id__in=team_ids, user__rol="teamleider",
                                               user__is_active=True).select_related("user"):
        result.setdefault(lid.team_id, []).append(lid.user)
    return result


def _bericht(termijn: Termijn, soort: str) -> tuple[str, str]:
    datum = timezone.localtime(termijn.deadline).strftime("%d-%m-%Y")
    wat = termijn.get_soort_display()
    ref = termijn.intake.referentie
    onderwerpen: dict[str, str] = {
        HerinneringSoort.VOORAF: _("Binnenkort: %(wat)s bij %(ref)s (uiterlijk %(datum)s)"),
        HerinneringSoort.VERVALDAG: _("Vandaag: %(wat)s bij %(ref)s"),
        HerinneringSoort.TE_LAAT: _("Te laat: %(wat)s bij %(ref)s (was %(datum)s)"),
        HerinneringSoort.ESCALATIE: _("Escalatie: %(wat)s bij %(ref)s is te laat (was "
                                      "%(datum)s)"),
    }
    onderwerp = onderwerpen[soort] % {"wat": wat, "ref": ref, "datum": datum}
    return onderwerp, termijn.omschrijving or termijn.toelichting


def _url(termijn: Termijn) -> str:
    return f"/werk/casussen/{termijn.casus_id}/" if termijn.casus_id \
        else f"/werk/intakes/{termijn.intake_id}/"


def herinneringen_scan(*, now: datetime | None = None, batch: int = 500) -> ScanResultaat:
    """Send every reminder that is due, once. Derived from the database only: a lost message
    or a stopped worker delays a reminder but never loses or doubles it.

    Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED, so two workers never work on the
    same clock; each reminder row is unique per (termijn, soort, ontvanger) and is written in
    the same transaction as its inbox message and its e-mail in the outbox.
    """
    now = now or timezone.now()
    beleid = beleid_actueel()
    resultaat = ScanResultaat()
    while True:
        with transaction.atomic():
            termijnen = list(
                Termijn.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=TermijnStatus.LOPEND, volgende_herinnering_op__lte=now)
                .select_related("intake", "verantwoordelijke")
                .order_by("volgende_herinnering_op", "id")[:batch])
            if not termijnen:
                break
            resultaat.termijnen += len(termijnen)
            resultaat.herinneringen += _verwerk(termijnen, beleid, now)
        if len(termijnen) < batch:
            break
    return resultaat


def _verwerk(termijnen: list[Termijn], beleid: TermijnBeleid, now: datetime) -> int:
    ids = [t.pk for t in termijnen]
    gedaan: dict[int, set[tuple[str, int]]] = {}
    for termijn_id, soort, ontvanger_id in Herinnering.objects.filter(
            termijn_id__in=ids).values_list("termijn_id", "soort", "ontvanger_id"):
        gedaan.setdefault(termijn_id, set()).add((soort, ontvanger_id))
    leiders = _teamleiders({t.team_id for t in termijnen})
    te_sturen: list[tuple[Termijn, str, User]] = []
    with translation.override("nl"):
        for termijn in termijnen:
            momenten = herinnering_momenten(termijn, beleid)
            klaar = gedaan.get(termijn.pk, set())
            for soort in _due_kinds(momenten, now, termijn.deadline):
                for ontvanger in _ontvangers(termijn, soort, leiders):
                    if (soort, ontvanger.pk) not in klaar:
                        te_sturen.append((termijn, soort, ontvanger))
                        klaar.add((soort, ontvanger.pk))
            soorten_klaar = {soort for soort, _o in klaar}
            # Kinds whose moment passed without being due (skipped as too late) count as done.
            soorten_klaar |= {s for s, m in momenten.items() if m <= now}
            termijn.volgende_herinnering_op = _volgende_moment(termijn, beleid, soorten_klaar,
                                                               now)
        try:
            with transaction.atomic():
                nieuw = _stuur_alle(te_sturen)
        except IntegrityError:
            # Someone else sent one of these after all (the unique row says so): one by one,
            # skipping what exists.
            nieuw = sum(_stuur(termijn, soort, ontvanger) for termijn, soort, ontvanger
                        in te_sturen)
    _volgende_opslaan(termijnen)
    return nieuw


def _volgende_opslaan(termijnen: list[Termijn]) -> None:
    """Store each clock's next reminder moment in one statement."""
    if connection.vendor != "postgresql":
        Termijn.objects.bulk_update(termijnen, ["volgende_herinnering_op"], batch_size=500)
        return
    # UPDATE … FROM (VALUES …): one pass, where Django's CASE WHEN grows with the batch.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE regie_termijn AS t SET volgende_herinnering_op = v.moment "
            "FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(id, moment) WHERE t.id = v.id",
            [[t.pk for t in termijnen], [t.volgende_herinnering_op for t in termijnen]])


def _stuur_alle(te_sturen: list[tuple[Termijn, str, User]]) -> int:
    """The reminders of one claimed batch in a few inserts: inbox messages, e-mails, and the
    reminder rows whose unique (termijn, soort, ontvanger) makes each one happen once."""
    berichten = []
    for termijn, soort, ontvanger in te_sturen:
        onderwerp, tekst = _bericht(termijn, soort)
        berichten.append(Bericht(ontvanger=ontvanger, soort=f"termijn_{soort}",
                                 onderwerp=onderwerp, tekst=tekst, url=_url(termijn),
                                 sleutel=f"herinnering:{termijn.pk}:{soort}:{ontvanger.pk}"))
    notificaties = notificaties_send(berichten=berichten)
    Herinnering.objects.bulk_create([
        Herinnering(termijn=termijn, soort=soort, ontvanger=ontvanger, notificatie=notificatie)
        for (termijn, soort, ontvanger), notificatie in zip(te_sturen, notificaties,
                                                             strict=True)])
    return len(te_sturen)


def _stuur(termijn: Termijn, soort: str, ontvanger: User) -> int:
    try:
        with transaction.atomic():
            herinnering = Herinnering.objects.create(termijn=termijn, soort=soort,
                                                     ontvanger=ontvanger)
    except IntegrityError:
        return 0  # sent before: a reminder goes out once, whatever happens
    onderwerp, tekst = _bericht(termijn, soort)
    notificatie = notificatie_send(ontvanger=ontvanger, soort=f"termijn_{soort}",
                                   onderwerp=onderwerp, tekst=tekst, url=_url(termijn),
                                   sleutel=f"herinnering:{termijn.pk}:{soort}:{ontvanger.pk}")
    Herinnering.objects.filter(pk=herinnering.pk).update(notificatie=notificatie)
    return 1
