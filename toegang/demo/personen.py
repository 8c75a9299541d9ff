"""Residents for generated data: surnames about as common as they are in the Netherlands, first
names, dates of birth, addresses (one street per postcode) and BSNs that pass the elfproef.

The bulk seed (intakes.py) and the benchmark's labelled set for matching (bench/matching.py)
draw from the same population, so namesakes and shared dates of birth occur as often in the
one as in the other. Deterministic for a given random generator.
"""

import bisect
import itertools
import random
import zlib
from dataclasses import dataclass, replace
from datetime import date, timedelta

from faker.providers.person.nl_NL import Provider as FakerNamen

# The most common surnames with roughly their share of the population, per 10,000
# (de Jong is about 0.5 %). Everything else is shared evenly by the long tail below.
VEEL_VOORKOMEND: dict[str, int] = {
    "de Jong": 50, "Jansen": 44, "de Vries": 42, "van den Berg": 35, "van Dijk": 32,
    "Bakker": 31, "Janssen": 31, "Visser": 29, "Smit": 27, "Meijer": 26, "de Boer": 25,
    "Mulder": 24, "de Groot": 24, "Bos": 23, "Vos": 22, "Peters": 21, "Hendriks": 21,
    "van Leeuwen": 20, "Dekker": 20, "Brouwer": 19, "de Wit": 19, "Dijkstra": 19, "Smits": 18,
    "de Graaf": 18, "van der Meer": 17, "van der Linden": 16, "Kok": 16, "Jacobs": 16,
    "de Haan": 16, "Vermeulen": 15, "van den Heuvel": 15, "van der Veen": 15,
    "van den Broek": 14, "de Bruijn": 14, "de Bruin": 14, "van der Heijden": 14, "Schouten": 14,
    "van Beek": 13, "Willems": 13, "van Vliet": 13, "van de Ven": 12, "Hoekstra": 12, "Maas": 12,
    "Verhoeven": 12, "Koster": 12, "van Dam": 12, "van der Wal": 11, "Prins": 11, "Blom": 11,
    "Huisman": 11, "Yılmaz": 10, "Kaya": 7, "Demir": 7, "Şahin": 5, "Çelik": 5, "El Amrani": 3,
    "Bouzid": 3, "Ramdin": 2, "Nguyen": 2,
}
_STAART = sorted({n for n in FakerNamen.last_names
                  if "," not in n and len(n.split()) <= 3 and n not in VEEL_VOORKOMEND}
                 - {"The Elder"})
ACHTERNAMEN: list[str] = [*VEEL_VOORKOMEND, *_STAART]
_STAART_DEEL = (10_000 - sum(VEEL_VOORKOMEND.values())) / len(_STAART)
_CUMULATIEF = list(itertools.accumulate([*VEEL_VOORKOMEND.values(),
                                         *[_STAART_DEEL] * len(_STAART)]))
VOORNAMEN: list[str] = sorted({*FakerNamen.first_names_female, *FakerNamen.first_names_male})

STRATEN = ["Dorpsstraat", "Kerkweg", "Molenlaan", "Havenkade", "Beukenlaan", "Julianastraat",
           "Schoolstraat", "Parklaan", "Eikenlaan", "Stationsweg", "Wilhelminastraat",
           "Kastanjelaan", "Prinses Beatrixlaan", "Lindelaan", "Markt", "Nieuwstraat",
           "Oranjestraat", "Sportlaan", "Vijverweg", "Zuiderstraat", "Noordsingel",
           "Raadhuisplein", "Kanaalweg", "Esdoornstraat", "Tulpstraat", "Rozenstraat",
           "Berkenhof", "Meidoornlaan", "Irisstraat", "Populierenweg"]
_LETTERS = "ABCDEGHJKL"
_EERSTE_DAG, _LAATSTE_DAG = date(1935, 1, 1), date(2008, 12, 31)


@dataclass(frozen=True)
class Persoon:
    """A resident as a request writes them down; `bsn` is "" when the request has none."""

    voornaam: str
    achternaam: str
    geboortedatum: date
    postcode: str
    straat: str
    bsn: str = ""


def straat_bij(postcode: str, huisnummer: int) -> str:
    """A postcode is one street (as in the Netherlands: a side of a street, 15–25 doors)."""
    return f"{STRATEN[zlib.crc32(postcode.encode()) % len(STRATEN)]} {huisnummer}"


def bsn_uit_volgnummer(volgnummer: int) -> str:
    """A distinct BSN that passes the elfproef for every volgnummer from 0 to 7,999,999."""
    for laatste in range(2):
        # The seven leading digits carry the volgnummer. The eighth has weight 2 in the
        # elfproef, so 0 and 1 give check sums 2 apart: one of them is not 10 (no digit).
        voorloop = f"{2_000_000 + volgnummer:07d}{laatste}"
        controle = sum(int(c) * w for c, w in zip(voorloop, range(9, 1, -1), strict=True)) % 11
        if controle < 10:
            return f"{voorloop}{controle}"
    raise AssertionError("unreachable")


class Bevolking:
    """Draws residents: names, dates of birth, addresses in the given postcode areas. Each
    resident gets the next BSN from `eerste_bsn` on, so two populations drawn side by side
    (the seed and a labelled set) share no BSN."""

    def __init__(self, rng: random.Random, pc4s: list[str], *, eerste_bsn: int = 0) -> None:
        self.rng = rng
        self.pc4s = pc4s
        self._volgnummer = eerste_bsn

    def achternaam(self) -> str:
        return ACHTERNAMEN[bisect.bisect(_CUMULATIEF, self.rng.random() * _CUMULATIEF[-1])]

    def voornaam(self) -> str:
        return self.rng.choice(VOORNAMEN)

    def geboortedatum(self, van: date = _EERSTE_DAG, tot: date = _LAATSTE_DAG) -> date:
        return van + timedelta(days=self.rng.randint(0, (tot - van).days))

    def postcode(self, pc4: str | None = None) -> str:
        letters = self.rng.choice(_LETTERS) + self.rng.choice(_LETTERS)
        return f"{pc4 or self.rng.choice(self.pc4s)} {letters}"

    def adres(self, pc4: str | None = None) -> tuple[str, str]:
        postcode = self.postcode(pc4)
        return postcode, straat_bij(postcode, self.rng.randint(1, 40))

    def bsn(self) -> str:
        self._volgnummer += 1
        return bsn_uit_volgnummer(self._volgnummer)

    def persoon(self, **vast: object) -> Persoon:
        """A new resident; fields given in `vast` are kept (a sibling's surname, say)."""
        postcode, straat = self.adres()
        nieuw = Persoon(voornaam=self.voornaam(), achternaam=self.achternaam(),
                        geboortedatum=self.geboortedatum(), postcode=postcode, straat=straat,
                        bsn=self.bsn())
        return replace(nieuw, **vast)  # type: ignore[arg-type]

    def verhuisd(self, persoon: Persoon) -> Persoon:
        """The same resident at another address: mostly in the city, now and then nearby."""
        pc4 = persoon.postcode[:4] if self.rng.random() < 0.3 else None
        while True:
            postcode, straat = self.adres(pc4)
            if postcode != persoon.postcode:
                return replace(persoon, postcode=postcode, straat=straat)


class Aanvragers:
    """Who files the next request: mostly someone new, one in five someone who asked before
    (some of them moved since), and now and then a partner named in an earlier request."""

    OPNIEUW = 0.2
    VERHUISD = 0.15
    PARTNER = 0.04

    def __init__(self, bevolking: Bevolking, geheugen: int = 100_000) -> None:
        self.bevolking = bevolking
        self.geheugen = geheugen
        self.eerder: list[Persoon] = []
        self.partners: list[Persoon] = []

    def volgende(self) -> Persoon:
        rng = self.bevolking.rng
        kans = rng.random()
        if self.eerder and kans < self.OPNIEUW:
            plek = rng.randrange(len(self.eerder))
            persoon = self.eerder[plek]
            if rng.random() < self.VERHUISD:
                persoon = self.eerder[plek] = self.bevolking.verhuisd(persoon)
            return persoon
        if self.partners and kans < self.OPNIEUW + self.PARTNER:
            persoon = self.partners.pop(rng.randrange(len(self.partners)))
        else:
            persoon = self.bevolking.persoon()
        self._onthoud(self.eerder, persoon)
        return persoon

    def huishouden(self, persoon: Persoon, *, over_kind: bool,
                   jaar: int) -> list[tuple[str, str, int, bool]]:
        """Members a request names: (relatie, voornaam, geboortejaar, vraag gaat over)."""
        rng = self.bevolking.rng
        leden = []
        oudste = max(persoon.geboortedatum.year + 18, jaar - 17)
        # Every draw is made whatever `jaar` is (it follows the clock), so that one seed gives
        # the same intakes on any day: only what is kept depends on the year.
        met_kind, aantal = rng.random() < 0.15, rng.choice([1, 1, 2])
        kinderen = [(self.bevolking.voornaam(), rng.random()) for _n in range(2)]
        if oudste <= jaar and (over_kind or met_kind):
            for naam, plek in kinderen[:aantal]:
                leden.append(("kind", naam, oudste + int(plek * (jaar - oudste + 1)),
                              over_kind))
        if rng.random() < 0.3:
            partner = self.bevolking.persoon(
                achternaam=persoon.achternaam if rng.random() < 0.4 else
                self.bevolking.achternaam(),
                geboortedatum=self.bevolking.geboortedatum(
                    persoon.geboortedatum - timedelta(days=5 * 365),
                    min(persoon.geboortedatum + timedelta(days=5 * 365), _LAATSTE_DAG)),
                postcode=persoon.postcode, straat=persoon.straat)
            leden.append(("partner", partner.voornaam, partner.geboortedatum.year, False))
            self._onthoud(self.partners, partner)
        return leden

    def _onthoud(self, lijst: list[Persoon], persoon: Persoon) -> None:
        if len(lijst) < self.geheugen:
            lijst.append(persoon)
        else:
            lijst[self.bevolking.rng.randrange(self.geheugen)] = persoon
