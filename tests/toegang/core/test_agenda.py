"""The .ics of an appointment: valid iCalendar, read back by a parser, in Amsterdam time."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from icalendar import Calendar

from toegang.core.agenda import AMSTERDAM, ics_cancel, ics_event

START = datetime(2026, 3, 30, 10, 0, tzinfo=AMSTERDAM)  # the first Monday of summer time
EINDE = START + timedelta(hours=1)
TITEL = "Keukentafelgesprek; met, Ştefan \\ en “Anna” 😀"
BESCHRIJVING = "We praten over uw vraag.\nNeem uw post mee; ook brieven, als u die hebt."


def _afspraak(**kwargs) -> bytes:  # type: ignore[no-untyped-def]
    waarden = {"uid": "afspraak-12", "start": START, "einde": EINDE, "titel": TITEL,
               "locatie": "Stadhuisplein 1, Dijkstad", "beschrijving": BESCHRIJVING,
               "organisator_naam": "Gemeente Dijkstad"}
    waarden.update(kwargs)
    return ics_event(**waarden)


def _event(data: bytes):  # type: ignore[no-untyped-def]
    kalender = Calendar.from_ical(data)
    [event] = kalender.walk("VEVENT")
    return kalender, event


def test_an_invitation_reads_back_with_every_field() -> None:
    kalender, event = _event(_afspraak(deelnemer_naam="Sanne de Vries",
                                       deelnemer_email="sanne@example.nl"))
    assert kalender["METHOD"] == "REQUEST" and kalender["VERSION"] == "2.0"
    assert str(event["UID"]) == "afspraak-12@127.0.0.1"  # our host added: globally unique
    assert event["SUMMARY"] == TITEL
    assert event["DESCRIPTION"] == BESCHRIJVING
    assert event["LOCATION"] == "Stadhuisplein 1, Dijkstad"
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] == 0
    assert event["ORGANIZER"].params["CN"] == "Gemeente Dijkstad"
    assert str(event["ORGANIZER"]) == "mailto:noreply@toegang.example.nl"
    assert str(event["ATTENDEE"]) == "mailto:sanne@example.nl"
    assert event["ATTENDEE"].params["CN"] == "Sanne de Vries"
    assert event.decoded("DTSTART") == START and event.decoded("DTEND") == EINDE


def test_times_are_written_in_amsterdam_time_with_their_zone() -> None:
    data = _afspraak(start=datetime(2026, 3, 30, 8, 0, tzinfo=UTC),
                     einde=datetime(2026, 3, 30, 9, 0, tzinfo=UTC)).decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20260330T100000\r\n" in data
    assert "DTEND;TZID=Europe/Amsterdam:20260330T110000\r\n" in data
    kalender = Calendar.from_ical(data)
    [zone] = kalender.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Amsterdam"
    # The zone's own rules (not the name) give the right offset in every season and year.
    tz = zone.to_tz(lookup_tzid=False)
    for dag, uren in [(date(2026, 3, 28), 1), (date(2026, 3, 30), 2), (date(2031, 7, 1), 2),
                      (date(2026, 10, 26), 1), (date(2045, 12, 1), 1)]:
        moment = datetime(dag.year, dag.month, dag.day, 12, tzinfo=tz)
        assert moment.utcoffset() == timedelta(hours=uren), dag


def test_the_file_is_folded_with_crlf_and_escaped() -> None:
    data = _afspraak(beschrijving="lang " * 60)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(regel) <= 75 for regel in data.split(b"\r\n"))
    ontvouwen = _afspraak().replace(b"\r\n ", b"")
    assert b"SUMMARY:Keukentafelgesprek\\; met\\, " in ontvouwen
    assert (b"DESCRIPTION:We praten over uw vraag.\\nNeem uw post mee\\; ook brieven\\, als"
            in ontvouwen)


def test_a_changed_appointment_keeps_its_uid_and_counts_up() -> None:
    _k, eerst = _event(_afspraak())
    _k, later = _event(_afspraak(start=START + timedelta(days=1), einde=EINDE + timedelta(days=1),
                                 volgnummer=1))
    assert eerst["UID"] == later["UID"]
    assert later["SEQUENCE"] == 1
    assert later.decoded("DTSTART") == START + timedelta(days=1)


def test_a_cancellation_names_the_same_event_and_is_cancelled() -> None:
    kalender, event = _event(ics_cancel(
        uid="afspraak-12", start=START, einde=EINDE, titel=TITEL, locatie="",
        beschrijving="", organisator_naam="Gemeente Dijkstad", volgnummer=2))
    assert kalender["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 2
    assert str(event["UID"]) == "afspraak-12@127.0.0.1"
    assert "LOCATION" not in event and "DESCRIPTION" not in event


def test_dtstamp_is_now_in_utc() -> None:
    with time_machine.travel(datetime(2026, 5, 1, 9, 30, 15, tzinfo=UTC), tick=False):
        _k, event = _event(_afspraak())
    assert event.decoded("DTSTAMP") == datetime(2026, 5, 1, 9, 30, 15, tzinfo=UTC)


@pytest.mark.parametrize("kwargs", [
    {"start": datetime(2026, 3, 30, 10, 0)},  # naive: which zone?
    {"einde": START},
    {"uid": ""},
    {"uid": "a\r\nX: b"},
    {"volgnummer": -1},
])
def test_impossible_input_is_refused(kwargs) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        _afspraak(**kwargs)


def test_a_uid_with_a_domain_is_kept() -> None:
    _k, event = _event(_afspraak(uid="afspraak-12@toegang.dijkstad.nl"))
    assert str(event["UID"]) == "afspraak-12@toegang.dijkstad.nl"
