"""Matching known residents (intake/matching.py) at the benchmark's size.

Look-up: `kandidaten_voor` for `n` seeded intakes (a third with a BSN, a third without, a third
naming household members), timed one by one, with the SQL queries of each and the number of
rows in the blocks it reads.

Quality: a labelled set of pairs of requests. Pairs of the same resident written differently
(a typo in a name, the tussenvoegsel written otherwise, day and month swapped or one digit
off in the date of birth, moved, a BSN on one side only; none, one or two of these at once)
and pairs of different residents who look alike (siblings and twins at one address,
namesakes, father and son of one name, similar names on the same date of birth). Both
requests of every pair are inserted among the seeded intakes in a transaction that is rolled
back, and `kandidaten_voor` is asked about the later one. Precision and recall are counted
at the score from which a candidate is shown (DREMPEL) and from which it is "waarschijnlijk"
(ZEKER). Nothing is tuned to this set: it is generated from a fixed seed.
"""

import random
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Min
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from intake.matching import DREMPEL, ZEKER, Kandidaat, Soort, kandidaten_voor
from intake.models import Huishoudlid, Intake
from toegang.core.bsn import bsn_encrypt, bsn_hash
from toegang.core.namen import TUSSENVOEGSELS, naam_sleutel
from toegang.demo.personen import ACHTERNAMEN, VOORNAMEN, Bevolking, Persoon
from toegang.organisatie.models import Team, WijkPostcode

BSN_KANS = 0.4  # as in the seed: two in five requests carry a BSN (DigiD, or staff asked)
SOORTEN_ANDERS = {  # share of the pairs of different residents
    "broer_of_zus": 0.20, "tweeling": 0.20, "naamgenoot": 0.15,
    "naamgenoot_zelfde_geboortedatum": 0.10, "vader_en_zoon": 0.10, "lijkende_naam": 0.25,
}
VARIANTEN = ("tikfout_achternaam", "tikfout_voornaam", "tussenvoegsel", "datum_omgedraaid",
             "datum_cijfer", "verhuisd")
_RIJEN = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NAAST = {c: rij[max(i - 1, 0):i] + rij[i + 1:i + 2] for rij in _RIJEN for i, c in enumerate(rij)}


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
            "max_ms": round(ordered[-1], 2)}


def _verdeling(values: list[int]) -> dict[str, float]:
    ordered = sorted(values)
    return {"median": statistics.median(ordered),
            "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
            "max": ordered[-1]}


# --- Look-up time -------------------------------------------------------------------------


def _steekproef(rng: random.Random, per_groep: int) -> dict[str, list[int]]:
    """`per_groep` intake ids of each kind, spread over the table (a random start, the next
    id of that kind)."""
    grenzen = Intake.objects.aggregate(laag=Min("pk"), hoog=Max("pk"))
    laag, hoog = grenzen["laag"] or 0, grenzen["hoog"] or 0
    groepen: dict[str, list[int]] = {"met_bsn": [], "zonder_bsn": [], "met_huishouden": []}
    gezien: set[int] = set()
    for naam, ids in groepen.items():
        for _poging in range(per_groep * 5):
            if len(ids) >= per_groep:
                break
            start = rng.randint(laag, hoog)
            if naam == "met_huishouden":
                pk = (Huishoudlid.objects
                      .filter(intake_id__gte=start, intake__geen_vast_adres=False)
                      .order_by("intake_id").values_list("intake_id", flat=True).first())
            else:
                # Not the benchmark's own submissions of earlier runs (--reuse): one
                # resident thousands of times over.
                basis = (Intake.objects.filter(pk__gte=start, geen_vast_adres=False)
                         .exclude(achternaam__in=["Bench", "Test"],
                                  voornaam__in=["Sanne", "Load"]))
                basis = (basis.exclude(bsn_hash="") if naam == "met_bsn"
                         else basis.filter(bsn_hash=""))
                pk = basis.order_by("pk").values_list("pk", flat=True).first()
            if pk is not None and pk not in gezien:
                gezien.add(pk)
                ids.append(pk)
    return groepen


def measure_lookup(*, n: int, rng: random.Random) -> dict[str, Any]:
    groepen = _steekproef(rng, -(-n // 3) + 5)
    intakes = {i.pk: i for i in Intake.objects.filter(
        pk__in=[pk for ids in groepen.values() for pk in ids])}
    # The first five of each group warm up the connection and the caches; not measured.
    opwarmen = [pk for ids in groepen.values() for pk in ids[:5]]
    for pk in opwarmen:
        kandidaten_voor(intake=intakes[pk])
    samples: dict[str, list[float]] = {}
    queries, kandidaten, schrijven = [], [], 0
    for naam, ids in groepen.items():
        samples[naam] = []
        for pk in ids[5:]:
            intake = intakes[pk]
            with CaptureQueriesContext(connection) as ctx:
                begin = time.perf_counter()
                gevonden = kandidaten_voor(intake=intake)
                samples[naam].append((time.perf_counter() - begin) * 1000)
            queries.append(len(ctx.captured_queries))
            schrijven += sum(not q["sql"].lstrip().upper().startswith("SELECT")
                             for q in ctx.captured_queries)
            kandidaten.append(len(gevonden))
    alle = [s for groep in samples.values() for s in groep]
    # How many rows each blocking query reads for these intakes (counted apart, not timed).
    blokken: dict[str, list[int]] = defaultdict(list)
    for naam, ids in groepen.items():
        for pk in ids[5:]:
            intake = intakes[pk]
            blokken["geboortedatum"].append(
                Intake.objects.filter(geboortedatum=intake.geboortedatum).count())
            blokken["achternaam_en_postcode"].append(
                Intake.objects.filter(zoeknaam=intake.zoeknaam, postcode=intake.postcode).count())
            blokken["postcode"].append(Intake.objects.filter(postcode=intake.postcode).count())
            if intake.bsn_hash:
                blokken["bsn"].append(Intake.objects.filter(bsn_hash=intake.bsn_hash).count())
            if naam == "met_huishouden":
                blokken["huishoudleden"].append(intake.huishoudleden.count())
    return {**_ms(alle), "queries": max(queries), "queries_min": min(queries),
            "writes": schrijven,
            "per_group": {naam: {**_ms(s), "intakes": len(s)} for naam, s in samples.items()},
            "candidates_mean": round(statistics.mean(kandidaten), 2),
            "candidates_max": max(kandidaten),
            "with_candidates": sum(k > 0 for k in kandidaten),
            "block_rows": {naam: _verdeling(v) for naam, v in blokken.items()},
            "intakes_total": Intake.objects.count()}


# --- Variations on a resident -------------------------------------------------------------


def tikfout(rng: random.Random, woord: str) -> str:
    """One slip of the keyboard at any letter: two letters swapped, one dropped, one doubled,
    or the key next to it."""
    while (uit := _tikfout(rng, woord)) == woord:
        pass  # two equal letters swapped, say
    return uit


def _tikfout(rng: random.Random, woord: str) -> str:
    letters = list(woord)
    i = rng.choice([i for i, c in enumerate(letters) if c.isalpha()])
    soorten = ["verdubbeld", "buurtoets"] \
        + (["verwisseld"] if i < len(letters) - 1 and letters[i + 1].isalpha() else []) \
        + (["weggelaten"] if len(letters) > 3 else [])
    soort = rng.choice(soorten)
    if soort == "verwisseld":
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    elif soort == "weggelaten":
        del letters[i]
    elif soort == "verdubbeld":
        letters.insert(i, letters[i])
    else:
        naast = _NAAST.get(letters[i].lower())
        if not naast:
            letters.insert(i, letters[i])
        else:
            nieuw = rng.choice(naast)
            letters[i] = nieuw.upper() if letters[i].isupper() else nieuw
    uit = "".join(letters)
    return uit[:1].upper() + uit[1:] if woord[:1].isupper() else uit


def _splits(achternaam: str) -> tuple[list[str], str]:
    """'van den Berg' → (['van', 'den'], 'Berg')."""
    woorden = achternaam.split()
    voor = []
    while len(woorden) > 1 and naam_sleutel(woorden[0]) in TUSSENVOEGSELS:
        voor.append(woorden.pop(0))
    return voor, " ".join(woorden)


def tikfout_achternaam(rng: random.Random, achternaam: str) -> str:
    voor, kern = _splits(achternaam)
    return " ".join([*voor, tikfout(rng, kern)])


def tussenvoegsel_anders(rng: random.Random, achternaam: str) -> str | None:
    """The tussenvoegsel as people also write it; None for a surname without one."""
    voor, kern = _splits(achternaam)
    if not voor:
        return None
    woorden = " ".join(voor)
    vormen = [f"{woorden.capitalize()} {kern}", kern, f"{kern}, {woorden.lower()}",
              f"{kern} {woorden.lower()}"]
    if len(voor) > 1:
        vormen += [f"{''.join(voor).lower()} {kern}",
                   f"{'.'.join(w[0] for w in voor).lower()}. {kern}",
                   f"{''.join(w[0] for w in voor).lower()} {kern}"]
    elif voor[0].lower() == "van":
        vormen.append(f"v. {kern}")
    return rng.choice([v for v in vormen if v != achternaam])


def datum_omgedraaid(geboren: date) -> date | None:
    """Day and month swapped (12-04 written as 04-12); None when that is no other date."""
    if geboren.day > 12 or geboren.day == geboren.month:
        return None
    return geboren.replace(day=geboren.month, month=geboren.day)


def datum_cijfer(rng: random.Random, geboren: date) -> date:
    """One digit of the day, the month or the last two of the year typed wrong."""
    while True:
        dag, maand, jaar = f"{geboren.day:02d}", f"{geboren.month:02d}", f"{geboren.year}"
        deel = rng.choice(["dag", "maand", "jaar"])
        tekst = {"dag": dag, "maand": maand, "jaar": jaar[2:]}[deel]
        plek = rng.randrange(2)
        cijfer = rng.choice([c for c in "0123456789" if c != tekst[plek]])
        tekst = tekst[:plek] + cijfer + tekst[plek + 1:]
        if deel == "dag":
            dag = tekst
        elif deel == "maand":
            maand = tekst
        else:
            jaar = jaar[:2] + tekst
        try:
            nieuw = date(int(jaar), int(maand), int(dag))
        except ValueError:
            continue
        if date(1900, 1, 1) <= nieuw <= date.today():
            return nieuw


# --- The labelled set ---------------------------------------------------------------------


@dataclass(frozen=True)
class Paar:
    """Two requests and the truth about them: `zelfde` when one resident wrote both."""

    soort: str  # "zelfde" or the kind of look-alike (SOORTEN_ANDERS)
    zelfde: bool
    varianten: tuple[str, ...]
    eerder: Persoon
    nieuw: Persoon

    @property
    def bsn(self) -> str:
        kanten = bool(self.eerder.bsn) + bool(self.nieuw.bsn)
        return ("geen", "een_kant", "beide")[kanten]


def _lijkend(namen: list[str], drempel: float) -> dict[str, list[str]]:
    """For each name the other names that look like it (another key, Jaro-Winkler ≥
    drempel): real look-alikes such as Jansen and Janssen."""
    sleutels = [naam_sleutel(n) for n in namen]
    return {naam: [namen[j] for _s, _score, j in process.extract(
                sleutel, sleutels, scorer=JaroWinkler.normalized_similarity,
                score_cutoff=drempel, limit=None) if sleutels[j] != sleutel]
            for naam, sleutel in zip(namen, sleutels, strict=True)}


class Paren:
    def __init__(self, bevolking: Bevolking) -> None:
        self.bevolking = bevolking
        self.rng = bevolking.rng
        self.lijkende_achternamen = _lijkend(ACHTERNAMEN, 0.9)
        self.lijkende_voornamen = _lijkend(VOORNAMEN, 0.85)

    def _bsn(self, persoon: Persoon) -> Persoon:
        return persoon if self.rng.random() < BSN_KANS else replace(persoon, bsn="")

    def zelfde(self) -> Paar:
        rng = self.rng
        persoon = self.bevolking.persoon()
        aantal = rng.choices([0, 1, 2], weights=[15, 55, 30])[0]
        mogelijk = [v for v in VARIANTEN
                    if (v != "tussenvoegsel" or _splits(persoon.achternaam)[0])
                    and (v != "datum_omgedraaid" or datum_omgedraaid(persoon.geboortedatum))]
        gekozen: list[str] = []
        while len(gekozen) < aantal:
            variant = rng.choice(mogelijk)
            if variant in gekozen or (variant.startswith("datum") and any(
                    g.startswith("datum") for g in gekozen)):
                continue
            gekozen.append(variant)
        nieuw = persoon
        for variant in sorted(gekozen, key=VARIANTEN.index):
            if variant == "tikfout_achternaam":
                nieuw = replace(nieuw, achternaam=tikfout_achternaam(rng, nieuw.achternaam))
            elif variant == "tikfout_voornaam":
                nieuw = replace(nieuw, voornaam=tikfout(rng, nieuw.voornaam))
            elif variant == "tussenvoegsel":
                nieuw = replace(nieuw, achternaam=tussenvoegsel_anders(rng, nieuw.achternaam)
                                or nieuw.achternaam)
            elif variant == "datum_omgedraaid":
                nieuw = replace(nieuw, geboortedatum=datum_omgedraaid(nieuw.geboortedatum)
                                or nieuw.geboortedatum)
            elif variant == "datum_cijfer":
                nieuw = replace(nieuw, geboortedatum=datum_cijfer(rng, nieuw.geboortedatum))
            elif variant == "verhuisd":
                nieuw = self.bevolking.verhuisd(nieuw)
        return Paar("zelfde", True, tuple(gekozen), self._bsn(persoon), self._bsn(nieuw))

    def anders(self, soort: str) -> Paar:
        rng, bevolking = self.rng, self.bevolking
        eerder = bevolking.persoon()
        thuis = {"achternaam": eerder.achternaam, "postcode": eerder.postcode,
                 "straat": eerder.straat}
        if soort == "broer_of_zus":
            while True:
                dagen = rng.randint(300, 8 * 365) * rng.choice([-1, 1])
                nieuw = bevolking.persoon(**thuis, geboortedatum=eerder.geboortedatum
                                          + timedelta(days=dagen))
                if nieuw.voornaam != eerder.voornaam:
                    break
        elif soort == "tweeling":
            # Twins: the same day, or either side of midnight; a name with the same initial
            # now and then (Sanne and Sara).
            geboren = eerder.geboortedatum + timedelta(days=rng.choice([0, 0, 0, 1]))
            zelfde_letter = [v for v in VOORNAMEN if v[0] == eerder.voornaam[0]
                             and v != eerder.voornaam]
            voornaam = (rng.choice(zelfde_letter) if zelfde_letter and rng.random() < 0.5
                        else rng.choice([v for v in VOORNAMEN if v != eerder.voornaam]))
            nieuw = bevolking.persoon(**thuis, geboortedatum=geboren, voornaam=voornaam)
        elif soort == "naamgenoot":
            nieuw = bevolking.persoon(voornaam=eerder.voornaam, achternaam=eerder.achternaam)
        elif soort == "naamgenoot_zelfde_geboortedatum":
            nieuw = bevolking.persoon(voornaam=eerder.voornaam, achternaam=eerder.achternaam,
                                      geboortedatum=eerder.geboortedatum)
        elif soort == "vader_en_zoon":
            # Father and son (or mother and daughter) of one name at one address; whichever
            # asked first.
            jaren = timedelta(days=rng.randint(20 * 365, 40 * 365))
            ander = (eerder.geboortedatum - jaren if eerder.geboortedatum.year > 1975
                     else eerder.geboortedatum + jaren)
            nieuw = bevolking.persoon(**thuis, voornaam=eerder.voornaam, geboortedatum=ander)
        elif soort == "lijkende_naam":
            while not (self.lijkende_achternamen[eerder.achternaam]
                       and self.lijkende_voornamen[eerder.voornaam]):
                eerder = bevolking.persoon()
            nieuw = bevolking.persoon(
                voornaam=rng.choice(self.lijkende_voornamen[eerder.voornaam]),
                achternaam=rng.choice(self.lijkende_achternamen[eerder.achternaam]),
                geboortedatum=eerder.geboortedatum)
        else:
            raise ValueError(soort)
        return Paar(soort, False, (), self._bsn(eerder), self._bsn(nieuw))

    def maak(self, n: int) -> list[Paar]:
        """n pairs: three in five of the same resident, the rest look-alikes."""
        zelfde = round(n * 0.6)
        paren = [self.zelfde() for _ in range(zelfde)]
        soorten = list(SOORTEN_ANDERS)
        aantallen = [round((n - zelfde) * SOORTEN_ANDERS[s]) for s in soorten]
        aantallen[-1] = n - zelfde - sum(aantallen[:-1])
        for soort, aantal in zip(soorten, aantallen, strict=True):
            paren += [self.anders(soort) for _ in range(aantal)]
        return paren


def _intake(persoon: Persoon, *, team: Team, referentie: str, ingediend_op: Any) -> Intake:
    return Intake(
        referentie=referentie, voornaam=persoon.voornaam, achternaam=persoon.achternaam,
        zoeknaam=naam_sleutel(persoon.achternaam), geboortedatum=persoon.geboortedatum,
        bsn_versleuteld=bsn_encrypt(persoon.bsn) if persoon.bsn else "",
        bsn_hash=bsn_hash(persoon.bsn) if persoon.bsn else "", postcode=persoon.postcode,
        straat=persoon.straat, woonplaats="Dijkstad", vraag="Benchmark: gelabeld paar.",
        team=team, status="afgerond", ingediend_op=ingediend_op)


def _telling(paren: list[Paar], gevonden: list[list[Kandidaat]], eerder_ids: list[int],
             drempel: float) -> dict[str, Any]:
    juist = fout_paar = fout_ander = 0
    for paar, kandidaten, eerder_id in zip(paren, gevonden, eerder_ids, strict=True):
        for k in kandidaten:
            if k.soort != Soort.PERSOON or k.score < drempel:
                continue
            if k.intake_id != eerder_id:
                fout_ander += 1  # a seeded request, or another pair's: another resident
            elif paar.zelfde:
                juist += 1
            else:
                fout_paar += 1
    getoond = juist + fout_paar + fout_ander
    positief = sum(p.zelfde for p in paren)
    return {"threshold": drempel, "shown": getoond, "true": juist,
            "false": fout_paar + fout_ander, "false_look_alike": fout_paar,
            "false_other_request": fout_ander,
            "precision": round(juist / getoond, 3) if getoond else None,
            "recall": round(juist / positief, 3) if positief else None}


def _gevonden(kandidaten: list[Kandidaat], eerder_id: int, drempel: float) -> bool:
    return any(k.intake_id == eerder_id and k.soort == Soort.PERSOON and k.score >= drempel
               for k in kandidaten)


def measure_quality(*, paren: int, rng: random.Random) -> dict[str, Any]:
    pc4s = list(WijkPostcode.objects.values_list("pc4", flat=True).order_by("pc4"))
    # BSNs from 7,000,000 on: the seed's residents (toegang/demo) count up from 0.
    set_ = Paren(Bevolking(rng, pc4s, eerste_bsn=7_000_000)).maak(paren)
    team = Team.objects.order_by("id").first()
    assert team is not None
    nu = timezone.now()
    with transaction.atomic():
        rijen = []
        for i, paar in enumerate(set_):
            rijen.append(_intake(paar.eerder, team=team, referentie=f"BENCH-M{i:05d}A",
                                 ingediend_op=nu - timedelta(days=rng.randint(30, 900))))
            rijen.append(_intake(paar.nieuw, team=team, referentie=f"BENCH-M{i:05d}B",
                                 ingediend_op=nu))
        Intake.objects.bulk_create(rijen, batch_size=2000)
        eerder_ids = [r.pk for r in rijen[0::2]]
        gevonden: list[list[Kandidaat]] = []
        with CaptureQueriesContext(connection) as ctx:
            for nieuw in rijen[1::2]:
                gevonden.append(kandidaten_voor(intake=nieuw))
        schrijven = sum(not q["sql"].lstrip().upper().startswith("SELECT")
                        for q in ctx.captured_queries)
        transaction.set_rollback(True)  # the labelled requests never stay in the database

    def recall_per(sleutel: Callable[[Paar], tuple[str, ...]]) -> dict[str, dict[str, Any]]:
        groepen: dict[str, list[tuple[Paar, list[Kandidaat], int]]] = defaultdict(list)
        for paar, kandidaten, eerder_id in zip(set_, gevonden, eerder_ids, strict=True):
            if paar.zelfde:
                for naam in sleutel(paar):
                    groepen[naam].append((paar, kandidaten, eerder_id))
        return {naam: {"pairs": len(rijen_),
                       "recall_shown": round(sum(_gevonden(k, e, DREMPEL)
                                                 for _p, k, e in rijen_) / len(rijen_), 3),
                       "recall_waarschijnlijk": round(sum(_gevonden(k, e, ZEKER)
                                                          for _p, k, e in rijen_) / len(rijen_),
                                                      3)}
                for naam, rijen_ in sorted(groepen.items())}

    anders: dict[str, dict[str, int]] = {}
    for paar, kandidaten, eerder_id in zip(set_, gevonden, eerder_ids, strict=True):
        if paar.zelfde:
            continue
        rij = anders.setdefault(paar.soort, {"pairs": 0, "shown": 0, "waarschijnlijk": 0,
                                             "as_huisgenoot": 0})
        rij["pairs"] += 1
        rij["shown"] += _gevonden(kandidaten, eerder_id, DREMPEL)
        rij["waarschijnlijk"] += _gevonden(kandidaten, eerder_id, ZEKER)
        rij["as_huisgenoot"] += any(k.intake_id == eerder_id and k.soort == Soort.HUISGENOOT
                                    for k in kandidaten)
    huisgenoten = Counter(k.soort for ks in gevonden for k in ks)[Soort.HUISGENOOT]
    return {
        "pairs": len(set_), "same_person": sum(p.zelfde for p in set_),
        "different_persons": sum(not p.zelfde for p in set_),
        "shown": _telling(set_, gevonden, eerder_ids, DREMPEL),
        "waarschijnlijk": _telling(set_, gevonden, eerder_ids, ZEKER),
        "recall_by_variation": recall_per(lambda p: p.varianten or ("geen",)),
        "recall_by_changes": recall_per(lambda p: (str(len(p.varianten)),)),
        "recall_by_bsn": recall_per(lambda p: (p.bsn,)),
        "look_alikes": anders,
        "huisgenoot_candidates": huisgenoten,
        "writes": schrijven,
    }


def measure_matching(*, n: int = 200, paren: int = 2000, seed: int = 14) -> dict[str, Any]:
    """Look-up time on the seeded intakes and quality on a labelled set (rolled back)."""
    lookup = measure_lookup(n=n, rng=random.Random(seed))
    begin = time.perf_counter()
    quality = measure_quality(paren=paren, rng=random.Random(seed + 1))
    return {"lookup": lookup, "quality": {**quality,
                                          "seconds": round(time.perf_counter() - begin, 1)},
            "drempel": DREMPEL, "zeker": ZEKER}
