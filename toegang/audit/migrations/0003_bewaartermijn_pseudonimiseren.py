"""The access log stays append-only, with one narrow exception for the retention job: inside a
transaction that sets `toegang.bewaartermijn = 'aan'` it may blank the resident's name and IP
address in rows about an anonymised record (`namens`, `user_naam`, `ip`); every other column
must stay exactly as it was. Deleting stays possible only in that mode (as before)."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_toegangslog_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('toegang.bewaartermijn', true) = 'aan' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE'
           AND (NEW.id, NEW.tijdstip, NEW.user_id, NEW.rol, NEW.team, NEW.inwoner_id,
                NEW.intake_id, NEW.casus_id, NEW.object_type, NEW.object_id, NEW.actie,
                NEW.grond, NEW.doel, NEW.request_id)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.tijdstip, OLD.user_id, OLD.rol, OLD.team, OLD.inwoner_id,
                OLD.intake_id, OLD.casus_id, OLD.object_type, OLD.object_id, OLD.actie,
                OLD.grond, OLD.doel, OLD.request_id)
           AND NEW.namens = ''
           AND (NEW.user_naam = OLD.user_naam
                OR (OLD.rol = 'inwoner' AND NEW.user_naam = 'inwoner'))
           AND (NEW.ip IS NOT DISTINCT FROM OLD.ip OR (OLD.rol = 'inwoner' AND NEW.ip IS NULL))
        THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit_toegangslog is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

PREVIOUS = """
CREATE OR REPLACE FUNCTION audit_toegangslog_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('toegang.bewaartermijn', true) = 'aan' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_toegangslog is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
