"""A dashboard table as CSV or XLSX, with exactly the figures the page shows (hidden cells as
"<5", "x" or "te weinig" in the reader's language, never the count behind them) and every
text made formula-safe."""

import csv
import io
from datetime import datetime

import xlsxwriter
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from toegang.core.export import formule_veilig, xlsx_schrijf

from .privacy import Cel
from .tabel import Rij, Tabel, legenda


def _rijen(tabel: Tabel) -> list[Rij]:
    return [*tabel.rijen, *([tabel.totaal] if tabel.totaal is not None else [])]


def _csv_waarde(cel: Cel) -> str | int | float:
    if cel.verborgen or cel.eenheid:
        return cel.tekst  # "<5", "x", "te weinig", "50%", "2 dagen" (translated)
    return cel.waarde if cel.waarde is not None else ""


def tabel_csv(tabel: Tabel) -> bytes:
    """Semicolon-separated (what Dutch spreadsheet settings expect), UTF-8 with a byte-order
    mark so spreadsheet programs read the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([formule_veilig(k) for k in [tabel.rij_kop, *tabel.kolommen]])
    for rij in _rijen(tabel):
        writer.writerow([formule_veilig(rij.label),
                         *[formule_veilig(_csv_waarde(c)) for c in rij.cellen]])
    return buffer.getvalue().encode("utf-8-sig")


def tabel_xlsx(tabel: Tabel, *, omschrijving: str, bijgewerkt_op: datetime | None) -> bytes:
    """One sheet: title, the chosen filters and date, the table, and what "<5", "x" and
    "te weinig" mean (the legend of the page)."""
    buffer = io.BytesIO()
    boek = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    blad = boek.add_worksheet(_("Cijfers"))
    vet = boek.add_format({"bold": True})
    kop = boek.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    procent = boek.add_format({"num_format": "0%"})
    rechts = boek.add_format({"align": "right"})
    xlsx_schrijf(blad, 0, 0, tabel.titel, vet)
    xlsx_schrijf(blad, 1, 0, omschrijving)
    if bijgewerkt_op is not None:
        xlsx_schrijf(blad, 2, 0, _("Bijgewerkt op %(datum)s") % {
            "datum": date_format(timezone.localtime(bijgewerkt_op), "j F Y H:i")})
    start = 4
    eenheden = {"dagen": _("dagen"), "werkdagen": _("werkdagen")}
    for k, naam in enumerate([tabel.rij_kop, *tabel.kolommen]):
        eenheid = next((c.eenheid for r in _rijen(tabel) for c in r.cellen[k - 1:k]
                        if k and c.eenheid in eenheden), "")
        xlsx_schrijf(blad, start, k, f"{naam} ({eenheden[eenheid]})" if eenheid else naam, kop)
    regel = start
    for regel, rij in enumerate(_rijen(tabel), start=start + 1):
        xlsx_schrijf(blad, regel, 0, rij.label, vet if rij is tabel.totaal else None)
        for k, cel in enumerate(rij.cellen, start=1):
            if cel.verborgen:
                xlsx_schrijf(blad, regel, k, cel.tekst, rechts)
            elif cel.eenheid == "%":
                xlsx_schrijf(blad, regel, k, (cel.waarde or 0) / 100, procent)
            else:
                xlsx_schrijf(blad, regel, k, cel.waarde)
    xlsx_schrijf(blad, regel + 2, 0,
                 " ".join(f"{teken}: {uitleg}" for teken, uitleg in legenda()))
    if tabel.uitleg:
        xlsx_schrijf(blad, regel + 3, 0, tabel.uitleg)
    blad.set_column(0, 0, 40)
    blad.set_column(1, len(tabel.kolommen), 18)
    boek.close()
    return buffer.getvalue()
