"""Finding the same person, and their household, among earlier requests (a selector).

A request is compared with the earlier ones that could be the same person: the same BSN
(hash), the same date of birth, or the same surname key at the same postcode (a typo in the
date). Household members are found at the same postcode: a member named in the new request
who asked for help before, and earlier requests that name the new resident as a member.
Each candidate gets a score from the names, the date of birth and the address; nothing is
linked automatically — a professional confirms every link (casework does that, and filters
what each professional may see).

Five indexed queries, whatever the number of requests; scoring in Python on a few dozen
rows.
"""

from dataclasses import dataclass, field
from datetime import date

from rapidfuzz.distance import JaroWinkler

from toegang.core.namen import naam_sleutel

from .models import Huishoudlid, Intake, Relatie

# From this score on a candidate is shown: "waarschijnlijk" from ZEKER, "mogelijk" below.
DREMPEL = 0.72
ZEKER = 0.86
MAX_KANDIDATEN = 12


class Soort:
    PERSOON = "persoon"        # probably the same person
    HUISGENOOT = "huisgenoot"  # probably someone of the same household


@dataclass
class Kandidaat:
    intake_id: int
    soort: str
    score: float
    redenen: list[str] = field(default_factory=list)
    relatie: str = ""  # for a household member: partner, kind, … as named in a request

    @property
    def waarschijnlijk(self) -> bool:
        return self.score >= ZEKER


def _gelijk(a: str, b: str) -> float:
    """How alike two names are (0 to 1), after removing case, accents and tussenvoegsels."""
    a, b = naam_sleutel(a), naam_sleutel(b)
    if not a or not b:
        return 0.0
    return float(JaroWinkler.normalized_similarity(a, b))


def datum_gelijkenis(a: date, b: date) -> float:
    """1 for the same date; 0.6 for one typo (one part off, or day and month swapped)."""
    if a == b:
        return 1.0
    delen_a, delen_b = (a.day, a.month, a.year), (b.day, b.month, b.year)
    verschil = sum(x != y for x, y in zip(delen_a, delen_b, strict=True))
    if verschil == 1 or (a.year == b.year and a.day == b.month and a.month == b.day):
        return 0.6
    return 0.0


def _adres(a: Intake, b: Intake) -> float:
    if not a.postcode or not b.postcode:
        return 0.0
    if a.postcode == b.postcode:
        return 1.0 if a.straat.strip().lower() == b.straat.strip().lower() else 0.8
    return 0.4 if a.postcode[:4] == b.postcode[:4] else 0.0


def persoon_score(nieuw: Intake, eerder: Intake) -> tuple[float, list[str]]:
    """How likely `eerder` is the same person as `nieuw`, and why (plain words)."""
    if nieuw.bsn_hash and nieuw.bsn_hash == eerder.bsn_hash:
        return 1.0, ["zelfde BSN"]
    achternaam = _gelijk(nieuw.achternaam, eerder.achternaam)
    voornaam = _gelijk(nieuw.voornaam, eerder.voornaam)
    geboren = datum_gelijkenis(nieuw.geboortedatum, eerder.geboortedatum)
    adres = _adres(nieuw, eerder)
    score = 0.35 * achternaam + 0.3 * voornaam + 0.25 * geboren + 0.1 * adres
    if voornaam < 0.75:
        # Another first name: a brother, a twin, a namesake (initials still match: S. Sanne).
        score = min(score, 0.6)
    if nieuw.bsn_hash and eerder.bsn_hash:
        score -= 0.3  # both have a BSN and they differ: another person with a similar name
    redenen = []
    if achternaam > 0.9 and voornaam > 0.9:
        redenen.append("zelfde naam")
    elif achternaam > 0.85:
        redenen.append("lijkende naam")
    if geboren == 1.0:
        redenen.append("zelfde geboortedatum")
    elif geboren:
        redenen.append("bijna dezelfde geboortedatum")
    if adres >= 0.8:
        redenen.append("zelfde adres")
    elif not adres and eerder.postcode:
        redenen.append("ander adres")
    return max(score, 0.0), redenen


_VELDEN = ("id", "voornaam", "achternaam", "geboortedatum", "bsn_hash", "postcode", "straat",
           "ingediend_op")


def kandidaten_voor(*, intake: Intake) -> list[Kandidaat]:
    """Earlier (and later) requests that are probably the same person or a household
    member, best first; the request itself and requests already closed as its duplicate
    are left out. Five queries."""
    zelf = {intake.pk, *Intake.objects.filter(duplicaat_van=intake).values_list("pk", flat=True)}
    gevonden: dict[int, Kandidaat] = {}

    blok = Intake.objects.filter(geboortedatum=intake.geboortedatum)
    if intake.bsn_hash:
        blok = blok | Intake.objects.filter(bsn_hash=intake.bsn_hash)
    if intake.zoeknaam and intake.postcode:
        blok = blok | Intake.objects.filter(zoeknaam=intake.zoeknaam, postcode=intake.postcode)
    for eerder in blok.exclude(pk__in=zelf).only(*_VELDEN)[:200]:
        score, redenen = persoon_score(intake, eerder)
        if score >= DREMPEL:
            gevonden[eerder.pk] = Kandidaat(eerder.pk, Soort.PERSOON, score, redenen)

    if intake.postcode and not intake.geen_vast_adres:
        _huisgenoten(intake, zelf, gevonden)
    return sorted(gevonden.values(), key=lambda k: (-k.score, -k.intake_id))[:MAX_KANDIDATEN]


def _huisgenoten(intake: Intake, zelf: set[int], gevonden: dict[int, Kandidaat]) -> None:
    """Household members at the same postcode: members named in this request who asked for
    help themselves, and requests that name this resident as a member."""
    leden = list(intake.huishoudleden.all())
    buren = list(Intake.objects.filter(postcode=intake.postcode).exclude(pk__in=zelf)
                 .only(*_VELDEN)[:200])
    for buur in buren:
        if buur.pk in gevonden:
            continue
        for lid in leden:
            naam = _gelijk(lid.naam, buur.voornaam)
            if naam > 0.9 and abs(lid.geboortejaar - buur.geboortedatum.year) <= 1:
                adres = _adres(intake, buur)
                gevonden[buur.pk] = Kandidaat(
                    buur.pk, Soort.HUISGENOOT, 0.7 + 0.1 * naam + 0.1 * adres,
                    ["genoemd als huisgenoot",
                     "zelfde adres" if adres == 1.0 else "zelfde postcode"],
                    relatie=lid.relatie)
                break
    noemen = (Huishoudlid.objects.filter(intake__postcode=intake.postcode,
                                         geboortejaar__in=[intake.geboortedatum.year - 1,
                                                           intake.geboortedatum.year,
                                                           intake.geboortedatum.year + 1])
              .exclude(intake_id__in=zelf).select_related("intake").only(
                  "naam", "relatie", "geboortejaar", "intake_id", *(f"intake__{v}" for v in
                                                                    _VELDEN)))
    for lid in noemen:
        if lid.intake_id in gevonden or _gelijk(lid.naam, intake.voornaam) <= 0.9:
            continue
        gevonden[lid.intake_id] = Kandidaat(
            lid.intake_id, Soort.HUISGENOOT, 0.8 + 0.1 * _adres(intake, lid.intake),
            ["noemt deze inwoner als huisgenoot"], relatie=_omgekeerd(lid.relatie))


def _omgekeerd(relatie: str) -> str:
    """What the author of a request is to the member it names: a child's parent, a parent's
    child; partners and housemates stay what they are."""
    return {Relatie.KIND: Relatie.OUDER, Relatie.OUDER: Relatie.KIND}.get(
        Relatie(relatie), Relatie(relatie)) if relatie in Relatie.values else Relatie.ANDERS
