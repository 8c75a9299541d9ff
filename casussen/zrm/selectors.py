"""Reads of ZRM assessments: the history of a casus and how each domain changed over time.

`zrm_history` runs a fixed number of queries (two), whatever the number of assessments; the
other functions work on its result and run none. Callers pass the casus gate first.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from toegang.core.domein import ZRM_DOMEINNAAM, Levensgebied

from ..models import Casus
from .models import ZRM_NIVEAU_INWONER, ZrmMeting

DOMEINEN: tuple[str, ...] = tuple(Levensgebied.values)


@dataclass(frozen=True)
class MetingRegel:
    """One assessment with its scores (domain → level, in the order of the 13 domains)."""

    pk: int
    datum: date
    created_at: datetime
    door_naam: str
    door_inwoner: bool
    toelichting: str
    scores: dict[str, int] = field(default_factory=dict)

    @property
    def score_namen(self) -> list[tuple[str, int]]:
        """(professional name of the domain, level), for display."""
        return [(str(ZRM_DOMEINNAAM[Levensgebied(d)]), n) for d, n in self.scores.items()]


def zrm_history(*, casus: Casus) -> list[MetingRegel]:
    """All assessments of the casus, professional and self, newest first (two queries)."""
    metingen = (ZrmMeting.objects.filter(casus_id=casus.pk).select_related("door")
                .prefetch_related("scores")
                .order_by("-datum", "-created_at", "-id"))
    inwoner_naam = ""
    result = []
    for meting in metingen:
        if meting.door_inwoner and not inwoner_naam:
            intake = casus.intake
            inwoner_naam = f"{intake.voornaam} {intake.achternaam}".strip()
        niveaus = {score.domein: score.niveau for score in meting.scores.all()}
        result.append(MetingRegel(
            pk=meting.pk, datum=meting.datum, created_at=meting.created_at,
            door_naam=(inwoner_naam if meting.door_inwoner else
                       (meting.door.get_full_name() or meting.door.username)
                       if meting.door else ""),
            door_inwoner=meting.door_inwoner, toelichting=meting.toelichting,
            scores={d: niveaus[d] for d in DOMEINEN if d in niveaus}))
    return result


@dataclass(frozen=True)
class Punt:
    """One scored level of one domain at one assessment."""

    meting_id: int
    volgnummer: int          # position of the assessment in time, 0 = the oldest
    datum: date
    niveau: int
    door_inwoner: bool


@dataclass(frozen=True)
class DomeinVerloop:
    """How one domain was scored over time, oldest first."""

    domein: str
    punten: tuple[Punt, ...]

    @property
    def professioneel(self) -> tuple[Punt, ...]:
        return tuple(p for p in self.punten if not p.door_inwoner)

    @property
    def zelf(self) -> tuple[Punt, ...]:
        return tuple(p for p in self.punten if p.door_inwoner)

    def niveau_bij(self, meting_id: int) -> int | None:
        return next((p.niveau for p in self.punten if p.meting_id == meting_id), None)


@dataclass(frozen=True)
class Verloop:
    """The comparison over time: all assessments oldest first, and per scored domain its
    points (domains in the order of the 13 domains; never-scored domains left out)."""

    metingen: tuple[MetingRegel, ...]
    domeinen: tuple[DomeinVerloop, ...]


def zrm_verloop(*, metingen: Sequence[MetingRegel]) -> Verloop:
    """Per domain, its levels over time (from `zrm_history`, no queries)."""
    oudste_eerst = tuple(sorted(metingen, key=lambda m: (m.datum, m.created_at, m.pk)))
    punten: dict[str, list[Punt]] = {}
    for volgnummer, meting in enumerate(oudste_eerst):
        for domein, niveau in meting.scores.items():
            punten.setdefault(domein, []).append(Punt(
                meting_id=meting.pk, volgnummer=volgnummer, datum=meting.datum,
                niveau=niveau, door_inwoner=meting.door_inwoner))
    return Verloop(metingen=oudste_eerst,
                   domeinen=tuple(DomeinVerloop(domein=d, punten=tuple(punten[d]))
                                  for d in DOMEINEN if d in punten))


@dataclass(frozen=True)
class EersteLaatste:
    """The first and the latest level of one domain, and how many times it was scored."""

    domein: str
    eerste: Punt
    laatste: Punt
    aantal: int

    @property
    def verschil(self) -> int:
        return self.laatste.niveau - self.eerste.niveau


def zrm_eerste_laatste(*, metingen: Sequence[MetingRegel], door_inwoner: bool = False
                       ) -> list[EersteLaatste]:
    """Per domain the first against the latest level, over the professionals' assessments
    (or, with `door_inwoner`, over the resident's self-assessments). No queries."""
    result = []
    for verloop in zrm_verloop(metingen=metingen).domeinen:
        punten = verloop.zelf if door_inwoner else verloop.professioneel
        if punten:
            result.append(EersteLaatste(domein=verloop.domein, eerste=punten[0],
                                        laatste=punten[-1], aantal=len(punten)))
    return result


@dataclass(frozen=True)
class NaastElkaar:
    """One domain: the resident's latest self-score next to the latest professional score."""

    domein: str
    zelf: int | None
    professional: int | None

    @property
    def naam(self) -> str:
        """The domain in the resident's plain words."""
        return str(Levensgebied(self.domein).label)

    @property
    def zelf_tekst(self) -> str:
        return str(ZRM_NIVEAU_INWONER[self.zelf]) if self.zelf else ""

    @property
    def professional_tekst(self) -> str:
        return str(ZRM_NIVEAU_INWONER[self.professional]) if self.professional else ""


@dataclass(frozen=True)
class Vergelijking:
    zelf: MetingRegel | None
    professional: MetingRegel | None
    rijen: tuple[NaastElkaar, ...]


def zrm_naast_elkaar(*, metingen: Sequence[MetingRegel]) -> Vergelijking:
    """The latest self-assessment next to the latest professional assessment (no queries)."""
    nieuwste_eerst = sorted(metingen, key=lambda m: (m.datum, m.created_at, m.pk), reverse=True)
    zelf = next((m for m in nieuwste_eerst if m.door_inwoner), None)
    pro = next((m for m in nieuwste_eerst if not m.door_inwoner), None)
    rijen = tuple(
        NaastElkaar(domein=d, zelf=zelf.scores.get(d) if zelf else None,
                    professional=pro.scores.get(d) if pro else None)
        for d in DOMEINEN
        if (zelf and d in zelf.scores) or (pro and d in pro.scores))
    return Vergelijking(zelf=zelf, professional=pro, rijen=rijen)


def zrm_laatste_per_domein(*, metingen: Sequence[MetingRegel]) -> dict[str, Punt]:
    """The latest professional level per domain, e.g. to show next to a new assessment."""
    return {el.domein: el.laatste for el in zrm_eerste_laatste(metingen=metingen)}
