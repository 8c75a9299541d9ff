"""Writes on the single record, one module per act: submitting (`indienen`), adding
information (`aanvulling`), consent (`toestemming`), safety overrides (`veiligheid`), the
reference number (`referentie`) and telling the resident (`inwoner`). Imported from here.

Every function is keyword-only and atomic, writes the access log with the acting user and
keeps the object permissions in step (`intake_grants_sync`) in the same transaction.
"""

from .aanvulling import aanvulling_add
from .doorsturen import intake_close, intake_forward
from .indienen import intake_claim, intake_status_set, intake_submit
from .inwoner import (
    bevestiging_brief,
    brief_send,
    inwoner_tell,
    is_resident_of,
    per_brief,
    postadres,
)
from .referentie import (
    referentie_next,
    referenties_in_gebruik,
    referenties_reserve,
    referenties_reset,
)
from .toestemming import (
    Vereisten,
    leeftijd,
    toestemming_doel_current,
    toestemming_doel_publish,
    toestemming_expire_due,
    toestemming_give,
    toestemming_record,
    toestemming_refuse,
    toestemming_renew,
    toestemming_vereisten,
    toestemming_withdraw,
    vereisten_voor,
)
from .veiligheid import veiligheidsmelding_create, veiligheidsmelding_review

__all__ = [
    "Vereisten",
    "aanvulling_add",
    "bevestiging_brief",
    "brief_send",
    "intake_claim",
    "intake_close",
    "intake_forward",
    "intake_status_set",
    "intake_submit",
    "inwoner_tell",
    "is_resident_of",
    "leeftijd",
    "per_brief",
    "postadres",
    "referentie_next",
    "referenties_in_gebruik",
    "referenties_reserve",
    "referenties_reset",
    "toestemming_doel_current",
    "toestemming_doel_publish",
    "toestemming_expire_due",
    "toestemming_give",
    "toestemming_record",
    "toestemming_refuse",
    "toestemming_renew",
    "toestemming_vereisten",
    "toestemming_withdraw",
    "veiligheidsmelding_create",
    "veiligheidsmelding_review",
    "vereisten_voor",
]
