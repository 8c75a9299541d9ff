"""WCAG 2.1 contrast ratio, from the definition in the standard:
https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio and #dfn-relative-luminance."""

import re

HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _kanaal(waarde: int) -> float:
    """One sRGB channel (0-255) made linear."""
    c = waarde / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminantie(kleur: str) -> float:
    """Relative luminance of a `#RRGGBB` colour: 0 for black, 1 for white."""
    if not HEX.match(kleur):
        raise ValueError(f"geen kleur als #RRGGBB: {kleur!r}")
    r, g, b = (int(kleur[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _kanaal(r) + 0.7152 * _kanaal(g) + 0.0722 * _kanaal(b)


def contrast(kleur1: str, kleur2: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter colour on top: from 1 (same) to 21 (black/white)."""
    l1, l2 = sorted((luminantie(kleur1), luminantie(kleur2)), reverse=True)
    return (l1 + 0.05) / (l2 + 0.05)


def ratio_tekst(ratio: float) -> str:
    """The ratio as the Dutch write it, rounded down so 4.49 never shows as 4,5: `4,4 : 1`."""
    naar_beneden = int(ratio * 10) / 10
    return f"{naar_beneden:.1f}".replace(".", ",") + " : 1"
