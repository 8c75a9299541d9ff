"""Retention reaches the API's and the zaaksysteem's own rows: the reasons stored with the
ZGW steps of a case go with the case's content; delivered webhooks (ids and states only)
are deleted after 30 days, undelivered ones stay for the beheerder."""

import datetime as dt

import pytest
import time_machine

from casussen.besluit.models import Aanvraag
from tests.api.conftest import api_client_make
from tests.toegang.test_bewaartermijnen import GESLOTEN, _closed_case
from toegang.api.models import Abonnement, Gebeurtenis, Scope, Webhookbericht, WebhookStatus
from toegang.bewaren.services import bewaartermijnen_apply
from toegang.zgw.models import StapSoort, StapStatus, ZgwStap, ZgwZaak

pytestmark = pytest.mark.django_db


def test_the_zgw_steps_reasons_go_with_the_case(stad) -> None:  # type: ignore[no-untyped-def]
    casus = _closed_case(stad)
    aanvraag = Aanvraag.objects.create(casus=casus, wet="WMO", ontvangen_op=dt.date(2026, 3, 3),
                                       via="papier", door=stad.pro)
    zaak = ZgwZaak.objects.create(aanvraag=aanvraag, casus=casus, identificatie="TG-1-A1")
    stap = ZgwStap.objects.create(zaak=zaak, soort=StapSoort.OPSCHORTING, sleutel="s1",
                                  status=StapStatus.KLAAR,
                                  gegevens={"reden": "Geheimtekst wacht op medisch advies"})

    with time_machine.travel(GESLOTEN.replace(year=2033) + dt.timedelta(days=1), tick=False):
        bewaartermijnen_apply()

    stap.refresh_from_db()
    assert stap.gegevens == {} and stap.status == StapStatus.KLAAR
    assert ZgwZaak.objects.filter(pk=zaak.pk).exists()  # the zaak's address stays


def test_delivered_webhooks_go_after_30_days_and_failed_ones_stay(stad) -> None:  # type: ignore[no-untyped-def]
    client, _api = api_client_make(account=stad.pro, scopes=[Scope.BESLUITEN_LEZEN])
    abonnement = Abonnement.objects.create(client=client, url="https://example.nl/hook",
                                           gebeurtenissen=[Gebeurtenis.BESLUIT_GENOMEN],
                                           geheim="x")
    nu = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)

    def bericht(status: str, dagen: int) -> Webhookbericht:
        return Webhookbericht.objects.create(
            abonnement=abonnement, gebeurtenis=Gebeurtenis.BESLUIT_GENOMEN, inhoud={},
            status=status, verstuurd_op=nu - dt.timedelta(days=dagen))

    oud = bericht(WebhookStatus.VERSTUURD, 31)
    jong = bericht(WebhookStatus.VERSTUURD, 29)
    mislukt = bericht(WebhookStatus.MISLUKT, 90)

    with time_machine.travel(nu, tick=False):
        bewaartermijnen_apply()

    over = set(Webhookbericht.objects.values_list("pk", flat=True))
    assert over == {jong.pk, mislukt.pk} and oud.pk not in over
