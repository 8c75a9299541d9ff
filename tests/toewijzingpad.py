"""Toewijzingen and providers' requests for tests of the pages and the security walks.

A toewijzing is made the way production makes one: a decision with a natura line taken for a
resident with a BSN (the 301 waits in the outbox). A provider's request (315, 317) is written
as the receiving side stores it, without a message file: the pages read the rows, not the
XML. `bericht_make` writes one message row in any state, for the beheerder's pages."""

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.utils import timezone

from casussen.models import Casus
from casussen.toewijzing.models import (
    Bericht,
    BerichtStatus,
    Richting,
    Verzoek,
    VerzoekSoort,
)
from intake.models import Intake
from regie.termijnen.models import TermijnSoort
from regie.termijnen.services import termijn_create
from toegang.catalogus.models import Product, Zorgaanbieder
from toegang.core.bsn import tekst_encrypt
from toegang.core.werkdagen import einde_van_dag, werkdagen_na

# Valid BSNs (elfproef) for test residents.
BSN = "111222333"
BSN_ANDER = "123456782"


def bericht_make(*, code: str = "301", richting: str = Richting.UIT,
                 status: str = BerichtStatus.TE_VERSTUREN,
                 aanbieder: Zorgaanbieder | None = None, casus: Casus | None = None,
                 standaard: str = "iwmo", **velden: Any) -> Bericht:
    """One message row with metadata only (its content is a placeholder)."""
    agb = aanbieder.agb_code if aanbieder is not None else velden.pop("agb", "75009999")
    identificatie = velden.pop("identificatie", secrets.token_hex(6))
    inhoud = f"<bericht code='{code}'/>"
    return Bericht.objects.create(**{
        "richting": richting, "standaard": standaard, "code": code,
        "identificatie": identificatie, "dagtekening": timezone.localdate(),
        "afzender": "1999" if richting == Richting.UIT else agb,
        "ontvanger": agb if richting == Richting.UIT else "1999", "agb": agb,
        "aanbieder": aanbieder, "casus": casus,
        "bestandsnaam": f"WMO{code}_{identificatie}.xml", "inhoud": tekst_encrypt(inhoud),
        "inhoud_hash": hashlib.sha256(inhoud.encode()).hexdigest(), "status": status,
        **velden})


def verzoek_make(*, intake: Intake, aanbieder: Zorgaanbieder, casus: Casus | None = None,
                 product: Product | None = None, soort: str = VerzoekSoort.TOEWIJZING,
                 team_id: int | None = None, wet: str = "WMO", volume: int | None = 3,
                 eenheid: str = "04", frequentie: str = "2", productcode: str = "",
                 wijzigingen: list[dict[str, Any]] | None = None,
                 deadline: dt.datetime | None = None, referentie: str = "") -> Verzoek:
    """A provider's request as `ontvangst` stores it, with its 5-working-day clock."""
    bericht = bericht_make(code=soort, richting=Richting.IN, status=BerichtStatus.VERWERKT,
                           aanbieder=aanbieder, casus=casus, bsn_hash=intake.bsn_hash,
                           standaard="iwmo" if wet == "WMO" else "ijw",
                           verwerkt_op=timezone.now())
    team = team_id or (casus.team_id if casus is not None else intake.team_id)
    verzoek = Verzoek.objects.create(
        bericht=bericht, soort=soort, aanbieder=aanbieder, intake=intake, casus=casus,
        team_id=team, wet=wet, referentie_aanbieder=referentie or secrets.token_hex(4),
        product=product, productcode=productcode or (product.productcode if product else ""),
        ingangsdatum=timezone.localdate() + dt.timedelta(days=7),
        volume=volume if soort == VerzoekSoort.TOEWIJZING else None,
        eenheid=eenheid if soort == VerzoekSoort.TOEWIJZING else "",
        frequentie=frequentie if soort == VerzoekSoort.TOEWIJZING else "",
        verwijzer="huisarts Jansen", toelichting="Graag voor de zomer beginnen.",
        wijzigingen=wijzigingen or [])
    verzoek.termijn = termijn_create(
        intake=intake, soort=TermijnSoort.VERZOEK_ANTWOORD,
        deadline=deadline or einde_van_dag(werkdagen_na(timezone.localdate(), 5)),
        team_id=team, casus_id=casus.pk if casus is not None else None,
        omschrijving=f"{verzoek.get_soort_display()} van {aanbieder.naam}")
    verzoek.save(update_fields=["termijn"])
    return verzoek
