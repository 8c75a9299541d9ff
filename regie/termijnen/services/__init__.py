"""Writes on clocks, one module per concern: the policy (`beleid`), the clocks themselves
(`klokken`) and the reminder scan (`herinneringen`). Imported from here."""

from .beleid import dagoverzichten_send, termijnbeleid_change, termijnbeleid_current
from .herinneringen import ScanResultaat, herinneringen_scan
from .klokken import (
    WETTELIJK,
    eerste_contact_deadline,
    herinnering_momenten,
    termijn_complete,
    termijn_create,
    termijn_eerste_contact,
    termijn_extend,
    termijn_lapse,
    termijn_resume,
    termijn_start,
    termijn_suspend,
    termijnen_assign,
    termijnen_complete,
    termijnen_lapse,
    terugbelafspraak_create,
    terugbelverzoek_create,
    wettelijke_deadline,
)

__all__ = [
    "WETTELIJK",
    "ScanResultaat",
    "dagoverzichten_send",
    "eerste_contact_deadline",
    "herinnering_momenten",
    "herinneringen_scan",
    "termijn_complete",
    "termijn_create",
    "termijn_eerste_contact",
    "termijn_extend",
    "termijn_lapse",
    "termijn_resume",
    "termijn_start",
    "termijn_suspend",
    "termijnbeleid_change",
    "termijnbeleid_current",
    "termijnen_assign",
    "termijnen_complete",
    "termijnen_lapse",
    "terugbelafspraak_create",
    "terugbelverzoek_create",
    "wettelijke_deadline",
]
