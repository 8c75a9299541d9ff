"""Reads on the decision path, each with its related rows loaded in a fixed number of queries.

`kosten_van` is the integral view a regiehouder plans with: every granted product of the casus
(which covers the household) that runs today, across all three wetten, with its cost per month.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from toegang.accounts.models import Rol, User
from toegang.core.domein import Wet

from ..models import Casus
from .models import (
    Aanvraag,
    Beschikking,
    BeschikkingStatus,
    Besluit,
    Bezwaar,
    Onderzoek,
    Toekenning,
)

GELDEND = (BeschikkingStatus.GENOMEN, BeschikkingStatus.INGETROKKEN)


def onderzoeken_of(*, casus: Casus) -> QuerySet[Onderzoek]:
    return Onderzoek.objects.filter(casus=casus).select_related("door")


def onderzoek_of(*, casus: Casus, onderzoek_id: int) -> Onderzoek | None:
    return onderzoeken_of(casus=casus).filter(pk=onderzoek_id).first()


def aanvragen_of(*, casus: Casus) -> QuerySet[Aanvraag]:
    return Aanvraag.objects.filter(casus=casus).select_related("door")


def aanvraag_of(*, casus: Casus, aanvraag_id: int) -> Aanvraag | None:
    return aanvragen_of(casus=casus).filter(pk=aanvraag_id).first()


def _regels() -> Prefetch:
    return Prefetch("toekenningen", queryset=Toekenning.objects.select_related(
        "product", "aanbieder").order_by("id"))


def beschikkingen_of(*, casus: Casus, alleen_genomen: bool = False) -> QuerySet[Beschikking]:
    rows = (Beschikking.objects.filter(casus=casus)
            .select_related("opgesteld_door", "goedgekeurd_door", "aanvraag", "vervangt")
            .prefetch_related(_regels(), Prefetch("bezwaren", queryset=Bezwaar.objects.order_by(
                "-ontvangen_op"))))
    if alleen_genomen:
        rows = rows.filter(status__in=[*GELDEND, BeschikkingStatus.HERZIEN])
    return rows


def beschikking_of(*, casus: Casus, beschikking_id: int,
                   alleen_genomen: bool = False) -> Beschikking | None:
    return beschikkingen_of(casus=casus, alleen_genomen=alleen_genomen).filter(
        pk=beschikking_id).first()


def toekenning_of(*, beschikking: Beschikking, toekenning_id: int) -> Toekenning | None:
    return beschikking.toekenningen.filter(pk=toekenning_id).first()


def bezwaar_of(*, beschikking: Beschikking, bezwaar_id: int) -> Bezwaar | None:
    return beschikking.bezwaren.filter(pk=bezwaar_id).first()


def lopend_op(dag: date) -> Q:
    """Granted lines of a decision in force on `dag` (an intrekking ends them that day)."""
    return (Q(besluit=Besluit.TOEGEKEND, beschikking__status__in=GELDEND,
              begindatum__lte=dag)
            & (Q(einddatum__isnull=True) | Q(einddatum__gte=dag))
            & (Q(beschikking__ingetrokken_op__isnull=True)
               | Q(beschikking__ingetrokken_op__gt=dag)))


@dataclass
class WetKosten:
    wet: str
    label: str
    regels: list[Toekenning] = field(default_factory=list)
    per_maand: Decimal = Decimal("0.00")


@dataclass
class Huishoudkosten:
    """What runs for the household today, per wet, and in total per month."""

    per_wet: list[WetKosten]
    per_maand: Decimal
    straks: list[Toekenning]  # granted, starting later


def kosten_van(*, casus: Casus, dag: date | None = None) -> Huishoudkosten:
    """Two queries: the lines that run on `dag` and those that start later."""
    dag = dag or timezone.localdate()
    basis = (Toekenning.objects.filter(beschikking__casus=casus)
             .select_related("product", "aanbieder", "beschikking")
             .order_by("product__wet", "product__naam", "id"))
    lopend = list(basis.filter(lopend_op(dag)))
    straks = list(basis.filter(besluit=Besluit.TOEGEKEND, beschikking__status__in=GELDEND,
                               begindatum__gt=dag))
    per_wet = {wet: WetKosten(wet=wet, label=str(label)) for wet, label in Wet.choices}
    for regel in lopend:
        groep = per_wet[regel.product.wet]
        groep.regels.append(regel)
        groep.per_maand += regel.kosten_per_maand
    groepen = [g for g in per_wet.values() if g.regels]
    return Huishoudkosten(per_wet=groepen, per_maand=sum(
        (g.per_maand for g in groepen), Decimal("0.00")), straks=straks)


def wachten_op_goedkeuring(*, user: User) -> QuerySet[Beschikking]:
    """Drafts waiting for a second pair of eyes in the teams of `user` (not their own)."""
    if user.rol not in (Rol.PROFESSIONAL, Rol.TEAMLEIDER):
        return Beschikking.objects.none()
    return (Beschikking.objects.filter(status=BeschikkingStatus.TER_GOEDKEURING,
                                       casus__team__leden=user)
            .exclude(opgesteld_door=user)
            .select_related("casus__intake", "opgesteld_door")
            .prefetch_related(_regels()).distinct().order_by("created_at"))


def besluiten_for_inwoner(*, casus: Casus) -> QuerySet[Beschikking]:
    """The decisions a resident reads: taken ones only, never drafts."""
    return beschikkingen_of(casus=casus, alleen_genomen=True)
