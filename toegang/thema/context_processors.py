from django.http import HttpRequest

from .services import actief_thema


def thema(request: HttpRequest) -> dict:
    """`thema` for every template, and the older names GEMEENTE_NAAM and GEMEENTE_TELEFOON
    filled from it (they come after toegang.core's processor, so these win)."""
    w = actief_thema()
    return {"thema": w, "GEMEENTE_NAAM": w.gemeentenaam, "GEMEENTE_TELEFOON": w.telefoonnummer}
