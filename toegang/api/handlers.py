"""Webhook events: the layers below announce a change (a signal sent inside their
transaction); these listeners write one outbox message per subscription that may hear it, in
that same transaction, and ask for sending once it commits.

Who may hear what is decided as for the API's reads: a referral's status goes to the clients
acting as the referrer's own account (as GET /verwijzingen/<id>), a decision to the clients
whose account passes the casus gate (as GET /besluiten/<id>). The body holds ids and states
only.
"""

from typing import Any

from casussen.besluit.models import Beschikking
from casussen.besluit.signalen import beschikking_genomen
from casussen.permissions import CasusActie, casus_may
from intake.models import Intake, IntakeStatus
from intake.signalen import intake_status_gewijzigd
from intake.verwijzing.selectors import STATUS_VAN_INTAKE

from .models import Abonnement, Gebeurtenis, Scope
from .tasks import webhooks_plannen
from .webhooks import webhookberichten_write

_ACTIEF = {"client__actief": True, "client__account__is_active": True}


def _hoort(gebeurtenis: Gebeurtenis, scope: Scope, gebeurtenissen: list[str],
           scopes: list[str]) -> bool:
    """Whether a subscription hears `gebeurtenis`: it chose it and its client holds the scope
    the event needs. Checked in Python: a JSON `contains` lookup does not exist on SQLite
    (`make run`), and an installation has a handful of subscriptions."""
    return gebeurtenis.value in gebeurtenissen and scope.value in scopes


def verwijzing_status_gewijzigd(sender: Any, *, intake_id: int, status: str,
                                **kwargs: Any) -> None:
    """The referrer's clients hear that its referral moved (one query when nobody listens)."""
    try:
        verwijzing_status = STATUS_VAN_INTAKE[IntakeStatus(status)]
    except (ValueError, KeyError):
        return
    rijen = [(pk, verwijzing_id) for pk, verwijzing_id, gebeurtenissen, scopes in (
        Abonnement.objects.filter(**_ACTIEF,
                                  client__account__verwijzer__verwijzingen__intake_id=intake_id)
        .values_list("pk", "client__account__verwijzer__verwijzingen__pk", "gebeurtenissen",
                     "client__scopes"))
        if _hoort(Gebeurtenis.VERWIJZING_STATUS, Scope.VERWIJZINGEN_SCHRIJVEN, gebeurtenissen,
                  scopes)]
    if not rijen:
        return
    verwijzing_id = rijen[0][1]
    webhookberichten_write(
        abonnement_ids=[pk for pk, _ in rijen], gebeurtenis=Gebeurtenis.VERWIJZING_STATUS,
        onderwerp="verwijzing",
        gegevens={"id": verwijzing_id, "status": str(verwijzing_status),
                  "url": f"/api/v1/verwijzingen/{verwijzing_id}"})
    webhooks_plannen()


def besluit_genomen(sender: Any, *, beschikking: Beschikking, **kwargs: Any) -> None:
    """Clients whose account may see the casus hear that a decision was taken: one query for
    the candidates, then the casus gate once per account."""
    kandidaten = [a for a in Abonnement.objects.filter(**_ACTIEF)
                  .select_related("client__account").order_by("pk")
                  if _hoort(Gebeurtenis.BESLUIT_GENOMEN, Scope.BESLUITEN_LEZEN,
                            a.gebeurtenissen, a.client.scopes)]
    if not kandidaten:
        return
    mag: dict[int, bool] = {}
    for abonnement in kandidaten:
        client = abonnement.client
        if client.account_id not in mag:
            mag[client.account_id] = casus_may(user=client.account,
                                               casus_id=beschikking.casus_id,
                                               action=CasusActie.VIEW)
    ids = [a.pk for a in kandidaten if mag[a.client.account_id]]
    if not ids:
        return
    webhookberichten_write(
        abonnement_ids=ids, gebeurtenis=Gebeurtenis.BESLUIT_GENOMEN, onderwerp="besluit",
        gegevens={"id": beschikking.pk, "kenmerk": beschikking.kenmerk,
                  "wet": beschikking.wet, "url": f"/api/v1/besluiten/{beschikking.pk}"})
    webhooks_plannen()


intake_status_gewijzigd.connect(verwijzing_status_gewijzigd, sender=Intake,
                                dispatch_uid="api.webhook_verwijzing_status")
beschikking_genomen.connect(besluit_genomen, sender=Beschikking,
                            dispatch_uid="api.webhook_besluit_genomen")
