"""The fictional municipality Dijkstad: wijken, teams, staff and residents for the demo."""

import functools
import os
import zlib
from dataclasses import dataclass
from datetime import time

from django.contrib.auth.hashers import make_password
from django.db import transaction
from faker import Faker

from toegang.accounts.models import Rol, User
from toegang.accounts.services import inwoner_bsn_set, user_create
from toegang.accounts.tweestaps import totp_device_set_secret
from toegang.organisatie.models import RoutingRegel, Team, TeamSoort, Wijk
from toegang.organisatie.services import (
    pc4_parse,
    team_contact_set,
    team_create,
    team_inlooptijd_add,
    team_member_add,
    wijk_set_postcodes,
)

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "Toegang-demo-2026")

WIJKEN = [
    ("Centrum", "centrum", "7511-7514"),
    ("Noord", "noord", "7521-7524"),
    ("Oost", "oost", "7531-7535"),
    ("Zuid", "zuid", "7541-7546"),
    ("West", "west", "7551-7553"),
    ("Havenkwartier", "haven", "7561-7562"),
]

# (name, kind, laws, wijk codes, central)
TEAMS = [
    *[(f"Wijkteam {naam}", TeamSoort.WIJKTEAM, ["WMO"], [code], False)
      for naam, code, _pc in WIJKEN],
    ("Jeugdteam Noordwest", TeamSoort.JEUGDTEAM, ["JEUGDWET"], ["centrum", "noord", "west"], False),
    ("Jeugdteam Zuidoost", TeamSoort.JEUGDTEAM, ["JEUGDWET"], ["oost", "zuid", "haven"], False),
    ("Werk en Inkomen", TeamSoort.WERK_EN_INKOMEN, ["PARTICIPATIEWET"],
     [code for _n, code, _p in WIJKEN], False),
    ("Centrale toegang", TeamSoort.WIJKTEAM, ["WMO", "JEUGDWET", "PARTICIPATIEWET"], [], True),
]

ROUTING: list[tuple[int, str, dict[str, object], str]] = [
    (10, "Vraag over een kind: jeugdteam", {"over_kind": True}, TeamSoort.JEUGDTEAM),
    (20, "Werk of opleiding: werk en inkomen", {"levensgebied": "werk_opleiding"},
     TeamSoort.WERK_EN_INKOMEN),
    (30, "Geld en schulden: werk en inkomen", {"levensgebied": "financien"},
     TeamSoort.WERK_EN_INKOMEN),
    (90, "Al het andere: wijkteam", {}, TeamSoort.WIJKTEAM),
]

FUNCTIES = {
    TeamSoort.WIJKTEAM: ["wijkcoach", "maatschappelijk werker", "Wmo-consulent"],
    TeamSoort.JEUGDTEAM: ["jeugdprofessional", "gezinscoach"],
    TeamSoort.WERK_EN_INKOMEN: ["klantmanager", "inkomensconsulent", "schuldhulpverlener"],
}

# The demo resident logs in with this (fictional, elfproef-valid) BSN through the test DigiD.
DEMO_BSN = "111222333"

# One login per role for the demo; the README lists the same.
DEMO_LOGINS = [
    ("inwoner", "demo.inwoner@example.nl", Rol.INWONER, "Sanne", "de Vries", None),
    ("professional", "demo-professional", Rol.PROFESSIONAL, "Fatima", "El Amrani",
     "Wijkteam Centrum"),
    ("professional (jeugd)", "demo-jeugd", Rol.PROFESSIONAL, "Joost", "Bakker",
     "Jeugdteam Noordwest"),
    ("teamleider", "demo-teamleider", Rol.TEAMLEIDER, "Petra", "Jansen", "Wijkteam Centrum"),
    ("manager", "demo-manager", Rol.MANAGER, "Karim", "Yilmaz", None),
    ("beheerder", "demo-beheerder", Rol.BEHEERDER, "Ingrid", "Visser", None),
    ("privacyfunctionaris", "demo-privacy", Rol.PRIVACY, "Lotte", "Smit", None),
]


# The authenticator-app secret (base32) of each demo staff account, so a tester can add it to
# an app; the README lists the same. Fictional demo values: never use them elsewhere. Other
# staff accounts (tlNN, proNNMM) set up their app at their first login.
DEMO_TOTP_SECRETS = {
    "demo-professional": "ESXE54ZLP2KOS23XKGASULH3LBOWSRUC",
    "demo-jeugd": "STXPFSQKQEVKD3PEXWA7CCRXHQFVTQ32",
    "demo-teamleider": "ILTNRVSXQM7OTU5DOQ7EQZO76DYXUOPX",
    "demo-manager": "W5GSQJ4R3XJUAYW6DI6B2ECWZT2N5Q6Q",
    "demo-beheerder": "EB7FMMNFWAOUAWK675P5RNBBF4CCDEUY",
    "demo-privacy": "ZSLYVAMSTQFENYKSKN4F4EPRCRSLCZKB",
}


@dataclass
class Organisatie:
    wijken: dict[str, Wijk]
    teams: dict[str, Team]


@functools.cache
def _demo_password_hash() -> str:
    # Hashing once: the same demo password for every account, and seeding stays fast.
    return make_password(DEMO_PASSWORD)


def _user(*, username: str, rol: str, first: str, last: str, email: str = "",
          functie: str = "") -> User:
    existing = User.objects.filter(username=username).first()
    if existing:
        return existing
    user = user_create(username=username, rol=rol, email=email, first_name=first,
                       last_name=last, functie=functie)
    User.objects.filter(pk=user.pk).update(password=_demo_password_hash())
    return user


def _faker(seed: int, key: str) -> Faker:
    """A Faker seeded by the entity's key, so names do not depend on what exists already."""
    fake = Faker("nl_NL")
    fake.seed_instance(zlib.crc32(f"{seed}:{key}".encode()))
    return fake


INTRODUCTIE = {
    TeamSoort.WIJKTEAM: "Wij zijn het wijkteam. U kunt bij ons terecht met vragen over zorg, geld, "
                        "wonen, eenzaamheid of mantelzorg. Wij luisteren, denken met u mee en "
                        "regelen samen met u wat nodig is.",
    TeamSoort.JEUGDTEAM: "Wij helpen kinderen, jongeren en ouders. Bijvoorbeeld bij zorgen over "
                         "opvoeden, school of ruzie thuis. Praten met ons is gratis.",
    TeamSoort.WERK_EN_INKOMEN: "Wij helpen bij werk zoeken, een uitkering, geldzorgen en "
                               "schulden. Neem uw vragen en brieven gerust mee.",
}
# (weekday, from, to): every team its own realistic walk-in hours, varied by its place in TEAMS.
INLOOP = [
    [(1, time(9), time(12)), (4, time(13, 30), time(16, 30))],
    [(2, time(9), time(12)), (5, time(9), time(11, 30))],
    [(1, time(13), time(16)), (3, time(9), time(12))],
    [(2, time(13, 30), time(16)), (4, time(9), time(12))],
]


def _team_adres_en_inloop(team: Team, fake: Faker, index: int, *, pc4: str) -> None:
    centraal = team.is_centrale_toegang
    letters = "AA" if centraal else fake.lexify("??", letters="BCDEGHJKLMNPRTVWXZ")
    team_contact_set(
        team=team, straat_huisnummer="Stadhuisplein 1" if centraal else
        f"{fake.street_name()} {fake.random_int(1, 80)}",
        postcode=f"{pc4} {letters}",
        plaats="Dijkstad",
        introductie=("Wij zijn de centrale toegang van Dijkstad. Wij helpen iedereen die niet "
                     "weet waar hij terecht kan, en mensen zonder vaste woonplek."
                     if centraal else INTRODUCTIE[TeamSoort(team.soort)]))
    if not team.inlooptijden.exists():
        dagen = ([(d, time(9), time(16)) for d in range(1, 6)] if centraal
                 else INLOOP[index % len(INLOOP)])
        for dag, van, tot in dagen:
            team_inlooptijd_add(team=team, weekdag=dag, van=van, tot=tot,
                                opmerking="balie in het stadhuis" if centraal else "")


@transaction.atomic
def seed_organisatie(*, seed: int = 2026, professionals_per_team: int = 4) -> Organisatie:
    """Create (or find) Dijkstad's organisation; running it twice changes nothing."""

    wijken: dict[str, Wijk] = {}
    for naam, code, ranges in WIJKEN:
        wijk, created = Wijk.objects.get_or_create(code=code, defaults={"naam": naam})
        if created:
            wijk_set_postcodes(wijk=wijk, pc4=pc4_parse(ranges))
        wijken[code] = wijk

    teams: dict[str, Team] = {}
    for index, (naam, soort, wetten, wijk_codes, centraal) in enumerate(TEAMS):
        fake = _faker(seed, naam)
        team = Team.objects.filter(naam=naam).first() or team_create(
            naam=naam, soort=soort, wetten=wetten, wijken=[wijken[c] for c in wijk_codes],
            telefoon=f"14 0123 {fake.random_int(100, 999)}",
            email=f"{naam.lower().replace(' ', '.')}@dijkstad.example.nl",
            is_centrale_toegang=centraal)
        if not team.straat_huisnummer:  # also fills in teams of a demo seeded before addresses
            pc4 = pc4_parse({c: r for _n, c, r in WIJKEN}[(wijk_codes or ["centrum"])[0]])
            _team_adres_en_inloop(team, fake, index, pc4=pc4[0])
        teams[naam] = team

    for volgorde, regel_naam, conditie, regel_soort in ROUTING:
        RoutingRegel.objects.get_or_create(volgorde=volgorde, defaults={
            "naam": regel_naam, "team_soort": regel_soort, **conditie})

    for _label, username, rol, first, last, team_naam in DEMO_LOGINS:
        email = username if "@" in username else f"{username}@dijkstad.example.nl"
        user = _user(username=username, rol=rol, first=first, last=last, email=email,
                     functie="wijkcoach" if rol == Rol.PROFESSIONAL else "")
        if team_naam:
            team_member_add(team=teams[team_naam], user=user)
        if rol == Rol.INWONER and not user.bsn_hash:
            inwoner_bsn_set(user=user, bsn=DEMO_BSN)
        if username in DEMO_TOTP_SECRETS:
            totp_device_set_secret(user=user, secret=DEMO_TOTP_SECRETS[username])

    # A teamleider for every team and a few professionals each, all fictional.
    for index, team in enumerate(teams.values()):
        fake = _faker(seed, f"tl{index + 1:02d}")
        leider = _user(username=f"tl{index + 1:02d}", rol=Rol.TEAMLEIDER,
                       first=fake.first_name(), last=fake.last_name(),
                       email=f"tl{index + 1:02d}@dijkstad.example.nl")
        team_member_add(team=team, user=leider)
        for n in range(professionals_per_team):
            username = f"pro{index + 1:02d}{n + 1:02d}"
            fake = _faker(seed, username)
            pro = _user(username=username, rol=Rol.PROFESSIONAL, first=fake.first_name(),
                        last=fake.last_name(), email=f"{username}@dijkstad.example.nl",
                        functie=fake.random_element(FUNCTIES[TeamSoort(team.soort)]))
            team_member_add(team=team, user=pro)

    for n in range(1, 6):
        fake = _faker(seed, f"inwoner{n}")
        _user(username=f"inwoner{n}@example.nl", rol=Rol.INWONER, first=fake.first_name(),
              last=fake.last_name(), email=f"inwoner{n}@example.nl")
    return Organisatie(wijken=wijken, teams=teams)
