"""The inzage as a PDF (reportlab), from the same sections as the web page.

Every text goes through `pdf_text` (toegang/core/pdftekst.py): `<`, `>` and `&` typed by a
resident show literally, and characters the built-in Helvetica cannot draw are replaced, so
no text can break the document.
"""

import io
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from toegang.core.pdftekst import drawable_text, pdf_text
from toegang.thema.services import actief_thema

from .document import Gegevens, InzageDocument, Tabel, Tekst


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    normal = ParagraphStyle("tekst", parent=base["Normal"], fontName="Helvetica", fontSize=10,
                            leading=13)
    return {
        "titel": ParagraphStyle("titel", parent=base["Title"], fontName="Helvetica-Bold",
                                alignment=0),
        # A heading or caption never ends a page: it moves along with what follows it.
        "2": ParagraphStyle("kop2", parent=base["Heading2"], fontName="Helvetica-Bold",
                            spaceBefore=12, keepWithNext=1),
        "3": ParagraphStyle("kop3", parent=base["Heading3"], fontName="Helvetica-Bold",
                            keepWithNext=1),
        "4": ParagraphStyle("kop4", parent=base["Heading4"], fontName="Helvetica-Bold",
                            keepWithNext=1),
        "tekst": normal,
        "cel": ParagraphStyle("cel", parent=normal, fontSize=9, leading=11),
        "kopcel": ParagraphStyle("kopcel", parent=normal, fontName="Helvetica-Bold", fontSize=9,
                                 leading=11),
        "caption": ParagraphStyle("caption", parent=normal, fontName="Helvetica-Oblique",
                                  spaceBefore=4, spaceAfter=2, keepWithNext=1),
    }


GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
])
FACTS = TableStyle([
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
])


def _column_widths(tabel: Tabel, width: float) -> list[float]:
    """Wider columns for longer texts, within limits, so short columns stay narrow."""
    weights = []
    for i, kolom in enumerate(tabel.kolommen):
        longest = max([*(len(woord) for woord in kolom.split()), *(len(r[i]) for r in tabel.rijen)])
        weights.append(min(max(longest, 14), 40))
    total = sum(weights)
    return [width * w / total for w in weights]


def _flowables(document: InzageDocument, width: float) -> list[Flowable]:
    s = _styles()
    out: list[Flowable] = [
        Paragraph(pdf_text(f"{document.titel} – {actief_thema().gemeentenaam}"), s["titel"]),
        Paragraph(pdf_text(_("Gemaakt op %(datum)s.") % {"datum": document.gemaakt_op}),
                  s["tekst"]),
        Paragraph(pdf_text(_("Dit zijn alle gegevens die wij over u bewaren. Er staan "
                             "persoonlijke gegevens in. Bewaar dit document op een veilige "
                             "plek.")), s["tekst"]),
    ]
    for sectie in document.secties:
        out.append(Paragraph(pdf_text(sectie.titel), s[str(sectie.niveau)]))
        for blok in sectie.blokken:
            if isinstance(blok, Tekst):
                out.append(Paragraph(pdf_text(blok.tekst), s["tekst"]))
            elif isinstance(blok, Gegevens) and blok.rijen:
                rows = [[Paragraph(pdf_text(label), s["kopcel"]),
                         Paragraph(pdf_text(value), s["cel"])] for label, value in blok.rijen]
                out.append(Table(rows, colWidths=[width * 0.35, width * 0.65], style=FACTS,
                                 hAlign="LEFT", splitInRow=1))
            elif isinstance(blok, Tabel):
                out.append(Paragraph(pdf_text(blok.caption), s["caption"]))
                if not blok.rijen:
                    out.append(Paragraph(pdf_text(blok.leeg or "–"), s["tekst"]))
                    continue
                header = [Paragraph(pdf_text(k), s["kopcel"]) for k in blok.kolommen]
                body = [[Paragraph(pdf_text(cel), s["cel"]) for cel in rij] for rij in blok.rijen]
                out.append(Table([header, *body], colWidths=_column_widths(blok, width),
                                 style=GRID, repeatRows=1, hAlign="LEFT", splitInRow=1))
            out.append(Spacer(1, 2 * mm))
    return out


def _page_number(canvas: Any, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawRightString(A4[0] - 18 * mm, 10 * mm,
                           drawable_text(_("Pagina %(nummer)s") % {"nummer": doc.page}))
    canvas.restoreState()


def inzage_as_pdf(*, document: InzageDocument) -> bytes:
    """The document as PDF bytes (A4)."""
    buffer = io.BytesIO()
    gemeente = actief_thema().gemeentenaam
    pdf = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm,
                            title=drawable_text(f"{document.titel} – {gemeente}"),
                            author=drawable_text(gemeente),
                            lang=get_language() or settings.LANGUAGE_CODE)
    pdf.build(_flowables(document, pdf.width), onFirstPage=_page_number,
              onLaterPages=_page_number)
    return buffer.getvalue()
