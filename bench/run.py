"""Toegang benchmark: seed a PostgreSQL database at a given size, then measure.

    python bench/run.py --size small          # 10,000 intakes (CI, a few minutes)
    python bench/run.py --size large          # 1,000,000 intakes (about an hour to seed)
    python bench/run.py --size large --reuse  # measure again on an existing database

Writes bench/results/<size>.json and the table in docs/performance.md. Server time is measured
in-process with Django's test client (no network), 200 requests per page, with the number of
SQL queries per request. See bench/README.md.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES: dict[str, dict[str, int]] = {
    # For the test suite: proves the benchmark runs end to end, in about a minute.
    "tiny": {"intakes": 1_500, "wijken": 12, "teams": 30, "professionals": 150,
             "casussen": 200, "toegangslog": 2_000, "termijnen": 300, "besluiten": 600},
    "small": {"intakes": 10_000, "wijken": 30, "teams": 120, "professionals": 1_500,
              "casussen": 1_500, "toegangslog": 50_000, "termijnen": 3_000,
              "besluiten": 3_000},
    "large": {"intakes": 1_000_000, "wijken": 30, "teams": 120, "professionals": 1_500,
              "casussen": 60_000, "toegangslog": 5_000_000, "termijnen": 100_000,
              "besluiten": 300_000},
}
TARGETS = {"queue_p50_ms": 50, "queue_p95_ms": 120, "casus_p95_ms": 100, "mijn_p95_ms": 80,
           "dashboard_p95_ms": 300, "naive_ratio": 10, "submissions_per_s": 100,
           "scan_s": 30, "load_p95_ms": 300, "matching_p95_ms": 50, "kosten_p95_ms": 100,
           "dashboard_cold_p95_ms": 300}


def database(name: str, *, fresh: bool) -> str:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres",
                         autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                              [name]).fetchone()
        if fresh and exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "toegang.settings.bench"
    os.environ.setdefault("TOEGANG_VAR_DIR", str(ROOT / "var" / "bench"))
    import django

    django.setup()
    # As the web process does (toegang/wsgi.py).
    from toegang.core.geheugen import web_proces_afstemmen

    web_proces_afstemmen()


def stats(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
            "max_ms": round(ordered[-1], 2)}


def seed(size: dict[str, int]) -> dict[str, Any]:
    from django.core.management import call_command
    from tqdm import tqdm

    from intake.models import Intake
    from toegang.demo.besluiten_bulk import seed_besluiten_bulk
    from toegang.demo.groot import (
        seed_casussen_bulk,
        seed_stad_groot,
        seed_termijnen_bulk,
        seed_toegangslog_bulk,
    )
    from toegang.demo.intakes import seed_intakes_bulk

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    stad = seed_stad_groot(wijken=size["wijken"], teams=size["teams"],
                           professionals=size["professionals"])
    missing = size["intakes"] - Intake.objects.count()
    if missing > 0:
        with tqdm(total=missing, unit="intake", desc="intakes") as bar:
            seed_intakes_bulk(n=missing, batch=10_000, progress=bar.update)
    with tqdm(total=size["casussen"], unit="casus", desc="casussen") as bar:
        seed_casussen_bulk(n_open=size["casussen"], progress=bar.update)
    with tqdm(total=size["termijnen"], unit="termijn", desc="termijnen") as bar:
        seed_termijnen_bulk(n_open=size["termijnen"], progress=bar.update)
    with tqdm(total=size["toegangslog"], unit="rij", desc="toegangslog") as bar:
        seed_toegangslog_bulk(n=size["toegangslog"], progress=bar.update)
    with tqdm(total=size["besluiten"], unit="besluit", desc="besluiten") as bar:
        seed_besluiten_bulk(n=size["besluiten"], progress=bar.update)
    from regie.stuur.refresh import stuurinformatie_refresh

    verversing = stuurinformatie_refresh()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {**stad, "seed_s": round(time.monotonic() - started, 1),
            "stuurinformatie_rebuild_ms": verversing.duur_ms}


def login(client: Any, user: Any) -> None:
    """force_login, and for staff the second login step as if the code was given: pages are
    measured, not the login (staff reach nothing before it, toegang/accounts/middleware.py)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if user.is_medewerker:
        device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True,
                                                     defaults={"name": "bench"})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def timed_get(client: Any, url: str, n: int) -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    # The first request of a fresh login copies the saved queue filters into the session
    # (one read, one session write): count the queries of the page as it is opened all day.
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)
    samples = []
    for _n in range(n):
        begin = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
        reset_queries()
    return {**stats(samples), "queries": queries}


def bench_intakes_afronden() -> int:
    """Take the intakes that earlier runs sent (the submission measure and the load test's
    residents) off the queues, through the same service a professional uses, so a rerun with
    --reuse measures the seeded queue and not one grown by the benchmark itself."""
    from intake.models import Intake, IntakeStatus
    from intake.services import intake_status_set

    ids = list(Intake.objects.open().filter(achternaam__in=["Bench", "Test"],
                                           voornaam__in=["Sanne", "Load"])
               .values_list("pk", flat=True))
    for intake_id in ids:
        intake_status_set(intake_id=intake_id, status=IntakeStatus.AFGEROND)
    return len(ids)


def measure_pages(n: int) -> dict[str, Any]:
    from django.db.models import Count
    from django.test import Client

    from casussen.models import Casus, Notitie
    from intake.models import Intake
    from toegang.accounts.models import User
    from toegang.organisatie.models import Team

    result: dict[str, Any] = {}
    busiest = (Team.objects.annotate(n=Count("intakes")).order_by("-n").first())
    assert busiest is not None
    pro = User.objects.filter(lidmaatschappen__team=busiest, rol="professional").first()
    client = Client()
    login(client, pro)
    result["queue_team"] = {"team": busiest.naam, "intakes_of_team": busiest.n,
                            "professional": pro.username}
    result["queue_first_page"] = timed_get(client, "/werk/?filter=1", n)
    result["queue_filtered"] = timed_get(client, "/werk/?filter=1&urgent=on&zoek=de", n)
    casus = Casus.objects.filter(team=busiest).order_by("id").first()
    regie = casus.regiehouders.get(einde__isnull=True).user
    extra = 200 - (Notitie.objects.filter(casus=casus).count() +
                   casus.contactmomenten.count())
    if extra > 0:
        Notitie.objects.bulk_create([Notitie(casus=casus, tekst=f"Notitie {i}", door=regie)
                                     for i in range(extra)])
    login(client, regie)
    result["casus_page"] = timed_get(client, f"/werk/casussen/{casus.pk}/", n)
    result["casus_page"]["timeline_lines"] = 200
    inwoner = User.objects.get(username="demo.inwoner@example.nl")
    if not Intake.objects.filter(inwoner=inwoner).exists():
        Intake.objects.filter(pk=casus.intake_id).update(inwoner=inwoner)
    login(client, inwoner)
    result["mijn_toegang"] = timed_get(client, "/mijn/", n)
    intake = Intake.objects.filter(inwoner=inwoner).first()
    result["mijn_aanvraag"] = timed_get(client, f"/mijn/aanvragen/{intake.pk}/", n)
    login(client, User.objects.get(username="demo-manager"))
    # The figures are cached per rebuild of the summary tables: the first request after a
    # rebuild computes them (cold), the others read them (the steady state).
    from django.core.cache import cache

    cache.clear()
    begin = time.perf_counter()
    assert client.get("/dashboard/").status_code == 200
    cold_ms = round((time.perf_counter() - begin) * 1000, 1)
    result["dashboard"] = {**timed_get(client, "/dashboard/", n), "cold_ms": cold_ms}
    return result


KOSTEN_TEMPLATE = """{% load besluit_extras %}<table>{% for groep in kosten.per_wet %}
<tbody><tr><th colspan="3">{{ groep.label }}</th></tr>{% for regel in groep.regels %}
<tr><td>{{ regel.product.naam }}</td><td>{{ regel.volume }} {{ regel.get_eenheid_display }}
{{ regel.get_frequentie_display }}</td><td>{% if regel.aanbieder %}{{ regel.aanbieder.naam }}
{% else %}{{ regel.get_levering_display }}{% endif %}</td><td>{{ regel.begindatum|date:"j F Y" }}
</td><td>{{ regel.kosten_per_maand|euro }}</td></tr>{% endfor %}<tr><td>Totaal</td>
<td>{{ groep.per_maand|euro }}</td></tr></tbody>{% endfor %}</table>
<p>{{ kosten.per_maand|euro }}</p><ul>{% for regel in kosten.straks %}<li>{{ regel.product.naam }}
{{ regel.begindatum|date:"j F Y" }} {{ regel.kosten_per_maand|euro }}</li>{% endfor %}</ul>"""


def measure_besluiten(n: int) -> dict[str, Any]:
    """Decisions: the household's costs a regiehouder plans with (the staff page
    `casussen:besluiten` when it exists, else `kosten_van` and a template of the same lines),
    the dashboard's first request after a rebuild (cold, the cache emptied each time), and
    the rebuild of the decisions' summary tables alone."""
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.template import engines
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from casussen.besluit.models import Beschikking, Toekenning
    from casussen.besluit.selectors import kosten_van
    from casussen.models import Casus
    from regie.stuur.refresh_besluit import besluiten
    from toegang.accounts.models import User

    result: dict[str, Any] = {
        "beschikkingen": Beschikking.objects.count(), "regels": Toekenning.objects.count()}
    casus = Casus.objects.annotate(n=Count("beschikkingen__toekenningen")).order_by(
        "-n", "id").first()
    assert casus is not None
    try:
        url = reverse("casussen:besluiten", args=[casus.pk])
    except NoReverseMatch:
        url = ""
    fout = ""
    if url:
        client = Client()
        login(client, casus.regiehouders.get(einde__isnull=True).user)
        try:
            result["kosten"] = {**timed_get(client, url, n), "how": f"GET {url}"}
        except Exception as error:  # the page is another change in progress: say so
            fout = f"GET {url} failed: {type(error).__name__}: {error}"[:300]
            print(fout, flush=True)
    if "kosten" not in result:
        template = engines["django"].from_string(KOSTEN_TEMPLATE)

        def page() -> str:
            return template.render({"kosten": kosten_van(casus=casus)})

        with CaptureQueriesContext(connection) as ctx:
            page()
        samples = []
        for _n in range(n):
            begin = time.perf_counter()
            page()
            samples.append((time.perf_counter() - begin) * 1000)
        result["kosten"] = {**stats(samples), "queries": len(ctx.captured_queries),
                            "how": "kosten_van + template (no working staff page "
                                   "casussen:besluiten)", "page_error": fout}
    result["kosten"]["regels_van_casus"] = casus.n
    client = Client()
    login(client, User.objects.get(username="demo-manager"))
    samples, queries = [], 0
    for i in range(max(n // 4, 20)):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            begin = time.perf_counter()
            assert client.get("/dashboard/").status_code == 200
            samples.append((time.perf_counter() - begin) * 1000)
        queries = len(ctx.captured_queries) if i == 0 else queries
    result["dashboard_cold"] = {**stats(samples), "queries": queries}
    begin = time.perf_counter()
    rijen = sum(1 for _r in besluiten(timezone.now()))
    result["refresh"] = {"ms": round((time.perf_counter() - begin) * 1000), "rows": rijen}
    return result


def measure_naive(n: int) -> dict[str, Any]:
    """The same queue the way most Django projects would: django-guardian's
    get_objects_for_user on its default generic permission tables, no select_related, a full
    count and the list evaluated in Python."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from guardian.models import GroupObjectPermission, UserObjectPermission
    from guardian.shortcuts import get_objects_for_user

    from casussen.selectors import Filters, werkvoorraad_page
    from intake.models import Intake
    from toegang.accounts.models import User
    from toegang.organisatie.models import Team

    ct = ContentType.objects.get_for_model(Intake)
    if not GroupObjectPermission.objects.filter(content_type=ct).exists():
        with connection.cursor() as cursor:
            # The same valid grants, to teams and to people (guardian has no end date).
            cursor.execute(
                "INSERT INTO guardian_groupobjectpermission "
                "(object_pk, content_type_id, group_id, permission_id) "
                "SELECT content_object_id::text, %s, group_id, permission_id "
                "FROM intake_intakegroupobjectpermission "
                "WHERE geldig_tot IS NULL OR geldig_tot > now()", [ct.pk])
            cursor.execute(
                "INSERT INTO guardian_userobjectpermission "
                "(object_pk, content_type_id, user_id, permission_id) "
                "SELECT content_object_id::text, %s, user_id, permission_id "
                "FROM intake_intakeuserobjectpermission "
                "WHERE geldig_tot IS NULL OR geldig_tot > now()", [ct.pk])
            cursor.execute("ANALYZE guardian_groupobjectpermission")
            cursor.execute("ANALYZE guardian_userobjectpermission")
    from django.db.models import Count

    busiest = Team.objects.annotate(n=Count("intakes")).order_by("-n").first()
    pro = User.objects.filter(lidmaatschappen__team=busiest, rol="professional").first()

    def naive() -> int:
        import guardian.shortcuts as shortcuts

        saved = (shortcuts.get_user_obj_perms_model, shortcuts.get_group_obj_perms_model)
        # Force guardian's default generic tables instead of our direct foreign keys.
        shortcuts.get_user_obj_perms_model = lambda *a, **k: UserObjectPermission
        shortcuts.get_group_obj_perms_model = lambda *a, **k: GroupObjectPermission
        try:
            qs = (get_objects_for_user(pro, "intake.view_intake", klass=Intake,
                                       use_groups=True, with_superuser=False,
                                       accept_global_perms=False)
                  .exclude(status="afgerond").order_by("-urgentie", "ingediend_op", "id"))
            total = qs.count()
            rows = list(qs)[:25]
            for row in rows:  # what a template would touch, one query each
                _ = (row.team.naam, row.wijk.naam if row.wijk_id else "")
            return total
        finally:
            shortcuts.get_user_obj_perms_model, shortcuts.get_group_obj_perms_model = saved

    def ours() -> int:
        # The queue as the werkvoorraad page answers it: total and first page.
        page = werkvoorraad_page(user=pro, filters=Filters(), pagina=1)
        total = page.paginator.count
        for row in page.object_list:
            _ = (row.team.naam, row.wijk.naam if row.wijk_id else "")
        return total

    result = {}
    for name, func in (("naive", naive), ("ours", ours)):
        func()
        samples = []
        for _n in range(max(n // 10, 20)):
            begin = time.perf_counter()
            count = func()
            samples.append((time.perf_counter() - begin) * 1000)
        result[name] = {**stats(samples), "rows": count}
    result["ratio"] = round(result["naive"]["p50_ms"] / max(result["ours"]["p50_ms"], 0.001), 1)
    return result


def _submit_for(seconds: float) -> tuple[int, float]:
    """Submit intakes through the real services for `seconds`; (count, elapsed)."""
    import datetime as dt
    import uuid

    from django.db import transaction

    from intake.gegevens import IntakeGegevens, ToestemmingKeuze
    from intake.services import intake_submit
    from intake.wizard.services import bevestiging_send

    gegevens = IntakeGegevens(voornaam="Sanne", achternaam="Bench",
                              geboortedatum=dt.date(1985, 4, 12), vraag="Ik heb hulp nodig.",
                              postcode="7511 AB", straat="Dorpsstraat 1", woonplaats="Dijkstad",
                              email="bench@example.nl", levensgebieden=["financien"])
    count, begin = 0, time.perf_counter()
    while time.perf_counter() - begin < seconds:
        with transaction.atomic():
            intake = intake_submit(gegevens=gegevens, kanaal="online",
                                   indien_sleutel=uuid.uuid4(),
                                   toestemmingen=[ToestemmingKeuze(wet="JEUGDWET", akkoord=True)])
            bevestiging_send(intake=intake)
        count += 1
    return count, time.perf_counter() - begin


def _submit_worker(seconds: float) -> tuple[int, float]:
    from django.db import connections

    connections.close_all()  # a forked process needs its own connection
    return _submit_for(seconds)


def measure_submissions(seconds: float, processes: int = 4) -> dict[str, Any]:
    """Intakes per second through the real service (routing, consents, grants, clocks,
    access log) and the confirmation e-mail put in the outbox and published to Redis: one
    process alone, and `processes` at once (as web workers would take them)."""
    import multiprocessing

    from django.db import connections

    count, elapsed = _submit_for(seconds)
    alone = round(count / elapsed, 1)
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        runs = pool.map(_submit_worker, [seconds] * processes)
    total = sum(c for c, _e in runs)
    longest = max(e for _c, e in runs)
    return {"intakes": count + total, "seconds": round(seconds, 1),
            "one_process_per_second": alone, "processes": processes,
            "per_second": round(total / longest, 1)}


def measure_scan() -> dict[str, Any]:
    from django.db import connection
    from django.utils import timezone

    from regie.termijnen.models import Termijn
    from regie.termijnen.services import herinneringen_scan

    # Make a fifth of the open clocks due now, as if their reminders had never gone out, so
    # every run (also with --reuse) measures the same amount of work.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM regie_herinnering")
        cursor.execute("DELETE FROM berichten_notificatie WHERE soort LIKE 'termijn_%'")
        cursor.execute("DELETE FROM berichten_email WHERE sleutel LIKE 'herinnering:%'")
        cursor.execute("UPDATE regie_termijn SET volgende_herinnering_op = now() "
                       "- (id % 3600) * interval '1 second' WHERE status = 'lopend' AND id % 5 = 0")
        cursor.execute("ANALYZE regie_termijn")
    open_clocks = Termijn.objects.filter(status="lopend").count()
    due = Termijn.objects.filter(status="lopend",
                                 volgende_herinnering_op__lte=timezone.now()).count()
    begin = time.perf_counter()
    result = herinneringen_scan()
    first = time.perf_counter() - begin
    begin = time.perf_counter()
    herinneringen_scan()
    idle = time.perf_counter() - begin
    return {"open_termijnen": open_clocks, "due": due, "reminders": result.herinneringen,
            "scan_s": round(first, 2), "idle_scan_ms": round(idle * 1000, 1)}


def measure_withdrawal() -> dict[str, Any]:
    """Time from the resident's withdrawal until the other team's next request is refused."""
    from django.test import Client

    from intake.models import Toestemming
    from intake.services import toestemming_give, toestemming_withdraw
    from toegang.accounts.models import User
    from toegang.organisatie.selectors import teams_serving

    consent = Toestemming.objects.filter(status="gegeven", intake__wijk__isnull=False) \
        .select_related("intake").first()
    intake = consent.intake
    team = teams_serving(wijk=intake.wijk, wet=consent.wet).first()
    reader = User.objects.filter(lidmaatschappen__team=team, rol="professional").first()
    client = Client()
    login(client, reader)
    assert client.get(f"/werk/intakes/{intake.pk}/").status_code == 200
    samples = []
    for _n in range(20):
        begin = time.perf_counter()
        toestemming_withdraw(toestemming=consent, user=None)
        refused = client.get(f"/werk/intakes/{intake.pk}/").status_code == 404
        samples.append((time.perf_counter() - begin) * 1000)
        assert refused
        consent = toestemming_give(intake=intake, wet=consent.wet, user=None)
    return {**stats(samples), "refused_on_next_request": True}


def warm_up(base: str, timeout: float = 60) -> None:
    """Wait until gunicorn answers, then send each worker its first requests (Django loads
    URLs, templates and translations on first use: ~300 ms each), as a server that has been
    up for a while would have done. Public pages only: no login is used up."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(base + "/health/", timeout=5).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    paths = ["/", "/hulp-vragen/", "/medewerker/inloggen/", "/inloggen/"] * 16
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda path: urllib.request.urlopen(base + path, timeout=30).read(),
                      paths))


def vrije_poort() -> int:
    """A free TCP port on loopback for a server the benchmark starts."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load_test(seconds: int, users: int) -> dict[str, Any]:
    """Locust against gunicorn on loopback: professionals working queues and cases, residents
    reading Mijn toegang and sending intakes."""
    port = vrije_poort()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toegang.settings.bench"}
    venv_bin = Path(sys.executable).parent
    gunicorn = subprocess.Popen(
        [str(venv_bin / "gunicorn"), "toegang.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "4", "--threads", "2", "--log-level", "warning",
         # Longer than Locust's pauses (at most 5 s): with gunicorn's default of 2 s the
         # server closes an idle connection just as the client reuses it (a reset).
         "--keep-alive", "10"],
        cwd=ROOT, env=env)
    csv = ROOT / "var" / "bench" / "locust"
    csv.parent.mkdir(parents=True, exist_ok=True)
    try:
        warm_up(f"http://127.0.0.1:{port}")
        # Users arrive over ten seconds (5 per second), as a shift starts, not in one burst.
        subprocess.run([str(venv_bin / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
                        "--headless", "-u", str(users), "-r", str(max(users // 10, 1)),
                        "-t", f"{seconds}s", "--host", f"http://127.0.0.1:{port}",
                        "--csv", str(csv), "--only-summary"], cwd=ROOT, env=env, check=False,
                       capture_output=True, timeout=seconds + 120)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    import csv as csvmod

    rows = list(csvmod.DictReader((csv.parent / "locust_stats.csv").open()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return {"users": users, "seconds": seconds, "requests": int(total["Request Count"]),
            "failures": int(total["Failure Count"]),
            "requests_per_s": round(float(total["Requests/s"]), 1),
            "p50_ms": float(total["50%"]), "p95_ms": float(total["95%"]),
            "max_ms": round(float(total["Max Response Time"]), 1),
            "per_endpoint": {r["Name"]: {"requests": int(r["Request Count"]),
                                         "p95_ms": float(r["95%"])}
                             for r in rows if r["Name"] != "Aggregated"}}


def machine() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    cpu = next((line.split(":")[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    return {"cpus": os.cpu_count(), "cpu": cpu, "ram_gb": round(int(mem) / 1024 / 1024, 1),
            "python": platform.python_version(), "postgresql": pg,
            "platform": platform.platform()}


def verdict(r: dict[str, Any]) -> dict[str, bool]:
    return {
        "queue_p50": r["pages"]["queue_first_page"]["p50_ms"] <= TARGETS["queue_p50_ms"],
        "queue_p95": r["pages"]["queue_first_page"]["p95_ms"] <= TARGETS["queue_p95_ms"],
        "casus_p95": r["pages"]["casus_page"]["p95_ms"] <= TARGETS["casus_p95_ms"],
        "mijn_p95": r["pages"]["mijn_toegang"]["p95_ms"] <= TARGETS["mijn_p95_ms"],
        "dashboard_p95": r["pages"]["dashboard"]["p95_ms"] <= TARGETS["dashboard_p95_ms"],
        "naive_ratio": r["naive"]["ratio"] >= TARGETS["naive_ratio"],
        "submissions": r["submissions"]["per_second"] >= TARGETS["submissions_per_s"],
        "scan": r["scan"]["scan_s"] <= TARGETS["scan_s"],
        "load_p95": r.get("load", {}).get("p95_ms", 0) <= TARGETS["load_p95_ms"],
        "load_errors": r.get("load", {}).get("failures", 0) == 0,
        "matching_p95": r["matching"]["lookup"]["p95_ms"] <= TARGETS["matching_p95_ms"],
        # kandidaten_voor only reads: every link is made by a professional.
        "matching_no_writes": r["matching"]["lookup"]["writes"] == 0
        == r["matching"]["quality"]["writes"],
        "kosten_p95": r["besluiten"]["kosten"]["p95_ms"] <= TARGETS["kosten_p95_ms"],
        "dashboard_cold_p95": r["besluiten"]["dashboard_cold"]["p95_ms"]
        <= TARGETS["dashboard_cold_p95_ms"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=2000,
                        help="labelled pairs for the quality of matching")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-users", type=int, default=50)
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--seed-only", action="store_true",
                        help="seed (or top up) the database and stop")
    parser.add_argument("--out", type=Path, help="where to write the JSON (default "
                        "bench/results/<size>.json, which also updates docs/performance.md)")
    args = parser.parse_args()
    size = SIZES[args.size]
    url = database(f"toegang_bench_{args.size}", fresh=not args.reuse)
    setup_django(url)
    result: dict[str, Any] = {"size": args.size, "counts": size,
                              "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    result["seed"] = seed(size)
    print("seeded", result["seed"], flush=True)
    if args.seed_only:
        return
    result["machine"] = machine()
    print("bench intakes of earlier runs taken off the queues:", bench_intakes_afronden(),
          flush=True)
    result["pages"] = measure_pages(args.requests)
    print("pages", json.dumps(result["pages"], indent=1), flush=True)
    result["besluiten"] = measure_besluiten(args.requests)
    print("besluiten", json.dumps(result["besluiten"], indent=1), flush=True)
    result["naive"] = measure_naive(args.requests)
    print("naive", result["naive"], flush=True)
    result["scan"] = measure_scan()
    print("scan", result["scan"], flush=True)
    result["withdrawal"] = measure_withdrawal()
    # Before the submission measure, whose thousands of identical requests are no resident.
    from bench.matching import measure_matching

    result["matching"] = measure_matching(n=args.requests, paren=args.pairs)
    print("matching", json.dumps(result["matching"], indent=1), flush=True)
    result["submissions"] = measure_submissions({"tiny": 3, "small": 10}.get(args.size, 20))
    print("submissions", result["submissions"], flush=True)
    if not args.no_load:
        result["load"] = load_test(args.load_seconds, args.load_users)
        print("load", {k: v for k, v in result["load"].items() if k != "per_endpoint"},
              flush=True)
    result["targets"] = TARGETS
    result["met"] = verdict(result)
    out = args.out or ROOT / "bench" / "results" / f"{args.size}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=str) + "\n")
    if args.out is None:
        from bench.report import write_report

        write_report()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
