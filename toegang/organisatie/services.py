"""Writes on the organisation: wijken, teams, memberships and routing."""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from toegang.accounts.models import CASE_ROLES, User
from toegang.core.domein import Wet as WetKeuze

from .models import (
    Inlooptijd,
    RoutingRegel,
    Team,
    Teamlidmaatschap,
    Weekdag,
    Wet,
    Wijk,
    WijkPostcode,
    inlooptijden_overlap,
    postcode_normalize,
)

logger = logging.getLogger(__name__)
_RANGE = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$")


def pc4_parse(text: str) -> list[str]:
    """Parse '7511-7514, 7520' into a sorted list of PC4 codes; raise ValidationError on junk."""
    codes: set[str] = set()
    for part in filter(None, (p.strip() for p in re.split(r"[,;\s]+(?=\d{4})|,", text))):
        match = _RANGE.match(part)
        if not match:
            raise ValidationError(_("'%(deel)s' is geen postcodegebied of reeks zoals "
                                    "7511-7514.") % {"deel": part})
        start, end = int(match[1]), int(match[2] or match[1])
        if start < 1000 or end < start or end > 9999:
            raise ValidationError(_("De reeks %(deel)s klopt niet.") % {"deel": part})
        codes.update(f"{n:04d}" for n in range(start, end + 1))
    return sorted(codes)


def pc4_format(codes: Iterable[str]) -> str:
    """Write PC4 codes back as compact ranges: '7511-7514, 7520'."""
    numbers = sorted(int(c) for c in codes)
    parts: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        parts.append(f"{numbers[i]}" if i == j else f"{numbers[i]}-{numbers[j]}")
        i = j + 1
    return ", ".join(parts)


@transaction.atomic
def wijk_set_postcodes(*, wijk: Wijk, pc4: Iterable[str]) -> None:
    """Make `pc4` exactly the postcode areas of `wijk`; an area of another wijk is refused."""
    wanted = set(pc4)
    taken = (WijkPostcode.objects.filter(pc4__in=wanted).exclude(wijk=wijk)
             .select_related("wijk").order_by("pc4"))
    conflicts = [f"{p.pc4} ({p.wijk})" for p in taken]
    if conflicts:
        raise ValidationError(_("Deze postcodegebieden horen al bij een andere wijk: %(lijst)s")
                              % {"lijst": ", ".join(conflicts)})
    wijk.postcodes.exclude(pc4__in=wanted).delete()
    existing = set(wijk.postcodes.values_list("pc4", flat=True))
    WijkPostcode.objects.bulk_create(
        [WijkPostcode(wijk=wijk, pc4=code) for code in sorted(wanted - existing)])


def wetten_ensure() -> None:
    """Make sure the three Wet rows exist (a migration creates them; a flushed test DB not)."""
    Wet.objects.bulk_create([Wet(code=code) for code in WetKeuze.values],
                            ignore_conflicts=True)


@transaction.atomic
def team_create(*, naam: str, soort: str, wetten: Iterable[str | Wet], wijken: Iterable[Wijk] = (),
                telefoon: str = "", email: str = "", straat_huisnummer: str = "",
                postcode: str = "", plaats: str = "", introductie: str = "",
                is_centrale_toegang: bool = False) -> Team:
    """Create a team with its own auth Group, which receives the object permissions."""
    group = Group.objects.create(name=f"team:{naam}")
    team = Team(naam=naam, soort=soort, group=group, telefoon=telefoon, email=email,
                straat_huisnummer=straat_huisnummer, postcode=postcode_normalize(postcode),
                plaats=plaats, introductie=introductie, is_centrale_toegang=is_centrale_toegang)
    team.full_clean(exclude=["group"])
    team.save()
    wetten_ensure()
    team.wetten.set(Wet.objects.filter(code__in=[str(w.pk if isinstance(w, Wet) else w)
                                                 for w in wetten]))
    team.wijken.set(list(wijken))
    return team


@transaction.atomic
def team_contact_set(*, team: Team, straat_huisnummer: str, postcode: str, plaats: str,
                     introductie: str = "", telefoon: str | None = None,
                     email: str | None = None) -> Team:
    """Set the address and introduction residents see (the admin edits the same fields)."""
    team.straat_huisnummer = straat_huisnummer
    team.postcode = postcode_normalize(postcode)
    team.plaats = plaats
    team.introductie = introductie
    if telefoon is not None:
        team.telefoon = telefoon
    if email is not None:
        team.email = email
    team.full_clean(exclude=["group"])
    team.save()
    return team


@transaction.atomic
def team_inlooptijd_add(*, team: Team, weekdag: int, van: time, tot: time, locatie: str = "",
                        opmerking: str = "") -> Inlooptijd:
    """Add a walk-in period; refused if it ends before it starts or overlaps another that day."""
    tijd = Inlooptijd(team=team, weekdag=weekdag, van=van, tot=tot, locatie=locatie,
                      opmerking=opmerking)
    tijd.full_clean()
    bestaand = [(t.weekdag, t.van, t.tot)
                for t in Inlooptijd.objects.select_for_update().filter(team=team,
                                                                        weekdag=weekdag)]
    if inlooptijden_overlap([*bestaand, (weekdag, van, tot)]):
        raise ValidationError(_("Op %(dag)s overlapt deze inlooptijd met een andere inlooptijd "
                                "van dit team.") % {"dag": Weekdag(weekdag).label})
    tijd.save()
    return tijd


def team_group_ensure(*, team: Team) -> None:
    """Give a team made outside team_create (e.g. in the admin) its Group."""
    if team.group_id is None:
        team.group = Group.objects.create(name=f"team:{team.naam}")


@transaction.atomic
def team_member_add(*, team: Team, user: User) -> Teamlidmaatschap:
    """Add a professional or teamleider to a team and to the team's Group."""
    if user.rol not in CASE_ROLES:
        raise ValidationError(_("Alleen professionals en teamleiders kunnen lid zijn van een "
                                "team."))
    lid, _created = Teamlidmaatschap.objects.get_or_create(team=team, user=user)
    user.groups.add(team.group)
    return lid


@transaction.atomic
def team_members_sync(*, team: Team) -> None:
    """Make the team's Group hold exactly the team's members (after an admin edit)."""
    team.group.user_set.set(User.objects.filter(lidmaatschappen__team=team))


@dataclass(frozen=True)
class Routering:
    wijk: Wijk | None
    team: Team
    regel: RoutingRegel | None


class RoutingError(Exception):
    """No team can take the intake: the configuration has a gap."""


def _pc4(postcode: str) -> str | None:
    pc4 = (postcode or "").replace(" ", "")[:4]
    return pc4 if len(pc4) == 4 and pc4.isdigit() else None


def wijk_for_postcode(postcode: str) -> Wijk | None:
    pc4 = _pc4(postcode)
    if pc4 is None:
        return None
    hit = WijkPostcode.objects.select_related("wijk").filter(pc4=pc4).first()
    return hit.wijk if hit else None


class Router:
    """Routes intakes with the current configuration, reading each part once.

    One Router per request keeps routing consistent with what the beheerder just saved; the
    demo seeder reuses one Router for a million intakes.
    """

    def __init__(self) -> None:
        self._wijk_by_pc4: dict[str, Wijk | None] = {}
        self._teams: dict[int, list[Team]] = {}
        self._regels: list[RoutingRegel] | None = None
        self._central: Team | None = None

    def wijk(self, postcode: str) -> Wijk | None:
        pc4 = _pc4(postcode)
        if pc4 is None:
            return None
        if pc4 not in self._wijk_by_pc4:
            self._wijk_by_pc4[pc4] = wijk_for_postcode(pc4)
        return self._wijk_by_pc4[pc4]

    def teams(self, wijk: Wijk) -> list[Team]:
        if wijk.pk not in self._teams:
            self._teams[wijk.pk] = list(Team.objects.actief().voor_wijk(wijk).order_by("id"))
        return self._teams[wijk.pk]

    def regels(self) -> list[RoutingRegel]:
        if self._regels is None:
            self._regels = list(RoutingRegel.objects.filter(actief=True).order_by("volgorde"))
        return self._regels

    def route(self, *, postcode: str, levensgebieden: Iterable[str] = (),
              over_kind: bool = False) -> Routering:
        """Postcode → wijk, then the first routing rule that matches; see docs/architecture."""
        wijk = self.wijk(postcode)
        if wijk is None:
            if self._central is None:
                self._central = (Team.objects.actief().filter(is_centrale_toegang=True)
                                 .order_by("id").first())
            if self._central is None:
                return self._noodgeval(None, "no central team for intakes without a wijk")
            return Routering(wijk=None, team=self._central, regel=None)
        gebieden = set(levensgebieden)
        teams = self.teams(wijk)
        for regel in self.regels():
            if regel.wijk_id not in (None, wijk.id):
                continue
            if regel.levensgebied and regel.levensgebied not in gebieden:
                continue
            if regel.over_kind is not None and regel.over_kind != over_kind:
                continue
            team = next((t for t in teams if t.soort == regel.team_soort), None)
            if team is not None:
                return Routering(wijk=wijk, team=team, regel=regel)
        fallback = next((t for t in teams if t.soort == "wijkteam"), None)
        if fallback is None:
            return self._noodgeval(wijk, f"no wijkteam serves wijk {wijk.code}")
        return Routering(wijk=wijk, team=fallback, regel=None)

    def _noodgeval(self, wijk: Wijk | None, reason: str) -> Routering:
        """A gap in the configuration must never lose an intake: it goes to the first active
        team (a central team if there is one) and the gap is logged for the beheerder."""
        team = (Team.objects.actief().order_by("-is_centrale_toegang", "id").first())
        if team is None:
            raise RoutingError("There is no active team at all.")
        logger.error("Routing gap (%s): intake sent to %s", reason, team.naam)
        return Routering(wijk=wijk, team=team, regel=None)


def intake_route(*, postcode: str, levensgebieden: Iterable[str] = (),
                 over_kind: bool = False) -> Routering:
    """Choose the front-door team: postcode → wijk, then the first routing rule that matches."""
    return Router().route(postcode=postcode, levensgebieden=levensgebieden, over_kind=over_kind)
