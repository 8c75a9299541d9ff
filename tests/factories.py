"""factory_boy factories. Everything is made through the services, as in production: users and
teams (group membership), intakes (routing, permission rows, the first-contact clock, the
access log), consents, cases and clocks. Traits and parameters name the states the tests
talk about (the places are those of the `stad` fixture in tests/conftest.py):

    IntakeFactory()                             a question from wijk Centrum, to its wijkteam
    IntakeFactory(urgent=True)                  an urgent question
    IntakeFactory(onveilig=True)                someone is not safe now (urgent as well)
    IntakeFactory(minderjarig=True)             a question about a child (to the jeugdteam)
    IntakeFactory(over_werk=True)               about work and income (to Werk en Inkomen)
    IntakeFactory(in_noord=True)                from wijk Noord (to its own wijkteam)
    IntakeFactory(met_toestemming_jeugd=True)   the resident lets the jeugdteam read along
    IntakeFactory(met_toestemming_werk=True)    ... and/or Werk en Inkomen
    IntakeFactory(opgepakt_door=pro)            picked up: the intake with its casus
    CasusFactory(opgepakt_door=pro)             the casus itself, `pro` its regiehouder
    CasusFactory(eerste_contact_gehad=True)     ... and the first call was made
    ToestemmingFactory(ingetrokken=True)        a consent given, then withdrawn
    TermijnFactory(te_laat=True)                a clock past its deadline
    TermijnFactory(opgeschort=True)             a clock standing still
    TermijnFactory(afgehandeld=True)            a clock that is done
"""

import datetime as dt
from decimal import Decimal

import factory
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from casussen.besluit import services as besluit_services
from casussen.besluit.models import Beschikking, Besluit, Levering
from casussen.models import Casus
from casussen.services import casus_open
from intake.gegevens import HuishoudlidGegevens, IntakeGegevens, ToestemmingKeuze
from intake.models import Bijlage, Intake, Toestemming, Urgentie, Veiligheid, Verwijzer
from intake.services import (
    aanvulling_add,
    intake_submit,
    toestemming_give,
    toestemming_vereisten,
    toestemming_withdraw,
)
from intake.verwijzing.services import verwijzer_create
from regie.feedback.models import FeedbackAntwoord
from regie.termijnen.models import Termijn, TermijnSoort
from regie.termijnen.services import (
    WETTELIJK,
    termijn_complete,
    termijn_create,
    termijn_start,
    termijn_suspend,
    termijnen_complete,
)
from toegang.accounts.models import Rol, User
from toegang.accounts.services import inwoner_bsn_set, user_create
from toegang.catalogus.models import Contract, Product, Tarief, Zorgaanbieder
from toegang.core.werkdagen import einde_van_dag, werkdagen_na
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


class PrivacyFactory(UserFactory):
    username = factory.Sequence(lambda n: f"privacy{n}")
    rol = Rol.PRIVACY


# --- Intakes -----------------------------------------------------------------------------------

# The fields of an intake (IntakeGegevens) a factory call may set, besides the traits.
GEGEVENS = set(IntakeGegevens.__dataclass_fields__)


class IntakeFactory(DjangoModelFactory):
    """An intake submitted through `intake_submit`: routed to the front-door team of its wijk,
    the permission rows and the first-contact clock made, the submission logged.

    Any field of IntakeGegevens may be given (`voornaam=`, `postcode=`, `huishouden=` ...),
    and `inwoner` (who submitted it from their account; None: without an account), `kanaal`,
    `ingevoerd_door` (a professional typing it in) and `toestemmingen` (the yes and no of the
    wizard's consent step, as ToestemmingKeuze).
    """

    class Meta:
        model = Intake
        skip_postgeneration_save = True

    voornaam = "Sanne"
    achternaam = "de Vries"
    geboortedatum = dt.date(1985, 4, 12)
    vraag = "Ik krijg de rekeningen niet meer betaald en ik slaap slecht."
    postcode = "7511AB"  # wijk Centrum of the `stad` fixture
    straat = "Dorpsstraat 1"
    woonplaats = "Dijkstad"
    telefoon = "0612345678"
    email = "sanne@example.nl"
    levensgebieden = factory.LazyFunction(lambda: ["huisvesting"])
    inwoner = None
    kanaal = "online"
    ingevoerd_door = None
    toestemmingen = ()
    # After submitting: the resident lets these wetten read along (toestemming_give), and a
    # professional picks the intake up (casus_open).
    toestemming_na = factory.LazyAttribute(lambda o: tuple(
        wet for wet, ja in (("JEUGDWET", o.met_toestemming_jeugd),
                            ("PARTICIPATIEWET", o.met_toestemming_werk)) if ja))
    opgepakt_door = None

    class Params:
        met_toestemming_jeugd = False
        met_toestemming_werk = False
        urgent = factory.Trait(urgentie=Urgentie.URGENT)
        # Someone is not safe now (the service makes such an intake urgent).
        onveilig = factory.Trait(veiligheid=Veiligheid.ONVEILIG,
                                 veiligheid_toelichting="Mijn partner bedreigt mij.")
        # A question about a child of 9: routed to the jeugdteam; a parent decides on consent.
        minderjarig = factory.Trait(
            over_kind=True,
            vraag="Onze dochter wil niet meer naar school.",
            huishouden=factory.LazyFunction(lambda: [HuishoudlidGegevens(
                relatie="kind", naam="Noor", geboortejaar=timezone.localdate().year - 9,
                vraag_gaat_over=True)]))
        # About work and income: routed to Werk en Inkomen.
        over_werk = factory.Trait(levensgebieden=factory.LazyFunction(lambda: ["werk_opleiding"]),
                                  vraag="Ik zoek werk en heb geen inkomen meer.")
        # In wijk Noord of the `stad` fixture (another wijkteam).
        in_noord = factory.Trait(postcode="7521AA")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        toestemming_na = kwargs.pop("toestemming_na")
        opgepakt_door = kwargs.pop("opgepakt_door")
        onbekend = set(kwargs) - GEGEVENS - {"inwoner", "kanaal", "ingevoerd_door",
                                              "toestemmingen"}
        if onbekend:
            raise TypeError(f"IntakeFactory knows no {sorted(onbekend)}")
        intake = intake_submit(
            gegevens=IntakeGegevens(**{k: v for k, v in kwargs.items() if k in GEGEVENS}),
            kanaal=kwargs["kanaal"], inwoner=kwargs["inwoner"],
            ingevoerd_door=kwargs["ingevoerd_door"], toestemmingen=kwargs["toestemmingen"])
        for wet in toestemming_na:
            toestemming_geven(intake=intake, wet=wet)
        if opgepakt_door is not None:
            casus_open(user=opgepakt_door, intake=intake)
            intake.refresh_from_db()  # its status: opgepakt
        return intake


def toestemming_geven(*, intake: Intake, wet: str, user=None) -> Toestemming:  # type: ignore[no-untyped-def]
    """The resident (or, for a child, the parent too) says yes to `wet` reading along, with
    every yes the law asks for this intake (toestemming_vereisten)."""
    nodig = toestemming_vereisten(intake=intake)
    return toestemming_give(intake=intake, wet=wet, user=user or intake.inwoner,
                            kind_akkoord=nodig.kind, ouder_akkoord=nodig.ouder,
                            ouder_naam=f"{intake.voornaam} {intake.achternaam}" if nodig.ouder
                            else "")


DIRECT = "direct"


class ToestemmingFactory(DjangoModelFactory):
    """A consent given through `toestemming_give`: the teams of `wet` may read at once.
    `ingetrokken=True`: withdrawn again (toestemming_withdraw), the teams have lost access."""

    class Meta:
        model = Toestemming

    intake = factory.SubFactory(IntakeFactory)
    wet = "JEUGDWET"
    gegeven_door = factory.LazyAttribute(lambda o: o.intake.inwoner)
    ingetrokken_op = None  # withdrawn at this moment (a datetime), or DIRECT after it was given

    class Params:
        ingetrokken = factory.Trait(ingetrokken_op=DIRECT)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        intake = kwargs["intake"]
        toestemming = toestemming_geven(intake=intake, wet=kwargs["wet"],
                                        user=kwargs["gegeven_door"])
        op = kwargs["ingetrokken_op"]
        if op is not None:
            toestemming = toestemming_withdraw(toestemming=toestemming, user=intake.inwoner,
                                               now=None if op == DIRECT else op)
        return toestemming


class CasusFactory(DjangoModelFactory):
    """A casus opened the way a professional picks up an intake (`casus_open`): the
    professional `opgepakt_door` becomes regiehouder, the intake's clocks move to the casus.

    `inwoner=` and the intake traits reach the intake: `CasusFactory(inwoner=stad.inwoner,
    intake__met_toestemming_jeugd=True)`. Without `opgepakt_door` a new professional of the
    intake's team picks it up.
    """

    class Meta:
        model = Casus

    intake = factory.SubFactory(IntakeFactory, inwoner=factory.SelfAttribute("..inwoner"))
    opgepakt_door = factory.LazyAttribute(lambda o: ProfessionalFactory(teams=[o.intake.team]))
    # The regiehouder made the first call: the first-contact clock is afgehandeld.
    eerste_contact_gehad = False

    class Params:
        inwoner = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        casus = casus_open(user=kwargs["opgepakt_door"], intake=kwargs["intake"])
        if kwargs["eerste_contact_gehad"]:
            termijnen_complete(intake=casus.intake, soorten=[TermijnSoort.EERSTE_CONTACT],
                               user=kwargs["opgepakt_door"])
        return casus


def _over_werkdagen(n: int) -> dt.datetime:
    return einde_van_dag(werkdagen_na(timezone.localdate(), n))


class TermijnFactory(DjangoModelFactory):
    """A clock on a casus, held by its regiehouder. A legal term (a soort of WETTELIJK) is
    started as the professional does (`termijn_start`, from the date `start` of the aanvraag;
    for the Participatiewet the decision term, whose advance term starts with it); any other
    soort is made by `termijn_create` with its `deadline`.

    Traits `te_laat` (past its deadline) and `opgeschort` (standing still, Awb 4:15; or give
    `opgeschort_om` and `opgeschort_sinds`); `afgehandeld=True`: done.
    """

    class Meta:
        model = Termijn

    casus = factory.SubFactory(CasusFactory, eerste_contact_gehad=True)
    soort = TermijnSoort.TERUGBELLEN
    deadline = factory.LazyFunction(lambda: _over_werkdagen(3))       # soorten of termijn_create
    start = factory.LazyFunction(lambda: timezone.localdate())        # legal terms
    omschrijving = ""
    opgeschort_om = ""    # the reason it stands still (termijn_suspend), if it does ...
    opgeschort_sinds = factory.LazyFunction(lambda: timezone.localdate())  # ... and since when
    afgehandeld = False   # termijn_complete by the regiehouder

    class Params:
        # Yesterday's deadline; a legal term started ten weeks ago (the longest is 8 weeks).
        te_laat = factory.Trait(
            deadline=factory.LazyFunction(
                lambda: einde_van_dag(timezone.localdate() - dt.timedelta(days=1))),
            start=factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(weeks=10)))
        opgeschort = factory.Trait(opgeschort_om="Wacht op gegevens van de inwoner")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        casus = kwargs["casus"]
        regiehouder = casus.regiehouders.get(einde__isnull=True).user
        if kwargs["soort"] in WETTELIJK:
            termijn = termijn_start(user=regiehouder, intake=casus.intake, soort=kwargs["soort"],
                                    start=kwargs["start"], omschrijving=kwargs["omschrijving"])[0]
        else:
            termijn = termijn_create(intake=casus.intake, casus_id=casus.pk,
                                     soort=kwargs["soort"], deadline=kwargs["deadline"],
                                     team_id=casus.team_id, verantwoordelijke=regiehouder,
                                     omschrijving=kwargs["omschrijving"], user=regiehouder)
        if kwargs["opgeschort_om"]:
            termijn = termijn_suspend(user=regiehouder, termijn=termijn,
                                      reden=kwargs["opgeschort_om"],
                                      vanaf=kwargs["opgeschort_sinds"])
        if kwargs["afgehandeld"]:
            termijn = termijn_complete(user=regiehouder, termijn=termijn)
        return termijn


def make_bijlage(*, user, intake, upload: UploadedFile) -> Bijlage:  # type: ignore[no-untyped-def]
    """A file added to an intake the way residents and staff add one: an addition with only
    that file (content checked, stored under a random name). Returns the Bijlage."""
    grond = "eigen" if intake.inwoner_id == user.pk else "routering"
    aanvulling = aanvulling_add(user=user, intake=intake, tekst="", grond=grond,
                                bestanden=[upload])
    return aanvulling.bijlagen.get()


def intake_gegevens(**overrides) -> IntakeGegevens:  # type: ignore[no-untyped-def]
    """What IntakeFactory would submit, for tests that call `intake_submit` themselves."""
    stub = IntakeFactory.stub(**overrides).__dict__
    return IntakeGegevens(**{k: v for k, v in stub.items() if k in GEGEVENS})


# --- Referrers ---------------------------------------------------------------------------------


class VerwijzerFactory(DjangoModelFactory):
    """A referrer organisation's account, made through the service as the beheerder makes it
    (role verwijzer, password PASSWORD). Traits: `school` (no AGB code)."""

    class Meta:
        model = Verwijzer

    class Params:
        school = factory.Trait(soort="school", organisatie=factory.Sequence(
            lambda n: f"Basisschool De Regenboog {n}"), agb_code="")

    username = factory.Sequence(lambda n: f"verwijzer{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@praktijk.example.nl")
    first_name = "Anna"
    last_name = "Bakker"
    organisatie = factory.Sequence(lambda n: f"Huisartsenpraktijk De Linde {n}")
    soort = "huisarts"
    agb_code = factory.Sequence(lambda n: f"01{n % 1_000_000:06d}")
    telefoon = "0201234567"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("password", PASSWORD)
        return verwijzer_create(**kwargs)


# --- Resident feedback -------------------------------------------------------------------------


class FeedbackAntwoordFactory(DjangoModelFactory):
    """One resident's anonymous answers, as `feedback_answer` stores them: wijk, team, month,
    date and the answers, and no link to an invitation, casus or person (so there is nothing
    to make through a service first). Give `team=` and `wijk=`; `created_at=` a date sets the
    month too. Traits: `ontevreden` (every answer no), `met_opmerking` (a remark)."""

    class Meta:
        model = FeedbackAntwoord

    class Params:
        ontevreden = factory.Trait(verhaal_een_keer="nee", wist_contactpersoon="nee",
                                   geholpen="nee")
        met_opmerking = factory.Trait(opmerking=factory.Sequence(
            lambda n: f"Opmerking {n}: fijn dat er iemand naar mij luisterde."))

    wijk = None
    created_at = factory.LazyFunction(timezone.localdate)
    maand = factory.LazyAttribute(lambda o: o.created_at.replace(day=1))
    verhaal_een_keer = "ja"
    wist_contactpersoon = "ja"
    geholpen = "ja"
    opmerking = ""

__all__ = ["HuishoudlidGegevens", "ToestemmingKeuze"]


# --- Catalogus en besluiten --------------------------------------------------------------------


class ZorgaanbiederFactory(DjangoModelFactory):
    class Meta:
        model = Zorgaanbieder

    naam = factory.Sequence(lambda n: f"Zorgaanbieder {n}")
    agb_code = factory.Sequence(lambda n: f"{75100000 + n:08d}")


class ProductFactory(DjangoModelFactory):
    """A product of the catalogue (Wmo begeleiding per week in hours, natura or pgb) with a
    tariff since 2020: 70 euro in natura, 55 as pgb. `tarief=None` leaves it without one."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    wet = "WMO"
    naam = factory.Sequence(lambda n: f"Begeleiding {n}")
    productcategorie = "07"
    eenheid = "04"
    frequentie = "2"
    pgb_mogelijk = True

    @factory.post_generation
    def tarief(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted is not False:
            Tarief.objects.create(product=self, geldig_vanaf=dt.date(2020, 1, 1),
                                  natura=Decimal("70"), pgb=Decimal("55"))


class ContractFactory(DjangoModelFactory):
    """A provider contracted for a product since 2020 at 68 euro, reporting 3 weeks of
    waiting time. Traits: `verlopen` (ended a year ago)."""

    class Meta:
        model = Contract

    aanbieder = factory.SubFactory(ZorgaanbiederFactory)
    product = factory.SubFactory(ProductFactory)
    tarief = Decimal("68")
    geldig_vanaf = dt.date(2020, 1, 1)
    wachttijd_weken = 3
    wachttijd_gemeld_op = dt.date(2026, 1, 5)

    class Params:
        verlopen = factory.Trait(geldig_tot=factory.LazyFunction(
            lambda: timezone.localdate() - dt.timedelta(days=365)))


def besluit_nemen(*, casus: Casus, user: User, regels: list[besluit_services.Regel],
                  wet: str | None = None, vervangt: Beschikking | None = None) -> Beschikking:
    """A decision taken today through the services (draft or herziening, lines, motivation,
    take), with these lines; the wet is that of the first product unless given."""
    wet = wet or regels[0].product.wet
    if vervangt is not None:
        beschikking = besluit_services.beschikking_revise(user=user, beschikking=vervangt,
                                                          reden="Meer hulp nodig.")
        for regel in beschikking.toekenningen.all():
            besluit_services.toekenning_remove(user=user, toekenning=regel)
    else:
        beschikking = besluit_services.beschikking_draft(user=user, casus=casus, wet=wet)
    for regel in regels:
        besluit_services.toekenning_add(user=user, beschikking=beschikking, regel=regel)
    besluit_services.beschikking_motivate(user=user, beschikking=beschikking,
                                          motivering="Dit is wat nodig is.")
    return besluit_services.beschikking_take(user=user, beschikking=beschikking)


def regel(product: Product, *, begin: dt.date, einde: dt.date | None = None,
          volume: str = "2", aanbieder: Zorgaanbieder | None = None) -> besluit_services.Regel:
    """A granted line: in natura with `aanbieder`, else as a pgb (Participatiewet: money)."""
    return besluit_services.Regel(
        product=product, besluit=Besluit.TOEGEKEND, volume=Decimal(volume), begindatum=begin,
        einddatum=einde, levering=Levering.NATURA if aanbieder else Levering.PGB,
        aanbieder=aanbieder)
