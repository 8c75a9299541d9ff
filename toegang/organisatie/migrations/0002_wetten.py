from django.db import migrations

WETTEN = ["JEUGDWET", "WMO", "PARTICIPATIEWET"]


def create(apps, schema_editor):
    Wet = apps.get_model("organisatie", "Wet")
    for code in WETTEN:
        Wet.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("organisatie", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
