"""Typed text in a PDF: markup shows literally, characters Helvetica lacks are replaced."""

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from toegang.core.pdftekst import drawable_text, pdf_text


def test_markup_is_escaped_and_line_breaks_are_kept() -> None:
    assert pdf_text("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert pdf_text("regel 1\r\nregel 2\rregel 3") == "regel 1<br/>regel 2<br/>regel 3"


def test_what_helvetica_draws_stays_and_the_rest_is_replaced() -> None:
    assert pdf_text("é ë € – “ok”") == "é ë € – “ok”"
    assert pdf_text("Ştefan 中 😀\x00\x07") == "Stefan ? ?"
    assert drawable_text("ﬁjn\tklaar") == "fijn klaar"


def test_a_paragraph_of_hostile_text_renders_as_typed() -> None:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(
        [Paragraph(pdf_text("<b>vet?</b> & <para> Ştefan"), getSampleStyleSheet()["Normal"])])
    tekst = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert "<b>vet?</b> & <para> Stefan" in tekst
