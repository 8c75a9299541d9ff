"""Rebuild the summary tables of the management information from the operational data.

Everything is grouped in the database; the few steps that need per-case logic (ZRM progress,
caseload spread) stream rows with `.iterator()`. The whole rebuild runs in one transaction, so
the dashboard always reads one consistent set (the previous one until the commit).
"""

import time as clock
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Least, TruncMonth, TruncWeek
from django.utils import timezone

from casussen.models import Betrokkenheid, Casus, CasusGebeurtenis, CasusStatus, Regiehouderschap
from casussen.plan.models import PlanVersie
from casussen.zrm.models import ZrmScore
from intake.models import (
    Intake,
    IntakeLevensgebied,
    IntakeStatus,
    Toestemming,
    Urgentie,
    Veiligheidsmelding,
)
from toegang.core.db_router import van_replica
from toegang.core.werkdagen import werkdagen_tussen
from toegang.organisatie.models import Team, Teamlidmaatschap

from ..termijnen.models import Termijn, TermijnSoort, TermijnStatus
from .models import (
    StuurBericht,
    StuurCaseload,
    StuurCaseloadVerdeling,
    StuurDelen,
    StuurDoorlooptijd,
    StuurInstroom,
    StuurLevensgebied,
    StuurSignalen,
    StuurTermijn,
    StuurToekenning,
    StuurToestemming,
    StuurUitstroom,
    StuurVerversing,
    StuurWachtend,
    StuurWachttijd,
    StuurZrm,
)
from .refresh_berichten import berichten
from .refresh_besluit import besluiten


class DagenTussen(Func):
    """Whole days from `start` to `eind` (both timestamps), on PostgreSQL and SQLite."""

    output_field = IntegerField()

    def __init__(self, eind: Any, start: Any) -> None:
        super().__init__(eind, start)

    def as_postgresql(self, compiler: Any, conn: Any, **extra: Any) -> Any:
        eind, eind_p = compiler.compile(self.source_expressions[0])
        start, start_p = compiler.compile(self.source_expressions[1])
        return (f"FLOOR(EXTRACT(EPOCH FROM ({eind} - {start})) / 86400)::integer",
                [*eind_p, *start_p])

    def as_sqlite(self, compiler: Any, conn: Any, **extra: Any) -> Any:  # type: ignore[override]
        eind, eind_p = compiler.compile(self.source_expressions[0])
        start, start_p = compiler.compile(self.source_expressions[1])
        return f"CAST(julianday({eind}) - julianday({start}) AS INTEGER)", [*eind_p, *start_p]


def klasse(dagen: int) -> int:
    """Histogram class of a lead time: days up to 30, then 5-day, then 30-day steps, 400+."""
    dagen = max(dagen, 0)
    if dagen <= 30:
        return dagen
    if dagen <= 90:
        return 30 + ((dagen - 31) // 5 + 1) * 5
    if dagen <= 390:
        return 90 + ((dagen - 91) // 30 + 1) * 30
    return 400


def _dag(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def instroom() -> Iterable[StuurInstroom]:
    rows = (Intake.objects.annotate(periode=TruncWeek("ingediend_op"),
                                    maand=TruncMonth("ingediend_op"))
            .values("periode", "maand", "wijk_id", "team_id", "kanaal")
            .annotate(aantal=Count("id"), urgent=Count("id", filter=Q(urgentie=Urgentie.URGENT)))
            .order_by())
    for r in rows:
        yield StuurInstroom(periode=_dag(r["periode"]), maand=_dag(r["maand"]),
                            wijk_id=r["wijk_id"], team_id=r["team_id"], kanaal=r["kanaal"],
                            aantal=r["aantal"], urgent=r["urgent"])


def levensgebieden() -> Iterable[StuurLevensgebied]:
    rows = (IntakeLevensgebied.objects.annotate(periode=TruncWeek("intake__ingediend_op"),
                                                maand=TruncMonth("intake__ingediend_op"))
            .values("periode", "maand", "intake__wijk_id", "intake__team_id", "levensgebied")
            .annotate(aantal=Count("id")).order_by())
    for r in rows:
        yield StuurLevensgebied(periode=_dag(r["periode"]), maand=_dag(r["maand"]),
                                wijk_id=r["intake__wijk_id"], team_id=r["intake__team_id"],
                                levensgebied=r["levensgebied"], aantal=r["aantal"])


def _histogram(maatstaf: str, rows: Any) -> Iterable[StuurDoorlooptijd]:
    counts: Counter[tuple[Any, ...]] = Counter()
    for r in rows:
        counts[(_dag(r["periode"]), r["wijk_ref"], r["team_ref"], klasse(r["dagen"]))] += r["n"]
    for (periode, wijk, team, dagen), n in counts.items():
        yield StuurDoorlooptijd(periode=periode, wijk_id=wijk, team_id=team, maatstaf=maatstaf,
                                dagen=dagen, aantal=n)


def doorlooptijden() -> Iterable[StuurDoorlooptijd]:
    cap = Value(400)
    contact = (Termijn.objects.filter(soort=TermijnSoort.EERSTE_CONTACT,
                                      status=TermijnStatus.AFGEHANDELD,
                                      afgehandeld_op__isnull=False)
               .annotate(periode=TruncMonth("intake__ingediend_op"), wijk_ref=F("intake__wijk_id"),
                         team_ref=F("intake__team_id"),
                         dagen=Least(DagenTussen(F("afgehandeld_op"), F("intake__ingediend_op")),
                                     cap))
               .values("periode", "wijk_ref", "team_ref", "dagen")
               .annotate(n=Count("id")).order_by())
    yield from _histogram(StuurDoorlooptijd.Maatstaf.EERSTE_CONTACT, contact)

    akkoord = PlanVersie.objects.filter(plan__casus=OuterRef("pk"), akkoord_op__isnull=False) \
        .order_by("akkoord_op").values("akkoord_op")[:1]
    plan = (Casus.objects.annotate(eerste_akkoord=Subquery(akkoord,
                                                           output_field=DateTimeField()))
            .filter(eerste_akkoord__isnull=False)
            .annotate(periode=TruncMonth("intake__ingediend_op"), wijk_ref=F("intake__wijk_id"),
                      team_ref=F("intake__team_id"),
                      dagen=Least(DagenTussen(F("eerste_akkoord"), F("intake__ingediend_op")),
                                  cap))
            .values("periode", "wijk_ref", "team_ref", "dagen")
            .annotate(n=Count("id")).order_by())
    yield from _histogram(StuurDoorlooptijd.Maatstaf.PLAN_AKKOORD, plan)
    gesloten = (Casus.objects.filter(status=CasusStatus.AFGESLOTEN, afgesloten_op__isnull=False)
                .annotate(periode=TruncMonth("intake__ingediend_op"), wijk_ref=F("intake__wijk_id"),
                          team_ref=F("intake__team_id"),
                          dagen=Least(DagenTussen(F("afgesloten_op"), F("intake__ingediend_op")),
                                      cap))
                .values("periode", "wijk_ref", "team_ref", "dagen")
                .annotate(n=Count("id")).order_by())
    yield from _histogram(StuurDoorlooptijd.Maatstaf.GESLOTEN, gesloten)


def termijnen(now: datetime) -> Iterable[StuurTermijn]:
    rows = (Termijn.objects.exclude(status=TermijnStatus.VERVALLEN)
            .annotate(periode=TruncMonth("deadline"))
            .values("periode", "intake__wijk_id", "team_id", "soort")
            .annotate(op_tijd=Count("id", filter=Q(status=TermijnStatus.AFGEHANDELD,
                                                    afgehandeld_op__lte=F("deadline"))),
                      te_laat=Count("id", filter=Q(status=TermijnStatus.AFGEHANDELD,
                                                    afgehandeld_op__gt=F("deadline"))),
                      open_te_laat=Count("id", filter=Q(status=TermijnStatus.LOPEND,
                                                         deadline__lt=now)),
                      verdaagd=Count("id", filter=Q(oorspronkelijke_deadline__isnull=False)))
            .order_by())
    for r in rows:
        yield StuurTermijn(periode=_dag(r["periode"]), wijk_id=r["intake__wijk_id"],
                           team_id=r["team_id"], soort=r["soort"], op_tijd=r["op_tijd"],
                           te_laat=r["te_laat"], open_te_laat=r["open_te_laat"],
                           verdaagd=r["verdaagd"])


def signalen() -> Iterable[StuurSignalen]:
    counts: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
    for r in (CasusGebeurtenis.objects.filter(soort=CasusGebeurtenis.Soort.AVE,
                                              naar__in=["3", "4"])
              .annotate(periode=TruncMonth("tijdstip"))
              .values("periode", "casus__intake__wijk_id", "casus__team_id")
              .annotate(n=Count("casus_id", distinct=True)).order_by()):
        counts[(_dag(r["periode"]), r["casus__intake__wijk_id"], r["casus__team_id"])][0] += r["n"]
    for m in (Veiligheidsmelding.objects.annotate(periode=TruncMonth("begin"))
              .values("periode", "intake__wijk_id", "intake__team_id")
              .annotate(n=Count("id")).order_by()):
        counts[(_dag(m["periode"]), m["intake__wijk_id"], m["intake__team_id"])][1] += m["n"]
    for (periode, wijk, team), (esc, veilig) in counts.items():
        yield StuurSignalen(periode=periode, wijk_id=wijk, team_id=team, escalaties=esc,
                            veiligheidsmeldingen=veilig)


def zrm_voortgang() -> Iterable[StuurZrm]:
    """First and last professional score per closed case and domain, streamed in order."""

    rows = (ZrmScore.objects.filter(meting__casus__status=CasusStatus.AFGESLOTEN,
                                    meting__door_inwoner=False)
            .order_by("meting__casus_id", "domein", "meting__datum", "meting_id")
            .values_list("meting__casus_id", "domein", "niveau", "meting__casus__afgesloten_op",
                         "meting__casus__intake__wijk_id", "meting__casus__team_id"))
    counts: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0])
    current: tuple[Any, ...] | None = None
    first = last = 0
    meta: tuple[Any, ...] = ()

    def flush() -> None:
        if current is None:
            return
        periode, wijk, team = meta
        key = (periode, wijk, team, current[1])
        counts[key][0 if last > first else 1 if last == first else 2] += 1

    n_scores = 0
    for casus_id, domein, niveau, gesloten, wijk, team in rows.iterator(chunk_size=5000):
        if current != (casus_id, domein):
            if n_scores > 1:
                flush()
            current, first, n_scores = (casus_id, domein), niveau, 0
            meta = (_dag(gesloten).replace(day=1) if gesloten is not None else None, wijk, team)
        last = niveau
        n_scores += 1
    if n_scores > 1:
        flush()
    for (periode, wijk, team, domein), (beter, gelijk, slechter) in counts.items():
        if periode is not None:
            yield StuurZrm(periode=periode, wijk_id=wijk, team_id=team, domein=domein,
                           beter=beter, gelijk=gelijk, slechter=slechter)


def delen() -> Iterable[StuurDelen]:
    """A case counts as 'told once, used by several wetten' when a team of another wet read the
    intake by the resident's consent, or joined the case."""
    consent = Toestemming.objects.filter(intake=OuterRef("intake_id"), given_at__isnull=False)
    ander_team = Betrokkenheid.objects.filter(casus=OuterRef("pk")).exclude(
        team_id=OuterRef("intake__team_id"))
    rows = (Casus.objects.annotate(periode=TruncMonth("geopend_op"),
                                   gedeeld=Exists(consent) | Exists(ander_team))
            .values("periode", "intake__wijk_id", "intake__team_id")
            .annotate(casussen=Count("id"), meerdere=Count("id", filter=Q(gedeeld=True)))
            .order_by())
    for r in rows:
        yield StuurDelen(periode=_dag(r["periode"]), wijk_id=r["intake__wijk_id"],
                         team_id=r["intake__team_id"], casussen=r["casussen"],
                         meerdere_wetten=r["meerdere"])


def toestemmingen() -> Iterable[StuurToestemming]:
    rows = (Toestemming.objects.annotate(periode=TruncMonth("intake__ingediend_op"))
            .values("periode", "intake__wijk_id", "intake__team_id", "wet")
            .annotate(gevraagd=Count("id"), gegeven=Count("id", filter=Q(given_at__isnull=False)))
            .order_by())
    for r in rows:
        yield StuurToestemming(periode=_dag(r["periode"]), wijk_id=r["intake__wijk_id"],
                               team_id=r["intake__team_id"], wet=r["wet"],
                               gevraagd=r["gevraagd"], gegeven=r["gegeven"])


def caseload(now: datetime) -> Iterable[StuurCaseload | StuurCaseloadVerdeling | StuurWachtend]:
    """Per team now: professionals, open cases and their spread over the professionals (as a
    distribution, never per name), and the intakes still waiting with their waiting time."""
    vandaag = timezone.localdate(now)
    pros: dict[int, set[int]] = defaultdict(set)
    for team_id, user_id in Teamlidmaatschap.objects.filter(
            user__rol="professional", user__is_active=True).values_list("team_id", "user_id"):
        pros[team_id].add(user_id)
    per_pro: dict[int, Counter[int]] = defaultdict(Counter)
    open_cases: Counter[int] = Counter()
    for team_id, user_id in (Regiehouderschap.objects.actief()
                             .exclude(casus__status=CasusStatus.AFGESLOTEN)
                             .values_list("casus__team_id", "user_id").iterator(chunk_size=10000)):
        open_cases[team_id] += 1
        per_pro[team_id][user_id] += 1
    wachtend: Counter[tuple[int, int | None, int]] = Counter()
    for team_id, wijk_id, ontvangen in (Intake.objects.filter(status=IntakeStatus.INGEDIEND)
                                        .values_list("team_id", "wijk_id", "ingediend_op")
                                        .iterator(chunk_size=10000)):
        dagen = werkdagen_tussen(timezone.localdate(ontvangen), vandaag)
        wachtend[(team_id, wijk_id, klasse(dagen))] += 1
    for team_id in Team.objects.values_list("id", flat=True):
        loads = sorted(per_pro[team_id].get(u, 0) for u in pros[team_id]) or [0]
        # The lower median, as the dashboard reads it from the distribution of all teams.
        yield StuurCaseload(team_id=team_id, professionals=len(pros[team_id]),
                            open_casussen=open_cases[team_id],
                            mediaan_per_professional=loads[(len(loads) - 1) // 2],
                            max_per_professional=loads[-1])
        for casussen, professionals in sorted(Counter(
                per_pro[team_id].get(u, 0) for u in pros[team_id]).items()):
            yield StuurCaseloadVerdeling(team_id=team_id, casussen=casussen,
                                         professionals=professionals)
    for (team, wijk, werkdagen), aantal in wachtend.items():
        yield StuurWachtend(team_id=team, wijk_id=wijk, werkdagen=werkdagen, aantal=aantal)


TABELLEN = [StuurInstroom, StuurLevensgebied, StuurDoorlooptijd, StuurTermijn, StuurSignalen,
            StuurZrm, StuurDelen, StuurToestemming, StuurCaseload, StuurCaseloadVerdeling,
            StuurWachtend, StuurToekenning, StuurUitstroom, StuurWachttijd, StuurBericht]


def stuurinformatie_refresh(*, now: datetime | None = None) -> StuurVerversing:
    """Rebuild every summary table in one transaction and record when and how long."""
    now = now or timezone.now()
    begin = clock.monotonic()
    # The operational data is read from the replica when there is one (a few seconds behind
    # is fine for figures recomputed every quarter hour); the writes below go to the primary.
    with van_replica(), transaction.atomic():
        if connection.vendor == "postgresql":
            # One rebuild at a time; a second one waits instead of doubling the work.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(7005)")
        for model in TABELLEN:
            model._default_manager.all().delete()
        rijen = 0
        for bron in (instroom(), levensgebieden(), doorlooptijden(), termijnen(now), signalen(),
                     zrm_voortgang(), delen(), toestemmingen(), caseload(now), besluiten(now),
                     berichten(now)):
            per_model: dict[type[Any], list[Any]] = defaultdict(list)
            for rij in bron:
                per_model[type(rij)].append(rij)
            for model, batch in per_model.items():
                model._default_manager.bulk_create(batch, batch_size=5000)
                rijen += len(batch)
        verversing = StuurVerversing.objects.create(
            gestart_op=now, klaar_op=timezone.now(),
            duur_ms=int((clock.monotonic() - begin) * 1000), rijen=rijen)
    return verversing


