"""Demo decisions: the decision path on existing demo casussen, all through the services, so
every step has its events, clocks, messages and access-log rows as in real use.

- The demo resident Sanne (regiehouder demo-professional): an onderzoek whose verslag was sent
  and got her remark, her own aanvraag in Mijn toegang, and a Wmo beschikking taken with one
  product in natura and one as a pgb: she reads the verslag, the decision and the letter.
- Ria Smeets (demo-professional): an onderzoek whose verslag is not sent yet; sending it meets
  her onderzoek clock.
- Wijkteam Centrum: a beschikking above the four-eyes threshold waiting for demo-teamleider,
  and a decision taken and then revised (herziening).
- Other wijkteams: a decision with one product refused and a bezwaar against it (its clock
  running), and a decision withdrawn (intrekking).
- Jeugdteam Noordwest (demo-jeugd): a Jeugdwet decision with two providers, and an aanvraag
  still waiting for its decision.
- Werk en Inkomen: a Participatiewet decision (bijstand and a re-integratietraject).

The casussen of demo-professional's clock demo (termijnen.py) other than Ria's are left alone,
so their clocks stay as that demo shows them. A decision is always taken "today" (the service
dates it), so the aanvragen are dated back instead: their clocks ran for a while.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from casussen.besluit.models import (
    Aanvraag,
    AanvraagVia,
    Beschikking,
    Besluit,
    Levering,
    Onderzoek,
    Vormwens,
)
from casussen.besluit.services import (
    OnderzoekGegevens,
    Regel,
    aanvraag_submit,
    beschikking_draft,
    beschikking_revise,
    beschikking_take,
    beschikking_withdraw,
    bezwaar_record,
    onderzoek_record,
    toekenning_add,
    toekenning_remove,
    verslag_remark,
    verslag_send,
)
from casussen.models import Casus, Regiehouderschap
from toegang.accounts.models import User
from toegang.core.domein import Wet
from toegang.organisatie.models import TeamSoort

from .catalogus import Catalogus
from .intakes import DEMO_RESIDENT
from .termijnen import DEMO_PRO

DEMO_JEUGD = "demo-jeugd"
CENTRUM = "Wijkteam Centrum"
NOORDWEST = "Jeugdteam Noordwest"


def _jaar(begin: date) -> date:
    """The last day of a year that starts on `begin`."""
    return begin + relativedelta(years=1) - timedelta(days=1)


def _eerste_van_volgende_maand(dag: date) -> date:
    return dag.replace(day=1) + relativedelta(months=1)


@dataclass
class _Demo:
    cat: Catalogus
    vandaag: date
    gebruikt: set[int]
    made: list[Beschikking]

    def regel(self, sleutel: str, *, volume: str | None = None, begin: date | None = None,
              einde: date | None = None, levering: str = "", aanbieder: str = "",
              afgewezen: str = "") -> Regel:
        product = self.cat.producten[sleutel]
        if afgewezen:
            return Regel(product=product, besluit=Besluit.AFGEWEZEN, reden=afgewezen)
        return Regel(product=product, besluit=Besluit.TOEGEKEND,
                     volume=Decimal(volume) if volume else None,
                     begindatum=begin or self.vandaag, einddatum=einde, levering=levering,
                     aanbieder=self.cat.aanbieders[aanbieder] if aanbieder else None)

    def terug(self, casus: Casus, dagen: int) -> date:
        """`dagen` ago, but not before the melding."""
        return max(self.vandaag - timedelta(days=dagen),
                   timezone.localdate(casus.intake.ingediend_op))

    def kies(self, *, vraag: str, team: str = "", soort: str = "") -> Casus | None:
        """A casus of that team (or kind of team) not used yet, preferably one whose question
        mentions `vraag`; never one of demo-professional's (their clocks are another demo)."""
        rows = (Casus.objects.select_related("intake", "team")
                .exclude(pk__in=self.gebruikt)
                .exclude(pk__in=Regiehouderschap.objects.actief()
                         .filter(user__username=DEMO_PRO).values("casus_id"))
                .order_by("intake__referentie"))
        rows = rows.filter(team__naam=team) if team else rows.filter(team__soort=soort)
        casus = rows.filter(intake__vraag__icontains=vraag).first() or rows.first()
        if casus is not None:
            self.gebruikt.add(casus.pk)
        return casus

    def besluit(self, *, user: User, casus: Casus, wet: str, dagen_geleden: int,
                vormwens: str, toelichting: str, motivering: str,
                regels: list[Regel]) -> Beschikking:
        """An aanvraag received on paper `dagen_geleden` days ago and a decision on it with
        these lines, taken (or sent for approval when it crosses the four-eyes line)."""
        aanvraag = aanvraag_submit(user=user, casus=casus, wet=wet,
                                   ontvangen_op=self.terug(casus, dagen_geleden),
                                   via=AanvraagVia.PAPIER, vormwens=vormwens,
                                   toelichting=toelichting)
        beschikking = beschikking_draft(user=user, casus=casus, wet=wet, aanvraag=aanvraag,
                                        motivering=motivering)
        for regel in regels:
            toekenning_add(user=user, beschikking=beschikking, regel=regel)
        beschikking = beschikking_take(user=user, beschikking=beschikking)
        self.made.append(beschikking)
        return beschikking


def _regiehouder(casus: Casus) -> User | None:
    regie = casus.regiehouders.actief().select_related("user").first()
    return regie.user if regie is not None else None


def _sanne(demo: _Demo) -> None:
    """The demo resident: verslag, her remark, her own aanvraag and a decision taken."""
    inwoner = User.objects.filter(username=DEMO_RESIDENT).first()
    casus = (Casus.objects.filter(intake__inwoner=inwoner).select_related("intake")
             .order_by("intake__ingediend_op").first()) if inwoner else None
    pro = _regiehouder(casus) if casus else None
    if inwoner is None or casus is None or pro is None:
        return
    demo.gebruikt.add(casus.pk)
    vandaag = demo.vandaag
    onderzoek = onderzoek_record(user=pro, casus=casus, gegevens=OnderzoekGegevens(
        gesprek_op=vandaag,
        hulpvraag="Sinds haar heupoperatie lukt het huishouden niet: stofzuigen, de was en "
                  "de bedden. Naast haar herstel loopt ze vast in het regelen van de zorg "
                  "voor haar dochter Noor.",
        eigen_kracht="Sanne kookt zelf en doet kleine boodschappen met de rollator. Ze houdt "
                     "haar afspraken bij in een agenda.",
        netwerk="Haar man Mark doet op zaterdag de grote boodschappen. Haar zus komt eens per "
                "maand en helpt dan met de ramen.",
        mantelzorg="Mark werkt veel en slaapt slecht van de stress. Hij is aangemeld bij het "
                   "steunpunt mantelzorg.",
        algemene_voorzieningen="Noor kan drie middagen naar de naschoolse activiteiten van "
                               "het buurthuis. Een maaltijdservice is niet nodig.",
        maatwerk_nodig=True,
        maatwerk_toelichting="Huishoudelijke ondersteuning, 3 uur per week, door een "
                             "aanbieder van de gemeente. Begeleiding individueel, 2 uur per "
                             "week, om de zorg thuis weer op orde te krijgen; die wil Sanne "
                             "zelf inkopen met een pgb.",
        vormwens=Vormwens.PGB))
    onderzoek = verslag_send(user=pro, onderzoek=onderzoek)
    verslag_remark(user=inwoner, onderzoek=onderzoek,
                   tekst="Het verslag klopt. Mark wil graag bij het volgende gesprek zijn; "
                         "dinsdagmiddag komt ons het beste uit.")
    aanvraag = aanvraag_submit(user=inwoner, casus=casus, wet=Wet.WMO, ontvangen_op=vandaag,
                               via=AanvraagVia.MIJN_TOEGANG, vormwens=Vormwens.PGB,
                               toelichting="De huishoudelijke hulp graag via de gemeente, de "
                                           "begeleiding met een pgb.", onderzoek=onderzoek)
    beschikking = beschikking_draft(
        user=pro, casus=casus, wet=Wet.WMO, aanvraag=aanvraag,
        motivering="Na uw heupoperatie kunt u het huishouden een jaar lang niet zelf doen, en "
                   "uw man kan het naast zijn werk niet overnemen. Daarom krijgt u "
                   "huishoudelijke ondersteuning. Met begeleiding krijgt u de zorg thuis weer "
                   "op orde; u koopt die zelf in met een pgb, zoals u vroeg.")
    toekenning_add(user=pro, beschikking=beschikking, regel=demo.regel(
        "huishouden", volume="3", begin=vandaag, einde=_jaar(vandaag),
        levering=Levering.NATURA, aanbieder="Thuiszorg De Dijk"))
    begin = _eerste_van_volgende_maand(vandaag)
    toekenning_add(user=pro, beschikking=beschikking, regel=demo.regel(
        "begeleiding", volume="2", begin=begin, einde=begin + relativedelta(months=6, days=-1),
        levering=Levering.PGB))
    demo.made.append(beschikking_take(user=pro, beschikking=beschikking))


def _ria(demo: _Demo) -> None:
    """An onderzoek recorded, its verslag not sent yet: demo-professional can send it."""
    casus = (Casus.objects.filter(intake__voornaam="Ria", intake__achternaam="Smeets",
                                  team__naam=CENTRUM).select_related("intake").first())
    pro = _regiehouder(casus) if casus else None
    if casus is None or pro is None:
        return
    demo.gebruikt.add(casus.pk)
    onderzoek_record(user=pro, casus=casus, gegevens=OnderzoekGegevens(
        gesprek_op=demo.terug(casus, 2),
        hulpvraag="Na de ziekenhuisopname lukt wassen en aankleden niet alleen, en ook het "
                  "huishouden ligt stil.",
        eigen_kracht="Ria eet en drinkt zelf en belt zelf met de huisarts.",
        netwerk="Een buurvrouw doet tot nu toe de boodschappen.",
        mantelzorg="",
        algemene_voorzieningen="De boodschappendienst van de supermarkt is besproken.",
        maatwerk_nodig=True,
        maatwerk_toelichting="De wijkverpleging helpt bij wassen en aankleden "
                             "(Zorgverzekeringswet). Uit de Wmo: huishoudelijke "
                             "ondersteuning, 2 uur per week, voor een half jaar.",
        vormwens=Vormwens.NATURA))


def _vier_ogen(demo: _Demo) -> None:
    """Above € 25,000 a year: waits for the teamleider (demo-teamleider)."""
    casus = demo.kies(vraag="moeder van 84", team=CENTRUM)
    pro = _regiehouder(casus) if casus else None
    if casus is None or pro is None:
        return
    begin = demo.vandaag + timedelta(days=7)
    demo.besluit(
        user=pro, casus=casus, wet=Wet.WMO, dagen_geleden=9, vormwens=Vormwens.NATURA,
        toelichting="Aanvraag op papier: dagbesteding, begeleiding thuis en logeeropvang "
                    "zodat de mantelzorg vol te houden is.",
        motivering="De zorg voor uw moeder, die dementie heeft, wordt te zwaar om alleen te "
                   "dragen. Met dagbesteding, begeleiding thuis en twee logeernachten per "
                   "maand kunt u de mantelzorg volhouden.",
        regels=[demo.regel("begeleiding", volume="4", begin=begin, levering=Levering.NATURA,
                           aanbieder="Zorggroep Havenkwartier"),
                demo.regel("dagbesteding", volume="4", begin=begin, levering=Levering.NATURA,
                           aanbieder="Dagcentrum De Molen"),
                demo.regel("logeren", volume="2", begin=begin, levering=Levering.NATURA,
                           aanbieder="Buurtzorgcollectief Noord")])


def _herziening(demo: _Demo) -> None:
    """Taken, then revised: fewer hours after the revalidation."""
    casus = demo.kies(vraag="heupoperatie", team=CENTRUM)
    pro = _regiehouder(casus) if casus else None
    if casus is None or pro is None:
        return
    vandaag = demo.vandaag
    eerste = demo.besluit(
        user=pro, casus=casus, wet=Wet.WMO, dagen_geleden=10, vormwens=Vormwens.NATURA,
        toelichting="Aanvraag op papier: hulp bij het schoonmaken na de heupoperatie.",
        motivering="Na uw heupoperatie kunt u het huis niet zelf schoonhouden en uw dochter "
                   "woont ver weg. Daarom krijgt u een half jaar huishoudelijke ondersteuning.",
        regels=[demo.regel("huishouden", volume="3", begin=vandaag,
                           einde=vandaag + relativedelta(months=6, days=-1),
                           levering=Levering.NATURA, aanbieder="Schoon & Thuis Dijkstad")])
    herziening = beschikking_revise(user=pro, beschikking=eerste,
                                    reden="De revalidatie gaat goed: u kunt weer lichte taken "
                                          "zelf doen. 2 uur per week is genoeg.")
    for regel in list(herziening.toekenningen.all()):
        toekenning_remove(user=pro, toekenning=regel)
    toekenning_add(user=pro, beschikking=herziening, regel=demo.regel(
        "huishouden", volume="2", begin=vandaag,
        einde=vandaag + relativedelta(months=6, days=-1), levering=Levering.NATURA,
        aanbieder="Schoon & Thuis Dijkstad"))
    demo.made.append(beschikking_take(user=pro, beschikking=herziening))


def _afwijzing_en_bezwaar(demo: _Demo) -> None:
    """A woningaanpassing and Wmo-vervoer granted, a scootmobiel refused; bezwaar follows."""
    casus = demo.kies(vraag="rolstoel", soort=TeamSoort.WIJKTEAM)
    pro = _regiehouder(casus) if casus else None
    if casus is None or pro is None:
        return
    vandaag = demo.vandaag
    beschikking = demo.besluit(
        user=pro, casus=casus, wet=Wet.WMO, dagen_geleden=12, vormwens=Vormwens.NATURA,
        toelichting="Aanvraag op papier: een traplift, vervoer en een scootmobiel.",
        motivering="U kunt de trap naar uw woning niet meer op; een traplift lost dat op. "
                   "Voor langere afstanden is de regiotaxi passend. Een scootmobiel is niet "
                   "nodig: korte afstanden legt u af met uw eigen elektrische rolstoel.",
        regels=[demo.regel("woning", volume="12800", begin=vandaag + timedelta(days=14),
                           einde=vandaag + timedelta(days=14) + relativedelta(months=3),
                           levering=Levering.NATURA,
                           aanbieder="Van der Laan Woningaanpassingen"),
                demo.regel("vervoer", volume="1", begin=vandaag, einde=_jaar(vandaag),
                           levering=Levering.NATURA, aanbieder="Regiotaxi Dijkstreek"),
                demo.regel("scootmobiel", afgewezen="Voor korte afstanden gebruikt u uw "
                           "elektrische rolstoel, voor langere de regiotaxi. Een scootmobiel "
                           "voegt daar niets aan toe.")])
    bezwaar_record(user=pro, beschikking=beschikking, ontvangen_op=vandaag,
                   toelichting="Bezwaar tegen de afwijzing van de scootmobiel: de regiotaxi "
                               "moet een uur vooraf besteld worden en met de rolstoel haal ik "
                               "de markt niet.")


def _intrekking(demo: _Demo) -> None:
    """Taken, then withdrawn: the mother moved to a nursing home (Wlz)."""
    casus = demo.kies(vraag="moeder van 84", soort=TeamSoort.WIJKTEAM)
    pro = _regiehouder(casus) if casus else None
    if casus is None or pro is None:
        return
    vandaag = demo.vandaag
    beschikking = demo.besluit(
        user=pro, casus=casus, wet=Wet.WMO, dagen_geleden=20, vormwens=Vormwens.NATURA,
        toelichting="Aanvraag op papier: logeeropvang en dagbesteding voor moeder.",
        motivering="Met logeeropvang en dagbesteding kunt u de zorg voor uw moeder volhouden.",
        regels=[demo.regel("logeren", volume="3", begin=vandaag, einde=_jaar(vandaag),
                           levering=Levering.NATURA, aanbieder="Zorggroep Havenkwartier"),
                demo.regel("dagbesteding", volume="2", begin=vandaag, einde=_jaar(vandaag),
                           levering=Levering.NATURA, aanbieder="Buurtzorgcollectief Noord")])
    beschikking_withdraw(user=pro, beschikking=beschikking,
                         per=_eerste_van_volgende_maand(vandaag),
                         reden="Uw moeder woont nu in een verpleeghuis en krijgt daar zorg uit "
                               "de Wet langdurige zorg. De ondersteuning uit de Wmo stopt "
                               "daarom.")


def _jeugd(demo: _Demo) -> None:
    """A Jeugdwet decision with two providers (demo-jeugd), and an aanvraag still waiting."""
    vandaag = demo.vandaag
    casus = demo.kies(vraag="school", team=NOORDWEST)
    jeugd = User.objects.filter(username=DEMO_JEUGD, lidmaatschappen__team__naam=NOORDWEST,
                                is_active=True).first()
    pro = jeugd or (_regiehouder(casus) if casus else None)
    if casus is not None and pro is not None:
        demo.besluit(
            user=pro, casus=casus, wet=Wet.JEUGDWET, dagen_geleden=18,
            vormwens=Vormwens.NATURA,
            toelichting="De ouders vragen hulp omdat hun zoon al weken niet naar school gaat.",
            motivering="Uw zoon gaat al weken niet naar school en trekt zich terug. Een "
                       "jeugdhulpverlener werkt thuis en met school aan de terugkeer; een "
                       "psycholoog onderzoekt en behandelt de somberheid.",
            regels=[demo.regel("ambulant", volume="3", begin=vandaag,
                               einde=vandaag + relativedelta(months=6, days=-1),
                               levering=Levering.NATURA, aanbieder="Jeugdhulp Samen Sterk"),
                    demo.regel("ggz", volume="4", begin=vandaag + timedelta(days=14),
                               einde=_jaar(vandaag + timedelta(days=14)),
                               levering=Levering.NATURA,
                               aanbieder="Kind & Gezin GGZ Dijkstad")])
    wacht = demo.kies(vraag="ruzie", team=NOORDWEST)
    pro = jeugd or (_regiehouder(wacht) if wacht else None)
    if wacht is not None and pro is not None:
        aanvraag_submit(user=pro, casus=wacht, wet=Wet.JEUGDWET,
                        ontvangen_op=demo.terug(wacht, 6), via=AanvraagVia.PAPIER,
                        vormwens=Vormwens.NATURA,
                        toelichting="De ouders vragen gezinsbegeleiding thuis; de huisarts "
                                    "noemde ook de jeugd-GGZ.")


def _participatiewet(demo: _Demo) -> None:
    """Bijstand from the day of the aanvraag, and a re-integratietraject."""
    casus = demo.kies(vraag="baan kwijt", soort=TeamSoort.WERK_EN_INKOMEN)
    pro = _regiehouder(casus) if casus else None
    if casus is None or pro is None:
        return
    vandaag = demo.vandaag
    # Bijstand runs from the aanvraag; this year's tariff row starts on 1 January.
    vanaf = max(demo.terug(casus, 15), date(vandaag.year, 1, 1))
    demo.besluit(
        user=pro, casus=casus, wet=Wet.PARTICIPATIEWET, dagen_geleden=15,
        vormwens=Vormwens.WEET_NIET,
        toelichting="Aanvraag bijstand na ontslag; de WW is afgewezen.",
        motivering="U heeft geen inkomen en geen vermogen boven de grens. U krijgt bijstand "
                   "voor een alleenstaande vanaf de dag van uw aanvraag, en een traject naar "
                   "werk.",
        regels=[demo.regel("levensonderhoud", volume="1401.50", begin=vanaf),
                demo.regel("reintegratie", volume="1", begin=vandaag + timedelta(days=14),
                           einde=_jaar(vandaag + timedelta(days=14)))])


@transaction.atomic
def seed_besluiten(*, catalogus: Catalogus) -> int:
    """Idempotent: does nothing when any onderzoek or aanvraag exists (only made here).
    Returns the number of beschikkingen made."""
    if Onderzoek.objects.exists() or Aanvraag.objects.exists():
        return 0
    demo = _Demo(cat=catalogus, vandaag=timezone.localdate(), gebruikt=set(), made=[])
    _sanne(demo)
    _ria(demo)
    _vier_ogen(demo)
    _herziening(demo)
    _afwijzing_en_bezwaar(demo)
    _intrekking(demo)
    _jeugd(demo)
    _participatiewet(demo)
    return len(demo.made)
