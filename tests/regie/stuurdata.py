"""A small, hand-counted data set for the management information tests (see the comments
for what each figure should be)."""

import datetime as dt

import time_machine

from casussen.services import ave_set, casus_transition, contactmoment_add
from casussen.zrm.services import zrm_record
from intake.services import toestemming_give, toestemming_refuse, veiligheidsmelding_create
from regie.stuur.refresh import stuurinformatie_refresh
from regie.termijnen.models import TermijnSoort
from regie.termijnen.services import termijn_complete, termijn_extend
from tests.factories import CasusFactory, IntakeFactory, ProfessionalFactory, TermijnFactory

AMS = dt.timezone(dt.timedelta(hours=1))


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=AMS)


def bekend_jaar(stad):  # type: ignore[no-untyped-def]
    """A hand-counted year in Centrum (7511) and Noord (7521), summarised on 23 November."""
    made = {"centrum": [], "noord": []}
    with time_machine.travel(at(3, 2), tick=False):
        for _ in range(12):
            made["centrum"].append(IntakeFactory(postcode="7511AA", kanaal="online"))
        for _ in range(3):
            made["centrum"].append(IntakeFactory(postcode="7511AA", kanaal="telefoon",
                                                 ingevoerd_door=stad.pro))
    with time_machine.travel(at(4, 6), tick=False):
        for _ in range(2):
            made["noord"].append(IntakeFactory(in_noord=True))
        for _ in range(6):
            made["centrum"].append(IntakeFactory(postcode="7511AA", urgent=True))
    centrum = made["centrum"]
    # Consent: jeugdwet asked 10 times in Centrum, given 7 times.
    for intake in centrum[:7]:
        toestemming_give(intake=intake, wet="JEUGDWET", user=None)
    for intake in centrum[7:10]:
        toestemming_refuse(intake=intake, wet="JEUGDWET", user=None)
    # Five cases picked up on 3 March: first contact after 1, 1, 2, 4 and 10 days.
    casussen = []
    for intake, dagen in zip(centrum[:5], [1, 1, 2, 4, 10], strict=True):
        with time_machine.travel(at(3, 2, 11), tick=False):
            casus = CasusFactory(intake=intake, opgepakt_door=stad.pro)
        moment = intake.ingediend_op + dt.timedelta(days=dagen)
        with time_machine.travel(moment, tick=False):
            contactmoment_add(user=stad.pro, casus=casus, soort="telefoon", tijdstip=moment,
                              verslag="Gesprek")
        casussen.append(casus)
    # ZRM: three closed cases, Financiën 2→4, 3→3, 4→2.
    for casus, (eerst, laatst) in zip(casussen[:3], [(2, 4), (3, 3), (4, 2)], strict=True):
        with time_machine.travel(at(3, 10), tick=False):
            zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 3, 10),
                       scores={"financien": eerst})
        with time_machine.travel(at(5, 10), tick=False):
            zrm_record(user=stad.pro, casus=casus, datum=dt.date(2026, 5, 10),
                       scores={"financien": laatst})
            casus_transition(user=stad.pro, casus=casus, naar="afgesloten", reden="Klaar")
    # Deadlines: a Wmo beschikking met on time, one met late, one extended.
    with time_machine.travel(at(6, 1), tick=False):
        t1 = TermijnFactory(casus=casussen[3], soort=TermijnSoort.WMO_BESCHIKKING)
        t2 = TermijnFactory(casus=casussen[4], soort=TermijnSoort.WMO_BESCHIKKING)
    with time_machine.travel(at(6, 10), tick=False):
        termijn_complete(user=stad.pro, termijn=t1)
        termijn_extend(user=stad.pro, termijn=t2, nieuwe_deadline=dt.date(2026, 6, 26),
                         reden="Advies")
    with time_machine.travel(at(6, 30), tick=False):
        termijn_complete(user=stad.pro, termijn=t2)
    with time_machine.travel(at(7, 1), tick=False):
        ave_set(user=stad.pro, casus=casussen[3], fase=3, reden="Vast")
        veiligheidsmelding_create(user=stad.pro, intake=casussen[4].intake, reden="Zorgen",
                                  meldcode_stap=1, teams=[stad.jeugdteam])
    ProfessionalFactory(teams=[stad.wijkteam])  # a second professional without cases
    with time_machine.travel(at(11, 23), tick=False):
        stuurinformatie_refresh()
    return made
