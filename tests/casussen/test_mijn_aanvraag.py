"""The resident's page of one request (Mijn toegang, /mijn/aanvragen/<pk>/) on a full casus:
everything the resident may see is there, and the page runs a fixed number of queries however
many rows of each kind the casus holds."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casussen.afspraken.services import Gegevens, afspraak_plan
from casussen.besluit import services as besluit
from casussen.besluit.models import AanvraagVia, Besluit, Levering, Vormwens
from casussen.models import Casus
from casussen.plan.selectors import plan_bewerk_basis
from casussen.plan.services import (
    ActieGegevens,
    DoelGegevens,
    VoorzieningGegevens,
    plan_concept_save,
    plan_share,
)
from casussen.services import contactmoment_add, notitie_add, overdracht_accept, overdracht_propose
from casussen.zrm.services import zrm_record
from intake.services import aanvulling_add, intake_forward, toestemming_withdraw
from intake.services.veiligheid import veiligheidsmelding_create
from regie.termijnen.models import TermijnSoort
from tests.besluitpad import Catalogus, catalogus_make
from tests.bestanden import pdf_bytes
from tests.factories import (
    CasusFactory,
    IntakeFactory,
    ProfessionalFactory,
    TermijnFactory,
    make_bijlage,
    toestemming_geven,
)

pytestmark = pytest.mark.django_db


def _nu(minuten: int = 0) -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=minuten)


def _afspraak(casus: Casus, user, dagen: int) -> None:  # type: ignore[no-untyped-def]
    start = timezone.make_aware(dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=dagen), dt.time(10, 0)))
    afspraak_plan(user=user, casus=casus, gegevens=Gegevens(
        soort="keukentafelgesprek", start=start, duur_minuten=60, bij_inwoner_thuis=True,
        plaats="", deelnemers="Anna Jansen (wijkteam)", tolk_nodig=False, tolk_taal="",
        toelichting=""))


def _besluit(casus: Casus, user, cat: Catalogus) -> None:  # type: ignore[no-untyped-def]
    vandaag = timezone.localdate()
    onderzoek = besluit.onderzoek_record(user=user, casus=casus, gegevens=besluit.OnderzoekGegevens(
        gesprek_op=vandaag, hulpvraag="Structuur in de dag", eigen_kracht="Boodschappen zelf",
        netwerk="Zus", mantelzorg="", algemene_voorzieningen="Buurthuis", maatwerk_nodig=True,
        maatwerk_toelichting="Begeleiding", vormwens=Vormwens.NATURA))
    onderzoek = besluit.verslag_send(user=user, onderzoek=onderzoek)
    aanvraag = besluit.aanvraag_submit(user=user, casus=casus, wet="WMO", ontvangen_op=vandaag,
                                       via=AanvraagVia.PAPIER, vormwens=Vormwens.NATURA,
                                       onderzoek=onderzoek)
    beschikking = besluit.beschikking_draft(user=user, casus=casus, wet="WMO", aanvraag=aanvraag,
                                            motivering="Begeleiding helpt bij structuur.")
    besluit.toekenning_add(user=user, beschikking=beschikking, regel=besluit.Regel(
        product=cat.begeleiding, besluit=Besluit.TOEGEKEND, volume=Decimal("3"),
        begindatum=vandaag, levering=Levering.NATURA, aanbieder=cat.aanbieder))
    besluit.beschikking_take(user=user, beschikking=beschikking)


def _plan(casus: Casus, user, samenvatting: str) -> None:  # type: ignore[no-untyped-def]
    basis = plan_bewerk_basis(casus=casus)
    plan_concept_save(
        user=user, casus=casus, nummer=basis.nummer, bewerkversie=basis.bewerkversie,
        samenvatting=samenvatting, evaluatiedatum=timezone.localdate() + dt.timedelta(days=90),
        doelen=[DoelGegevens(levensgebied="financien", omschrijving="Schulden op een rij",
                             zrm_start=2, zrm_doel=4, verantwoordelijke="professional")],
        acties=[ActieGegevens(omschrijving="Aanmelden bij de schuldhulp",
                              eigenaar="professional", eigenaar_naam="budgetcoach",
                              deadline=timezone.localdate() + dt.timedelta(days=30))],
        voorzieningen=[VoorzieningGegevens(wet="WMO", omschrijving="Huishoudelijke hulp",
                                           vorm="natura", status="aangevraagd")])
    basis = plan_bewerk_basis(casus=casus)
    plan_share(user=user, casus=casus, nummer=basis.nummer, bewerkversie=basis.bewerkversie)


def _rijen(stad, casus: Casus, cat: Catalogus, n: int) -> None:  # type: ignore[no-untyped-def]
    """Add `n` rows of every kind the resident's page shows: additions (with a file), consent
    changes, shared and private contacts and notes, appointments, clocks, assessments, a plan
    version, a decision path, a safety concern and a handover."""
    intake = casus.intake
    regie = casus.regiehouders.get(einde__isnull=True).user
    for i in range(n):
        aanvulling_add(user=stad.inwoner, intake=intake, tekst=f"Aanvulling {i}",
                       grond="inwoner", bestanden=[SimpleUploadedFile(
                           f"brief{i}.pdf", pdf_bytes(), "application/pdf")])
        for wet in ("JEUGDWET", "PARTICIPATIEWET"):
            toestemming = toestemming_geven(intake=intake, wet=wet)
            toestemming_withdraw(toestemming=toestemming, user=stad.inwoner)
        contactmoment_add(user=regie, casus=casus, soort="telefoon", tijdstip=_nu(10 + i),
                          verslag=f"Gedeeld gesprek {i}", zichtbaarheid="inwoner")
        contactmoment_add(user=regie, casus=casus, soort="huisbezoek", tijdstip=_nu(20 + i),
                          verslag=f"Intern gesprek {i}", zichtbaarheid="professionals")
        notitie_add(user=regie, casus=casus, tekst=f"Gedeelde notitie {i}", zichtbaarheid="inwoner")
        notitie_add(user=regie, casus=casus, tekst=f"Interne notitie {i}")
        _afspraak(casus, regie, 3 + i)
        TermijnFactory(casus=casus, soort=TermijnSoort.TERUGBELLEN)
        TermijnFactory(casus=casus, soort=TermijnSoort.TERUGBELLEN, opgeschort=True)
        zrm_record(user=regie, casus=casus, datum=timezone.localdate(),
                   scores={"financien": 2 + i % 3, "huisvesting": 3})
        _plan(casus, regie, f"Plan {i}")
        _besluit(casus, regie, cat)
        veiligheidsmelding_create(user=regie, intake=intake, reden=f"Zorgen {i}",
                                  meldcode_stap=1, teams=[stad.jeugdteam])
        naar = ProfessionalFactory(teams=[stad.wijkteam])
        overdracht = overdracht_propose(user=regie, casus=casus, naar=naar, situatie="Stabiel",
                                        geprobeerd="Budgetcoach", afspraken="Elke week bellen",
                                        risicos="Huurachterstand",
                                        volgende_stappen="Schuldhulp aanvragen")
        overdracht_accept(user=naar, overdracht=overdracht)
        regie = naar
    casus.refresh_from_db()


@pytest.fixture
def cat(db) -> Catalogus:  # type: ignore[no-untyped-def]
    return catalogus_make()


@pytest.fixture
def vol(stad, cat) -> Casus:  # type: ignore[no-untyped-def]
    """A full casus: a request with a household, life areas and a file, sent on to another
    team before it was picked up, then one row of every kind."""
    intake = IntakeFactory(inwoner=stad.inwoner, in_noord=True,
                           levensgebieden=["huisvesting", "financien"])
    make_bijlage(user=stad.inwoner, intake=intake, upload=SimpleUploadedFile(
        "brief.pdf", pdf_bytes(), "application/pdf"))
    intake_forward(user=stad.pro_noord, intake=intake, naar=stad.wijkteam,
                   reden="Woont in Centrum")
    casus = CasusFactory(intake=intake, opgepakt_door=stad.pro)
    _rijen(stad, casus, cat, 1)
    return casus


def _get(client, casus: Casus) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/mijn/aanvragen/{casus.intake_id}/")
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in ctx.captured_queries]


# Session, user, the gate, five prefetches of the request, the access-log row, the unread
# count in the menu; casework: regiehouders (with the casus), plan, appointments, decision
# path (2) and nine timeline sources (ZRM takes 2); the clocks (2); consent and safety lines;
# the answers to the municipality's own questions; the walk-in hours of the regiehouder's team.
QUERIES = 30


def test_the_request_page_of_a_full_casus_runs_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
        client, stad, vol, cat) -> None:
    client.force_login(stad.inwoner)
    _get(client, vol)  # warm up the session and the per-process caches
    html, queries = _get(client, vol)
    assert len(queries) == QUERIES, "\n".join(queries)
    assert html.count("Gedeelde notitie") == 1 and html.count("Gedeeld gesprek") == 1

    _rijen(stad, vol, cat, 3)
    html, queries = _get(client, vol)
    assert len(queries) == QUERIES, "\n".join(queries)
    for tekst, n in (("Gedeelde notitie", 4), ("Gedeeld gesprek", 4), ("Aanvulling 2", 2),
                     ("Verslag van uw gesprek op", 4), ("U trok uw toestemming voor", 8),
                     ("Zorgen over veiligheid", 4), ("U heeft een nieuwe contactpersoon", 4),
                     ("ZRM-meting", 4)):
        assert html.count(tekst) == n, tekst
    for intern in ("Interne notitie", "Intern gesprek", "Zorgen 0", "Huurachterstand"):
        assert intern not in html


def test_the_request_page_before_pick_up_reads_no_casework(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    client.get(f"/mijn/aanvragen/{intake.pk}/")
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert "neemt contact met u op" in html and "Hoe gaat het met u?" not in html
    # Casework reads one query (no regiehouder yet): no plan, appointments, decisions or
    # casus timeline, and no team hours (they come with a contact person). The answers to the
    # municipality's own questions are one read of the request.
    assert len(ctx) == 16, "\n".join(q["sql"] for q in ctx.captured_queries)


def test_linked_requests_do_not_repeat_the_regiehouders(stad) -> None:  # type: ignore[no-untyped-def]
    # A casus with two later requests linked to it: its own request and each linked one see
    # every regiehouder once (an OR across the join to the linked requests once gave a row
    # per linked request).
    from casussen.huishouden.models import GekoppeldeAanvraag, KoppelRol
    from casussen.selectors import contactpersoon, regiehouderschappen_of_intake

    casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)
    gekoppeld = [IntakeFactory(inwoner=stad.inwoner) for _ in range(2)]
    for intake in gekoppeld:
        GekoppeldeAanvraag.objects.create(casus=casus, intake=intake,
                                          rol=KoppelRol.ZELFDE_PERSOON, door=stad.pro)
    for intake in [casus.intake, *gekoppeld]:
        rijen = regiehouderschappen_of_intake(intake=intake)
        assert [r.user for r in rijen] == [stad.pro], intake
        assert contactpersoon(intake=intake).user == stad.pro
    assert regiehouderschappen_of_intake(intake=IntakeFactory(inwoner=stad.inwoner)) == []
