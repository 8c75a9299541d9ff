"""Calendar files (iCalendar, RFC 5545) for appointments sent by e-mail.

`ics_event` makes an invitation (METHOD:REQUEST), `ics_cancel` withdraws it (METHOD:CANCEL,
STATUS:CANCELLED). A calendar program matches both to the event by UID, so the same
appointment must always get the same `uid`; it applies a change or a cancellation only when
`volgnummer` (SEQUENCE) is higher than in the version it has, so the caller counts up with
every change it sends. Times are written in Europe/Amsterdam with its VTIMEZONE, so an
appointment at 10:00 stays at 10:00 across the change to summer time. The icalendar library
does the escaping and the folding of long lines.
"""

from datetime import UTC, datetime, timedelta
from email.utils import parseaddr
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# The MIME types to attach the files with: mail programs show `method=REQUEST` as an
# invitation with buttons, and `method=CANCEL` as a cancellation.
MIME_UITNODIGING = "text/calendar; method=REQUEST; charset=utf-8"
MIME_ANNULERING = "text/calendar; method=CANCEL; charset=utf-8"


def ics_event(*, uid: str, start: datetime, einde: datetime, titel: str, locatie: str,
              beschrijving: str, organisator_naam: str, volgnummer: int = 0,
              deelnemer_naam: str = "", deelnemer_email: str = "") -> bytes:
    """An invitation to one appointment as an .ics file (METHOD:REQUEST)."""
    return _ics("REQUEST", uid=uid, start=start, einde=einde, titel=titel, locatie=locatie,
                beschrijving=beschrijving, organisator_naam=organisator_naam,
                volgnummer=volgnummer, deelnemer_naam=deelnemer_naam,
                deelnemer_email=deelnemer_email)


def ics_cancel(*, uid: str, start: datetime, einde: datetime, titel: str, locatie: str,
               beschrijving: str, organisator_naam: str, volgnummer: int,
               deelnemer_naam: str = "", deelnemer_email: str = "") -> bytes:
    """The cancellation of an appointment sent earlier with the same `uid` (METHOD:CANCEL,
    STATUS:CANCELLED); `volgnummer` must be higher than that of the last invitation."""
    return _ics("CANCEL", uid=uid, start=start, einde=einde, titel=titel, locatie=locatie,
                beschrijving=beschrijving, organisator_naam=organisator_naam,
                volgnummer=volgnummer, deelnemer_naam=deelnemer_naam,
                deelnemer_email=deelnemer_email)


def _uid(uid: str) -> str:
    """A globally unique id (RFC 5545 advises `…@domain`): our host is added when missing."""
    uid = uid.strip()
    if not uid or any(ord(c) < 32 or c == "\x7f" for c in uid):
        raise ValueError(f"not a usable UID: {uid!r}")
    if "@" not in uid:
        uid = f"{uid}@{urlsplit(settings.SITE_URL).hostname or 'toegang'}"
    return uid


def _adres(email: str, naam: str) -> vCalAddress:
    adres = vCalAddress(f"mailto:{email}")
    if naam:
        adres.params["CN"] = naam
    return adres


def _amsterdam() -> Timezone:
    """Europe/Amsterdam by its rules (the EU's last Sundays of March and October), as
    Outlook and Google write it: valid for every year, not only for a listed range."""
    tz = Timezone()
    tz.add("tzid", "Europe/Amsterdam")
    zomer = TimezoneDaylight()
    zomer.add("tzname", "CEST")
    zomer.add("tzoffsetfrom", timedelta(hours=1))
    zomer.add("tzoffsetto", timedelta(hours=2))
    zomer.add("dtstart", datetime(1970, 3, 29, 2, 0))  # local time, no zone
    zomer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(zomer)
    tz.add_component(winter)
    return tz


def _ics(methode: Literal["REQUEST", "CANCEL"], *, uid: str, start: datetime, einde: datetime,
         titel: str, locatie: str, beschrijving: str, organisator_naam: str, volgnummer: int,
         deelnemer_naam: str, deelnemer_email: str) -> bytes:
    if timezone.is_naive(start) or timezone.is_naive(einde):
        raise ValueError("start and einde must be aware datetimes")
    if einde <= start:
        raise ValueError("einde must be after start")
    if volgnummer < 0:
        raise ValueError("volgnummer must be zero or more")

    kalender = Calendar()
    kalender.add("prodid", f"-//{settings.GEMEENTE_NAAM}//Toegang//NL")
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("method", methode)
    kalender.add_component(_amsterdam())

    event = Event()
    event.add("uid", _uid(uid))
    event.add("sequence", volgnummer)
    event.add("dtstamp", timezone.now().astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", start.astimezone(AMSTERDAM).replace(microsecond=0))
    event.add("dtend", einde.astimezone(AMSTERDAM).replace(microsecond=0))
    event.add("summary", titel)
    if locatie:
        event.add("location", locatie)
    if beschrijving:
        event.add("description", beschrijving)
    event.add("organizer", _adres(parseaddr(settings.DEFAULT_FROM_EMAIL)[1], organisator_naam))
    if deelnemer_email:
        deelnemer = _adres(deelnemer_email, deelnemer_naam)
        deelnemer.params.update({"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION",
                                 "RSVP": "FALSE"})  # nobody reads replies to the outbox
        event.add("attendee", deelnemer)
    event.add("status", "CONFIRMED" if methode == "REQUEST" else "CANCELLED")
    event.add("transp", "OPAQUE")
    event.add("class", "PRIVATE")  # a conversation about someone's life: not on shared agendas
    kalender.add_component(event)
    return kalender.to_ical()
