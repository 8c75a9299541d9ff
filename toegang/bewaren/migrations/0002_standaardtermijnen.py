"""The default retention terms, so the beheerder sees and can change them from day one."""

from django.db import migrations

STANDAARD = {
    "JEUGDWET": (20, "Jeugdwet art. 7.3.8: twintig jaar, of langer als zorgvuldige "
                     "jeugdhulp dat vraagt. Toegang telt vanaf het afsluiten van de casus."),
    "WMO": (7, "Geen termijn in de Wmo 2015 zelf. Gangbare gemeentelijke praktijk na "
               "beëindiging (VNG Selectielijst gemeenten). De gemeente stelt dit vast."),
    "PARTICIPATIEWET": (7, "Geen termijn in de Participatiewet zelf. Gangbare gemeentelijke "
                           "praktijk na beëindiging (VNG Selectielijst gemeenten; fiscale "
                           "bewaarplicht 7 jaar). De gemeente stelt dit vast."),
}


def create(apps, schema_editor):
    Bewaartermijn = apps.get_model("bewaren", "Bewaartermijn")
    for wet, (jaren, grondslag) in STANDAARD.items():
        Bewaartermijn.objects.get_or_create(wet=wet, defaults={"jaren": jaren,
                                                               "grondslag": grondslag})


class Migration(migrations.Migration):
    dependencies = [("bewaren", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
