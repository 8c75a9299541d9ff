"""Demo casework: some intakes picked up, with contacts, notes and one open handover."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from casussen.models import Casus
from casussen.services import (
    casus_open,
    contactmoment_add,
    notitie_add,
    overdracht_propose,
)
from intake.models import Intake
from toegang.accounts.models import Rol, User

from .intakes import DEMO_RESIDENT


@transaction.atomic
def seed_casework(*, seed: int = 2026) -> int:
    """Pick up about half of the demo intakes (the demo resident's always); idempotent."""
    if Casus.objects.exists():
        return 0
    rng = random.Random(seed)
    made = 0
    for intake in Intake.objects.select_related("team", "inwoner").order_by("referentie"):
        is_demo = intake.inwoner is not None and intake.inwoner.username == DEMO_RESIDENT
        if not is_demo and rng.random() < 0.5:
            continue
        members = list(User.objects.filter(lidmaatschappen__team=intake.team,
                                           rol=Rol.PROFESSIONAL, is_active=True)
                       .order_by("username"))
        demo_pro = next((m for m in members if m.username == "demo-professional"), None)
        others = [m for m in members if m != demo_pro] or members
        pro = demo_pro if (is_demo and demo_pro) else (rng.choice(others) if others else None)
        if pro is None:
            continue
        casus = casus_open(user=pro, intake=intake)
        when = min(intake.ingediend_op + timedelta(days=rng.randint(0, 2), hours=2),
                   timezone.now())
        contactmoment_add(user=pro, casus=casus, soort=rng.choice(["telefoon", "huisbezoek",
                                                                   "keukentafel"]),
                          tijdstip=when, met_wie=intake.voornaam,
                          verslag="Kennismaking: samen de vraag doorgenomen en afgesproken "
                                  "wat we eerst doen.", zichtbaarheid="inwoner")
        notitie_add(user=pro, casus=casus, tekst="Afspraak: over twee weken opnieuw bellen.",
                    zichtbaarheid="inwoner" if rng.random() < 0.5 else "professionals")
        made += 1
    # One open handover for the demo professional to answer.
    handover = (Casus.objects.filter(team__naam="Wijkteam Centrum")
             .exclude(regiehouders__user__username="demo-professional",
                      regiehouders__einde__isnull=True)
             .select_related("intake").order_by("id").first())
    demo_pro = User.objects.filter(username="demo-professional").first()
    if handover is not None and demo_pro is not None:
        regie = handover.regiehouders.actief().get()
        overdracht_propose(user=regie.user, casus=handover, naar=demo_pro,
                           situatie="Huishouden loopt weer, schulden nog niet geregeld.",
                           geprobeerd="Budgetcoach, twee gesprekken met de verhuurder.",
                           afspraken="Elke dinsdag telefonisch contact.",
                           risicos="Huurachterstand van drie maanden.",
                           volgende_stappen="Aanmelden bij schuldhulpverlening.")
    return made
