"""The shape shared by the dashboard page, its charts and its exports."""

from dataclasses import dataclass

from .privacy import Cel

TIJDREEKSEN = {"instroom_maand", "instroom_week"}


@dataclass
class Rij:
    label: str
    cellen: list[Cel]
    sleutel: str = ""


@dataclass
class Tabel:
    sleutel: str
    titel: str
    kolommen: list[str]
    rijen: list[Rij]
    totaal: Rij | None = None
    samenvatting: str = ""
    grafiek: str = "geen"  # balken (horizontal), kolommen (over time), multiples, geen
    grafiek_kolom: int = 0
    rij_kop: str = ""
    # Which cells add up to a figure someone can read: "kolommen" (each column adds up to its
    # total), "2d" (rows and columns both) or "" (nothing).
    optelbaar: str = ""
    uitleg: str = ""
    grafiek_titel: str = ""  # when the chart shows one of several columns: which one

    def rij(self, sleutel: str) -> Rij:
        return next(r for r in self.rijen if r.sleutel == sleutel)
