"""What the registration in the zaaksysteem adds to the casus page: a block with, per
aanvraag, the zaak and which steps are done, waiting or failed. Registered in
`ZgwConfig.ready()` (apps.py), like the section on Diagnose (`selectors.diagnose_onderdeel`)."""

from dataclasses import dataclass, field
from typing import Any

from casussen.models import Casus
from toegang.accounts.models import AuthenticatedRequest

from .models import StapStatus, ZgwStap, ZgwZaak
from .selectors import zaken_van


@dataclass
class ZaakRij:
    zaak: ZgwZaak
    stappen: list[ZgwStap] = field(default_factory=list)

    def _tel(self, status: str) -> int:
        return sum(1 for s in self.stappen if s.status == status)

    @property
    def klaar(self) -> int:
        return self._tel(StapStatus.KLAAR)

    @property
    def wacht(self) -> int:
        return self._tel(StapStatus.WACHT)

    @property
    def mislukt(self) -> int:
        return self._tel(StapStatus.MISLUKT)


def zaaksysteem_blok(request: AuthenticatedRequest, casus: Casus) -> dict[str, Any]:
    """The zaken of the casus' aanvragen with their steps (two queries; none shown when the
    casus has no zaak)."""
    return {"zgw_zaken": [ZaakRij(zaak=z, stappen=list(z.stappen.all()))
                          for z in zaken_van(casus=casus)]}
