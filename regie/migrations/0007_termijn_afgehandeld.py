"""One word for one act: a clock that is completed is "afgehandeld" (status, event, fields),
where the code and the database said "gehaald" and the screens "afgehandeld"."""

from django.db import migrations, models


def _rename(apps, schema_editor, van: str, naar: str) -> None:
    Termijn = apps.get_model("regie", "Termijn")
    TermijnGebeurtenis = apps.get_model("regie", "TermijnGebeurtenis")
    Termijn.objects.filter(status=van).update(status=naar)
    TermijnGebeurtenis.objects.filter(soort=van).update(soort=naar)


def forwards(apps, schema_editor) -> None:
    _rename(apps, schema_editor, "gehaald", "afgehandeld")


def backwards(apps, schema_editor) -> None:
    _rename(apps, schema_editor, "afgehandeld", "gehaald")


class Migration(migrations.Migration):

    dependencies = [
        ("regie", "0006_termijn_scan_idx_id"),
    ]

    operations = [
        migrations.RenameField("termijn", "gehaald_op", "afgehandeld_op"),
        migrations.RenameField("termijn", "gehaald_door", "afgehandeld_door"),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name='termijn',
            name='status',
            field=models.CharField(choices=[('lopend', 'loopt'), ('opgeschort', 'opgeschort'), ('afgehandeld', 'afgehandeld'), ('vervallen', 'vervallen')], default='lopend', max_length=12, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='termijngebeurtenis',
            name='soort',
            field=models.CharField(choices=[('gestart', 'gestart'), ('opgeschort', 'opgeschort'), ('hervat', 'hervat'), ('verdaagd', 'verdaagd'), ('afgehandeld', 'afgehandeld'), ('vervallen', 'vervallen')], max_length=12, verbose_name='wat'),
        ),
    ]
