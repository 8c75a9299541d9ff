"""Database helpers shared by migrations."""

from django.db import migrations


def append_only(table: str) -> migrations.RunPython:
    """A migration operation: on PostgreSQL, rows of `table` can be inserted, never changed
    or deleted (a trigger raises). Other databases are left as they are.

    The one exception is the retention job (bewaartermijnen), which deletes whole records past
    their term inside a transaction that runs `SET LOCAL toegang.bewaartermijn = 'aan'`.
    """
    function = f"{table}_append_only"
    create = f"""
    CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE'
           AND current_setting('toegang.bewaartermijn', true) = 'aan' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '{table} is append-only: % is not allowed', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql;
    CREATE TRIGGER {table}_no_update_delete
        BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {function}();
    """
    drop = f"""
    DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table};
    DROP FUNCTION IF EXISTS {function}();
    """

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop, params=None)

    return migrations.RunPython(forwards, backwards)
