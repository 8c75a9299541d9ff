"""Timeline lines for the support plan: each shared version and the resident's answer.

`CasussenConfig.ready()` registers the source with `register()`.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from ..models import Casus
from ..tijdlijn import Regel, bron
from .models import PlanStatus, PlanVersie


def _plan(casus: Casus) -> Iterable[Regel]:
    """One query: every version that was shared, with who shared it."""
    versies = (PlanVersie.objects.filter(plan__casus_id=casus.pk, gedeeld_op__isnull=False)
               .exclude(status=PlanStatus.CONCEPT).select_related("gedeeld_door"))
    for versie in versies:
        assert versie.gedeeld_op is not None
        door = versie.gedeeld_door.get_full_name() if versie.gedeeld_door else ""
        yield Regel(versie.gedeeld_op, "plan",
                    _("Plan versie %(n)s gedeeld met de inwoner") % {"n": versie.nummer},
                    door=door, zichtbaar_voor_inwoner=True)
        if versie.akkoord_op:
            yield Regel(versie.akkoord_op, "plan",
                        _("De inwoner is akkoord met plan versie %(n)s") % {"n": versie.nummer},
                        zichtbaar_voor_inwoner=True)
        if versie.opmerking_op:
            yield Regel(versie.opmerking_op, "plan",
                        _("De inwoner heeft opmerkingen bij plan versie %(n)s") % {
                            "n": versie.nummer},
                        versie.opmerking_inwoner, zichtbaar_voor_inwoner=True)


def register() -> None:
    bron(_plan)
