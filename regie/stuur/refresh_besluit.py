"""The rebuild of the summary tables about decisions: granted product lines in force per month
with their cost, the lines that ended, and the waiting time providers report.

Grouped in the database: one query per month (the lines in force on its peildatum and those
that ended in it, counted together), one for the contracts. The number of queries grows with
the months kept, never with the number of decisions.

When is a granted line in force on a day? From its begindatum to its einddatum (open: for
good), in a decision that was taken, and:

- an intrekking ends it the day before the date it is withdrawn from (as `lopend_op`);
- a herziening replaces the whole decision on the day the herziening is taken: the lines of
  the replaced decision count up to the day before, the herziening's lines from that day
  (never before their begindatum), so a resident is never counted twice.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone

from casussen.besluit.models import BeschikkingStatus, Besluit, Toekenning
from toegang.catalogus.models import Contract

from .models import StuurToekenning, StuurUitstroom, StuurWachttijd

# How far back the monthly figures go: five years, more than the longest period the
# dashboard shows at once (36 months).
MAANDEN = 60
GENOMEN = [BeschikkingStatus.GENOMEN, BeschikkingStatus.INGETROKKEN, BeschikkingStatus.HERZIEN]
NUL = Decimal("0.00")


def _niet_herzien_op(dag: date) -> Q:
    """The decision was not yet replaced by a herziening on `dag`."""
    return (~Q(beschikking__status=BeschikkingStatus.HERZIEN)
            | Q(beschikking__herziening__genomen_op__gt=dag))


def lopend(dag: date) -> Q:
    """Granted lines in force on `dag` (see the module's docstring)."""
    return (Q(begindatum__lte=dag)
            & (Q(einddatum__isnull=True) | Q(einddatum__gte=dag))
            & (Q(beschikking__ingetrokken_op__isnull=True)
               | Q(beschikking__ingetrokken_op__gt=dag))
            & _niet_herzien_op(dag)
            & (Q(beschikking__vervangt__isnull=True) | Q(beschikking__genomen_op__lte=dag)))


def geeindigd(van: date, tot: date) -> Q:
    """Granted lines whose last day in force lies in van–tot (both included): their einddatum
    (not after a withdrawal or a herziening had ended them already), or the day before the
    date they were withdrawn from. A line that never came into force is no outflow."""
    if tot < van:
        return Q(pk__in=[])
    op_einddatum = (Q(einddatum__gte=van, einddatum__lte=tot)
                    & (Q(beschikking__ingetrokken_op__isnull=True)
                       | Q(beschikking__ingetrokken_op__gt=F("einddatum")))
                    & (~Q(beschikking__status=BeschikkingStatus.HERZIEN)
                       | Q(beschikking__herziening__genomen_op__gt=F("einddatum")))
                    & (Q(beschikking__vervangt__isnull=True)
                       | Q(beschikking__genomen_op__lte=F("einddatum"))))
    ingetrokken = (Q(beschikking__status=BeschikkingStatus.INGETROKKEN,
                     beschikking__ingetrokken_op__gte=van + timedelta(days=1),
                     beschikking__ingetrokken_op__lte=tot + timedelta(days=1),
                     begindatum__lt=F("beschikking__ingetrokken_op"))
                   & (Q(einddatum__isnull=True)
                      | Q(einddatum__gte=F("beschikking__ingetrokken_op")))
                   & (Q(beschikking__vervangt__isnull=True)
                      | Q(beschikking__genomen_op__lt=F("beschikking__ingetrokken_op"))))
    return op_einddatum | ingetrokken


def maanden_van(vandaag: date) -> list[date]:
    """The months with figures: from the first granted line (at most MAANDEN back) to now."""
    deze = vandaag.replace(day=1)
    eerste = Toekenning.objects.filter(
        besluit=Besluit.TOEGEKEND, beschikking__status__in=GENOMEN).aggregate(
        m=Min("begindatum"))["m"]
    if eerste is None:
        return []
    maand = max(eerste.replace(day=1), deze - relativedelta(months=MAANDEN - 1))
    maanden = []
    while maand <= deze:
        maanden.append(maand)
        maand += relativedelta(months=1)
    return maanden


def _maand(maand: date, vandaag: date) -> Iterable[StuurToekenning | StuurUitstroom]:
    laatste = maand + relativedelta(months=1) - timedelta(days=1)
    peil = min(laatste, vandaag)
    # Ended: the last day in force lies in the month and before today.
    in_kracht, einde = lopend(peil), geeindigd(maand, min(laatste, vandaag - timedelta(days=1)))
    rows = (Toekenning.objects.filter(besluit=Besluit.TOEGEKEND,
                                      beschikking__status__in=GENOMEN)
            .filter(in_kracht | einde)
            .values("wijk_id", "beschikking__casus__team_id", "product__wet",
                    "product__productcategorie", "aanbieder_id", "levering")
            .annotate(n=Count("id", filter=in_kracht),
                      k=Sum("kosten_per_maand", filter=in_kracht),
                      uit=Count("id", filter=einde),
                      uit_k=Sum("kosten_per_maand", filter=einde))
            .order_by())
    uitstroom: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [0, NUL])
    for r in rows:
        team, wet = r["beschikking__casus__team_id"], r["product__wet"]
        if r["n"]:
            yield StuurToekenning(periode=maand, wijk_id=r["wijk_id"], team_id=team, wet=wet,
                                  productcategorie=r["product__productcategorie"],
                                  aanbieder_id=r["aanbieder_id"], levering=r["levering"],
                                  aantal=r["n"], kosten=r["k"] or NUL)
        if r["uit"]:
            groep = uitstroom[(r["wijk_id"], team, wet)]
            groep[0] += r["uit"]
            groep[1] += r["uit_k"] or NUL
    for (wijk, team, wet), (aantal, kosten) in uitstroom.items():
        yield StuurUitstroom(periode=maand, wijk_id=wijk, team_id=team, wet=wet, aantal=aantal,
                             kosten=kosten)


def wachttijden(vandaag: date) -> Iterable[StuurWachttijd]:
    """Per provider and product category the longest waiting time reported on a contract in
    force today (and the oldest report), active providers only."""
    rows = (Contract.objects.geldig_op(vandaag).filter(aanbieder__actief=True)
            .values("aanbieder_id", "aanbieder__naam", "product__wet",
                    "product__productcategorie")
            .annotate(n=Count("id"), weken=Max("wachttijd_weken"),
                      gemeld=Min("wachttijd_gemeld_op"))
            .order_by())
    for r in rows:
        yield StuurWachttijd(aanbieder_id=r["aanbieder_id"], aanbieder_naam=r["aanbieder__naam"],
                             wet=r["product__wet"],
                             productcategorie=r["product__productcategorie"], contracten=r["n"],
                             weken=r["weken"], gemeld_op=r["gemeld"])


def besluiten(now: datetime) -> Iterable[StuurToekenning | StuurUitstroom | StuurWachttijd]:
    """Every summary row about decisions, as of `now`."""
    vandaag = timezone.localdate(now)
    for maand in maanden_van(vandaag):
        yield from _maand(maand, vandaag)
    yield from wachttijden(vandaag)
