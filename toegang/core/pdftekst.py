"""Typed text made safe for reportlab's built-in fonts and its Paragraph markup.

reportlab's Paragraph reads a small XML-like markup, so `<`, `>` and `&` typed by someone are
escaped and show literally. The standard PDF fonts (Helvetica) are drawn with
WinAnsiEncoding: Latin-1 plus € and typographic quotes and dashes; any other character is
replaced by the closest letters Helvetica has, or a question mark, so no text can break a
document. Every PDF that shows typed text uses these two functions.
"""

import unicodedata
from xml.sax.saxutils import escape

PDF_ENCODING = "cp1252"


def _drawable(char: str) -> str:
    if char in "\n\t":
        return char
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return ""  # control, format and unassigned characters: nothing to draw
    try:
        char.encode(PDF_ENCODING)
        return char
    except UnicodeEncodeError:
        pass
    # "ș" → "s", "ﬁ" → "fi": the closest letters Helvetica has, else a question mark.
    plain = "".join(c for c in unicodedata.normalize("NFKD", char)
                    if not unicodedata.combining(c))
    try:
        plain.encode(PDF_ENCODING)
        return plain or "?"
    except UnicodeEncodeError:
        return "?"


def drawable_text(value: object) -> str:
    """`value` with only characters Helvetica can draw (for the canvas and the metadata)."""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(_drawable(c) for c in text).replace("\t", " ")


def pdf_text(value: object) -> str:
    """`value` as safe Paragraph markup: escaped, drawable, line breaks kept."""
    return escape(drawable_text(value)).replace("\n", "<br/>")
