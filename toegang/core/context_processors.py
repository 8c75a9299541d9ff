from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    return {
        "GEMEENTE_NAAM": settings.GEMEENTE_NAAM,
        "GEMEENTE_TELEFOON": settings.GEMEENTE_TELEFOON,
    }
