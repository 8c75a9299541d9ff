"""The letters of a print batch as one PDF (reportlab), one letter after the other.

Each letter starts on a new page with the letterhead (the municipality's name, address,
phone and website from the settings) and the recipient's address where the window of a
standard window envelope is (left, 50 mm from the top, with a small return address above
it), then the date, the subject, the salutation, the text and the closing. A letter that
runs over gets continuation pages that say whose letter they belong to, so the pages of one
envelope stay together. Print single-sided: every letter begins on the front of a sheet.

Every typed text goes through `pdf_text`/`drawable_text` (toegang/core/pdftekst.py).
"""

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from toegang.core.pdftekst import drawable_text, pdf_text
from toegang.thema.services import ThemaWeergave, actief_thema

from .models import Brief, Printbatch

BREEDTE, HOOGTE = A4
LINKS = 22 * mm
RECHTS = 20 * mm
# The window of a standard window envelope (EA5/6, window on the left): 20 mm from the left
# edge and about 50 mm from the top of the folded sheet, 90 x 45 mm. The address sits inside
# it with some room on every side, so it shows whatever the fold.
VENSTER_X = 22 * mm
VENSTER_BOVEN = 50 * mm
VENSTER_BREEDTE = 85 * mm
VENSTER_HOOGTE = 38 * mm
# The body starts below the window.
TEKST_BOVEN = 100 * mm
ONDER = 22 * mm

_ALINEA = re.compile(r"\n[ \t]*\n")


def _stijlen() -> dict[str, ParagraphStyle]:
    tekst = ParagraphStyle("tekst", fontName="Helvetica", fontSize=10.5, leading=14,
                           spaceAfter=7)
    return {
        "tekst": tekst,
        "adres": ParagraphStyle("adres", parent=tekst, spaceAfter=0),
        "retour": ParagraphStyle("retour", parent=tekst, fontSize=7, leading=9, spaceAfter=3),
        "kenmerk": ParagraphStyle("kenmerk", parent=tekst, spaceAfter=0),
        "kenmerk_kop": ParagraphStyle("kenmerk_kop", parent=tekst, fontName="Helvetica-Bold",
                                      spaceAfter=0),
    }


class _BriefBegint(Flowable):
    """Draws nothing; tells the document which letter the following pages belong to."""

    def __init__(self, document: "_Batchdocument", brief: Brief) -> None:
        super().__init__()
        self.document, self.brief = document, brief

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.document.brief = self.brief
        self.document.briefpagina = 1


class Briefopmaak(BaseDocTemplate):
    """An A4 letter of the municipality: the letterhead and the address in the envelope's
    window on the first page, a short header on the pages after it (`_vervolgkop`, per kind
    of document). The print queue and the decision letter share it."""

    def __init__(self, buffer: io.BytesIO, **kwargs: Any) -> None:
        # The municipality as the active theme names it, read once for the whole document.
        self.gemeente = actief_thema()
        super().__init__(buffer, pagesize=A4, **kwargs)
        eerste = PageTemplate(id="eerste", autoNextPageTemplate="vervolg",
                              onPage=self._briefhoofd, frames=[
            Frame(VENSTER_X, HOOGTE - VENSTER_BOVEN - VENSTER_HOOGTE, VENSTER_BREEDTE,
                  VENSTER_HOOGTE, id="venster", leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0),
            Frame(LINKS, ONDER, BREEDTE - LINKS - RECHTS, HOOGTE - TEKST_BOVEN - ONDER,
                  id="tekst", leftPadding=0, rightPadding=0)])
        vervolg = PageTemplate(id="vervolg", onPage=self._vervolgkop, frames=[
            Frame(LINKS, ONDER, BREEDTE - LINKS - RECHTS, HOOGTE - 30 * mm - ONDER,
                  id="vervolgtekst", leftPadding=0, rightPadding=0)])
        self.addPageTemplates([eerste, vervolg])

    def _briefhoofd(self, canvas: Any, document: Any) -> None:
        """The letterhead: the name large on the left, how to reach us on the right."""
        gemeente = self.gemeente
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 18)
        canvas.drawString(LINKS, HOOGTE - 24 * mm, drawable_text(gemeente.gemeentenaam))
        canvas.setFont("Helvetica", 8.5)
        regels = [*gemeente.postadres_regels,
                  _("Telefoon %(nummer)s") % {"nummer": gemeente.telefoonnummer},
                  gemeente.website]
        for i, regel in enumerate(filter(None, regels)):
            canvas.drawString(135 * mm, HOOGTE - (17 + 4 * i) * mm, drawable_text(regel))
        canvas.restoreState()

    def _vervolgkop(self, canvas: Any, document: Any) -> None:
        raise NotImplementedError


def retouradres(gemeente: ThemaWeergave) -> str:
    """The small line above the window address: where the post office returns the letter."""
    return _("Retouradres: %(adres)s") % {"adres": ", ".join(gemeente.postadres_regels)}


class _Batchdocument(Briefopmaak):
    def __init__(self, buffer: io.BytesIO, *, datum: str, **kwargs: Any) -> None:
        self.datum = datum
        self.brief: Brief | None = None
        self.briefpagina = 1
        super().__init__(buffer, **kwargs)

    def _vervolgkop(self, canvas: Any, document: Any) -> None:
        """A continuation page says whose letter it continues, and which page it is."""
        self.briefpagina += 1
        naam = self.brief.aan_naam if self.brief else ""
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(LINKS, HOOGTE - 18 * mm, drawable_text(
            _("%(gemeente)s - brief aan %(naam)s van %(datum)s") % {
                "gemeente": self.gemeente.gemeentenaam, "naam": naam,
                "datum": self.datum}))
        canvas.drawRightString(BREEDTE - RECHTS, HOOGTE - 18 * mm, drawable_text(
            _("pagina %(nummer)s") % {"nummer": self.briefpagina}))
        canvas.restoreState()


def _brief(document: _Batchdocument, brief: Brief, stijlen: dict[str, ParagraphStyle]
           ) -> list[Flowable]:
    straat, postcode_plaats = brief.adresregels
    breedte = BREEDTE - LINKS - RECHTS
    kenmerken = Table(
        [[Paragraph(pdf_text(_("Datum")), stijlen["kenmerk_kop"]),
          Paragraph(pdf_text(document.datum), stijlen["kenmerk"])],
         [Paragraph(pdf_text(_("Onderwerp")), stijlen["kenmerk_kop"]),
          Paragraph(pdf_text(brief.onderwerp), stijlen["kenmerk"])]],
        colWidths=[28 * mm, breedte - 28 * mm], hAlign="LEFT",
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    gemeente = document.gemeente
    retour = retouradres(gemeente)
    inhoud: list[Flowable] = [
        _BriefBegint(document, brief),
        Paragraph(pdf_text(retour), stijlen["retour"]),
        Paragraph(pdf_text(brief.aan_naam), stijlen["adres"]),
        Paragraph(pdf_text(straat), stijlen["adres"]),
        Paragraph(pdf_text(postcode_plaats), stijlen["adres"]),
        FrameBreak(),
        kenmerken,
        Spacer(1, 10 * mm),
        Paragraph(pdf_text(_("Beste %(naam)s,") % {"naam": brief.aan_naam}), stijlen["tekst"]),
    ]
    inhoud += [Paragraph(pdf_text(alinea.strip()), stijlen["tekst"])
               for alinea in _ALINEA.split(brief.tekst.strip()) if alinea.strip()]
    inhoud += [Spacer(1, 4 * mm),
               Paragraph(pdf_text(_("Met vriendelijke groet,")), stijlen["adres"]),
               Paragraph(pdf_text(gemeente.gemeentenaam), stijlen["adres"])]
    return inhoud


def _datum(dag: date) -> str:
    return formats.date_format(dag, "j F Y")


def printbatch_pdf(*, printbatch: Printbatch, brieven: Sequence[Brief]) -> bytes:
    """The batch's letters as one A4 PDF, dated the day the batch was made (so a download
    later gives the same letters)."""
    with translation.override("nl"):
        buffer = io.BytesIO()
        document = _Batchdocument(
            buffer, datum=_datum(timezone.localdate(printbatch.created_at)),
            title=drawable_text(f"Printbatch {printbatch.pk}"),
            author=drawable_text(actief_thema().gemeentenaam), lang="nl")
        stijlen = _stijlen()
        inhoud: list[Flowable] = []
        for i, brief in enumerate(brieven):
            if i:
                inhoud += [NextPageTemplate("eerste"), PageBreak()]
            inhoud += _brief(document, brief, stijlen)
        document.build(inhoud)
        return buffer.getvalue()
