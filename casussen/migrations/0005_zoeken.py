"""Name search in the queue: trigram indexes on PostgreSQL (SQLite searches without them)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = """
CREATE INDEX IF NOT EXISTS intake_achternaam_trgm ON intake_intake
    USING gin (lower(achternaam) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS intake_voornaam_trgm ON intake_intake
    USING gin (lower(voornaam) gin_trgm_ops);
"""
DROP = """
DROP INDEX IF EXISTS intake_achternaam_trgm;
DROP INDEX IF EXISTS intake_voornaam_trgm;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEXES, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("casussen", "0004_werkvoorraad_filter"),
                    ("intake", "0004_intakeconcept_conceptbijlage")]
    operations = [TrigramExtension(), migrations.RunPython(forwards, backwards)]
