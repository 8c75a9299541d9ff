"""Writes on the sociale kaart: recording which help was suggested for an aanvraag."""

from collections.abc import Iterable

from django.db import transaction

from .models import Suggestie, SuggestieBron, Voorziening


@transaction.atomic
def suggesties_vastleggen(*, intake_id: int, voorzieningen: Iterable[Voorziening],
                          wijk_id: int | None, bron: str = SuggestieBron.WIZARD) -> None:
    """Record that this help was suggested for the intake; showing it again (a reload of the
    page) is not counted twice."""
    Suggestie.objects.bulk_create(
        [Suggestie(intake_id=intake_id, voorziening=v, wijk_id=wijk_id, bron=bron)
         for v in voorzieningen],
        ignore_conflicts=True)
