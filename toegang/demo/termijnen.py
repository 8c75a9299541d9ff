"""Demo clocks: demo-professional gets open, due, suspended and overdue clocks, demo-teamleider
escalations, both a few messages in their inbox, and the demo resident an extended decision
and a call-back promise in plain words, so the pages are not empty on `make run`.

Five extra intakes in wijk Centrum (for Wijkteam Centrum, picked up by demo-professional) carry
the professional's clocks. Everything goes through the services (backdated where a term
started in the past), and the reminder scan runs once at the end, as beat would run it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from casussen.models import Casus, Regiehouderschap
from casussen.services import casus_open, contactmoment_add
from intake.gegevens import IntakeGegevens
from intake.models import Intake
from intake.services import intake_submit
from regie.termijnen.models import Termijn, TermijnSoort
from regie.termijnen.services import (
    WETTELIJK,
    herinneringen_scan,
    termijn_create,
    termijn_extend,
    termijn_start,
    termijn_suspend,
    terugbelafspraak_create,
)
from toegang.accounts.models import User
from toegang.core.werkdagen import einde_van_dag, volgende_werkdag, werkdagen_na

from .intakes import DEMO_RESIDENT

DEMO_PRO = "demo-professional"


@dataclass(frozen=True)
class _DemoIntake:
    voornaam: str
    achternaam: str
    vraag: str
    levensgebieden: list[str]
    dagen_geleden: int


# Questions for the wijkteam (no child, no work): fictional, written for this demo.
INTAKES = [
    _DemoIntake("Henk", "van Dijk", "Sinds mijn beroerte lukt het huishouden niet meer en ik "
                "kan niet meer zelf boodschappen doen.", ["instrumentele_adl"], 25),
    _DemoIntake("Ria", "Smeets", "Ik ben uit het ziekenhuis en heb hulp nodig bij het "
                "wassen en aankleden.", ["basale_adl", "lichamelijke_gezondheid"], 44),
    _DemoIntake("Kevin", "Brouwer", "Sinds mijn ongeluk zit ik in een rolstoel. Ik wil graag "
                "weer zelf naar de sportclub kunnen.", ["maatschappelijke_participatie",
                                                        "lichamelijke_gezondheid"], 9),
    _DemoIntake("Aylin", "Demir", "Mijn moeder woont bij ons en heeft steeds meer zorg nodig. "
                "Ik wil een aanpassing in huis.", ["huisvesting", "basale_adl"], 12),
    _DemoIntake("Wim", "Koster", "Mijn woning is te klein geworden nu mijn vrouw thuis zorg "
                "krijgt. Wat kan ik doen?", ["huisvesting"], 2),
]


def _demo_casussen(pro: User, when: datetime) -> list[Casus]:
    casussen = []
    for n, demo in enumerate(INTAKES):
        ingediend = when - timedelta(days=demo.dagen_geleden)
        intake = intake_submit(gegevens=IntakeGegevens(
            voornaam=demo.voornaam, achternaam=demo.achternaam,
            geboortedatum=date(1950 + 7 * n, 1 + n, 10 + n), vraag=demo.vraag,
            postcode=f"751{1 + n % 4}AB", straat=f"Markt {n + 1}", woonplaats="Dijkstad",
            telefoon=f"0612345{n:03d}", levensgebieden=demo.levensgebieden),
            kanaal="telefoon", ingevoerd_door=pro, now=ingediend)
        casus = casus_open(user=pro, intake=intake)
        if demo.dagen_geleden > 3:  # the first contact was made (the newest one waits)
            contactmoment_add(user=pro, casus=casus, soort="telefoon",
                              tijdstip=min(ingediend + timedelta(days=1), when),
                              verslag="Kennismaking aan de telefoon; afspraak voor een "
                                      "keukentafelgesprek.", zichtbaarheid="inwoner")
        casussen.append(casus)
    return casussen


@transaction.atomic
def seed_termijnen(*, now: datetime | None = None) -> int:
    """Idempotent: does nothing when the demo clocks exist. Returns the clocks made."""
    if Termijn.objects.filter(soort__in=list(WETTELIJK)).exists():  # only made here
        return 0
    pro = User.objects.filter(username=DEMO_PRO).first()
    if pro is None or not Intake.objects.exists():
        return 0
    now = now or timezone.now()
    vandaag = timezone.localdate(now)
    made: list[Termijn] = []

    def start(casus: Casus, soort: str, dagen_geleden: int, wat: str,
              door: User = pro) -> list[Termijn]:
        termijnen = termijn_start(user=door, intake=casus.intake, soort=soort,
                                  start=vandaag - timedelta(days=dagen_geleden),
                                  omschrijving=wat)
        made.extend(termijnen)
        return termijnen

    henk, ria, kevin, aylin, wim = _demo_casussen(pro, now)
    # Overdue: a Wmo beschikking asked for three weeks ago (a two-week term).
    start(henk, TermijnSoort.WMO_BESCHIKKING, 21, "aanvraag huishoudelijke hulp")
    # Soon: a Wmo onderzoek whose six weeks end in a few days.
    start(ria, TermijnSoort.WMO_ONDERZOEK, 40, "melding na ziekenhuisopname")
    # Later: a Wmo melding from last week (six weeks for the onderzoek).
    start(kevin, TermijnSoort.WMO_ONDERZOEK, 7, "melding vervoer naar de sportclub")
    # Suspended: a Wmo beschikking waiting for a report from the GP.
    [woning] = start(aylin, TermijnSoort.WMO_BESCHIKKING, 10, "aanvraag woningaanpassing")
    termijn_suspend(user=pro, termijn=woning, reden="Wacht op het verslag van de huisarts.",
                    vanaf=vandaag - timedelta(days=3))
    # Today: a promise made on the phone.
    made.append(termijn_create(intake=wim.intake, casus_id=wim.pk, soort=TermijnSoort.TERUGBELLEN,
                               deadline=einde_van_dag(vandaag), team_id=wim.team_id,
                               verantwoordelijke=pro, user=pro,
                               omschrijving="Terugbelafspraak over een grotere woning"))

    # The demo resident's own case (with its own regiehouder): a Participatiewet aanvraag
    # (decision extended, advance running) and a call-back promise, so Mijn toegang shows
    # them in plain words.
    regie = (Regiehouderschap.objects.actief()
             .filter(casus__intake__inwoner__username=DEMO_RESIDENT)
             .select_related("casus__intake", "user").first())
    if regie is not None:
        besluit, _voorschot = start(regie.casus, TermijnSoort.PW_BESLUIT, 3,
                                    "aanvraag bijzondere bijstand", door=regie.user)
        termijn_extend(user=regie.user, termijn=besluit,
                       nieuwe_deadline=volgende_werkdag(
                           timezone.localdate(besluit.deadline) + timedelta(days=14)),
                       reden="We hebben meer tijd nodig om uw schulden goed op een rij "
                             "te zetten.")
        made.append(terugbelafspraak_create(
            user=regie.user, intake=regie.casus.intake, toelichting="Over het advies.",
            moment=timezone.make_aware(datetime.combine(werkdagen_na(vandaag, 2),
                                                        time(14, 0)))))
    # What beat would do: reminders to demo-professional, escalations to the teamleider.
    herinneringen_scan()
    return len(made)
