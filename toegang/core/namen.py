"""Names as a key for finding the same person again: case, accents, punctuation and the
Dutch tussenvoegsels (van, de, ter, …) do not count."""

import re
import unicodedata

# Separate words in front of a Dutch surname that people write, drop or capitalise freely.
TUSSENVOEGSELS = frozenset({
    "van", "de", "der", "den", "het", "t", "ter", "ten", "te", "in", "op", "aan", "la", "le",
    "d", "l", "du", "des", "el", "al", "von", "zu", "vander", "vande",
})


def naam_sleutel(naam: str) -> str:
    """'van der Berg-Smit' → 'bergsmit'; 'Çelik' → 'celik'; '' → ''."""
    zonder_accenten = "".join(c for c in unicodedata.normalize("NFKD", naam.lower())
                              if not unicodedata.combining(c))
    woorden = [w for w in re.split(r"[^a-z]+", zonder_accenten) if w]
    kern = [w for w in woorden if w not in TUSSENVOEGSELS] or woorden
    return "".join(kern)[:150]
