"""Guard for spreadsheet exports (CSV, XLSX): text that a spreadsheet would run as a formula."""

from typing import Any

# Excel, LibreOffice and Google Sheets treat a cell that starts with one of these as a formula
# (OWASP "CSV injection"); a tab or carriage return can shift the start past the check. The
# full-width forms are included because some spreadsheet versions normalise them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def veilige_cel(value: Any) -> Any:
    """The value as a spreadsheet should receive it: text that would start a formula gets a
    leading apostrophe (shown as plain text, not executed); numbers, dates and None pass."""
    if not isinstance(value, str):
        return value
    if value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value
