"""A database from before the restructure (regie at 0006) migrates without losing a row: the
clocks' "gehaald" becomes "afgehandeld" (fields, status and event), the models that moved
between modules kept their app label and tables, and the way back restores "gehaald"."""

import datetime as dt
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from regie.termijnen.models import Termijn, TermijnGebeurtenis
from tests.regie.stuurdata import bekend_jaar

VOOR = ("regie", "0006_termijn_scan_idx_id")
NA = ("regie", "0007_termijn_afgehandeld")
APPS = ("regie", "casussen", "intake")

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(*targets: tuple[str, str]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    executor.loader.build_graph()  # what is applied now, for the next project_state()
    return executor


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def tot_slot_de_laatste_stand() -> Iterator[None]:
    """Whatever the test did, the database ends at the latest migration."""
    yield
    _migrate(*_latest())


def _rijen() -> dict[str, int]:
    """Rows per table of the record, casework and clocks (auto-created tables too) that exist
    at the migration the database is at: tables of later migrations are not there at 0006."""
    bestaand = set(connection.introspection.table_names())
    tabellen = {m._meta.db_table for label in APPS
                for m in apps.get_app_config(label).get_models(include_auto_created=True)
                } & bestaand
    with connection.cursor() as cursor:
        aantallen = {}
        for tabel in sorted(tabellen):
            cursor.execute(f'SELECT count(*) FROM "{tabel}"')
            aantallen[tabel] = cursor.fetchone()[0]
    return aantallen


def _sql(query: str, *params: object) -> list[tuple]:  # type: ignore[type-arg]
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return list(cursor.fetchall())


def test_every_model_keeps_its_app_label_and_table() -> None:
    """The restructure moved models into sub-packages, not into other apps or tables."""
    bestaand = set(connection.introspection.table_names())
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            assert model._meta.app_label == label
            assert model._meta.db_table == f"{label}_{model._meta.model_name}", model
            assert model._meta.db_table in bestaand, model


def test_the_models_match_their_migrations() -> None:
    # A moved model that changed anything would need a migration of its own.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_migrating_from_0006_keeps_every_row_and_renames_gehaald(  # type: ignore[no-untyped-def]
        stad, tot_slot_de_laatste_stand) -> None:
    loader = MigrationExecutor(connection).loader
    laatste = [leaf for leaf in _latest() if leaf[0] == "regie"]
    assert laatste and NA in loader.graph.forwards_plan(laatste[0]), \
        "this test is about 0007 and the models after it"
    bekend_jaar(stad)  # intakes, cases, contacts, ZRM, clocks, figures
    nu_afgehandeld = dict(Termijn.objects.filter(status="afgehandeld")
                          .values_list("pk", "afgehandeld_op"))
    gebeurtenissen = TermijnGebeurtenis.objects.filter(soort="afgehandeld").count()
    assert len(nu_afgehandeld) >= 2 and gebeurtenissen >= 2
    assert Termijn.objects.exclude(status="afgehandeld").exists()  # others stay as they are
    andere = dict(Termijn.objects.values_list("pk", "status"))
    voor = _rijen()
    assert all(voor[t] for t in ("regie_termijn", "regie_termijngebeurtenis",
                                 "regie_stuurinstroom", "casussen_casus",
                                 "casussen_contactmoment", "casussen_zrmmeting",
                                 "intake_intake"))

    # Back to the database as it was before the restructure: "gehaald" again.
    executor = _migrate(VOOR)
    terug = _rijen()
    # Tables of the migrations after 0007 (and of the casework's berichtenverkeer, whose
    # migration needs regie's verzoek clock): gone, and were empty.
    later = set(voor) - set(terug)
    assert all(t.startswith(("regie_", "casussen_")) and not voor[t] for t in later), later
    assert terug == {t: n for t, n in voor.items() if t not in later}
    assert dict(_sql("SELECT id, gehaald_op FROM regie_termijn WHERE status = 'gehaald'")) == \
        nu_afgehandeld
    assert _sql("SELECT count(*) FROM regie_termijn WHERE status = 'afgehandeld'") == [(0,)]
    assert _sql("SELECT count(*) FROM regie_termijngebeurtenis WHERE soort = 'gehaald'") == \
        [(gebeurtenissen,)]

    # A row written by the old code, through the models as they were at 0006.
    oud = executor.loader.project_state([VOOR]).apps
    OudeTermijn = oud.get_model("regie", "Termijn")
    OudeGebeurtenis = oud.get_model("regie", "TermijnGebeurtenis")
    eerste = OudeTermijn.objects.order_by("pk").first()
    gehaald_op = dt.datetime(2026, 2, 3, 9, 30, tzinfo=dt.UTC)
    oude = OudeTermijn.objects.create(
        intake_id=eerste.intake_id, casus_id=eerste.casus_id, soort="terugbellen",
        deadline=gehaald_op + dt.timedelta(days=1), status="gehaald", team_id=eerste.team_id,
        gehaald_op=gehaald_op, gehaald_door_id=stad.pro.pk)
    OudeGebeurtenis.objects.create(termijn=oude, soort="gehaald", door_id=stad.pro.pk,
                                   tijdstip=gehaald_op)
    voor["regie_termijn"] += 1
    voor["regie_termijngebeurtenis"] += 1

    # And forward to the latest migration.
    _migrate(*_latest())
    assert _rijen() == voor
    termijn = Termijn.objects.get(pk=oude.pk)
    assert (termijn.status, termijn.afgehandeld_op, termijn.afgehandeld_door_id) == \
        ("afgehandeld", gehaald_op, stad.pro.pk)
    assert list(termijn.gebeurtenissen.values_list("soort", flat=True)) == ["afgehandeld"]
    assert dict(Termijn.objects.filter(status="afgehandeld")
                .values_list("pk", "afgehandeld_op")) == {**nu_afgehandeld, oude.pk: gehaald_op}
    assert not Termijn.objects.filter(status="gehaald").exists()
    assert not TermijnGebeurtenis.objects.filter(soort="gehaald").exists()
    assert TermijnGebeurtenis.objects.filter(soort="afgehandeld").count() == gebeurtenissen + 1
    assert dict(Termijn.objects.exclude(pk=oude.pk).values_list("pk", "status")) == andere
