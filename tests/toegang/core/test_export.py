"""Formula injection: texts a spreadsheet would run as a formula are written as plain text."""

import io
import zipfile

import pytest
import xlsxwriter

from toegang.core.export import formule_veilig, xlsx_schrijf


@pytest.mark.parametrize("tekst", ["=1+1", "+31 6 1234", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
                                   "\n=1", " =1", "  @A1", "＝1+1",
                                   "=HYPERLINK(\"http://x\",\"klik\")"])
def test_dangerous_texts_get_an_apostrophe(tekst: str) -> None:
    assert formule_veilig(tekst) == "'" + tekst


@pytest.mark.parametrize("waarde", ["Centrum", "<5", "x", "50%", "", " a=1", "a=b", 12, -3, 2.5,
                                    None])
def test_other_values_are_left_alone(waarde: object) -> None:
    assert formule_veilig(waarde) == waarde


def _blad(schrijf) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    boek = xlsxwriter.Workbook(buffer, {"in_memory": True})
    blad = boek.add_worksheet()
    schrijf(blad)
    boek.close()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        return (z.read("xl/worksheets/sheet1.xml").decode(),
                z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist()
                else "")


def test_xlsx_writes_texts_as_texts_and_numbers_as_numbers() -> None:
    blad, teksten = _blad(lambda b: (xlsx_schrijf(b, 0, 0, "=1+1"), xlsx_schrijf(b, 0, 1, -3),
                                     xlsx_schrijf(b, 0, 2, "<5"), xlsx_schrijf(b, 0, 3, None)))
    assert "<f>" not in blad  # no formula anywhere
    assert "'=1+1" in teksten and "&lt;5" in teksten
    assert '<c r="B1"><v>-3</v></c>' in blad  # a real number


def test_plain_xlsxwriter_would_have_made_a_formula() -> None:
    """Why the guard is needed: XlsxWriter's own write() turns '=…' into a formula."""
    blad, _teksten = _blad(lambda b: b.write(0, 0, "=1+1"))
    assert "<f>" in blad
