"""Two themes for the demo: Dijkstad (the look the portal always had, active) and the
fictional Gemeente Zeevliet (deep green, another font), to show switching
(docs/thema.md). Running it twice changes nothing; a theme the beheerder made active stays so."""

from pathlib import Path

from django.core.files import File
from django.db import transaction

from toegang.thema.models import Lettertype, Thema
from toegang.thema.services import thema_activeren

DEMO_MAP = Path(__file__).resolve().parents[1] / "thema" / "demo"

THEMAS = [
    {"naam": "Dijkstad", "gemeentenaam": "Gemeente Dijkstad",
     "primaire_kleur": "#154273", "tekst_op_primair": "#FFFFFF", "linkkleur": "#0B5394",
     "tekstkleur": "#1B1B1B", "achtergrondkleur": "#FFFFFF", "focuskleur": "#FFBF47",
     "lettertype": Lettertype.SYSTEEM, "telefoonnummer": "14 0123",
     "emailadres": "info@dijkstad.example.nl", "website": "www.dijkstad.example.nl",
     "postadres": "Postbus 100\n7500 AC Dijkstad", "bestand": "dijkstad"},
    {"naam": "Zeevliet", "gemeentenaam": "Gemeente Zeevliet",
     "primaire_kleur": "#0F5132", "tekst_op_primair": "#FFFFFF", "linkkleur": "#1D5E3A",
     "tekstkleur": "#1A1A1A", "achtergrondkleur": "#FFFFFF", "focuskleur": "#FFD23F",
     "lettertype": Lettertype.HUMANIST, "telefoonnummer": "14 0999",
     "emailadres": "loket@zeevliet.example.nl", "website": "www.zeevliet.example.nl",
     "postadres": "Postbus 8\n4500 AA Zeevliet", "bestand": "zeevliet"},
]


@transaction.atomic
def seed_themas() -> list[Thema]:
    themas = []
    for gegevens in THEMAS:
        velden = dict(gegevens)
        bestand = velden.pop("bestand")
        thema = Thema.objects.filter(naam=velden["naam"]).first()
        if thema is None:
            thema = Thema(**velden)
            with (open(DEMO_MAP / f"{bestand}-logo.png", "rb") as logo,
                  open(DEMO_MAP / f"{bestand}-favicon.png", "rb") as favicon):
                thema.logo = File(logo, name=f"{bestand}-logo.png")
                thema.favicon = File(favicon, name=f"{bestand}-favicon.png")
                thema.full_clean()
                thema.save()
        themas.append(thema)
    if not Thema.objects.filter(actief=True).exists():
        thema_activeren(thema=themas[0])
    return themas
