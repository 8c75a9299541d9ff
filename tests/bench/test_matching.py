"""The benchmark's matching measure (bench/matching.py): look-ups timed on seeded intakes at a
fixed number of queries, a labelled set whose variations are what they say, counted right,
and never left in the database."""

import datetime as dt
import random

import pytest
from rapidfuzz.distance import OSA

from bench.matching import (
    Paren,
    datum_cijfer,
    datum_omgedraaid,
    measure_matching,
    tikfout,
    tussenvoegsel_anders,
)
from intake.models import Intake
from toegang.core.namen import naam_sleutel
from toegang.demo.groot import seed_stad_groot
from toegang.demo.intakes import seed_intakes_bulk
from toegang.demo.personen import Bevolking


def test_a_typo_is_one_slip_of_the_keyboard() -> None:
    rng = random.Random(1)
    for naam in ["Jansen", "Eva", "Bo", "Hoekstra", "Anna"]:
        for _n in range(50):
            fout = tikfout(rng, naam)
            assert fout != naam
            assert OSA.distance(fout.lower(), naam.lower()) == 1


def test_the_tussenvoegsel_is_written_otherwise_and_only_where_there_is_one() -> None:
    rng = random.Random(2)
    assert tussenvoegsel_anders(rng, "Bakker") is None
    vormen = {tussenvoegsel_anders(rng, "van den Berg") for _n in range(200)}
    assert "van den Berg" not in vormen
    assert {"Berg", "Van den Berg", "Berg, van den", "v.d. Berg"} <= vormen


def test_dates_of_birth_are_mistyped_by_one_part() -> None:
    assert datum_omgedraaid(dt.date(1985, 4, 12)) == dt.date(1985, 12, 4)
    assert datum_omgedraaid(dt.date(1985, 4, 13)) is None  # no 13th month
    assert datum_omgedraaid(dt.date(1985, 4, 4)) is None
    rng = random.Random(3)
    for _n in range(200):
        geboren = dt.date(1985, 4, 12)
        fout = datum_cijfer(rng, geboren)
        delen = sum(a != b for a, b in zip((fout.day, fout.month, fout.year),
                                             (geboren.day, geboren.month, geboren.year),
                                             strict=True))
        assert delen == 1


def test_pairs_of_one_resident_differ_only_where_labelled() -> None:
    paren = Paren(Bevolking(random.Random(4), ["7511", "7512"])).maak(300)
    assert sum(p.zelfde for p in paren) == 180
    for paar in paren:
        a, b = paar.eerder, paar.nieuw
        if not paar.zelfde:
            assert a.bsn != b.bsn or not a.bsn
            continue
        assert a.bsn == b.bsn or not (a.bsn and b.bsn)
        assert (a.geboortedatum != b.geboortedatum) == any(
            v.startswith("datum") for v in paar.varianten)
        assert (a.postcode != b.postcode) == ("verhuisd" in paar.varianten)
        assert (a.voornaam != b.voornaam) == ("tikfout_voornaam" in paar.varianten)
        if not {"tikfout_achternaam", "tussenvoegsel"} & set(paar.varianten):
            assert a.achternaam == b.achternaam
        if "tussenvoegsel" not in paar.varianten and "tikfout_achternaam" in paar.varianten:
            assert naam_sleutel(a.achternaam) != naam_sleutel(b.achternaam)


@pytest.mark.django_db
def test_the_measure_times_a_fixed_number_of_queries_and_leaves_nothing_behind() -> None:
    seed_stad_groot(wijken=8, teams=20, professionals=20)
    seed_intakes_bulk(n=300, seed=5, years=0.3)
    before = Intake.objects.count()
    result = measure_matching(n=12, paren=60)
    assert Intake.objects.count() == before
    lookup = result["lookup"]
    assert lookup["n"] == 12
    assert lookup["queries"] == lookup["queries_min"] == 5
    assert lookup["writes"] == 0 == result["quality"]["writes"]
    quality = result["quality"]
    assert (quality["pairs"], quality["same_person"]) == (60, 36)
    # Written twice exactly alike: always found, always "waarschijnlijk".
    assert quality["recall_by_variation"]["geen"]["recall_waarschijnlijk"] == 1.0
    for drempel in ("shown", "waarschijnlijk"):
        telling = quality[drempel]
        assert telling["true"] + telling["false"] == telling["shown"]
        assert telling["false_look_alike"] + telling["false_other_request"] == telling["false"]
    assert quality["waarschijnlijk"]["shown"] <= quality["shown"]["shown"]
