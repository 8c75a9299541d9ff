"""Fill the database with the fictional municipality Dijkstad (deterministic, idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from toegang.core.demo.organisatie import DEMO_LOGINS, DEMO_PASSWORD, seed_organisatie


class Command(BaseCommand):
    help = "Create demo data: wijken, teams, staff, residents (and intakes with --intakes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--intakes", type=int, default=None,
                            help="Number of intakes to create, inserted in batches.")
        parser.add_argument("--quiet-logins", action="store_true",
                            help="Do not print the demo logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisatie = seed_organisatie(seed=options["seed"])
        self.stdout.write(self.style.SUCCESS(
            f"Dijkstad: {len(organisatie.wijken)} wijken, {len(organisatie.teams)} teams."))
        if not options["quiet_logins"]:
            self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
            for label, username, *_rest in DEMO_LOGINS:
                self.stdout.write(f"  {label:<22} {username}")
