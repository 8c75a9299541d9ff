"""The demo's catalogue and decision path: seed_demo fills the catalogue, takes decisions in
every state through the services, and the demo resident can read hers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casussen.besluit.models import (
    Aanvraag,
    AanvraagVia,
    Beschikking,
    BeschikkingStatus,
    Besluit,
    Levering,
    Onderzoek,
    Toekenning,
)
from casussen.besluit.selectors import kosten_van, wachten_op_goedkeuring
from casussen.besluit.services import kosten_eerste_jaar, mag_goedkeuren
from regie.termijnen.models import TermijnSoort
from tests.conftest import gedeeld_per_module
from toegang.accounts.models import User
from toegang.catalogus.models import (
    Besluitregels,
    Contract,
    Goedkeurder,
    Product,
    Zorgaanbieder,
)
from toegang.catalogus.selectors import tarief_op
from toegang.core.domein import Wet
from toegang.demo.besluiten import seed_besluiten
from toegang.demo.catalogus import seed_catalogus

pytestmark = pytest.mark.django_db

RESIDENT = "demo.inwoner@example.nl"


@pytest.fixture(scope="module")
def demo_eenmaal(request, django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The demo seeded once for the module (6 s); each test's own writes are rolled back."""
    yield from gedeeld_per_module(request, django_db_blocker, lambda: call_command(
        "seed_demo", "--quiet-logins", "--no-progress"))


@pytest.fixture
def demo(demo_eenmaal, db) -> None:  # type: ignore[no-untyped-def]
    pass


def test_the_demo_has_a_catalogue_with_providers_and_the_four_eyes_rule(demo) -> None:
    vandaag = timezone.localdate()
    per_wet = {wet: Product.objects.filter(wet=wet, actief=True).count() for wet in Wet.values}
    assert per_wet == {Wet.WMO: 7, Wet.JEUGDWET: 4, Wet.PARTICIPATIEWET: 3}
    for product in Product.objects.all():
        product.full_clean()  # category, code and natura/pgb as the admin checks them
        tarief = tarief_op(product=product, dag=vandaag)
        assert tarief is not None and tarief.natura > 0, product
        assert (tarief.pgb is not None) == product.pgb_mogelijk, product
        assert bool(product.productcode) == (product.wet != Wet.PARTICIPATIEWET), product
    # One product shows versioning: last year's price stays next to this year's.
    begeleiding = Product.objects.get(naam="Begeleiding individueel")
    assert [t.natura for t in begeleiding.tarieven.order_by("geldig_vanaf")] == [
        Decimal("67.50"), Decimal("70.00")]
    assert tarief_op(product=begeleiding, dag=dt.date(vandaag.year - 1, 6, 1)).natura == (
        Decimal("67.50"))
    aanbieders = list(Zorgaanbieder.objects.prefetch_related("contracten"))
    assert len(aanbieders) >= 12
    for aanbieder in aanbieders:
        aanbieder.full_clean()  # AGB code and KvK number in a valid format
        contracten = list(aanbieder.contracten.all())
        assert 1 <= len(contracten) <= 4, aanbieder
        assert all(c.wachttijd_weken is not None and c.wachttijd_gemeld_op for c in contracten)
    # Every product that can be delivered in natura has a provider under contract.
    for product in Product.objects.filter(natura_mogelijk=True):
        assert Contract.objects.geldig_op(vandaag).filter(product=product).exists(), product
    regels = Besluitregels.objects.get()
    assert (regels.vier_ogen_vanaf, regels.goedkeurder) == (Decimal("25000.00"),
                                                            Goedkeurder.TEAMLEIDER)


def test_the_demo_has_decisions_in_every_state(demo) -> None:
    statussen = set(Beschikking.objects.values_list("status", flat=True))
    assert statussen == {BeschikkingStatus.GENOMEN, BeschikkingStatus.TER_GOEDKEURING,
                         BeschikkingStatus.HERZIEN, BeschikkingStatus.INGETROKKEN}
    assert 7 <= Beschikking.objects.count() <= 10
    genomen = Beschikking.objects.filter(status=BeschikkingStatus.GENOMEN)
    assert set(genomen.values_list("wet", flat=True)) == set(Wet.values)
    # A taken decision with both natura (with a provider) and pgb; Participatiewet as money.
    leveringen = set(Toekenning.objects.filter(beschikking__in=genomen)
                     .values_list("levering", flat=True))
    assert {Levering.NATURA, Levering.PGB, Levering.GELD} <= leveringen
    assert not Toekenning.objects.filter(levering=Levering.NATURA, aanbieder__isnull=True,
                                         besluit=Besluit.TOEGEKEND).exists()
    assert Toekenning.objects.filter(besluit=Besluit.AFGEWEZEN).exclude(reden="").exists()
    # Costs are copied in and add up.
    assert sum(kosten_eerste_jaar(b) for b in genomen) > 0
    # Above the threshold: waiting for the teamleider, who may approve it; its drafter may not.
    [wacht] = Beschikking.objects.filter(status=BeschikkingStatus.TER_GOEDKEURING)
    assert kosten_eerste_jaar(wacht) >= Decimal("25000")
    leider = User.objects.get(username="demo-teamleider")
    assert mag_goedkeuren(user=leider, beschikking=wacht)
    assert not mag_goedkeuren(user=wacht.opgesteld_door, beschikking=wacht)
    assert list(wachten_op_goedkeuring(user=leider)) == [wacht]
    # A herziening replaced a decision; an intrekking ended one from a date.
    herzien = Beschikking.objects.get(status=BeschikkingStatus.HERZIEN)
    assert herzien.herziening.status == BeschikkingStatus.GENOMEN
    assert herzien.herziening.reden_wijziging
    ingetrokken = Beschikking.objects.get(status=BeschikkingStatus.INGETROKKEN)
    assert ingetrokken.ingetrokken_op >= ingetrokken.genomen_op and ingetrokken.reden_wijziging
    # A bezwaar with its clock running (six weeks after the bezwaar term ends).
    [bezwaar] = [b for b in genomen if b.bezwaren.exists()]
    klok = bezwaar.bezwaren.get().termijn
    assert klok.soort == TermijnSoort.BEZWAAR and klok.is_open
    assert timezone.localdate(klok.deadline) == bezwaar.bezwaar_tot + dt.timedelta(weeks=6)
    # An aanvraag waiting for its decision, its clock running; an unsent verslag.
    [open_aanvraag] = Aanvraag.objects.filter(beschikkingen__isnull=True)
    assert open_aanvraag.casus.intake.termijnen.filter(
        soort=TermijnSoort.JEUGD_BESCHIKKING, status="lopend").exists()
    assert Onderzoek.objects.filter(verslag_verstuurd_op__isnull=True).count() == 1
    # demo-jeugd took the Jeugdwet decision.
    assert genomen.get(wet=Wet.JEUGDWET).opgesteld_door.username == "demo-jeugd"


def test_seeding_the_decisions_twice_changes_nothing(demo) -> None:
    rijen = list(Toekenning.objects.order_by("pk").values_list("pk", "kosten_eerste_jaar"))
    assert seed_besluiten(catalogus=seed_catalogus()) == 0
    assert list(Toekenning.objects.order_by("pk").values_list(
        "pk", "kosten_eerste_jaar")) == rijen
    assert Product.objects.count() == 14


def test_the_demo_resident_reads_her_verslag_and_decision(demo, client) -> None:
    sanne = User.objects.get(username=RESIDENT)
    onderzoek = Onderzoek.objects.get(casus__intake__inwoner=sanne)
    assert onderzoek.is_verstuurd and onderzoek.opmerking_inwoner
    aanvraag = Aanvraag.objects.get(casus__intake__inwoner=sanne)
    assert (aanvraag.via, aanvraag.onderzoek) == (AanvraagVia.MIJN_TOEGANG, onderzoek)
    beschikking = Beschikking.objects.get(casus__intake__inwoner=sanne)
    assert beschikking.status == BeschikkingStatus.GENOMEN
    assert {t.levering for t in beschikking.toekenningen.all()} == {Levering.NATURA,
                                                                    Levering.PGB}
    casus = beschikking.casus
    assert kosten_van(casus=casus).per_maand > 0
    # She heard of the verslag and the decision in her inbox.
    assert set(sanne.notificaties.filter(soort="besluit").values_list("url", flat=True)) >= {
        reverse("casussen_mijn:verslag", args=[casus.pk, onderzoek.pk]),
        reverse("casussen_mijn:besluit", args=[casus.pk, beschikking.pk])}
    client.force_login(sanne)
    verslag = client.get(reverse("casussen_mijn:verslag", args=[casus.pk, onderzoek.pk]))
    assert verslag.status_code == 200
    assert "Huishoudelijke ondersteuning, 3 uur per week" in verslag.content.decode()
    besluit = client.get(reverse("casussen_mijn:besluit", args=[casus.pk, beschikking.pk]))
    assert besluit.status_code == 200 and beschikking.kenmerk in besluit.content.decode()
    brief = client.get(reverse("casussen_mijn:besluit_brief",
                               args=[casus.pk, beschikking.pk]))
    assert brief.status_code == 200 and brief["Content-Type"] == "application/pdf"
    # The four-eyes draft of another casus stays out of reach.
    wacht = Beschikking.objects.get(status=BeschikkingStatus.TER_GOEDKEURING)
    assert client.get(reverse("casussen_mijn:besluit",
                              args=[wacht.casus_id, wacht.pk])).status_code == 404



def test_the_demo_decisions_open_for_the_demo_staff(demo, client) -> None:
    """The README's walk: demo-professional's casus, demo-teamleider's four-eyes list,
    demo-jeugd's decision, demo-manager's dashboard section."""
    sanne = Beschikking.objects.get(casus__intake__inwoner__username=RESIDENT)
    wacht = Beschikking.objects.get(status=BeschikkingStatus.TER_GOEDKEURING)
    jeugd = Beschikking.objects.get(wet=Wet.JEUGDWET)

    def pagina(username: str, url: str) -> str:
        client.force_login(User.objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200, (username, url)
        return response.content.decode()

    assert sanne.kenmerk in pagina("demo-professional",
                                   reverse("casussen:besluiten", args=[sanne.casus_id]))
    assert "Thuiszorg De Dijk" in pagina("demo-professional", reverse(
        "casussen:beschikking", args=[sanne.casus_id, sanne.pk]))
    assert wacht.kenmerk in pagina("demo-teamleider", reverse("casussen:besluiten_goedkeuren"))
    assert jeugd.kenmerk in pagina("demo-jeugd",
                                   reverse("casussen:besluiten", args=[jeugd.casus_id]))
    assert "Besluiten en kosten" in pagina("demo-manager", "/dashboard/")
