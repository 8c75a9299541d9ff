"""A small municipality for the intake tests: two wijken and teams of every wet."""

from dataclasses import dataclass

import pytest

from tests.factories import (
    BeheerderFactory,
    InwonerFactory,
    ManagerFactory,
    ProfessionalFactory,
    RoutingRegelFactory,
    TeamFactory,
    TeamleiderFactory,
    WijkFactory,
)
from toegang.accounts.models import User
from toegang.organisatie.models import Team, Wijk


@dataclass
class Stad:
    centrum: Wijk
    noord: Wijk
    wijkteam: Team          # WMO, Centrum: the front door for ordinary questions
    wijkteam_noord: Team    # WMO, Noord: another wijk
    jeugdteam: Team         # Jeugdwet, Centrum
    werk: Team              # Participatiewet, both wijken
    pro: User               # wijkteam Centrum
    pro_noord: User         # wijkteam Noord
    pro_jeugd: User         # jeugdteam
    pro_werk: User          # werk en inkomen
    teamleider: User        # wijkteam Centrum
    manager: User
    beheerder: User
    inwoner: User
    andere_inwoner: User


@pytest.fixture
def stad(db) -> Stad:  # type: ignore[no-untyped-def]
    centrum = WijkFactory(naam="Centrum", postcodes=["7511", "7512"])
    noord = WijkFactory(naam="Noord", postcodes=["7521"])
    wijkteam = TeamFactory(naam="Wijkteam Centrum", soort="wijkteam", wetten=["WMO"],
                           wijken=[centrum])
    wijkteam_noord = TeamFactory(naam="Wijkteam Noord", soort="wijkteam", wetten=["WMO"],
                                 wijken=[noord])
    jeugdteam = TeamFactory(naam="Jeugdteam", soort="jeugdteam", wetten=["JEUGDWET"],
                            wijken=[centrum, noord])
    werk = TeamFactory(naam="Werk en Inkomen", soort="werk_en_inkomen",
                       wetten=["PARTICIPATIEWET"], wijken=[centrum, noord])
    RoutingRegelFactory(volgorde=10, over_kind=True, team_soort="jeugdteam")
    RoutingRegelFactory(volgorde=20, levensgebied="werk_opleiding", team_soort="werk_en_inkomen")
    RoutingRegelFactory(volgorde=90, team_soort="wijkteam")
    return Stad(
        centrum=centrum, noord=noord, wijkteam=wijkteam, wijkteam_noord=wijkteam_noord,
        jeugdteam=jeugdteam, werk=werk,
        pro=ProfessionalFactory(teams=[wijkteam]),
        pro_noord=ProfessionalFactory(teams=[wijkteam_noord]),
        pro_jeugd=ProfessionalFactory(teams=[jeugdteam]),
        pro_werk=ProfessionalFactory(teams=[werk]),
        teamleider=TeamleiderFactory(teams=[wijkteam]),
        manager=ManagerFactory(), beheerder=BeheerderFactory(),
        inwoner=InwonerFactory(), andere_inwoner=InwonerFactory(),
    )
