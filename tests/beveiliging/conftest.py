"""The attack run's world: one resident (the target) with everything a household can have
in Toegang, and attackers in every role, each with something of their own."""

import logging
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casussen.models import Betrokkenheid, Casus, Overdracht
from casussen.services import betrokkene_add, casus_open, overdracht_propose
from casussen.services_plan import DoelGegevens, plan_concept_save, plan_share
from casussen.services_zrm import zrm_record
from intake.models import Bijlage, Intake, Toestemming, Veiligheidsmelding
from intake.services import bijlage_add, toestemming_give, veiligheidsmelding_create
from regie.models import Termijn, TermijnSoort
from regie.services import termijn_start
from tests.bestanden import pdf_bytes
from tests.factories import ProfessionalFactory, TeamleiderFactory, make_intake
from tests.intake.conftest import Stad, stad  # noqa: F401  (the fixture, shared)
from toegang.accounts.models import User
from toegang.berichten.models import Notificatie
from toegang.berichten.services import notificatie_send


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
    collega: User
    teamleider_noord: User
    eigen_intake_andere_inwoner: Intake
    eigen_bijlage_andere_inwoner: Bijlage
    eigen_intake_noord: Intake     # routed to Wijkteam Noord, picked up by `stad.pro_noord`
    eigen_casus_noord: Casus

    def ids(self) -> dict[str, int]:
        return {"intake": self.intake.pk, "bijlage": self.bijlage.pk,
                "toestemming": self.toestemming.pk, "melding": self.melding.pk,
                "casus": self.casus.pk, "overdracht": self.overdracht.pk,
                "betrokkenheid": self.betrokkenheid.pk, "termijn": self.termijn.pk,
                "notificatie": self.notificatie.pk}


def _pdf(naam: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, pdf_bytes(), "application/pdf")


@pytest.fixture
def wereld(stad) -> Wereld:  # type: ignore[no-untyped-def]  # noqa: F811
    intake = make_intake(inwoner=stad.inwoner, postcode="7511AA")
    bijlage = bijlage_add(user=stad.inwoner, intake=intake, upload=_pdf("brief.pdf"))
    toestemming = toestemming_give(intake=intake, wet="PARTICIPATIEWET", user=stad.inwoner)
    melding = veiligheidsmelding_create(user=stad.pro, intake=intake, reden="Zorgen.",
                                        meldcode_stap=1, teams=[stad.werk])
    casus = casus_open(user=stad.pro, intake=intake)
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
    [termijn] = termijn_start(user=stad.pro, casus=casus, soort=TermijnSoort.WMO_BESCHIKKING,
                              start=timezone.localdate())
    notificatie = notificatie_send(ontvanger=stad.inwoner, soort="test",
                                   onderwerp="Uw plan staat klaar", email=False)

    eigen = make_intake(inwoner=stad.andere_inwoner, postcode="7512AA", voornaam="Kees",
                        geboortedatum=date(1970, 1, 1), email="kees@example.nl")
    eigen_bijlage = bijlage_add(user=stad.andere_inwoner, intake=eigen, upload=_pdf("mijn.pdf"))
    noord = make_intake(postcode="7521AA", voornaam="Noor", email="noor@example.nl")
    return Wereld(
        intake=intake, bijlage=bijlage, toestemming=toestemming, melding=melding, casus=casus,
        overdracht=overdracht, betrokkenheid=betrokken, termijn=termijn,
        notificatie=notificatie, collega=collega,
        teamleider_noord=TeamleiderFactory(teams=[stad.wijkteam_noord]),
        eigen_intake_andere_inwoner=eigen, eigen_bijlage_andere_inwoner=eigen_bijlage,
        eigen_intake_noord=noord, eigen_casus_noord=casus_open(user=stad.pro_noord,
                                                               intake=noord))


@pytest.fixture
def beveiligingslog(caplog):  # type: ignore[no-untyped-def]
    """The records of the security log written during the test (a fresh list per call)."""
    caplog.set_level(logging.INFO, logger="toegang.beveiliging")

    def records() -> list[dict]:
        return [r.beveiliging for r in caplog.records if r.name == "toegang.beveiliging"]

    records.clear = caplog.clear  # type: ignore[attr-defined]
    return records
