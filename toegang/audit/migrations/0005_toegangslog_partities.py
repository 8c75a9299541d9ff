"""On PostgreSQL the access log becomes a table partitioned by month (native declarative
partitioning, PARTITION BY RANGE (tijdstip)): its rows, ids, indexes and append-only trigger
carry over, and the primary key becomes (id, tijdstip). See toegang/audit/partities.py and
docs/decisions.md (31). On SQLite the table stays as it is.

The whole table is copied under an exclusive lock: on a log of millions of rows this takes
minutes (docs/bewaartermijnen.md)."""

from django.db import migrations
from django.utils import timezone

from toegang.audit.partities import tabel_ontpartitioneren, tabel_partitioneren

MAANDEN_VOORUIT = 3


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            tabel_partitioneren(cursor, now=timezone.now(), maanden_vooruit=MAANDEN_VOORUIT)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            tabel_ontpartitioneren(cursor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_actie_zoeken")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
