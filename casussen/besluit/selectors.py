"""Reads on the decision path, each with its related rows loaded in a fixed number of queries.

`kosten_van` is the integral view a regiehouder plans with: every granted product of the casus
(which covers the household) that runs today, across all three wetten, with its cost per month.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from regie.termijnen.models import Termijn, TermijnSoort
from toegang.accounts.models import Rol, User
from toegang.core.domein import Wet

from ..models import Casus
from .models import (
    Aanvraag,
    Beschikking,
    BeschikkingStatus,
    Besluit,
    BesluitGebeurtenis,
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
    """Three queries: the lines that run on `dag` with their toewijzingen (whether the
    provider reported the start and stop of care), and those that start later."""
    dag = dag or timezone.localdate()
    basis = (Toekenning.objects.filter(beschikking__casus=casus)
             .select_related("product", "aanbieder", "beschikking")
             .order_by("product__wet", "product__naam", "id"))
    lopend = list(basis.filter(lopend_op(dag)).prefetch_related("toewijzingen"))
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


# --- The staff pages: history, decision clocks, the casus page's block ----------------------------


def besluitgebeurtenissen_of(*, casus: Casus) -> QuerySet[BesluitGebeurtenis]:
    """Every step on the decision path of the casus, newest first (one query)."""
    return BesluitGebeurtenis.objects.filter(casus=casus).select_related("door", "beschikking")


def beslisklokken_of(*, casus: Casus, aanvragen: list[Aanvraag]) -> dict[int, Termijn]:
    """The decision clock each aanvraag started (by wet and start day), keyed by aanvraag id
    (one query)."""
    soorten: dict[str, str] = {  # as `services.BESLISKLOK`
        Wet.WMO: TermijnSoort.WMO_BESCHIKKING, Wet.JEUGDWET: TermijnSoort.JEUGD_BESCHIKKING,
        Wet.PARTICIPATIEWET: TermijnSoort.PW_BESLUIT}
    klokken = list(Termijn.objects.filter(intake_id=casus.intake_id,
                                          soort__in=list(soorten.values())).order_by("start"))
    gevonden: dict[int, Termijn] = {}
    for aanvraag in aanvragen:
        for klok in klokken:
            if (klok.soort == soorten.get(aanvraag.wet)
                    and timezone.localdate(klok.start) == aanvraag.ontvangen_op):
                gevonden[aanvraag.pk] = klok
                break
    return gevonden


@dataclass(frozen=True)
class BesluitenTelling:
    onderzoeken: int
    aanvragen: int
    concepten: int
    ter_goedkeuring: int
    lopend: int
    bezwaren_open: int
    per_maand: Decimal

    @property
    def iets(self) -> bool:
        return bool(self.onderzoeken or self.aanvragen or self.concepten
                    or self.ter_goedkeuring or self.lopend)


def _aantal(rows: QuerySet, veld: str = "casus_id") -> Coalesce:
    return Coalesce(Subquery(rows.order_by().values(veld).annotate(n=Count("pk"))
                             .values("n")[:1]), 0)


def besluiten_telling(*, casus: Casus, dag: date | None = None) -> BesluitenTelling:
    """The counts and the household's cost per month for the casus page, in one query."""
    dag = dag or timezone.localdate()
    casus_id = OuterRef("pk")
    beschikkingen = Beschikking.objects.filter(casus_id=casus_id)
    kosten = (Toekenning.objects.filter(lopend_op(dag), beschikking__casus_id=casus_id)
              .order_by().values("beschikking__casus_id")
              .annotate(s=Sum("kosten_per_maand")).values("s")[:1])
    rij: Mapping[str, Any] = Casus.objects.filter(pk=casus.pk).annotate(
        n_onderzoeken=_aantal(Onderzoek.objects.filter(casus_id=casus_id)),
        n_aanvragen=_aantal(Aanvraag.objects.filter(casus_id=casus_id)),
        n_concepten=_aantal(beschikkingen.filter(status=BeschikkingStatus.CONCEPT)),
        n_ter_goedkeuring=_aantal(beschikkingen.filter(
            status=BeschikkingStatus.TER_GOEDKEURING)),
        n_lopend=_aantal(beschikkingen.filter(status=BeschikkingStatus.GENOMEN)),
        n_bezwaren=_aantal(Bezwaar.objects.filter(beschikking__casus_id=casus_id, uitkomst=""),
                           "beschikking__casus_id"),
        kosten=Subquery(kosten),
    ).values("n_onderzoeken", "n_aanvragen", "n_concepten", "n_ter_goedkeuring", "n_lopend",
             "n_bezwaren", "kosten").first() or {}
    return BesluitenTelling(
        onderzoeken=rij.get("n_onderzoeken", 0), aanvragen=rij.get("n_aanvragen", 0),
        concepten=rij.get("n_concepten", 0), ter_goedkeuring=rij.get("n_ter_goedkeuring", 0),
        lopend=rij.get("n_lopend", 0), bezwaren_open=rij.get("n_bezwaren", 0),
        per_maand=rij.get("kosten") or Decimal("0.00"))


# --- The resident's request page: links to the verslagen and decisions ---------------------------


@dataclass(frozen=True)
class BesluitpadVoorInwoner:
    casus_id: int
    verslagen: list[Onderzoek]  # sent to the resident, oldest first
    aanvragen: int
    besluiten: int  # taken, never drafts


def besluitpad_for_inwoner(*, intake_id: int) -> BesluitpadVoorInwoner | None:
    """What the resident's page of one request links to on the decision path; None when
    there is nothing yet (two queries)."""
    casus_id = OuterRef("pk")
    rij = Casus.objects.filter(intake_id=intake_id).annotate(
        n_aanvragen=_aantal(Aanvraag.objects.filter(casus_id=casus_id)),
        n_besluiten=_aantal(Beschikking.objects.filter(
            casus_id=casus_id, status__in=[*GELDEND, BeschikkingStatus.HERZIEN])),
    ).values("pk", "n_aanvragen", "n_besluiten").first()
    if rij is None:
        return None
    verslagen = list(Onderzoek.objects.filter(casus_id=rij["pk"],
                                              verslag_verstuurd_op__isnull=False)
                     .only("pk", "casus_id", "gesprek_op").order_by("gesprek_op", "pk"))
    if not (verslagen or rij["n_aanvragen"] or rij["n_besluiten"]):
        return None
    return BesluitpadVoorInwoner(casus_id=rij["pk"], verslagen=verslagen,
                                 aanvragen=rij["n_aanvragen"], besluiten=rij["n_besluiten"])
