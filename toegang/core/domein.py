"""Shared domain vocabulary: the three laws, the ZRM life domains and levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Wet(models.TextChoices):
    JEUGDWET = "JEUGDWET", _("Jeugdwet")
    WMO = "WMO", _("Wmo 2015")
    PARTICIPATIEWET = "PARTICIPATIEWET", _("Participatiewet")


class Levensgebied(models.TextChoices):
    """The 13 domains of the Zelfredzaamheid-Matrix; labels are the plain words residents read."""

    FINANCIEN = "financien", _("Geld en schulden")
    WERK_OPLEIDING = "werk_opleiding", _("Werk, school of opleiding")
    TIJDSBESTEDING = "tijdsbesteding", _("Hoe u uw dagen doorbrengt")
    HUISVESTING = "huisvesting", _("Wonen en uw huis")
    HUISELIJKE_RELATIES = "huiselijke_relaties", _("Gezin en relaties thuis")
    GEESTELIJKE_GEZONDHEID = "geestelijke_gezondheid", _("Hoe u zich voelt in uw hoofd")
    LICHAMELIJKE_GEZONDHEID = "lichamelijke_gezondheid", _("Uw lichaam en gezondheid")
    MIDDELENGEBRUIK = "middelengebruik", _("Alcohol, drugs of gokken")
    BASALE_ADL = "basale_adl", _("Uzelf verzorgen: wassen, aankleden, eten")
    INSTRUMENTELE_ADL = "instrumentele_adl", _("Het huishouden: boodschappen, schoonmaken, post")
    SOCIAAL_NETWERK = "sociaal_netwerk", _("Contact met familie, vrienden of buren")
    MAATSCHAPPELIJKE_PARTICIPATIE = "maatschappelijke_participatie", _("Meedoen in de buurt")
    JUSTITIE = "justitie", _("Politie of justitie")


# The names professionals use for the same domains (ZRM wording, names only).
ZRM_DOMEINNAAM = {
    Levensgebied.FINANCIEN: _("Financiën"),
    Levensgebied.WERK_OPLEIDING: _("Werk & opleiding"),
    Levensgebied.TIJDSBESTEDING: _("Tijdsbesteding"),
    Levensgebied.HUISVESTING: _("Huisvesting"),
    Levensgebied.HUISELIJKE_RELATIES: _("Huiselijke relaties"),
    Levensgebied.GEESTELIJKE_GEZONDHEID: _("Geestelijke gezondheid"),
    Levensgebied.LICHAMELIJKE_GEZONDHEID: _("Lichamelijke gezondheid"),
    Levensgebied.MIDDELENGEBRUIK: _("Middelengebruik"),
    Levensgebied.BASALE_ADL: _("Basale ADL"),
    Levensgebied.INSTRUMENTELE_ADL: _("Instrumentele ADL"),
    Levensgebied.SOCIAAL_NETWERK: _("Sociaal netwerk"),
    Levensgebied.MAATSCHAPPELIJKE_PARTICIPATIE: _("Maatschappelijke participatie"),
    Levensgebied.JUSTITIE: _("Justitie"),
}


class ZrmNiveau(models.IntegerChoices):
    ACUTE_PROBLEMATIEK = 1, _("1 – acute problematiek")
    NIET_ZELFREDZAAM = 2, _("2 – niet zelfredzaam")
    BEPERKT_ZELFREDZAAM = 3, _("3 – beperkt zelfredzaam")
    VOLDOENDE_ZELFREDZAAM = 4, _("4 – voldoende zelfredzaam")
    VOLLEDIG_ZELFREDZAAM = 5, _("5 – volledig zelfredzaam")
