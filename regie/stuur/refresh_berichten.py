"""The rebuild of the summary table about the messages with providers (`StuurBericht`).

Two grouped queries, whatever the number of messages: one over `Bericht` (per week, kind,
wet, team and wijk: how many, and of the heen messages how many had their retour on time),
one over `Verzoek` (the providers' requests answered within their 5 working days or not).
Only the weeks the dashboard can show are read (`MAX_MAANDEN` back), on the index on
`Bericht.created_at`.

When is a message on time?

- A heen message (our 301 and 319, their 305, 307, 315 and 317) has its retour on time when
  the retour was sent or received on or before `retour_uiterlijk` (3 working days after it
  was written or received); it is late when the retour came later, or has not come while
  that day has passed. Still within the 3 days: neither.
- A request (one `Verzoek` per requested product) is answered on time when the 301 or 319
  went by the deadline of its 5-working-day clock. Its clock is closed by that answer;
  without a closed clock `beantwoord_op` counts. A 319 "in onderzoek" is an answer too: the
  request's clock is then the new 8-week one, started when that 319 went, and the 5-day
  deadline is read from the request's first clock (the one started with it).

A message belongs to the week it was written (ours) or received (theirs), a request to the
week it was received. Wijk and team are those of the message's casus; a message without a
casus (a request from a provider for a resident who is not known yet, and the messages
around it) takes them from its request.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import BigIntegerField, Case, Count, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from casussen.toewijzing.models import Bericht, Richting, Verzoek
from toegang.core.domein import Wet

from ..termijnen.models import Termijn, TermijnSoort
from .filters import MAX_MAANDEN
from .models import StuurBericht

Soort = StuurBericht.Soort
SOORT_VAN: dict[tuple[str, str], str] = {
    (Richting.UIT, "301"): Soort.TOEWIJZING,
    (Richting.UIT, "319"): Soort.ANTWOORD,
    **{(Richting.UIT, code): Soort.RETOUR_UIT for code in ("306", "308", "316", "318")},
    **{(Richting.IN, code): Soort.START_STOP for code in ("305", "307")},
    **{(Richting.IN, code): Soort.VERZOEK for code in ("315", "317")},
    **{(Richting.IN, code): Soort.RETOUR_IN for code in ("302", "320")},
}
HEEN = ("301", "319", "305", "307", "315", "317")
WET_VAN_STANDAARD = {"iwmo": Wet.WMO, "ijw": Wet.JEUGDWET}


def eerste_week(vandaag: date) -> date:
    """The Monday of the first week the dashboard can show: its period reaches back at most
    MAX_MAANDEN months including this one."""
    begin = vandaag.replace(day=1) - relativedelta(months=MAX_MAANDEN - 1)
    return begin - timedelta(days=begin.weekday())


def _dag(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _van_verzoek(veld: str) -> Subquery:
    """`veld` of the request this message is, answers, or is the retour of."""
    verzoeken = Verzoek.objects.filter(
        Q(bericht=OuterRef("pk")) | Q(bericht=OuterRef("retour_op"))
        | Q(antwoord=OuterRef("pk")) | Q(antwoord=OuterRef("retour_op")))
    return Subquery(verzoeken.order_by("pk").values(veld)[:1])


def _berichten(vanaf: datetime, vandaag: date) -> Iterable[StuurBericht]:
    heen = Q(code__in=HEEN, retour_uiterlijk__isnull=False)
    rows = (Bericht.objects.filter(created_at__gte=vanaf, code__in=[c for _r, c in SOORT_VAN])
            # COALESCE evaluates the subquery only for a message without a casus.
            .annotate(week=TruncWeek("created_at"),
                      team_ref=Coalesce(F("casus__team_id"), _van_verzoek("team_id"),
                                        output_field=BigIntegerField()),
                      wijk_ref=Coalesce(F("casus__intake__wijk_id"),
                                        _van_verzoek("intake__wijk_id"),
                                        output_field=BigIntegerField()))
            .values("week", "richting", "code", "standaard", "team_ref", "wijk_ref")
            .annotate(aantal=Count("id"),
                      op_tijd=Count("id", filter=heen & Q(
                          retour_klaar_op__date__lte=F("retour_uiterlijk"))),
                      te_laat=Count("id", filter=heen & Q(
                          retour_klaar_op__date__gt=F("retour_uiterlijk"))),
                      open_te_laat=Count("id", filter=heen & Q(
                          retour_klaar_op__isnull=True, retour_uiterlijk__lt=vandaag)))
            .order_by())
    samen: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r in rows:
        soort = SOORT_VAN.get((r["richting"], r["code"]))
        if soort is None:
            continue
        groep = samen[(_dag(r["week"]), r["wijk_ref"], r["team_ref"],
                       WET_VAN_STANDAARD.get(r["standaard"], Wet.WMO), soort)]
        groep[0] += r["aantal"]
        groep[1] += r["op_tijd"]
        groep[2] += r["te_laat"]
        groep[3] += r["open_te_laat"]
    for (week, wijk, team, wet, soort), (aantal, op_tijd, te_laat, open_te_laat) in \
            samen.items():
        yield StuurBericht(periode=week, wijk_id=wijk, team_id=team, wet=wet, soort=soort,
                           aantal=aantal, op_tijd=op_tijd, te_laat=te_laat,
                           open_te_laat=open_te_laat)


def _verzoeken(vanaf: datetime, now: datetime) -> Iterable[StuurBericht]:
    eigen_klok = Q(termijn__soort=TermijnSoort.VERZOEK_ANTWOORD)
    in_onderzoek = Q(termijn__soort=TermijnSoort.VERZOEK_ONDERZOEK)
    # The clock started with the request: the first 5-day clock of its intake and team
    # started at or after it was received (a 315 for several products starts one each, in
    # the order of their requests, all with the same deadline).
    eerste_klok = Subquery(
        Termijn.objects.filter(soort=TermijnSoort.VERZOEK_ANTWOORD,
                               intake_id=OuterRef("intake_id"), team_id=OuterRef("team_id"),
                               start__gte=OuterRef("created_at"))
        .order_by("start", "pk").values("deadline")[:1])
    rows = (Verzoek.objects.filter(created_at__gte=vanaf)
            .annotate(week=TruncWeek("created_at"),
                      uiterlijk=Case(When(eigen_klok, then=F("termijn__deadline")),
                                     When(in_onderzoek, then=eerste_klok)),
                      antwoord_op=Case(
                          When(eigen_klok, then=Coalesce("termijn__afgehandeld_op",
                                                         "beantwoord_op")),
                          When(in_onderzoek, then=F("termijn__start")),
                          default=F("beantwoord_op")))
            .values("week", "wet", "team_id", "intake__wijk_id")
            .annotate(aantal=Count("id"),
                      op_tijd=Count("id", filter=Q(antwoord_op__lte=F("uiterlijk"))),
                      te_laat=Count("id", filter=Q(antwoord_op__gt=F("uiterlijk"))),
                      open_te_laat=Count("id", filter=Q(antwoord_op__isnull=True,
                                                        uiterlijk__lt=now)))
            .order_by())
    for r in rows:
        yield StuurBericht(periode=_dag(r["week"]), wijk_id=r["intake__wijk_id"],
                           team_id=r["team_id"], wet=r["wet"], soort=Soort.VERZOEK_ANTWOORD,
                           aantal=r["aantal"], op_tijd=r["op_tijd"], te_laat=r["te_laat"],
                           open_te_laat=r["open_te_laat"])


def berichten(now: datetime) -> Iterable[StuurBericht]:
    """Every summary row about the messages with providers, as of `now`."""
    vandaag = timezone.localdate(now)
    week = eerste_week(vandaag)
    vanaf = timezone.make_aware(datetime(week.year, week.month, week.day))
    yield from _berichten(vanaf, vandaag)
    yield from _verzoeken(vanaf, now)
