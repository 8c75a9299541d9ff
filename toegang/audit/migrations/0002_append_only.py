"""On PostgreSQL the access log rejects UPDATE and DELETE (append-only, NEN 7513)."""

from django.db import migrations

from toegang.core.db import append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [append_only("audit_toegangslog")]
