"""Reference numbers from a PostgreSQL sequence per year instead of a locked counter row.

The counter row was locked from the moment a reference was taken until the submission
committed, so concurrent submissions queued behind each other. A sequence hands out numbers
without a lock. `intake_referentie_volgende(jaar)` creates the year's sequence on first use,
starting after the counter table's value (which stays the source on SQLite and for seeders).
Numbers of a rolled-back submission are not reused: references may have gaps.
"""

from django.db import migrations

FUNCTION = r"""
CREATE OR REPLACE FUNCTION intake_referentie_volgende(p_jaar integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    naam text := 'intake_referentie_' || p_jaar;
    start bigint;
BEGIN
    BEGIN
        RETURN nextval(naam);
    EXCEPTION WHEN undefined_table THEN
        SELECT COALESCE(MAX(laatste), 0) + 1 INTO start
          FROM intake_referentieteller WHERE jaar = p_jaar;
        BEGIN
            EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I MINVALUE 1 START %s', naam, start);
        EXCEPTION WHEN unique_violation THEN
            NULL;  -- another session created it at the same moment
        END;
        RETURN nextval(naam);
    END;
END;
$$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS intake_referentie_volgende(integer)")


class Migration(migrations.Migration):
    dependencies = [("intake", "0005_private_storage_callable")]

    operations = [migrations.RunPython(forwards, backwards)]
