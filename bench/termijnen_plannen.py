"""Query plans of the reminder scan and the termijn pages on PostgreSQL (docs/termijnen.md).

    python bench/termijnen_plannen.py            # seeds a scratch database, prints, drops it
    python bench/termijnen_plannen.py --keep     # leaves toegang_plannen_termijnen behind

Seeds 30,000 intakes, 4,000 open cases, 20,000 open clocks (a fifth due) and 20,000
afgehandeld ones with the bulk seeders of `toegang/demo/groot.py`, then prints EXPLAIN ANALYZE
of each query the scan and the pages run. Uses the embedded filesystem broker: no Redis is
touched.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NAME = "toegang_plannen_termijnen"
SERVER = "postgresql://postgres@127.0.0.1:5432"


def _database(*, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{NAME}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    _database()
    os.environ.update(DATABASE_URL=f"{SERVER.replace('postgresql', 'postgres')}/{NAME}",
                      DJANGO_SETTINGS_MODULE="toegang.settings.dev",
                      TOEGANG_VAR_DIR=str(ROOT / "var" / "plannen"))
    import django

    django.setup()
    try:
        _seed_and_explain()
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _database(drop_only=True)


def _seed_and_explain() -> None:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from regie.termijnen import selectors
    from regie.termijnen.models import Herinnering, Termijn, TermijnStatus
    from regie.termijnen.services import herinneringen_scan
    from toegang.accounts.models import User
    from toegang.demo.groot import (
        seed_casussen_bulk,
        seed_stad_groot,
        seed_termijnen_bulk,
    )
    from toegang.demo.intakes import seed_intakes_bulk
    from toegang.organisatie.selectors import teams_of

    call_command("migrate", verbosity=0)
    seed_stad_groot(wijken=12, teams=30, professionals=300)
    seed_intakes_bulk(n=30_000, batch=10_000)
    seed_casussen_bulk(n_open=4_000)
    seed_termijnen_bulk(n_open=20_000)
    # History: afgehandeld clocks, as a real database holds far more of them than open ones.
    open_rows = Termijn.objects.filter(status=TermijnStatus.LOPEND).values(
        "intake_id", "casus_id", "team_id", "soort", "start", "deadline",
        "verantwoordelijke_id")
    Termijn.objects.bulk_create([Termijn(**row, status=TermijnStatus.AFGEHANDELD)
                                 for row in open_rows], batch_size=10_000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    now = timezone.now()
    print("open clocks:", Termijn.objects.filter(status=TermijnStatus.LOPEND).count(),
          "all:", Termijn.objects.count(), "due now:",
          Termijn.objects.filter(status=TermijnStatus.LOPEND,
                                 volgende_herinnering_op__lte=now).count())

    def show(title: str, qs: object) -> None:
        print(f"\n==== {title}")
        with transaction.atomic():  # FOR UPDATE needs a transaction; nothing is kept
            print(qs.explain(analyze=True))  # type: ignore[attr-defined]
            transaction.set_rollback(True)

    claim = (Termijn.objects.select_for_update(skip_locked=True, of=("self",))
             .filter(status=TermijnStatus.LOPEND, volgende_herinnering_op__lte=now)
             .select_related("intake", "verantwoordelijke")
             .order_by("volgende_herinnering_op", "id")[:500])
    show("scan: claim a batch of due clocks", claim)
    print("\nscan:", herinneringen_scan())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    show("scan: claim when nothing is due (every beat interval)", claim)
    ids = list(Termijn.objects.filter(status=TermijnStatus.LOPEND)
               .values_list("id", flat=True)[:500])
    show("scan: reminders already sent for a batch",
         Herinnering.objects.filter(termijn_id__in=ids)
         .values_list("termijn_id", "soort", "ontvanger_id"))
    pro = (User.objects.filter(termijnen__status=TermijnStatus.LOPEND, rol="professional")
           .order_by("id").first())
    show("Mijn termijnen: one page", selectors.mijn_termijnen(user=pro)[:25])  # type: ignore[arg-type]
    team_id = (Termijn.objects.filter(status=TermijnStatus.LOPEND).values_list("team_id",
                                                                             flat=True)
               .order_by("team_id").first())
    leider = User.objects.filter(rol="teamleider", lidmaatschappen__team_id=team_id).first()
    teams = list(teams_of(user=leider))  # type: ignore[arg-type]
    show("Team overview: one page",
         selectors.team_termijnen(user=leider, teams=teams,  # type: ignore[arg-type]
                                  filters=selectors.TeamFilters())[:25])
    show("Team overview: escalations waiting",
         selectors.escalaties_wachtend(user=leider, teams=teams)[:10])  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
