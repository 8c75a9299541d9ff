"""Existing intakes: the old channel 'via de huisarts' becomes 'verwijzing', and every intake
gets its zoeknaam (the surname as a key for finding the same person again)."""

import re
import unicodedata

from django.db import migrations

# A copy of toegang.core.namen at the time of this migration: migrations do not import app
# code that may change later.
_TUSSENVOEGSELS = frozenset({
    "van", "de", "der", "den", "het", "t", "ter", "ten", "te", "in", "op", "aan", "la", "le",
    "d", "l", "du", "des", "el", "al", "von", "zu", "vander", "vande",
})


def _sleutel(naam: str) -> str:
    plat = "".join(c for c in unicodedata.normalize("NFKD", naam.lower())
                   if not unicodedata.combining(c))
    woorden = [w for w in re.split(r"[^a-z]+", plat) if w]
    kern = [w for w in woorden if w not in _TUSSENVOEGSELS] or woorden
    return "".join(kern)[:150]


def forwards(apps, schema_editor) -> None:
    Intake = apps.get_model("intake", "Intake")
    Intake.objects.filter(kanaal="huisarts").update(kanaal="verwijzing")
    batch = []
    for intake in Intake.objects.filter(zoeknaam="").only("pk", "achternaam").iterator(2000):
        intake.zoeknaam = _sleutel(intake.achternaam)
        batch.append(intake)
        if len(batch) >= 2000:
            Intake.objects.bulk_update(batch, ["zoeknaam"])
            batch = []
    Intake.objects.bulk_update(batch, ["zoeknaam"])


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0009_kanalen_verwijzing"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
