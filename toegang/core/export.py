"""Safe cell values for spreadsheet exports (CSV, XLSX).

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` as a formula, also in a
CSV file; leading spaces, a tab, a carriage return or a line feed can hide such a start, and
some spreadsheet versions normalise the full-width forms (CSV/formula injection, OWASP). Every
text that goes into an export passes `formule_veilig`: such a text gets a leading apostrophe,
which spreadsheet programs show as plain text. Numbers, dates and None are left alone, so a
negative number stays a number. XLSX writers must also write texts as texts (never as a
formula): see `xlsx_schrijf`.
"""

from typing import Any

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def formule_veilig(waarde: Any) -> Any:
    """`waarde` unchanged, unless it is a text a spreadsheet could run as a formula: then with
    a leading apostrophe."""
    if isinstance(waarde, str) and waarde.lstrip(" ").startswith(GEVAARLIJK):
        return "'" + waarde
    return waarde


def xlsx_schrijf(werkblad: Any, rij: int, kolom: int, waarde: Any, opmaak: Any = None) -> None:
    """Write one cell with XlsxWriter: a number as a number, anything else as a text cell
    (passed through `formule_veilig`), never as a formula."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        werkblad.write_string(rij, kolom, formule_veilig("" if waarde is None else str(waarde)),
                              opmaak)
    else:
        werkblad.write_number(rij, kolom, waarde, opmaak)
