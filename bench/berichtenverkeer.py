"""Benchmark of the berichtenverkeer (iWmo/iJw 3.2), on a scratch PostgreSQL database.

    python bench/berichtenverkeer.py              # 10,000 messages each way (about 2 minutes)
    python bench/berichtenverkeer.py --n 1000     # smaller
    python bench/berichtenverkeer.py --keep       # leave toegang_bench_berichten behind

Seeds a city (bulk seeders of toegang/demo), casussen with a BSN and decisions with natura
lines, then measures, single process, the real code paths:

1. generating 10,000 301s: per toewijzing the message is built, validated against its XSD,
   encrypted and written to the outbox in its own transaction (target: 30 s);
2. sending them through the folder transport (written atomically into uit/);
3. receiving 10,000 messages a month of a large city brings (the simulator's 302 and 305 on
   most 301s, plus verzoeken om toewijzing, 315): picked up from in/, parsed safely,
   validated, stored, acted on (retour closed, care started, a task with its clock) and each
   heen message answered with its retour into the outbox (target: 60 s).

Writes bench/results/berichtenverkeer.json; docs/performance.md quotes it.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NAME = "toegang_bench_berichten"
SERVER = "postgresql://postgres@127.0.0.1:5432"
TARGETS = {"genereren_s": 30, "ontvangen_s": 60}


def _database(*, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{NAME}"')


def _seed(n: int) -> list[int]:
    """Toekenningen in natura with a provider, on casussen whose intake has a BSN."""
    from django.core.management import call_command

    from casussen.besluit.models import Levering, Toekenning
    from casussen.models import Casus
    from intake.models import Intake
    from toegang.core.bsn import bsn_encrypt, bsn_hash
    from toegang.demo.besluiten_bulk import seed_besluiten_bulk
    from toegang.demo.groot import seed_casussen_bulk, seed_stad_groot
    from toegang.demo.intakes import seed_intakes_bulk
    from toegang.demo.personen import bsn_uit_volgnummer

    call_command("migrate", verbosity=0)
    seed_stad_groot(wijken=10, teams=30, professionals=200)
    seed_intakes_bulk(n=max(n // 2, 2_000), batch=10_000)
    seed_casussen_bulk(n_open=max(n // 4, 1_000))
    seed_besluiten_bulk(n=n)
    for pk in Casus.objects.values_list("intake_id", flat=True):
        bsn = bsn_uit_volgnummer(5_000_000 + pk)
        Intake.objects.filter(pk=pk).update(bsn_versleuteld=bsn_encrypt(bsn),
                                            bsn_hash=bsn_hash(bsn))
    regels = list(Toekenning.objects.filter(
        levering=Levering.NATURA, besluit="toegekend", aanbieder__isnull=False,
        beschikking__wet__in=["WMO", "JEUGDWET"]).exclude(product__productcode="")
        .order_by("id").values_list("id", flat=True))
    return (regels * (n // max(len(regels), 1) + 1))[:n]


def _genereren(regels: list[int]) -> dict[str, Any]:
    from django.db import transaction
    from django.utils import timezone

    from casussen.besluit.models import Toekenning
    from casussen.toewijzing.models import Toewijzing
    from casussen.toewijzing.toewijzen import _stuur_301, client_van, omvang_van

    toekenningen = {t.pk: t for t in Toekenning.objects.select_related(
        "beschikking__casus__intake", "product", "aanbieder").filter(pk__in=set(regels))}
    begin = time.perf_counter()
    for pk in regels:
        regel = toekenningen[pk]
        with transaction.atomic():
            casus = regel.beschikking.casus
            volume, eenheid = omvang_van(regel.volume, regel.eenheid)
            toewijzing = Toewijzing.objects.create(
                casus=casus, toekenning=regel, aanbieder=regel.aanbieder,
                product=regel.product, wet=regel.beschikking.wet,
                ingangsdatum=regel.begindatum or timezone.localdate(),
                einddatum=regel.einddatum, volume=volume, eenheid=eenheid,
                frequentie=regel.frequentie)
            client = client_van(casus)
            assert client is not None
            _stuur_301(toewijzing, client)
    seconden = time.perf_counter() - begin
    return {"berichten": len(regels), "seconden": round(seconden, 2),
            "per_seconde": round(len(regels) / seconden, 1)}


def _versturen(root: Path) -> dict[str, Any]:
    from casussen.toewijzing.verzending import versturen
    from toegang.istandaarden.transport import MapTransport

    kanaal = MapTransport(root)
    begin = time.perf_counter()
    verstuurd = 0
    while (stap := versturen(via=kanaal, limiet=1000)):
        verstuurd += stap
    seconden = time.perf_counter() - begin
    return {"berichten": verstuurd, "seconden": round(seconden, 2),
            "per_seconde": round(verstuurd / seconden, 1)}


def _antwoorden_maken(root: Path, n: int) -> dict[str, int]:
    """The providers answer (302 + 305) until n files wait in in/; a twentieth are 315s."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from casussen.models import Casus
    from toegang.catalogus.models import Zorgaanbieder
    from toegang.core.bsn import bsn_decrypt
    from toegang.istandaarden import berichten as codec
    from toegang.istandaarden.simulator import Aanbieder

    verzoeken = n // 20
    uit, opzij = root / "uit", root / "opzij"
    opzij.mkdir(exist_ok=True)
    for p in uit.glob("*.xml"):
        p.rename(opzij / p.name)
    gemeente = str(settings.ISTANDAARDEN_GEMEENTECODE)
    simulatoren = [Aanbieder(agb=a.agb_code, root=root, gemeentecode=gemeente)
                   for a in Zorgaanbieder.objects.order_by("id")]
    wachtend = sorted(opzij.glob("*.xml"))
    # Hand the providers our 301s in small batches until their answers (a 302, mostly also
    # a 305) and the verzoeken make exactly n files; the last answers over n are dropped.
    while wachtend and len(list((root / "in").glob("*.xml"))) < n - verzoeken:
        for p in wachtend[:100]:
            p.rename(uit / p.name)
        wachtend = wachtend[100:]
        for sim in simulatoren:
            sim.verwerk_uit()
    for p in sorted((root / "in").glob("*.xml"))[n - verzoeken:]:
        p.unlink()
    jeugd = Zorgaanbieder.objects.filter(contracten__product__wet="JEUGDWET").first()
    assert jeugd is not None
    sim = Aanbieder(agb=jeugd.agb_code, root=root, gemeentecode=gemeente,
                    standaard=codec.Standaard.IJW)
    begin = timezone.localdate() + timedelta(days=7)
    casussen = list(Casus.objects.select_related("intake").order_by("id")[:verzoeken])
    for i in range(verzoeken):  # a resident may get a second request
        intake = casussen[i % len(casussen)].intake
        sim.verzoek_om_toewijzing(
            codec.Client(bsn=bsn_decrypt(intake.bsn_versleuteld),
                         geboortedatum=intake.geboortedatum,
                         naam=codec.Naam(achternaam=intake.achternaam[:25],
                                         voornamen=intake.voornaam[:25])),
            codec.AangevraagdProduct(
                referentie_aanbieder=f"BENCH-{i}", toewijzing_ingangsdatum=begin,
                categorie="45", code="45A01",
                omvang=codec.Omvang(volume=3, eenheid="04", frequentie="2"),
                verwijzer_type="02", verwijzer_naam="Huisarts"), codec.Standaard.IJW)
    wachtend = len(list((root / "in").glob("*.xml")))
    return {"bestanden_in": wachtend, "verzoeken_315": verzoeken}


def _ontvangen(root: Path) -> dict[str, Any]:
    from casussen.toewijzing.models import Bericht, BerichtStatus, Quarantaine
    from casussen.toewijzing.ontvangst import ophalen
    from toegang.istandaarden.transport import MapTransport

    kanaal = MapTransport(root)
    begin = time.perf_counter()
    verwerkt = 0
    while (stap := ophalen(via=kanaal, limiet=500)):
        verwerkt += stap
    seconden = time.perf_counter() - begin
    return {"verwerkt": verwerkt, "seconden": round(seconden, 2),
            "per_seconde": round(verwerkt / seconden, 1),
            "quarantaine": Quarantaine.objects.count(),
            "afgekeurd": Bericht.objects.filter(status=BerichtStatus.AFGEKEURD).count(),
            "retouren_in_outbox": Bericht.objects.filter(
                richting="uit", code__in=["306", "316"]).count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "bench" / "results" / "berichtenverkeer.json")
    args = parser.parse_args()
    _database()
    root = ROOT / "var" / "bench-berichten"
    os.environ.update(DATABASE_URL=f"{SERVER.replace('postgresql', 'postgres')}/{NAME}",
                      DJANGO_SETTINGS_MODULE="toegang.settings.bench",
                      TOEGANG_VAR_DIR=str(ROOT / "var" / "bench"),
                      ISTANDAARDEN_MAP=str(root))
    import shutil

    shutil.rmtree(root, ignore_errors=True)
    import django

    django.setup()
    from bench.run import machine

    try:
        regels = _seed(args.n)
        result: dict[str, Any] = {"n": args.n, "machine": machine(),
                                  "started": time.strftime("%Y-%m-%d %H:%M:%S")}
        result["genereren_301"] = _genereren(regels)
        print("301s", result["genereren_301"], flush=True)
        result["versturen"] = _versturen(root)
        print("sent", result["versturen"], flush=True)
        result["antwoorden"] = _antwoorden_maken(root, args.n)
        result["ontvangen"] = _ontvangen(root)
        print("received", result["ontvangen"], flush=True)
        result["targets"] = TARGETS
        result["met"] = {
            "genereren": result["genereren_301"]["seconden"] * 10_000 / args.n
            <= TARGETS["genereren_s"],
            "ontvangen": result["ontvangen"]["seconden"] * 10_000
            / max(result["ontvangen"]["verwerkt"], 1) <= TARGETS["ontvangen_s"]}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.out}: {result['met']}")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _database(drop_only=True)


if __name__ == "__main__":
    main()
