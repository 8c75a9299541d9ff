"""Fill the database with the fictional municipality Dijkstad (deterministic, idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from intake.models import Intake
from regie.stuur.refresh import stuurinformatie_refresh
from toegang.demo.api import DEMO_API_CLIENTS, seed_api_clients
from toegang.demo.berichtenverkeer import bsn_aanvullen, seed_berichtenverkeer
from toegang.demo.besluiten import seed_besluiten
from toegang.demo.casework import seed_casework
from toegang.demo.catalogus import seed_catalogus
from toegang.demo.deuren import DEMO_VERWIJZER, DEMO_VERWIJZER_TOTP, seed_deuren
from toegang.demo.eigen_vragen import seed_eigen_vragen
from toegang.demo.intakes import seed_intakes_bulk, seed_intakes_realistic
from toegang.demo.organisatie import (
    DEMO_BSN,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEMO_TOTP_SECRETS,
    seed_organisatie,
)
from toegang.demo.socialekaart import seed_sociale_kaart
from toegang.demo.termijnen import seed_termijnen
from toegang.demo.thema import seed_themas

DEMO_INTAKES = 40
# Up to this many intakes go through the real services; more are inserted in bulk.
REALISTIC_MAX = 500


class Command(BaseCommand):
    help = "Create demo data: wijken, teams, staff, residents and intakes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--intakes", type=int, default=DEMO_INTAKES,
                            help=f"Total number of intakes wanted (default {DEMO_INTAKES}); "
                                 f"above {REALISTIC_MAX} they are inserted in batches.")
        parser.add_argument("--batch", type=int, default=5000, help="Rows per bulk batch.")
        parser.add_argument("--quiet-logins", action="store_true",
                            help="Do not print the demo logins.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisatie = seed_organisatie(seed=options["seed"])
        self.stdout.write(self.style.SUCCESS(
            f"Dijkstad: {len(organisatie.wijken)} wijken, {len(organisatie.teams)} teams."))
        # Admin data (products, tariffs, providers), needed before any decision.
        catalogus = seed_catalogus()
        seed_themas()  # Dijkstad (active) and Zeevliet, docs/thema.md
        seed_eigen_vragen()  # the municipality's own wizard questions, docs/eigen-vragen.md
        self.stdout.write(self.style.SUCCESS(
            f"Catalogus: {len(catalogus.producten)} products, "
            f"{len(catalogus.aanbieders)} zorgaanbieders."))
        self.stdout.write(self.style.SUCCESS(
            f"Sociale kaart: {seed_sociale_kaart()} voorzieningen."))
        wanted = options["intakes"]
        missing = max(wanted - Intake.objects.count(), 0)
        if missing and wanted <= REALISTIC_MAX:
            seed_intakes_realistic(n=missing, seed=options["seed"])
            seed_casework(seed=options["seed"])
            seed_deuren()
        if wanted <= REALISTIC_MAX:
            seed_termijnen()
            bsn_aanvullen()  # as the BRP lookup gives it; the toewijzingen need it
            # After the clock demo: it only starts when no legal clock exists yet, and an
            # aanvraag starts one.
            seed_besluiten(catalogus=catalogus)
            # The decisions' toewijzingen go out; the simulated providers answer and ask.
            seed_berichtenverkeer()
        elif missing:
            with tqdm(total=missing, unit="intake", disable=options["no_progress"],
                      file=self.stderr) as bar:
                seed_intakes_bulk(n=missing, seed=options["seed"], batch=options["batch"],
                                  progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Intakes: {Intake.objects.count()}."))
        seed_api_clients()  # after the referrer and the staff accounts they act as
        # The dashboard reads summary tables; fill them now instead of waiting for beat.

        verversing = stuurinformatie_refresh()
        self.stdout.write(self.style.SUCCESS(
            f"Stuurinformatie: {verversing.rijen} rows in {verversing.duur_ms} ms."))
        if not options["quiet_logins"]:
            self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
            for label, username, *_rest in DEMO_LOGINS:
                secret = DEMO_TOTP_SECRETS.get(username)
                key = f"  2FA key {secret}" if secret else ""
                self.stdout.write(f"  {label:<22} {username:<26}{key}")
            self.stdout.write(f"  {'verwijzer (huisarts)':<22} {DEMO_VERWIJZER:<26}"
                              f"  2FA key {DEMO_VERWIJZER_TOTP}")
            self.stdout.write(f"Test-DigiD for the demo resident: BSN {DEMO_BSN}")
            self.stdout.write("API (docs at /api/v1/docs/), header 'Authorization: Api-Key <key>':")
            for demo in DEMO_API_CLIENTS:
                self.stdout.write(f"  {demo.naam:<30} {demo.sleutel}  ({', '.join(demo.scopes)})")
            self.stdout.write(
                "Staff log in with a second step: add the 2FA key to an authenticator app, or "
                "read the code on the code page (shown there in the demo only).")
