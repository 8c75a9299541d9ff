"""The history of consents is immutable: on PostgreSQL a trigger rejects changes."""

from django.db import migrations

from toegang.core.db import append_only


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [append_only("intake_toestemminggebeurtenis")]
