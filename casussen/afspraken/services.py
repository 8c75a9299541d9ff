"""Writes on appointments: plan, move, cancel, the resident's answer, the outcome, and the
reminder the day before.

The resident hears of every change the way they chose (Mijn toegang, e-mail with a calendar
file, or a letter); the calendar file keeps one UID per appointment and counts `volgnummer`
up with every change, so a calendar program moves or removes the event it already has.
A held appointment meets the first-contact clock of the casus and of the requests linked to it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from intake.models import Intake
from intake.services.inwoner import inwoner_tell, postadres
from regie.termijnen.models import TermijnSoort
from regie.termijnen.services import termijnen_complete
from toegang.accounts.models import User
from toegang.berichten.services import Bijlage, notificatie_send
from toegang.core.agenda import MIME_ANNULERING, MIME_UITNODIGING, ics_cancel, ics_event

from ..models import Casus
from ..selectors import regiehouder_current
from ..services import casus_change_log
from .models import LOPEND, Afspraak, AfspraakGebeurtenis, AfspraakSoort, AfspraakStatus

# Appointments are made within office-like hours, and not further ahead than this.
VROEGST = time(7, 0)
LAATST = time(21, 0)
MAX_VOORUIT = timedelta(days=366)
Soort = AfspraakGebeurtenis.Soort


@dataclass(frozen=True)
class Gegevens:
    """What a professional fills in for an appointment (plan and move)."""

    soort: str
    start: datetime
    duur_minuten: int
    bij_inwoner_thuis: bool
    plaats: str
    deelnemers: str
    tolk_nodig: bool
    tolk_taal: str = ""
    toelichting: str = ""


def moment_check(start: datetime, *, now: datetime | None = None) -> None:
    """Refuse a moment in the past, too far ahead or at night ({"datum"/"tijd": message})."""
    now = now or timezone.now()
    if start <= now:
        raise ValidationError({"datum": _("Dit moment is al voorbij. Kies een datum en tijd "
                                          "die nog moeten komen.")}, code="voorbij")
    if start - now > MAX_VOORUIT:
        raise ValidationError({"datum": _("Plan een afspraak niet verder dan een jaar "
                                          "vooruit.")}, code="te_ver")
    lokaal = timezone.localtime(start).time()
    if not VROEGST <= lokaal <= LAATST:
        raise ValidationError({"tijd": _("Kies een tijd tussen 7:00 en 21:00 uur.")},
                              code="nacht")


def _gegevens_check(gegevens: Gegevens, intake: Intake) -> None:
    moment_check(gegevens.start)
    if gegevens.bij_inwoner_thuis and postadres(intake) is None:
        raise ValidationError({"bij_inwoner_thuis": _(
            "Van deze inwoner is geen adres bekend. Vul in waar u elkaar ziet.")},
            code="geen_adres")
    if not gegevens.bij_inwoner_thuis and not gegevens.plaats.strip():
        raise ValidationError({"plaats": _("Vul in waar u elkaar ziet, of kies 'bij de "
                                           "inwoner thuis'.")}, code="plaats")
    if gegevens.soort == AfspraakSoort.HUISBEZOEK and not gegevens.bij_inwoner_thuis:
        raise ValidationError({"bij_inwoner_thuis": _("Een huisbezoek is bij de inwoner "
                                                      "thuis.")}, code="huisbezoek")
    if gegevens.tolk_nodig and not gegevens.tolk_taal.strip():
        raise ValidationError({"tolk_taal": _("Vul in welke taal de tolk spreekt.")},
                              code="tolk_taal")


def _event(afspraak: Afspraak, soort: str, user: User | None, tekst: str = "") -> None:
    AfspraakGebeurtenis.objects.create(afspraak=afspraak, soort=soort, start=afspraak.start,
                                       door=user, tekst=tekst.strip())


def _locked(afspraak: Afspraak) -> Afspraak:
    return (Afspraak.objects.select_for_update(of=("self",))
            .select_related("casus__intake").get(pk=afspraak.pk))


# --- Telling the resident -----------------------------------------------------------------


def wanneer(afspraak: Afspraak) -> str:
    """"dinsdag 8 december 2026 om 10:00" (local time)."""
    lokaal = timezone.localtime(afspraak.start)
    return _("%(dag)s om %(tijd)s") % {"dag": formats.date_format(lokaal, "l j F Y"),
                                       "tijd": lokaal.strftime("%H:%M")}


def waar(afspraak: Afspraak) -> str:
    return _("bij u thuis") if afspraak.bij_inwoner_thuis else afspraak.plaats


def _beschrijving(afspraak: Afspraak) -> str:
    regels = [_("Wanneer: %(wanneer)s, ongeveer %(duur)s minuten.") % {
                  "wanneer": wanneer(afspraak), "duur": afspraak.duur_minuten},
              _("Waar: %(waar)s.") % {"waar": waar(afspraak)},
              _("Wie komen er: %(wie)s.") % {"wie": afspraak.deelnemers}]
    if afspraak.tolk_nodig:
        regels.append(_("Er is een tolk bij (%(taal)s).") % {"taal": afspraak.tolk_taal})
    if afspraak.toelichting:
        regels.append(afspraak.toelichting)
    return "\n".join(regels)


def _titel(afspraak: Afspraak) -> str:
    return _("%(soort)s met het wijkteam") % {
        "soort": afspraak.get_soort_display().capitalize()}


def _ics(afspraak: Afspraak, *, annuleren: bool = False) -> Bijlage:
    intake = afspraak.casus.intake
    maak = ics_cancel if annuleren else ics_event
    inhoud = maak(uid=f"afspraak-{afspraak.pk}", start=afspraak.start, einde=afspraak.einde,
                  titel=_titel(afspraak),
                  locatie=f"{intake.straat}, {intake.woonplaats}"
                  if afspraak.bij_inwoner_thuis and postadres(intake) else afspraak.plaats,
                  beschrijving=_beschrijving(afspraak),
                  organisator_naam=afspraak.casus.team.naam, volgnummer=afspraak.volgnummer,
                  deelnemer_naam=intake.naam)
    if annuleren:
        return Bijlage("afspraak-geannuleerd.ics", MIME_ANNULERING, inhoud)
    return Bijlage("afspraak.ics", MIME_UITNODIGING, inhoud)


def agenda_bestand(afspraak: Afspraak) -> Bijlage:
    """The calendar file of the appointment as it is now."""
    return _ics(afspraak)


def afspraak_url(afspraak: Afspraak) -> str:
    return reverse("casussen_mijn:afspraak", args=[afspraak.casus_id, afspraak.pk])


def _tell(afspraak: Afspraak, soort: str, onderwerp: str, tekst: str, *,
          annuleren: bool = False, brief: bool = True) -> None:
    intake = afspraak.casus.intake
    antwoord = "" if annuleren else "\n\n" + _(
        "Komt het u niet uit? Laat het ons weten in Mijn toegang, of bel het wijkteam: "
        "%(telefoon)s.") % {"telefoon": afspraak.casus.team.telefoon or "14 020"}
    inwoner_tell(intake=intake, soort=soort, onderwerp=onderwerp,
                 tekst=tekst + "\n\n" + _beschrijving(afspraak) + antwoord,
                 url=afspraak_url(afspraak) if intake.inwoner_id else "",
                 sleutel=f"afspraak:{afspraak.pk}:{soort}:{afspraak.volgnummer}",
                 bijlagen=[_ics(afspraak, annuleren=annuleren)], brief=brief)


def _tell_team(afspraak: Afspraak, soort: str, onderwerp: str, tekst: str) -> None:
    """The regiehouder (or whoever planned it) hears the resident's answer in their inbox."""
    regie = regiehouder_current(casus=afspraak.casus)
    ontvanger = regie.user if regie is not None else afspraak.gepland_door
    notificatie_send(ontvanger=ontvanger, soort=soort, onderwerp=onderwerp, tekst=tekst,
                     url=reverse("casussen:afspraken", args=[afspraak.casus_id]),
                     sleutel=f"afspraak:{afspraak.pk}:{soort}:{afspraak.volgnummer}:team")


# --- The professional ------------------------------------------------------------------------


@transaction.atomic
def afspraak_plan(*, user: User, casus: Casus, gegevens: Gegevens,
                  request: HttpRequest | None = None) -> Afspraak:
    """Plan an appointment and invite the resident. The same appointment sent twice (a
    double click) is planned once."""
    Casus.objects.select_for_update().filter(pk=casus.pk).first()
    _gegevens_check(gegevens, casus.intake)
    bestaand = Afspraak.objects.filter(casus=casus, start=gegevens.start,
                                       status__in=LOPEND).first()
    if bestaand is not None:
        return bestaand
    afspraak = Afspraak.objects.create(
        casus=casus, soort=gegevens.soort, start=gegevens.start,
        duur_minuten=gegevens.duur_minuten, bij_inwoner_thuis=gegevens.bij_inwoner_thuis,
        plaats="" if gegevens.bij_inwoner_thuis else gegevens.plaats.strip(),
        deelnemers=gegevens.deelnemers.strip(), tolk_nodig=gegevens.tolk_nodig,
        tolk_taal=gegevens.tolk_taal.strip() if gegevens.tolk_nodig else "",
        toelichting=gegevens.toelichting.strip(), gepland_door=user)
    _event(afspraak, Soort.GEPLAND, user)
    _tell(afspraak, "afspraak", _("Uitnodiging: %(titel)s") % {"titel": _titel(afspraak)},
          _("Wij willen graag met u praten over uw vraag. U bent uitgenodigd voor een "
            "gesprek."))
    casus_change_log(user, casus, "afspraak", afspraak.pk, request)
    return afspraak


def _lopend_check(afspraak: Afspraak) -> None:
    if not afspraak.is_lopend:
        raise ValidationError(_("Deze afspraak is al %(status)s; die kunt u niet meer "
                                "veranderen.") % {"status": afspraak.get_status_display()},
                              code="afgerond")


@transaction.atomic
def afspraak_move(*, user: User, afspraak: Afspraak, gegevens: Gegevens,
                  request: HttpRequest | None = None) -> Afspraak:
    """Another time or place: the resident gets the new invitation (the calendar event
    moves) and is asked to confirm again."""
    afspraak = _locked(afspraak)
    _lopend_check(afspraak)
    _gegevens_check(gegevens, afspraak.casus.intake)
    oud = wanneer(afspraak)
    for veld in ("soort", "start", "duur_minuten", "bij_inwoner_thuis", "deelnemers",
                 "tolk_nodig", "toelichting"):
        setattr(afspraak, veld, getattr(gegevens, veld))
    afspraak.plaats = "" if gegevens.bij_inwoner_thuis else gegevens.plaats.strip()
    afspraak.tolk_taal = gegevens.tolk_taal.strip() if gegevens.tolk_nodig else ""
    afspraak.status = AfspraakStatus.GEPLAND
    afspraak.herinnering_op = None
    afspraak.volgnummer += 1
    afspraak.save()
    _event(afspraak, Soort.VERZET, user, _("Was: %(oud)s") % {"oud": oud})
    _tell(afspraak, "afspraak_verzet", _("Uw afspraak is veranderd"),
          _("Uw afspraak met het wijkteam is veranderd. Dit is de nieuwe afspraak."))
    casus_change_log(user, afspraak.casus, "afspraak", afspraak.pk, request)
    return afspraak


@transaction.atomic
def afspraak_cancel(*, user: User, afspraak: Afspraak, reden: str,
                    request: HttpRequest | None = None) -> Afspraak:
    """Cancel: the resident hears it, and their calendar removes the event."""
    afspraak = _locked(afspraak)
    _lopend_check(afspraak)
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf waarom de afspraak niet doorgaat.")})
    afspraak.status = AfspraakStatus.GEANNULEERD
    afspraak.volgnummer += 1
    afspraak.save(update_fields=["status", "volgnummer"])
    _event(afspraak, Soort.GEANNULEERD, user, reden)
    _tell(afspraak, "afspraak_geannuleerd", _("Uw afspraak gaat niet door"),
          _("Uw afspraak met het wijkteam gaat niet door. Reden: %(reden)s") % {
              "reden": reden.strip()}, annuleren=True)
    casus_change_log(user, afspraak.casus, "afspraak", afspraak.pk, request)
    return afspraak


def _intakes_van(casus: Casus) -> list[Intake]:
    """The casus' own request and the requests linked to it (their clocks move with it)."""
    return [casus.intake, *Intake.objects.filter(koppeling__casus=casus)]


@transaction.atomic
def afspraak_record(*, user: User, afspraak: Afspraak, gehouden: bool, uitkomst: str,
                    request: HttpRequest | None = None) -> Afspraak:
    """What happened: held (it meets the first-contact clock) or not held."""
    afspraak = _locked(afspraak)
    _lopend_check(afspraak)
    if afspraak.start > timezone.now():
        raise ValidationError(_("Deze afspraak moet nog komen. Leg de uitkomst vast na het "
                                "gesprek."), code="nog_niet")
    if not uitkomst.strip():
        raise ValidationError({"uitkomst": _("Schrijf kort wat er besproken is, of waarom het "
                                             "gesprek niet doorging.")})
    afspraak.status = AfspraakStatus.GEHOUDEN if gehouden else AfspraakStatus.NIET_GEKOMEN
    afspraak.uitkomst = uitkomst.strip()
    afspraak.save(update_fields=["status", "uitkomst"])
    _event(afspraak, Soort.GEHOUDEN if gehouden else Soort.NIET_GEKOMEN, user, uitkomst)
    if gehouden:
        for intake in _intakes_van(afspraak.casus):
            termijnen_complete(intake=intake, soorten=[TermijnSoort.EERSTE_CONTACT], user=user,
                               op=afspraak.start)
    casus_change_log(user, afspraak.casus, "afspraak", afspraak.pk, request)
    return afspraak


# --- The resident ----------------------------------------------------------------------------


def _inwoner_check(afspraak: Afspraak) -> None:
    if not afspraak.is_lopend or afspraak.is_voorbij:
        raise ValidationError(_("Op deze afspraak kunt u niet meer reageren. Bel het "
                                "wijkteam als u iets wilt veranderen."), code="afgerond")


@transaction.atomic
def afspraak_confirm(*, user: User, afspraak: Afspraak,
                     request: HttpRequest | None = None) -> Afspraak:
    """The resident says they will be there (a second click changes nothing)."""
    afspraak = _locked(afspraak)
    _inwoner_check(afspraak)
    if afspraak.status == AfspraakStatus.BEVESTIGD:
        return afspraak
    afspraak.status = AfspraakStatus.BEVESTIGD
    afspraak.save(update_fields=["status"])
    _event(afspraak, Soort.BEVESTIGD, user)
    _tell_team(afspraak, "afspraak_bevestigd",
               _("Afspraak bevestigd: %(ref)s") % {"ref": afspraak.casus.intake.referentie},
               _("De inwoner komt naar de afspraak van %(wanneer)s.") % {
                   "wanneer": wanneer(afspraak)})
    casus_change_log(user, afspraak.casus, "afspraak", afspraak.pk, request)
    return afspraak


@transaction.atomic
def afspraak_ask_other_time(*, user: User, afspraak: Afspraak, vraag: str,
                            request: HttpRequest | None = None) -> Afspraak:
    """The resident cannot come and says when it suits them better; the team plans again."""
    afspraak = _locked(afspraak)
    _inwoner_check(afspraak)
    if not vraag.strip():
        raise ValidationError({"vraag": _("Schrijf wanneer het u beter uitkomt.")})
    afspraak.status = AfspraakStatus.ANDERE_TIJD
    afspraak.vraag_inwoner = vraag.strip()
    afspraak.save(update_fields=["status", "vraag_inwoner"])
    _event(afspraak, Soort.ANDERE_TIJD, user, vraag)
    _tell_team(afspraak, "afspraak_andere_tijd",
               _("Andere tijd gevraagd: %(ref)s") % {"ref": afspraak.casus.intake.referentie},
               _("De inwoner kan niet op %(wanneer)s en schrijft: %(vraag)s") % {
                   "wanneer": wanneer(afspraak), "vraag": vraag.strip()})
    casus_change_log(user, afspraak.casus, "afspraak", afspraak.pk, request)
    return afspraak


# --- The reminder ----------------------------------------------------------------------------


def afspraken_remind(*, now: datetime | None = None) -> int:
    """Remind residents of tomorrow's appointments (from 9:00, once per version of the
    appointment; no letter: it would arrive too late). Returns how many were reminded."""
    now = now or timezone.now()
    lokaal = timezone.localtime(now)
    if lokaal.time() < time(9, 0):
        return 0
    morgen: date = lokaal.date() + timedelta(days=1)
    begin = timezone.make_aware(datetime.combine(morgen, time.min))
    einde = begin + timedelta(days=1)
    gedaan = 0
    ids = list(Afspraak.objects.filter(
        status__in=[AfspraakStatus.GEPLAND, AfspraakStatus.BEVESTIGD],
        herinnering_op__isnull=True, start__gte=begin, start__lt=einde)
        .values_list("pk", flat=True))
    for pk in ids:
        with transaction.atomic():
            afspraak = (Afspraak.objects.select_for_update(of=("self",), skip_locked=True)
                        .select_related("casus__intake", "casus__team")
                        .filter(pk=pk, herinnering_op__isnull=True).first())
            if afspraak is None:
                continue  # another worker took it, or it was reminded already
            afspraak.herinnering_op = now
            afspraak.save(update_fields=["herinnering_op"])
            _event(afspraak, Soort.HERINNERD, None)
            _tell(afspraak, "afspraak_herinnering", _("Herinnering: morgen uw afspraak"),
                  _("Morgen heeft u een afspraak met het wijkteam."), brief=False)
            gedaan += 1
    return gedaan
