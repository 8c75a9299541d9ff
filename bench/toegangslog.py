"""Benchmark of the access log partitioned by month: the privacy officer's search for one
resident over millions of rows, and retention by whole months.

    python bench/toegangslog.py --rows 10000000          # fresh database toegang_bench_log
    python bench/toegangslog.py --rows 2000000 --reuse   # keep and top up an existing one

Seeds the PostgreSQL database `toegang_bench_log` (migrated: the log is partitioned) with
access-log rows spread evenly over the last 24 months and over `--inwoners` residents,
in SQL (`generate_series`, one INSERT per month), never through the ORM row by row. Then:

1. the privacy officer's search page for one resident (`/privacy/toegangslog/?inwoner_id=…`,
   the view, `toegangslog_search` and the template, through Django's test client as
   bench/run.py measures pages), a different random resident on every request: p50/p95/max
   and SQL queries per request (target: p95 50 ms);
2. the same search with a period of one month, to show partition pruning;
3. EXPLAIN (ANALYZE, BUFFERS) of the page's two queries (the count and the first page);
4. retention: `toegangslog_delete` (toegang/bewaren/services.py) with a cut-off ten days
   into the third-oldest month: two whole months dropped, the ten days deleted row by row.
   This removes those rows, so it runs last.

Writes bench/results/toegangslog.json; docs/performance.md quotes it.
"""

import argparse
import json
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import database, login, machine, setup_django, stats  # noqa: E402

TARGETS = {"search_p95_ms": 50}
MAANDEN = 24

VULLEN = """
INSERT INTO audit_toegangslog (tijdstip, user_id, user_naam, rol, team, namens, inwoner_id,
                               intake_id, casus_id, object_type, object_id, actie, grond,
                               doel, request_id, ip)
SELECT %(van)s::timestamptz + random() * (%(tot)s::timestamptz - %(van)s::timestamptz),
       s.medewerker, 'Medewerker ' || s.medewerker, 'professional',
       'Wijkteam ' || s.medewerker %% 120,
       '', s.inwoner, s.inwoner * 2, CASE WHEN s.r < 0.5 THEN s.inwoner ELSE NULL END,
       CASE WHEN s.r < 0.7 THEN 'intake' ELSE 'casus' END, s.inwoner * 2,
       CASE WHEN s.r < 0.9 THEN 'bekijken' ELSE 'wijzigen' END,
       CASE WHEN s.r < 0.6 THEN 'routering' ELSE 'toestemming:' || s.inwoner END,
       'Hulpvraag beoordelen', md5(s.g::text), '10.0.0.1'
FROM (SELECT g, 1 + floor(random() * %(inwoners)s)::bigint AS inwoner,
             1 + floor(random() * 1500)::bigint AS medewerker, random() AS r
      FROM generate_series(1, %(n)s) AS g) AS s
"""


def _maanden() -> list[datetime]:
    from django.utils import timezone

    from toegang.audit.partities import maand_begin, maand_verder

    deze = maand_begin(timezone.now())
    return [maand_verder(deze, -n) for n in range(MAANDEN - 1, -1, -1)]


def seed(rows: int, inwoners: int) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection, transaction
    from tqdm import tqdm

    from toegang.audit.partities import maand_verder, maanden_aanmaken
    from toegang.audit.services import toegangslog_partities_aanmaken

    begin = time.monotonic()
    call_command("migrate", verbosity=0)
    maanden = _maanden()
    with transaction.atomic(), connection.cursor() as cursor:
        maanden_aanmaken(cursor, maanden=maanden)
    toegangslog_partities_aanmaken()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_toegangslog")
        er_zijn = cursor.fetchone()[0]
        nodig = max(rows - er_zijn, 0)
        per_maand = nodig // MAANDEN
        with tqdm(total=nodig, unit="rij", desc="toegangslog") as bar:
            for index, maand in enumerate(maanden):
                n = per_maand + (nodig - per_maand * MAANDEN if index == MAANDEN - 1 else 0)
                tot = min(maand_verder(maand), datetime.now(maand.tzinfo))
                cursor.execute(VULLEN, {"van": maand, "tot": tot, "n": n,
                                        "inwoners": inwoners})
                bar.update(n)
        cursor.execute("VACUUM ANALYZE audit_toegangslog")
        cursor.execute("SELECT count(*) FROM audit_toegangslog")
        totaal = cursor.fetchone()[0]
        cursor.execute("""SELECT sum(pg_total_relation_size(inhrelid))
                          FROM pg_inherits WHERE inhparent = 'audit_toegangslog'::regclass""")
        bytes_ = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM pg_inherits "
                       "WHERE inhparent = 'audit_toegangslog'::regclass")
        partitie_aantal = cursor.fetchone()[0]
    return {"rows": totaal, "inwoners": inwoners, "rows_added": nodig,
            "partitions": partitie_aantal,
            "size_gb_with_indexes": round(float(bytes_ or 0) / 1024**3, 2),
            "seed_s": round(time.monotonic() - begin, 1)}


def _privacy_user() -> Any:
    from toegang.accounts.models import Rol, User

    return User.objects.filter(username="bench-privacy").first() or User.objects.create_user(
        username="bench-privacy", rol=Rol.PRIVACY, first_name="Bench", last_name="Privacy")


def measure_search(n: int, inwoners: int, *, periode: bool) -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from toegang.audit.selectors import toegangslog_search

    client = Client()
    login(client, _privacy_user())
    rng = random.Random(18)
    vorige = _maanden()[-2]
    extra = {"van": f"{vorige:%d-%m-%Y}",
             "tot": f"{vorige + timedelta(days=27):%d-%m-%Y}"} if periode else {}
    periode_data = {"van": vorige.date(),
                    "tot": (vorige + timedelta(days=27)).date()} if periode else {}

    def get(inwoner: int) -> None:
        response = client.get("/privacy/toegangslog/", {"inwoner_id": inwoner, **extra})
        assert response.status_code == 200, response.status_code

    with CaptureQueriesContext(connection) as ctx:
        get(rng.randint(1, inwoners))
    queries = len(ctx.captured_queries)
    rijen = []
    samples = []
    for _n in range(n):
        inwoner = rng.randint(1, inwoners)
        begin = time.perf_counter()
        get(inwoner)
        samples.append((time.perf_counter() - begin) * 1000)
        rijen.append(toegangslog_search(inwoner_id=inwoner, **periode_data).count())
        reset_queries()
    return {**stats(samples), "queries": queries,
            "rows_per_resident_avg": round(sum(rijen) / len(rijen), 1),
            "rows_per_resident_max": max(rijen)}


def measure_selector(n: int, inwoners: int) -> dict[str, Any]:
    """The database part of one search page alone: the count and the first 100 rows."""
    from toegang.audit.selectors import toegangslog_search

    rng = random.Random(19)
    samples = []
    for _n in range(n):
        begin = time.perf_counter()
        rows = toegangslog_search(inwoner_id=rng.randint(1, inwoners))
        rows.count()
        list(rows[:100])
        samples.append((time.perf_counter() - begin) * 1000)
    return stats(samples)


def explain(inwoners: int) -> dict[str, Any]:
    """EXPLAIN (ANALYZE, BUFFERS) of the access-log queries one search page sends, taken
    from a real request (with and without a period of one month)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    login(client, _privacy_user())
    inwoner = random.Random(7).randint(1, inwoners)
    vorige = _maanden()[-2]
    plans: dict[str, Any] = {}
    for naam, extra in (("all_months", {}),
                        ("one_month", {"van": f"{vorige:%d-%m-%Y}",
                                       "tot": f"{vorige + timedelta(days=27):%d-%m-%Y}"})):
        with CaptureQueriesContext(connection) as ctx:
            client.get("/privacy/toegangslog/", {"inwoner_id": inwoner, **extra})
        for nummer, query in enumerate(q["sql"] for q in ctx.captured_queries
                                       if "audit_toegangslog" in q["sql"]):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}")
                plan = [regel for (regel,) in cursor.fetchall()]
            plans[f"{naam}_{nummer}"] = {"sql": query, "plan": plan}
            print(f"--- {naam} {nummer}: {query}", *plan, sep="\n", flush=True)
    return plans


def measure_retention() -> dict[str, Any]:
    from dateutil.relativedelta import relativedelta
    from django.db import connection

    from toegang.audit.partities import partities
    from toegang.bewaren.services import toegangslog_delete

    maanden = _maanden()
    peildatum = maanden[2] + timedelta(days=10)
    with connection.cursor() as cursor:
        voor = len(partities(cursor))
        cursor.execute("SELECT count(*) FROM audit_toegangslog WHERE tijdstip < %s",
                       [peildatum])
        weg_totaal = cursor.fetchone()[0]
    begin = time.perf_counter()
    # Every wet at one year: the log's own term is then its minimum of five years.
    rijen = toegangslog_delete(now=peildatum + relativedelta(years=5),
                               jaren={"JEUGDWET": 1, "WMO": 1, "PARTICIPATIEWET": 1})
    duur = (time.perf_counter() - begin) * 1000
    with connection.cursor() as cursor:
        na = len(partities(cursor))
        cursor.execute("SELECT count(*) FROM audit_toegangslog WHERE tijdstip < %s",
                       [peildatum])
        over = cursor.fetchone()[0]
    return {"cut_off": peildatum.isoformat(), "rows_before_cut_off": weg_totaal,
            "partitions_dropped": voor - na, "rows_deleted_row_by_row": rijen,
            "rows_left_before_cut_off": over, "ms": round(duur, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--inwoners", type=int, default=500_000,
                        help="residents the rows are spread over")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    parser.add_argument("--no-retention", action="store_true",
                        help="leave the oldest months in place")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" /
                        "toegangslog.json")
    args = parser.parse_args()
    setup_django(database("toegang_bench_log", fresh=not args.reuse))
    result: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S")}
    result["seed"] = seed(args.rows, args.inwoners)
    print("seeded", result["seed"], flush=True)
    result["machine"] = machine()
    result["search"] = measure_search(args.requests, args.inwoners, periode=False)
    print("search", result["search"], flush=True)
    result["search_one_month"] = measure_search(args.requests, args.inwoners, periode=True)
    print("search, one month", result["search_one_month"], flush=True)
    result["search_selector"] = measure_selector(args.requests, args.inwoners)
    print("search, selector alone", result["search_selector"], flush=True)
    result["plans"] = explain(args.inwoners)
    if not args.no_retention:
        result["retention"] = measure_retention()
        print("retention", result["retention"], flush=True)
    result["targets"] = TARGETS
    result["met"] = {"search_p95": result["search"]["p95_ms"] <= TARGETS["search_p95_ms"]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print("written", args.out, flush=True)


if __name__ == "__main__":
    main()
