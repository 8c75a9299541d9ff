"""E-mail addresses half hidden, for the functioneel beheerder: enough to see which domain
refuses mail, not whose mailbox it is (data minimisation: the beheerder sees no case data)."""

import re

_ADRES = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def adressen_maskeren(tekst: str) -> str:
    """Every address in `tekst` half hidden: `sanne@example.nl` → `s…@example.nl` (an SMTP
    refusal often quotes the address)."""
    return _ADRES.sub(r"\1…@\2", tekst)
