"""Capacity run: how many people one small machine serves.

    python bench/capacity.py --size large                 # gunicorn with 1 and with 2 processes
    python bench/capacity.py --size large --workers 4     # one more row, e.g. for the mixed load

Against gunicorn started as the Kubernetes web pod starts it (toegang/deploy/kubernetes/base/
web.yaml: sync workers, the metrics hooks), Locust (bench/locustfile.py) ramps simulated
people in steps: professionals working queues and cases, residents sending intakes, residents
reading Mijn toegang, managers on the dashboard. Each step starts fresh users, lets them all
arrive, then measures for `--step-seconds` (Locust's statistics reset once every user is
there). The run stops at the first step whose p95 passes 300 ms or that has an error; the
step before it is the capacity: the highest sustained requests per second and users.

Reuses the database of `bench/run.py --size <size>` (seed it first). Writes the result into
`bench/results/<size>.json` under "capacity" (the rest of the file is kept) and rewrites the
table in docs/performance.md. Locust runs on the same machine and takes its share of the
cores; the result says how much.
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import database, setup_django, vrije_poort, warm_up  # noqa: E402

P95_GRENS_MS = 300
STAPPEN = [10, 20, 40, 60, 80, 100, 130, 160, 200, 250, 300, 400, 500, 650, 800]
# The four kinds of people, as Locust user classes (their weights are in the locustfile).
GEBRUIKERS = ["Professional", "Resident", "Reader", "Manager"]
BENCH_INWONERS = 200


def sessies_maken(pad: Path, *, inwoners: int = BENCH_INWONERS, managers: int = 20) -> dict:
    """Logged-in sessions for residents (each with a request that has a casus and one that
    has none) and managers, written to `pad` for the locustfile."""
    from django.conf import settings
    from django.test import Client

    from bench.run import login
    from casussen.models import Casus
    from intake.models import Intake
    from toegang.accounts.models import Rol, User

    bestaand = list(User.objects.filter(username__startswith="bench.inwoner.")
                    .order_by("pk"))
    for i in range(len(bestaand), inwoners):
        bestaand.append(User.objects.create_user(
            username=f"bench.inwoner.{i}@example.nl", email=f"bench.inwoner.{i}@example.nl",
            rol=Rol.INWONER, first_name="Bench", last_name=f"Lezer {i}"))
    met_casus = list(Casus.objects.order_by("pk").values_list("intake_id", flat=True)
                     [:inwoners])
    zonder = list(Intake.objects.filter(casus__isnull=True, inwoner__isnull=True)
                  .order_by("pk").values_list("pk", flat=True)[:inwoners])
    lijst = []
    client = Client()
    for i, user in enumerate(bestaand[:inwoners]):
        Intake.objects.filter(pk__in=met_casus[i:i + 1] + zonder[i:i + 1]).update(inwoner=user)
        eigen = list(Intake.objects.filter(inwoner=user).values_list("pk", flat=True)[:5])
        login(client, user)
        lijst.append({"sessie": client.cookies[settings.SESSION_COOKIE_NAME].value,
                      "aanvragen": eigen})
    manager = User.objects.get(username="demo-manager")
    sessies = []
    for _i in range(managers):
        client = Client()
        login(client, manager)
        sessies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    inhoud = {"cookie": settings.SESSION_COOKIE_NAME, "inwoners": lijst, "managers": sessies}
    pad.write_text(json.dumps(inhoud))
    return {"inwoners": len(lijst), "managers": len(sessies)}


def _machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far (/proc/stat)."""
    velden = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    tik = os.sysconf("SC_CLK_TCK")
    idle = velden[3] + velden[4]
    return (sum(velden) - idle) / tik, sum(velden) / tik


def stap(host: str, users: int, seconds: int, env: dict[str, str], map_: Path
         ) -> dict[str, Any]:
    """One step: `users` people arrive over at most 10 s, then `seconds` of measuring."""
    venv_bin = Path(sys.executable).parent
    prefix = map_ / f"stap-{users}"
    begin_locust = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin_busy, begin_total = _machine_cpu()
    begin = time.monotonic()
    locust = subprocess.Popen(
        [str(venv_bin / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), *GEBRUIKERS,
         "--headless", "-u", str(users), "-r", str(max(users // 10, 1)),
         "-t", f"{seconds + 10}s", "--reset-stats", "--host", host, "--csv", str(prefix),
         "--only-summary"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)
    _out, err = locust.communicate(timeout=seconds + 180)
    wall = time.monotonic() - begin
    eind_busy, eind_total = _machine_cpu()
    eind_locust = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Locust has ended (a waited-for child); gunicorn runs on, so it is not in these figures.
    locust_cpu = (eind_locust.ru_utime + eind_locust.ru_stime
                  - begin_locust.ru_utime - begin_locust.ru_stime)
    rijen = _csv(Path(f"{prefix}_stats.csv"))
    totaal = next(r for r in rijen if r["Name"] == "Aggregated")
    fouten = _csv(Path(f"{prefix}_failures.csv"))
    return {
        "users": users, "requests": int(totaal["Request Count"]),
        "failures": int(totaal["Failure Count"]),
        "requests_per_s": round(float(totaal["Requests/s"]), 1),
        "p50_ms": _ms(totaal["50%"]), "p95_ms": _ms(totaal["95%"]),
        "p99_ms": _ms(totaal["99%"]),
        "per_endpoint": {r["Name"]: {"requests": int(r["Request Count"]),
                                     "p95_ms": _ms(r["95%"])}
                         for r in rijen if r["Name"] != "Aggregated"},
        "errors": [f"{f['Method']} {f['Name']}: {f['Error']} ×{f['Occurrences']}"
                   for f in fouten][:5],
        "locust_rc": locust.returncode, "locust_stderr": err.decode()[-300:]
        if locust.returncode not in (0, 1) else "",
        "wall_s": round(wall, 1),
        # How busy the machine's cores were, and Locust's own part of it.
        "machine_cpu_busy": round((eind_busy - begin_busy) / (eind_total - begin_total), 2),
        "locust_cpu_share": round(locust_cpu / (eind_total - begin_total), 2),
    }


def _ms(waarde: str) -> float:
    """Locust writes N/A for a name without requests in the measured part."""
    return float(waarde) if waarde not in ("", "N/A") else 0.0


def _csv(pad: Path) -> list[dict[str, str]]:
    with pad.open() as f:
        return list(csv.DictReader(f))


def ramp(workers: int, *, seconds: int, stappen: list[int], sessies: Path,
         threads: int = 1) -> dict[str, Any]:
    """Start gunicorn with `workers` processes (each with `threads` threads: more than one
    is gunicorn's gthread worker) and ramp until p95 > 300 ms or an error."""
    poort = vrije_poort()
    host = f"http://127.0.0.1:{poort}"
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toegang.settings.bench",
               "TOEGANG_BENCH_SESSIES": str(sessies),
               "PROMETHEUS_MULTIPROC_DIR": str(map_ / "prometheus")}
        venv_bin = Path(sys.executable).parent
        # The web pod's command (web.yaml), on loopback, with `workers` processes.
        gunicorn = subprocess.Popen(
            [str(venv_bin / "gunicorn"), "toegang.wsgi", "-c", "python:toegang.metriek.gunicorn",
             "--bind", f"127.0.0.1:{poort}", "--workers", str(workers),
             # gthread keeps connections open; longer than Locust's pauses, or the server
             # closes one just as the client reuses it (a reset, not the app's error).
             *(["--threads", str(threads), "--keep-alive", "10"] if threads > 1 else []),
             "--log-level", "warning"], cwd=ROOT, env=env)
        resultaten: list[dict[str, Any]] = []
        try:
            warm_up(host)
            for users in stappen:
                r = stap(host, users, seconds, env, map_)
                r["met"] = r["p95_ms"] <= P95_GRENS_MS and r["failures"] == 0
                resultaten.append(r)
                print(f"  {workers} proc × {threads} threads, {users:4d} users: "
                      f"{r['requests_per_s']:6.1f} req/s, "
                      f"p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, "
                      f"{r['failures']} errors", flush=True)
                if not r["met"]:
                    break
        finally:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
    goed = [r for r in resultaten if r["met"]]
    beste = max(goed, key=lambda r: r["requests_per_s"]) if goed else None
    return {"gunicorn_workers": workers, "threads": threads, "step_seconds": seconds,
            "steps": resultaten,
            "sustained": {"users": beste["users"], "requests_per_s": beste["requests_per_s"],
                          "p95_ms": beste["p95_ms"]} if beste else None,
            "stopped_by": None if len(goed) == len(resultaten) else
            ("errors" if resultaten[-1]["failures"] else "p95")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="large")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per gunicorn process (gthread); the pods run 1 (sync)")
    parser.add_argument("--add", action="store_true",
                        help="add these runs to the capacity result already in the file")
    parser.add_argument("--step-seconds", type=int, default=40)
    parser.add_argument("--steps", type=int, nargs="+", default=STAPPEN)
    parser.add_argument("--out", type=Path, help="write here instead of bench/results/<size>.json "
                        "(and leave the docs alone)")
    args = parser.parse_args()
    setup_django(database(f"toegang_bench_{args.size}", fresh=False))
    from bench.run import bench_intakes_afronden, machine

    print("bench intakes of earlier runs taken off the queues:", bench_intakes_afronden(),
          flush=True)
    sessies = ROOT / "var" / "bench" / "sessies.json"
    sessies.parent.mkdir(parents=True, exist_ok=True)
    gemaakt = sessies_maken(sessies)
    resultaat: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S"),
                                 "machine": machine(), "people": gemaakt,
                                 "p95_limit_ms": P95_GRENS_MS, "runs": []}
    for workers in args.workers:
        resultaat["runs"].append(ramp(workers, seconds=args.step_seconds, stappen=args.steps,
                                      sessies=sessies, threads=args.threads))
    out = args.out or ROOT / "bench" / "results" / f"{args.size}.json"
    bestaand = json.loads(out.read_text()) if out.exists() else {"size": args.size}
    if args.add and "capacity" in bestaand:
        bestaand["capacity"]["runs"] += resultaat["runs"]
    else:
        bestaand["capacity"] = resultaat
    out.write_text(json.dumps(bestaand, indent=2, default=str) + "\n")
    if args.out is None:
        from bench.report import write_report

        write_report()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
