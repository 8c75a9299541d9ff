"""Benchmark of the REST API (/api/v1/), on the benchmark database of a size.

    python bench/api.py --size small            # seeds toegang_bench_small if needed
    python bench/api.py --size large --reuse    # on the 1,000,000-intake database of run.py

Measures, in-process with DRF's test client (no network, the whole middleware stack, the
key check and the throttle on the shared cache):

1. referrals POSTed by a referrer's system: per second with one process and with 4 processes
   at once (as 4 gunicorn workers would take them), each through the referral form's checks
   and the same service as the portal (target: 100/s);
2. GET /api/v1/stuurinformatie for a manager's client: p50/p95 over repeated calls with the
   default filters (served from the dashboard's cache after the first), and the first call
   per filter set (cold: the figures computed and protected) (target: p95 100 ms);
3. GET /api/v1/besluiten (first page) for a client acting as a professional: p95.

Writes bench/results/api-<size>.json; docs/performance.md quotes it.
"""

import argparse
import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import SIZES, database, machine, seed, setup_django, stats  # noqa: E402

TARGETS = {"verwijzingen_per_s": 100, "stuurinformatie_p95_ms": 100}
BODY = {"voornaam": "Sanne", "achternaam": "Bench", "geboortedatum": "12-04-1985",
        "straat": "Dorpsstraat 1", "postcode": "7511 AB", "woonplaats": "Dijkstad",
        "telefoon": "06 12345678", "contactVoorkeur": "telefoon", "overKind": False,
        "vraag": "Mevrouw zoekt hulp bij haar administratie.", "veiligheid": "veilig",
        "urgentie": "normaal", "verwijzerPersoon": "Dr. Bench", "inwonerAkkoord": True}


def _clients() -> dict[str, str]:
    """One client per kind, with fresh keys (the benchmark's own accounts)."""
    from intake.verwijzing.services import verwijzer_create
    from toegang.accounts.models import Rol, User
    from toegang.api.models import ApiClient, Scope
    from toegang.api.services import client_create

    ApiClient.objects.filter(naam__startswith="bench-").delete()
    verwijzer = (User.objects.filter(username="bench-verwijzer").first()
                 or verwijzer_create(username="bench-verwijzer", email="b@example.nl",
                                     first_name="Bench", last_name="Huisarts",
                                     organisatie="Praktijk Bench", soort="huisarts",
                                     agb_code="01999999").user)
    manager = User.objects.filter(rol=Rol.MANAGER).first() or User.objects.create_user(
        username="bench-manager", rol=Rol.MANAGER)
    professional = User.objects.filter(rol=Rol.PROFESSIONAL, teams__isnull=False).first()
    sleutels = {}
    for naam, account, scope in (("verwijzer", verwijzer, Scope.VERWIJZINGEN_SCHRIJVEN),
                                 ("manager", manager, Scope.STUURINFORMATIE_LEZEN),
                                 ("professional", professional, Scope.BESLUITEN_LEZEN)):
        sleutels[naam] = client_create(naam=f"bench-{naam}", organisatie="Bench",
                                       account=account, scopes=[scope],
                                       per_minuut=1_000_000)[1]
    return sleutels


def _api(sleutel: str) -> Any:
    from rest_framework.test import APIClient

    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Api-Key {sleutel}")
    return http


def _post_for(sleutel: str, seconds: float) -> tuple[int, float]:
    http = _api(sleutel)
    count, begin = 0, time.perf_counter()
    while time.perf_counter() - begin < seconds:
        response = http.post("/api/v1/verwijzingen", BODY, format="json",
                             headers={"Idempotency-Key": str(uuid.uuid4())})
        assert response.status_code == 201, response.content
        count += 1
    return count, time.perf_counter() - begin


def _post_worker(args: tuple[str, float]) -> tuple[int, float]:
    from django.db import connections

    connections.close_all()
    return _post_for(*args)


def measure_verwijzingen(sleutel: str, seconds: float, processes: int = 4) -> dict[str, Any]:
    import multiprocessing

    from django.db import connections

    count, elapsed = _post_for(sleutel, seconds)
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        runs = pool.map(_post_worker, [(sleutel, seconds)] * processes)
    total = sum(c for c, _e in runs)
    return {"seconds": seconds, "one_process_per_second": round(count / elapsed, 1),
            "processes": processes, "per_second": round(total / max(e for _c, e in runs), 1)}


def _timed(http: Any, url: str, n: int) -> dict[str, Any]:
    first = time.perf_counter()
    response = http.get(url)
    first_ms = (time.perf_counter() - first) * 1000
    assert response.status_code == 200, (url, response.content[:300])
    samples = []
    for _n in range(n):
        begin = time.perf_counter()
        assert http.get(url).status_code == 200
        samples.append((time.perf_counter() - begin) * 1000)
    # (query counts are asserted by the tests in tests/api/, flat as rows grow)
    return {**stats(samples), "first_ms": round(first_ms, 1)}


def measure_stuurinformatie(sleutel: str, n: int) -> dict[str, Any]:
    from django.core.cache import cache

    from toegang.core.domein import Wet

    http = _api(sleutel)
    warm = _timed(http, "/api/v1/stuurinformatie", n)
    cold = []
    for wet in Wet.values:  # each filter set computed once, then served from the cache
        cache.clear()
        begin = time.perf_counter()
        assert http.get(f"/api/v1/stuurinformatie?wet={wet}").status_code == 200
        cold.append((time.perf_counter() - begin) * 1000)
    return {"warm": warm, "cold_ms": [round(c, 1) for c in cold]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    url = database(f"toegang_bench_{args.size}", fresh=not args.reuse)
    setup_django(url)
    result: dict[str, Any] = {"size": args.size, "started": time.strftime("%Y-%m-%d %H:%M:%S"),
                              "machine": machine()}
    from intake.models import Intake

    if not args.reuse or not Intake.objects.exists():
        result["seed"] = seed(SIZES[args.size])
    result["intakes"] = Intake.objects.count()
    sleutels = _clients()
    result["stuurinformatie"] = measure_stuurinformatie(sleutels["manager"], args.requests)
    print("stuurinformatie", result["stuurinformatie"], flush=True)
    result["besluiten"] = _timed(_api(sleutels["professional"]), "/api/v1/besluiten",
                                 args.requests)
    print("besluiten", result["besluiten"], flush=True)
    result["verwijzingen"] = measure_verwijzingen(sleutels["verwijzer"], args.seconds)
    print("verwijzingen", result["verwijzingen"], flush=True)
    result["targets"] = TARGETS
    result["met"] = {
        "verwijzingen_per_s": result["verwijzingen"]["per_second"] >= TARGETS[
            "verwijzingen_per_s"],
        "stuurinformatie_p95_ms": result["stuurinformatie"]["warm"]["p95_ms"] <= TARGETS[
            "stuurinformatie_p95_ms"]}
    out = ROOT / "bench" / "results" / f"api-{args.size}.json"
    out.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"wrote {out}", result["met"])


if __name__ == "__main__":
    main()
