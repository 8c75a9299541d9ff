"""Demo API clients with fixed keys, so the README can name a key that works in `make run`.

Only the demo data does this: a real client's key is random and shown once in the admin.
"""

from dataclasses import dataclass

from django.db import transaction

from toegang.accounts.models import User
from toegang.api.models import ApiClient, Scope
from toegang.api.services import client_create, sleutel_rotate


@dataclass(frozen=True)
class DemoClient:
    naam: str
    organisatie: str
    account: str
    scopes: tuple[str, ...]
    sleutel: str


DEMO_API_CLIENTS = [
    DemoClient("Demo HIS De Linde", "Huisartsenpraktijk De Linde", "demo-verwijzer",
               (Scope.VERWIJZINGEN_SCHRIJVEN, Scope.CATALOGUS_LEZEN),
               "demo-his.Dijkstad-demo-verwijzingen-2026"),
    DemoClient("Demo BI-omgeving", "Gemeente Dijkstad, informatiemanagement", "demo-manager",
               (Scope.STUURINFORMATIE_LEZEN, Scope.CATALOGUS_LEZEN),
               "demo-bi.Dijkstad-demo-stuurinformatie-2026"),
    DemoClient("Demo financiële administratie", "Gemeente Dijkstad, financiën", "demo-jeugd",
               (Scope.BESLUITEN_LEZEN, Scope.CATALOGUS_LEZEN),
               "demo-fin.Dijkstad-demo-besluiten-2026"),
]


@transaction.atomic
def seed_api_clients() -> list[DemoClient]:
    """Idempotent: a client that exists keeps its key; missing accounts are skipped."""
    gemaakt = []
    for demo in DEMO_API_CLIENTS:
        account = User.objects.filter(username=demo.account).first()
        if account is None or ApiClient.objects.filter(naam=demo.naam).exists():
            continue
        client, _sleutel = client_create(naam=demo.naam, organisatie=demo.organisatie,
                                         account=account, scopes=demo.scopes)
        sleutel_rotate(client=client, vaste_sleutel=demo.sleutel)
        gemaakt.append(demo)
    return gemaakt
