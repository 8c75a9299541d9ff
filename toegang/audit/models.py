from django.db import models
from django.utils.translation import gettext_lazy as _

from toegang.accounts.models import Rol


class Actie(models.TextChoices):
    BEKIJKEN = "bekijken", _("bekeken")
    INDIENEN = "indienen", _("ingediend")
    WIJZIGEN = "wijzigen", _("gewijzigd")
    AANVULLEN = "aanvullen", _("informatie toegevoegd")
    EXPORTEREN = "exporteren", _("geëxporteerd")
    BIJLAGE = "bijlage", _("bijlage bekeken")
    TOESTEMMING = "toestemming", _("toestemming gewijzigd")
    VEILIGHEID = "veiligheid", _("veiligheidsmelding")
    OPPAKKEN = "oppakken", _("opgepakt")
    ZOEKEN = "zoeken", _("gezocht naar eerder contact")


class Grond(models.TextChoices):
    """The basis on which someone may see an intake; logged with every access."""

    EIGEN = "eigen", _("eigen gegevens")
    ROUTERING = "routering", _("aanmelding bij dit team")
    TOESTEMMING = "toestemming", _("toestemming van de inwoner")
    VEILIGHEID = "veiligheid", _("veiligheidsmelding (Meldcode)")
    REGIEHOUDER = "regiehouder", _("regiehouder")
    BETROKKEN = "betrokken", _("betrokken bij de casus")
    BRIEF = "brief", _("brief per post")
    API = "api", _("koppeling van de gemeente (API)")


class Toegangslog(models.Model):
    """One row per view, change or export of personal data. Append-only: on PostgreSQL a
    trigger rejects UPDATE and DELETE. Ids are plain columns (no foreign keys) so the log
    outlives the records and accounts it describes."""

    tijdstip = models.DateTimeField(_("tijdstip"), db_index=True)
    user_id = models.BigIntegerField(_("gebruiker-id"), null=True)
    user_naam = models.CharField(_("gebruiker"), max_length=200)
    rol = models.CharField(_("rol"), max_length=20)
    team = models.CharField(_("team"), max_length=300, blank=True)
    namens = models.CharField(_("namens"), max_length=200, blank=True)
    inwoner_id = models.BigIntegerField(_("inwoner-id"), null=True)
    intake_id = models.BigIntegerField(_("intake-id"), null=True)
    casus_id = models.BigIntegerField(_("casus-id"), null=True)
    object_type = models.CharField(_("soort gegeven"), max_length=40)
    object_id = models.BigIntegerField(_("gegeven-id"), null=True)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    grond = models.CharField(_("grondslag"), max_length=60)
    doel = models.CharField(_("doel"), max_length=300, blank=True)
    request_id = models.CharField(_("request-id"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True)

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["intake_id", "-tijdstip"], name="log_intake_idx"),
            models.Index(fields=["user_id", "-tijdstip"], name="log_user_idx"),
            models.Index(fields=["inwoner_id", "-tijdstip"], name="log_inwoner_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.user_naam} {self.actie} {self.object_type}"

    @property
    def rol_label(self) -> str:

        try:
            return str(Rol(self.rol).label)
        except ValueError:
            return self.rol

    @property
    def grond_label(self) -> str:
        return grond_label(self.grond)


def grond_label(grond: str) -> str:
    """The plain-language basis of an access ('toestemming:12' → 'toestemming van de inwoner')."""
    try:
        return str(Grond(grond.split(":", 1)[0]).label)
    except ValueError:
        return grond
