from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from toegang.thema.models import Thema
from toegang.thema.services import thema_activeren


class Command(BaseCommand):
    help = "Maak het thema met deze naam het actieve thema, bv. thema_activeren Zeevliet."

    def add_arguments(self, parser) -> None:
        parser.add_argument("naam")

    def handle(self, *args, naam: str, **options) -> None:
        thema = Thema.objects.filter(naam__iexact=naam).first()
        if thema is None:
            namen = ", ".join(Thema.objects.values_list("naam", flat=True)) or "-"
            raise CommandError(f"Geen thema met de naam {naam!r}. Er zijn: {namen}.")
        try:
            thema_activeren(thema=thema)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Actief thema: {thema.naam}"))
