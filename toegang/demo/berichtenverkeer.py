"""Demo berichtenverkeer: the demo providers answer through the provider simulator.

At seed time the 301s of the demo decisions go out to the `uit/` folder, the simulated
providers answer each with a 302 and a 305 (care started), and two providers send a
verzoek om toewijzing (315): one for a resident the municipality knows (a task in that
resident's team), one for a child it does not know yet (a new referral in the front-door
queue). While `make run` runs, the beat task `aanbieders_spelen` lets the simulator answer
every new 301 within a minute, so a decision taken in the browser shows its toewijzing go out
and come back.
"""

import logging
from datetime import date, timedelta
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from casussen.models import Casus
from casussen.toewijzing.models import Verzoek
from casussen.toewijzing.ontvangst import ophalen
from casussen.toewijzing.verzending import versturen
from intake.models import Intake
from toegang.catalogus.models import Zorgaanbieder
from toegang.core.bsn import bsn_decrypt, bsn_encrypt, bsn_hash
from toegang.istandaarden import berichten as codec
from toegang.istandaarden.simulator import Aanbieder

from .personen import bsn_uit_volgnummer

logger = logging.getLogger(__name__)

# Providers that send the demo's verzoeken om toewijzing (315).
AANBIEDER_BEKEND = "Het Jeugdhuis"
AANBIEDER_NIEUW = "Jeugdhulp Samen Sterk"
# A BSN no demo resident has (the demo population uses the low volgnummers).
NIEUW_KIND_BSN = bsn_uit_volgnummer(7_999_001)


def _map() -> Path:
    return Path(settings.ISTANDAARDEN_MAP)


def _simulatoren() -> list[Aanbieder]:
    return [Aanbieder(agb=a.agb_code, root=_map(), gemeentecode=settings.ISTANDAARDEN_GEMEENTECODE)
            for a in Zorgaanbieder.objects.filter(actief=True).order_by("agb_code")]


def aanbieders_antwoorden() -> int:
    """Send the outbox, let every simulated provider answer, pick the answers up."""
    versturen()
    antwoorden = sum(len(sim.verwerk_uit()) for sim in _simulatoren())
    ophalen()
    versturen()  # our retours on their 305s
    for sim in _simulatoren():
        sim.verwerk_uit()  # they read our retours
    return antwoorden


def _client_van(casus: Casus) -> codec.Client | None:
    intake = casus.intake
    if not intake.bsn_versleuteld:
        return None
    return codec.Client(bsn=bsn_decrypt(intake.bsn_versleuteld),
                        geboortedatum=intake.geboortedatum, geslacht="0",
                        naam=codec.Naam(achternaam=intake.achternaam,
                                        voornamen=intake.voornaam))


def _verzoek(aanbieder: Zorgaanbieder, client: codec.Client, *, code: str, categorie: str,
             volume: int, referentie: str, commentaar: str, begin: date) -> None:
    sim = Aanbieder(agb=aanbieder.agb_code, root=_map(),
                    gemeentecode=settings.ISTANDAARDEN_GEMEENTECODE,
                    standaard=codec.Standaard.IJW)
    sim.verzoek_om_toewijzing(client, codec.AangevraagdProduct(
        referentie_aanbieder=referentie, toewijzing_ingangsdatum=begin, categorie=categorie,
        code=code, toewijzing_einddatum=begin + timedelta(days=182),
        omvang=codec.Omvang(volume=volume, eenheid="04", frequentie="2"),
        verwijzer_type="02", verwijzer_naam="Huisartsenpraktijk De Linde",
        commentaar=commentaar), codec.Standaard.IJW)


def bsn_aanvullen() -> int:
    """Every demo casus gets its resident's BSN, as the BRP lookup at the start of a casus
    gives it (a resident with a DigiD account: theirs; others: a fictional one), so the
    demo decisions can go out as messages. Idempotent."""
    gedaan = 0
    for intake in (Intake.objects.filter(bsn_versleuteld="", casus__isnull=False)
                   .select_related("inwoner").order_by("id")):
        bsn = (bsn_decrypt(intake.inwoner.bsn_versleuteld)
               if intake.inwoner is not None and intake.inwoner.bsn_versleuteld
               else bsn_uit_volgnummer(7_000_000 + intake.pk))
        Intake.objects.filter(pk=intake.pk).update(bsn_versleuteld=bsn_encrypt(bsn),
                                                   bsn_hash=bsn_hash(bsn))
        gedaan += 1
    return gedaan


def seed_berichtenverkeer() -> int:
    """Idempotent: the answers to the demo's 301s, and two 315s when none was received yet.
    Returns the number of messages the providers sent. Nothing without demo casussen (a
    database seeded for a benchmark or a test of its own)."""
    if not Casus.objects.exists():
        return 0
    _map().mkdir(parents=True, exist_ok=True)
    antwoorden = aanbieders_antwoorden()
    if Verzoek.objects.exists():
        return antwoorden
    begin = timezone.localdate() + timedelta(days=7)
    bekend = Zorgaanbieder.objects.filter(naam=AANBIEDER_BEKEND).first()
    casus = (Casus.objects.select_related("intake").filter(intake__over_kind=True)
             .exclude(intake__bsn_versleuteld="").order_by("intake__referentie").first())
    client = _client_van(casus) if casus is not None else None
    if bekend is not None and client is not None:
        _verzoek(bekend, client, code="46A01", categorie="46", volume=4,
                 referentie="JH-2026-0147", begin=begin,
                 commentaar="Verwezen door de huisarts voor dagbehandeling na school.")
    nieuw = Zorgaanbieder.objects.filter(naam=AANBIEDER_NIEUW).first()
    if nieuw is not None:
        _verzoek(nieuw, codec.Client(
            bsn=NIEUW_KIND_BSN, geboortedatum=date(timezone.localdate().year - 11, 3, 14),
            geslacht="2", naam=codec.Naam(achternaam="Bakker", voornamen="Noor")),
            code="45A01", categorie="45", volume=3, referentie="SS-2026-0932", begin=begin,
            commentaar="Huisarts verwijst voor ambulante jeugdhulp thuis.")
    ophalen()
    versturen()
    return antwoorden + 2


@shared_task(name="toegang.demo.berichtenverkeer.aanbieders_spelen")
def aanbieders_spelen() -> int:
    """Beat task of `make run` only (DEMO_AANBIEDERS_SIMULEREN): the simulated providers
    answer new messages."""
    if not getattr(settings, "DEMO_AANBIEDERS_SIMULEREN", False):
        return 0
    try:
        return aanbieders_antwoorden()
    except Exception:  # a demo helper never takes the worker down
        logger.exception("Provider simulator failed")
        return 0
