"""The old free text `bezoekadres` becomes an address and walk-in rows, and comes back on the
way down."""

from collections.abc import Iterator
from datetime import time

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

VOOR = ("organisatie", "0002_wetten")
NA = ("organisatie", "0003_team_adres_inlooptijden")

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(target: tuple[str, str]):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


@pytest.fixture
def tot_slot_de_laatste_stand() -> Iterator[None]:
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_bezoekadres_is_moved_into_address_and_hours(tot_slot_de_laatste_stand) -> None:  # type: ignore[no-untyped-def]
    oud = _migrate(VOOR)
    Group = oud.get_model("auth", "Group")
    Team = oud.get_model("organisatie", "Team")
    for naam, tekst in (("A", "Inloop: Marktstraat 12, dinsdag en donderdag 9.00–12.00 uur"),
                        ("B", "In de bibliotheek, op afspraak"), ("C", "")):
        Team.objects.create(naam=naam, soort="wijkteam", bezoekadres=tekst,
                            group=Group.objects.create(name=f"team:{naam}"))

    nieuw = _migrate(NA)
    Team = nieuw.get_model("organisatie", "Team")
    a, b, c = Team.objects.order_by("naam")
    assert (a.straat_huisnummer, a.introductie) == ("Marktstraat 12", "")
    assert [(t.weekdag, t.van, t.tot) for t in a.inlooptijden.order_by("weekdag")] == [
        (2, time(9), time(12)), (4, time(9), time(12))]
    assert (b.straat_huisnummer, b.introductie) == ("", "In de bibliotheek, op afspraak")
    assert not b.inlooptijden.exists()
    assert (c.straat_huisnummer, c.introductie) == ("", "")

    terug = _migrate(VOOR)
    Team = terug.get_model("organisatie", "Team")
    assert Team.objects.get(naam="A").bezoekadres == (
        "Marktstraat 12, dinsdag 09.00–12.00, donderdag 09.00–12.00")
