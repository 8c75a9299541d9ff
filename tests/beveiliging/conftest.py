"""The attack run's world: one resident (the target) with everything a household can have
in Toegang, and attackers in every role, each with something of their own."""

import copy
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casussen.afspraken.models import Afspraak
from casussen.afspraken.services import Gegevens, afspraak_plan
from casussen.besluit.models import Beschikking, Bezwaar, Onderzoek, Toekenning
from casussen.huishouden.models import HuishoudenLid
from casussen.huishouden.services import huishouden_lid_add
from casussen.models import Betrokkenheid, Casus, Overdracht
from casussen.plan.services import DoelGegevens, plan_concept_save, plan_share
from casussen.services import betrokkene_add, overdracht_propose
from casussen.toewijzing.models import Bericht, BerichtStatus, Quarantaine, Verzoek
from casussen.zrm.services import zrm_record
from intake.gegevens import VerwijzingGegevens
from intake.models import Bijlage, Intake, Toestemming, Veiligheidsmelding, Verwijzer, Verwijzing
from intake.services import veiligheidsmelding_create
from intake.verwijzing.services import verwijzing_send
from intake.wizard.models import IntakeConcept
from intake.wizard.namens import namens_concept_start
from regie.termijnen.models import Termijn, TermijnSoort
from tests.besluitpad import besluitpad_make
from tests.bestanden import pdf_bytes
from tests.conftest import Stad, gedeeld_per_module, stad_bouwen
from tests.factories import (
    CasusFactory,
    IntakeFactory,
    ProfessionalFactory,
    TeamleiderFactory,
    TermijnFactory,
    ToestemmingFactory,
    VerwijzerFactory,
    intake_gegevens,
    make_bijlage,
)
from tests.toewijzingpad import bericht_make, verzoek_make
from toegang.accounts.models import User
from toegang.accounts.services import inwoner_bsn_set
from toegang.berichten.models import Notificatie, Printbatch
from toegang.berichten.services import Adres, brief_queue, notificatie_send, printbatch_make


@dataclass
class Wereld:
    """The target household (in wijk Centrum, routed to Wijkteam Centrum) and what attackers
    own themselves (for ids that mix their own object with the target's)."""

    intake: Intake
    bijlage: Bijlage
    toestemming: Toestemming       # Werk en Inkomen may read, by consent
    melding: Veiligheidsmelding    # reported by `stad.pro`, reviewed by `stad.teamleider`
    casus: Casus                   # `stad.pro` is regiehouder; a shared plan; a ZRM
    overdracht: Overdracht         # proposed by `stad.pro` to `collega`
    betrokkenheid: Betrokkenheid   # Werk en Inkomen, involved
    termijn: Termijn               # a Wmo decision term on the case (legal: may stand still)
    notificatie: Notificatie       # in the target resident's inbox
    printbatch: Printbatch         # a letter to the target resident, printed by the beheerder
    nieuwe_vraag: Intake           # the target's second request, not picked up: an earlier
                                   # contact (`intake`) is found for it
    aan_de_telefoon: Intake        # filed by `stad.pro` under the target's BSN, to claim
    lid: HuishoudenLid             # a member of the target's household
    concept: IntakeConcept         # a request `stad.pro` is typing in for a caller
    afspraak: Afspraak             # a keukentafelgesprek `stad.pro` planned with the target
    onderzoek: Onderzoek           # the Wmo onderzoek, its verslag sent to the target
    beschikking: Beschikking       # taken on the target's aanvraag (natura and pgb)
    bezwaar: Bezwaar               # the target's bezwaar against it
    conceptbesluit: Beschikking    # a draft Jeugdwet decision with one line
    conceptregel: Toekenning
    verzoek: Verzoek               # a provider asks Wijkteam Centrum to assign care (315)
    bericht: Bericht               # a 301 about the target's casus that could not be sent
    quarantaine: Quarantaine       # a received file the beheerder has not dealt with
    collega: User
    teamleider_noord: User
    eigen_intake_andere_inwoner: Intake
    eigen_bijlage_andere_inwoner: Bijlage
    eigen_casus_andere_inwoner: Casus
    eigen_intake_noord: Intake     # routed to Wijkteam Noord, picked up by `stad.pro_noord`
    eigen_casus_noord: Casus
    verwijzer: Verwijzer           # a huisarts who referred a resident through its portal
    verwijzing: Verwijzing
    andere_verwijzer: Verwijzer    # another referrer, with a referral of its own

    def ids(self) -> dict[str, int]:
        return {"intake": self.intake.pk, "bijlage": self.bijlage.pk,
                "toestemming": self.toestemming.pk, "melding": self.melding.pk,
                "casus": self.casus.pk, "overdracht": self.overdracht.pk,
                "betrokkenheid": self.betrokkenheid.pk, "termijn": self.termijn.pk,
                "notificatie": self.notificatie.pk, "printbatch": self.printbatch.pk,
                "nieuwe_vraag": self.nieuwe_vraag.pk, "aan_de_telefoon": self.aan_de_telefoon.pk,
                "lid": self.lid.pk, "concept": self.concept.pk, "verwijzing": self.verwijzing.pk,
                "afspraak": self.afspraak.pk, "onderzoek": self.onderzoek.pk,
                "beschikking": self.beschikking.pk, "bezwaar": self.bezwaar.pk,
                "conceptbesluit": self.conceptbesluit.pk, "conceptregel": self.conceptregel.pk,
                "verzoek": self.verzoek.pk, "bericht": self.bericht.pk,
                "quarantaine": self.quarantaine.pk}


def _pdf(naam: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, pdf_bytes(), "application/pdf")


@pytest.fixture
def wereld(stad) -> Wereld:  # type: ignore[no-untyped-def]
    return wereld_bouwen(stad)


@pytest.fixture(scope="module")
def stad_en_wereld_per_module(request, django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """`stad` and `wereld` built once for a module whose many tests only read them (the
    attack walks); see `gedeeld_per_module` and `stad_en_wereld_eenmaal`."""
    yield from gedeeld_per_module(request, django_db_blocker, lambda: _beide(stad_bouwen()))


def _beide(stad: Stad) -> tuple[Stad, Wereld]:
    return stad, wereld_bouwen(stad)


@pytest.fixture
def stad_en_wereld_kopie(stad_en_wereld_per_module, db) -> tuple[Stad, Wereld]:  # type: ignore[no-untyped-def]
    """This test's own copy of the module's `stad` and `wereld`, inside its own transaction."""
    return copy.deepcopy(stad_en_wereld_per_module)


def stad_en_wereld_eenmaal():  # type: ignore[no-untyped-def]
    """`stad, wereld = stad_en_wereld_eenmaal()` in a module: its tests get `stad` and `wereld`
    built once for the module (`stad_en_wereld_per_module`), each test its own copy."""

    @pytest.fixture(name="stad")
    def stad_kopie(stad_en_wereld_kopie):  # type: ignore[no-untyped-def]
        return stad_en_wereld_kopie[0]

    @pytest.fixture(name="wereld")
    def wereld_kopie(stad_en_wereld_kopie):  # type: ignore[no-untyped-def]
        return stad_en_wereld_kopie[1]

    return stad_kopie, wereld_kopie


def wereld_bouwen(stad: Stad) -> Wereld:
    intake = IntakeFactory(inwoner=stad.inwoner, postcode="7511AA")
    bijlage = make_bijlage(user=stad.inwoner, intake=intake, upload=_pdf("brief.pdf"))
    toestemming = ToestemmingFactory(intake=intake, wet="PARTICIPATIEWET")
    melding = veiligheidsmelding_create(user=stad.pro, intake=intake, reden="Zorgen.",
                                        meldcode_stap=1, teams=[stad.werk])
    casus = CasusFactory(intake=intake, opgepakt_door=stad.pro)
    concept = plan_concept_save(
        user=stad.pro, casus=casus, nummer=1, bewerkversie=0, samenvatting="Samen verder.",
        evaluatiedatum=None, acties=[], voorzieningen=[],
        doelen=[DoelGegevens(levensgebied="financien", omschrijving="Rust in de financiën.",
                             zrm_start=2, zrm_doel=4, verantwoordelijke="inwoner")])
    plan_share(user=stad.pro, casus=casus, nummer=concept.nummer,
               bewerkversie=concept.bewerkversie)
    zrm_record(user=stad.pro, casus=casus, datum=timezone.localdate(), scores={"financien": 2})
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    overdracht = overdracht_propose(user=stad.pro, casus=casus, naar=collega, situatie="S",
                                    geprobeerd="G", afspraken="A", risicos="R",
                                    volgende_stappen="V")
    betrokken = betrokkene_add(user=stad.pro, casus=casus, team=stad.werk, rol="adviseur")
    # The decision path first: taking the decision meets the open decision clocks.
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner)
    termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)
    notificatie = notificatie_send(ontvanger=stad.inwoner, soort="test",
                                   onderwerp="Uw plan staat klaar", email=False)
    brief_queue(aan_naam="Sanne de Vries", onderwerp="Uw plan staat klaar", tekst="Lees het.",
                adres=Adres(straat="Dorpsstraat 1", postcode="7511AA", woonplaats="Dijkstad"),
                sleutel="wereld:brief", inwoner_id=stad.inwoner.pk, intake_id=intake.pk)
    printbatch = printbatch_make(user=stad.beheerder)
    assert printbatch is not None
    nieuwe_vraag = IntakeFactory(inwoner=stad.inwoner, postcode="7511AA")
    inwoner_bsn_set(user=stad.inwoner, bsn="111222333")
    aan_de_telefoon = IntakeFactory(kanaal="telefoon", ingevoerd_door=stad.pro, bsn="111222333",
                                  postcode="7511AA")
    lid = huishouden_lid_add(user=stad.pro, casus=casus, naam="Noor", rol="kind")
    over_drie_dagen = timezone.make_aware(datetime.combine(
        timezone.localdate() + timedelta(days=3), time(10, 0)))
    afspraak = afspraak_plan(user=stad.pro, casus=casus, gegevens=Gegevens(
        soort="keukentafelgesprek", start=over_drie_dagen, duur_minuten=60,
        bij_inwoner_thuis=True, plaats="", deelnemers="Anna", tolk_nodig=False))

    # The berichtenverkeer: a provider's request for the target, a message about the casus
    # that failed, and a file in quarantine.
    aanbieder = pad.toekenning.aanbieder
    assert aanbieder is not None
    verzoek = verzoek_make(intake=intake, casus=casus, aanbieder=aanbieder,
                           product=pad.toekenning.product)
    bericht = bericht_make(aanbieder=aanbieder, casus=casus, status=BerichtStatus.MISLUKT,
                           bsn_hash=intake.bsn_hash, toewijzingnummers="1",
                           fout="Geen verbinding.")
    quarantaine = Quarantaine.objects.create(bestandsnaam="WMO305_onleesbaar.xml",
                                             reden="Geen XML.", grootte=12)

    eigen = IntakeFactory(inwoner=stad.andere_inwoner, postcode="7512AA", voornaam="Kees",
                        geboortedatum=date(1970, 1, 1), email="kees@example.nl")
    eigen_bijlage = make_bijlage(user=stad.andere_inwoner, intake=eigen, upload=_pdf("mijn.pdf"))
    noord = IntakeFactory(in_noord=True, voornaam="Noor", email="noor@example.nl")
    verwijzer, andere_verwijzer = VerwijzerFactory(), VerwijzerFactory()
    verwezen = _verwijzing(verwijzer, voornaam="Vera", email="vera@example.nl")
    _verwijzing(andere_verwijzer, voornaam="Ank", email="ank@example.nl")
    return Wereld(
        intake=intake, bijlage=bijlage, toestemming=toestemming, melding=melding, casus=casus,
        overdracht=overdracht, betrokkenheid=betrokken, termijn=termijn,
        notificatie=notificatie, printbatch=printbatch, nieuwe_vraag=nieuwe_vraag,
        aan_de_telefoon=aan_de_telefoon, lid=lid, afspraak=afspraak, onderzoek=pad.onderzoek,
        beschikking=pad.beschikking, bezwaar=pad.bezwaar, conceptbesluit=pad.concept,
        conceptregel=pad.conceptregel, verzoek=verzoek, bericht=bericht,
        quarantaine=quarantaine,
        concept=namens_concept_start(user=stad.pro, kanaal="telefoon"), collega=collega,
        teamleider_noord=TeamleiderFactory(teams=[stad.wijkteam_noord]),
        eigen_intake_andere_inwoner=eigen, eigen_bijlage_andere_inwoner=eigen_bijlage,
        eigen_casus_andere_inwoner=CasusFactory(intake=eigen, opgepakt_door=stad.pro),
        eigen_intake_noord=noord,
        eigen_casus_noord=CasusFactory(intake=noord, opgepakt_door=stad.pro_noord),
        verwijzer=verwijzer, verwijzing=verwezen.verwijzing, andere_verwijzer=andere_verwijzer)


def _verwijzing(verwijzer: Verwijzer, **overrides: object) -> Intake:
    gegevens = intake_gegevens(verwijzing=VerwijzingGegevens(
        soort=verwijzer.soort, organisatie=verwijzer.organisatie, ontvangen_via="formulier",
        inwoner_akkoord=True), **overrides)
    return verwijzing_send(verwijzer=verwijzer, user=verwijzer.user, gegevens=gegevens,
                           indien_sleutel=uuid.uuid4())


@pytest.fixture
def beveiligingslog(caplog):  # type: ignore[no-untyped-def]
    """The records of the security log written during the test (a fresh list per call)."""
    caplog.set_level(logging.INFO, logger="toegang.beveiliging")

    def records() -> list[dict]:
        return [r.beveiliging for r in caplog.records if r.name == "toegang.beveiliging"]

    records.clear = caplog.clear  # type: ignore[attr-defined]
    return records
