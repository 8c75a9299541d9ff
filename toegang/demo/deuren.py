"""Every door in, for the demo: a referrer with its own login and referrals, a phone call
typed in by a professional (consent given aloud) under the demo resident's BSN, the demo
resident's household with two members' requests in one casus, and appointments on that
casus (a keukentafelgesprek waiting for the resident's answer, a home visit held last week)."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casussen.afspraken.models import Afspraak
from casussen.afspraken.services import Gegevens, afspraak_plan, afspraak_record
from casussen.huishouden.models import KoppelRol, LidRol
from casussen.huishouden.services import aanvraag_link, huishouden_lid_add
from casussen.models import Casus
from casussen.services import casus_open
from intake.gegevens import IntakeGegevens, ToestemmingKeuze, VerwijzingGegevens
from intake.models import Intake, Verwijzer, VerwijzerSoort
from intake.services import intake_submit
from intake.verwijzing.services import verwijzer_create, verwijzing_send
from toegang.accounts.models import Rol, User
from toegang.accounts.tweestaps import totp_device_set_secret
from toegang.core.domein import Wet

from .intakes import DEMO_RESIDENT
from .organisatie import DEMO_BSN, DEMO_PASSWORD

DEMO_VERWIJZER = "demo-verwijzer"
# Fictional demo value, like the staff secrets in organisatie.py.
DEMO_VERWIJZER_TOTP = "VCWJS3SUBRFSXHWZ6YDQHQRN6JY73ZOV"


@dataclass(frozen=True)
class Deuren:
    verwijzer: Verwijzer
    verwijzingen: list[Intake]
    telefoon: Intake | None      # typed in for the demo resident, waiting to be claimed/linked
    partner: Intake | None       # the partner's own request, linked to the household's casus
    afspraken: list[Afspraak]    # on the demo resident's casus


@transaction.atomic
def seed_deuren() -> Deuren | None:
    """Idempotent: does nothing when the demo referrer exists already."""
    if User.objects.filter(username=DEMO_VERWIJZER).exists():
        return None
    verwijzer = verwijzer_create(
        username=DEMO_VERWIJZER, email="praktijk.delinde@example.nl", first_name="Anna",
        last_name="Bakker", organisatie="Huisartsenpraktijk De Linde",
        soort=VerwijzerSoort.HUISARTS, agb_code="01023456", telefoon="053 480 1234",
        password=DEMO_PASSWORD)
    totp_device_set_secret(user=verwijzer.user, secret=DEMO_VERWIJZER_TOTP)
    verwijzingen = [_verwijzing(verwijzer, voornaam="Gerrit", achternaam="Hofman",
                                geboren=date(1948, 2, 9), postcode="7511BC",
                                vraag="Meneer Hofman is sinds de dood van zijn vrouw veel "
                                      "alleen en eet slecht. Hij wil graag hulp in huis.",
                                gebieden=["sociaal_netwerk", "instrumentele_adl"]),
                    _verwijzing(verwijzer, voornaam="Yara", achternaam="Mulder",
                                geboren=date(1991, 7, 23), postcode="7512AD",
                                vraag="Mevrouw Mulder heeft schulden en slaapt slecht. Ze wil "
                                      "hulp om overzicht te krijgen.",
                                gebieden=["financien"])]
    _oppakken(verwijzingen[1])  # one referral picked up: its status reads 'opgepakt'
    resident = User.objects.filter(username=DEMO_RESIDENT, rol=Rol.INWONER).first()
    eerste = (Intake.objects.filter(inwoner=resident).select_related("team")
              .order_by("ingediend_op").first()) if resident else None
    casus = Casus.objects.filter(intake=eerste).first() if eerste else None
    return Deuren(verwijzer=verwijzer, verwijzingen=verwijzingen,
                  telefoon=_telefoontje(eerste) if eerste else None,
                  partner=_huishouden(casus) if casus else None,
                  afspraken=_afspraken(casus) if casus else [])


def _verwijzing(verwijzer: Verwijzer, *, voornaam: str, achternaam: str, geboren: date,
                postcode: str, vraag: str, gebieden: list[str]) -> Intake:
    gegevens = IntakeGegevens(
        voornaam=voornaam, achternaam=achternaam, geboortedatum=geboren, vraag=vraag,
        postcode=postcode, straat="Lindelaan 4", woonplaats="Dijkstad",
        telefoon="0612340000", levensgebieden=gebieden,
        verwijzing=VerwijzingGegevens(soort=verwijzer.soort, organisatie=verwijzer.organisatie,
                                      ontvangen_via="formulier", persoon="Anna Bakker",
                                      inwoner_akkoord=True))
    return verwijzing_send(verwijzer=verwijzer, user=verwijzer.user, gegevens=gegevens,
                           indien_sleutel=uuid.uuid5(uuid.NAMESPACE_URL, f"demo:{achternaam}"))


def _lid_van(intake: Intake) -> User | None:
    return (User.objects.filter(lidmaatschappen__team=intake.team, rol=Rol.PROFESSIONAL,
                                is_active=True).order_by("username").first())


def _oppakken(intake: Intake) -> None:
    pro = _lid_van(intake)
    if pro is not None:
        casus_open(user=pro, intake=intake)


def _telefoontje(eerste: Intake) -> Intake | None:
    """The demo resident phones about a new question; a colleague of her regiehouder types
    it in under her BSN with her consent (for Werk en Inkomen) given aloud. She finds it in
    Mijn toegang after logging in with DigiD; in the team's queue it is offered as an
    earlier contact of her casus."""
    pro = (User.objects.filter(lidmaatschappen__team=eerste.team, rol=Rol.PROFESSIONAL,
                               is_active=True).exclude(username="demo-professional")
           .order_by("username").first())
    if pro is None:
        return None
    gegevens = IntakeGegevens(
        voornaam=eerste.voornaam, achternaam=eerste.achternaam,
        geboortedatum=eerste.geboortedatum, bsn=DEMO_BSN, vraag="Ik val de laatste tijd vaak "
        "en durf niet meer alleen te douchen. Kan iemand meekijken wat er thuis kan?",
        postcode=eerste.postcode, straat=eerste.straat, woonplaats=eerste.woonplaats,
        telefoon=eerste.telefoon, levensgebieden=["basale_adl", "lichamelijke_gezondheid"],
        contact_voorkeur="telefoon")
    return intake_submit(gegevens=gegevens, kanaal="telefoon", ingevoerd_door=pro,
                         toestemmingen=[ToestemmingKeuze(wet=Wet.PARTICIPATIEWET, akkoord=True,
                                                         wijze="telefonisch")],
                         now=timezone.now() - timedelta(hours=3))


def _huishouden(casus: Casus) -> Intake | None:
    """Sanne's household: her partner asked for help himself (linked to her casus: one
    plan, one regiehouder) and their daughter lives with them."""
    eerste = casus.intake
    regie = casus.regiehouders.actief().select_related("user").first()
    if regie is None:
        return None
    partner = intake_submit(gegevens=IntakeGegevens(
        voornaam="Mark", achternaam=eerste.achternaam, geboortedatum=date(1983, 10, 2),
        vraag="Ik werk veel en kom thuis niet meer toe aan de zorg voor mijn vrouw en onze "
              "dochter. Ik slaap slecht van de stress.",
        postcode=eerste.postcode, straat=eerste.straat, woonplaats=eerste.woonplaats,
        telefoon="0687654321", levensgebieden=["geestelijke_gezondheid",
                                               "huiselijke_relaties"]), kanaal="online",
        now=timezone.now() - timedelta(days=1))
    try:
        aanvraag_link(user=regie.user, intake=partner, casus=casus, rol=KoppelRol.PARTNER,
                      eerste_contact_gehad=True)
    except ValidationError:  # routed to a team that may not read it: it stays apart
        return partner
    huishouden_lid_add(user=regie.user, casus=casus, naam="Noor", rol=LidRol.KIND,
                       geboortejaar=timezone.localdate().year - 9)
    return partner


def _om(dagen: int, uur: int) -> datetime:
    dag = timezone.localdate() + timedelta(days=dagen)
    while dag.weekday() >= 5:  # a working day
        dag += timedelta(days=1)
    return timezone.make_aware(datetime.combine(dag, time(uur, 0)))


def _afspraken(casus: Casus) -> list[Afspraak]:
    """A home visit last week, held (planned ahead as the page does, then dated back: demo
    history), and a keukentafelgesprek next week that the resident can confirm."""
    regie = casus.regiehouders.actief().select_related("user").first()
    if regie is None:
        return []
    naam = regie.user.get_full_name()
    huisbezoek = afspraak_plan(user=regie.user, casus=casus, gegevens=Gegevens(
        soort="huisbezoek", start=_om(1, 10), duur_minuten=60, bij_inwoner_thuis=True,
        plaats="", deelnemers=naam, tolk_nodig=False))
    Afspraak.objects.filter(pk=huisbezoek.pk).update(start=timezone.now() - timedelta(days=6))
    huisbezoek.refresh_from_db()
    afspraak_record(user=regie.user, afspraak=huisbezoek, gehouden=True,
                    uitkomst="Kennisgemaakt met Sanne en Mark. Afgesproken: een "
                             "keukentafelgesprek met beiden over de zorg thuis en de stress.")
    gesprek = afspraak_plan(user=regie.user, casus=casus, gegevens=Gegevens(
        soort="keukentafelgesprek", start=_om(7, 10), duur_minuten=90, bij_inwoner_thuis=True,
        plaats="", deelnemers=f"{naam} en een consulent Wmo", tolk_nodig=False,
        toelichting="Mark is er ook bij. Wilt u de brieven van de zorgverzekeraar klaarleggen?"))
    return [huisbezoek, gesprek]
