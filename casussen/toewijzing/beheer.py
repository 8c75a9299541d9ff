"""What the functioneel beheerder does with the berichtenverkeer (Diagnose): a file in
quarantine marked as dealt with. Trying a failed message again is `verzending.opnieuw_versturen`.
"""

from django.db import transaction
from django.utils import timezone

from toegang.accounts.models import User

from .models import Quarantaine


@transaction.atomic
def quarantaine_resolve(*, user: User, quarantaine: Quarantaine) -> Quarantaine:
    """Mark a quarantined file as dealt with (fixed and put back in `in/`, or not ours);
    marking it twice keeps the first mark."""
    locked = Quarantaine.objects.select_for_update().get(pk=quarantaine.pk)
    if locked.opgelost_op is None:
        locked.opgelost_op = timezone.now()
        locked.opgelost_door = user
        locked.save(update_fields=["opgelost_op", "opgelost_door"])
    return locked
