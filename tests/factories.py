"""factory_boy factories; teams and users are made through the services, as in production."""

import factory
from factory.django import DjangoModelFactory

from toegang.accounts.models import Rol, User
from toegang.accounts.services import inwoner_bsn_set, user_create
from toegang.organisatie.models import RoutingRegel, Team, Wijk
from toegang.organisatie.services import team_create, team_member_add, wijk_set_postcodes

PASSWORD = "Correct-horse-battery-9"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    rol = Rol.INWONER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        teams = kwargs.pop("teams", [])
        bsn = kwargs.pop("bsn", "")
        kwargs.setdefault("password", PASSWORD)
        user = user_create(**kwargs)
        for team in teams:
            team_member_add(team=team, user=user)
        if bsn:  # a resident who logs in with DigiD: InwonerFactory(bsn="111222333")
            inwoner_bsn_set(user=user, bsn=bsn)
        return user


class InwonerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"inwoner{n}@example.nl")
    email = factory.LazyAttribute(lambda o: o.username)
    rol = Rol.INWONER


class ProfessionalFactory(UserFactory):
    username = factory.Sequence(lambda n: f"pro{n}")
    rol = Rol.PROFESSIONAL


class TeamleiderFactory(UserFactory):
    username = factory.Sequence(lambda n: f"leider{n}")
    rol = Rol.TEAMLEIDER


class ManagerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"manager{n}")
    rol = Rol.MANAGER


class BeheerderFactory(UserFactory):
    username = factory.Sequence(lambda n: f"beheerder{n}")
    rol = Rol.BEHEERDER


class WijkFactory(DjangoModelFactory):
    class Meta:
        model = Wijk
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Wijk {n}")
    code = factory.Sequence(lambda n: f"wijk{n}")

    @factory.post_generation
    def postcodes(self, create, extracted, **kwargs):
        if create and extracted:
            wijk_set_postcodes(wijk=self, pc4=extracted)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    naam = factory.Sequence(lambda n: f"Team {n}")
    soort = "wijkteam"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.setdefault("wetten", ["WMO"])
        return team_create(**kwargs)


class RoutingRegelFactory(DjangoModelFactory):
    class Meta:
        model = RoutingRegel

    volgorde = factory.Sequence(lambda n: (n + 1) * 10)
    naam = factory.Sequence(lambda n: f"Regel {n}")
    team_soort = "wijkteam"


# --- Intakes -----------------------------------------------------------------------------------

import datetime as _dt  # noqa: E402

from intake.services import (  # noqa: E402
    HuishoudlidGegevens,
    IntakeGegevens,
    ToestemmingKeuze,
    intake_submit,
)


def intake_gegevens(**overrides) -> IntakeGegevens:  # type: ignore[no-untyped-def]
    values = {
        "voornaam": "Sanne", "achternaam": "de Vries", "geboortedatum": _dt.date(1985, 4, 12),
        "vraag": "Ik krijg de rekeningen niet meer betaald en ik slaap slecht.",
        "postcode": "7511AB", "straat": "Dorpsstraat 1", "woonplaats": "Dijkstad",
        "telefoon": "0612345678", "email": "sanne@example.nl",
        "levensgebieden": ["huisvesting"],
    }
    values.update(overrides)
    return IntakeGegevens(**values)


def make_intake(*, inwoner=None, kanaal: str = "online", toestemmingen=(), **overrides):  # type: ignore[no-untyped-def]
    """An intake submitted through the real service (routing, grants, log)."""
    return intake_submit(gegevens=intake_gegevens(**overrides), kanaal=kanaal, inwoner=inwoner,
                         toestemmingen=toestemmingen)


__all__ = ["HuishoudlidGegevens", "ToestemmingKeuze", "intake_gegevens", "make_intake"]


class PrivacyFactory(UserFactory):
    username = factory.Sequence(lambda n: f"privacy{n}")
    rol = Rol.PRIVACY
