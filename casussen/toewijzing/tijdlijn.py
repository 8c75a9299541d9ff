"""Timeline lines of the berichtenverkeer: a toewijzing sent to a provider, care started and
stopped as the provider reported it (the resident sees start and stop), and a provider's
request received."""

from collections.abc import Iterable
from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Casus
from ..tijdlijn import Regel, bron
from .models import Toewijzing, Verzoek


def _moment(dag: object) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(9, 0)))  # type: ignore[arg-type]


def _toewijzingen(casus: Casus) -> Iterable[Regel]:
    """One query: the toewijzingen of the casus (the requests of providers are
    `_verzoeken`, a source of its own: the resident sees none of them)."""
    for t in (Toewijzing.objects.filter(casus=casus)
              .select_related("aanbieder", "product").order_by("id")):
        wat = {"product": t.product.naam, "aanbieder": t.aanbieder.naam, "nr": t.pk}
        yield Regel(t.created_at, "toewijzing",
                    _("Toewijzing %(nr)s naar %(aanbieder)s: %(product)s") % wat, "",
                    zichtbaar_voor_inwoner=False)
        if t.begonnen_op:
            yield Regel(_moment(t.begonnen_op), "toewijzing",
                        _("%(aanbieder)s is gestart met %(product)s") % wat, "",
                        zichtbaar_voor_inwoner=True)
        if t.gestopt_op:
            yield Regel(_moment(t.gestopt_op), "toewijzing",
                        _("%(aanbieder)s is gestopt met %(product)s") % wat, "",
                        zichtbaar_voor_inwoner=True)


def _verzoeken(casus: Casus) -> Iterable[Regel]:
    for v in Verzoek.objects.filter(casus=casus).select_related("aanbieder").order_by("id"):
        yield Regel(v.created_at, "toewijzing",
                    _("%(soort)s van %(aanbieder)s ontvangen") % {
                        "soort": v.get_soort_display().capitalize(),
                        "aanbieder": v.aanbieder.naam}, v.toelichting,
                    zichtbaar_voor_inwoner=False)


def register() -> None:
    bron(_toewijzingen)
    bron(_verzoeken, alleen_professionals=True)
