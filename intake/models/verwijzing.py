"""Referrals: who sent the resident (huisarts, school, wijkagent, …) and the referral itself."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from toegang.core.validators import validate_agb_code

from .intake import Intake


class VerwijzerSoort(models.TextChoices):
    HUISARTS = "huisarts", _("huisarts")
    POH_JEUGD = "poh_jeugd", _("praktijkondersteuner jeugd (POH-jeugd)")
    JEUGDARTS = "jeugdarts", _("jeugdarts of GGD")
    SCHOOL = "school", _("school of leerplichtambtenaar")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    WIJKAGENT = "wijkagent", _("wijkagent")
    WONINGCORPORATIE = "woningcorporatie", _("woningcorporatie")
    SCHULDHULP = "schuldhulp", _("schuldhulpverlening")
    ZORGAANBIEDER = "zorgaanbieder", _("zorgaanbieder (verzoek om toewijzing)")
    ANDERS = "anders", _("andere organisatie")


class OntvangenVia(models.TextChoices):
    TELEFOON = "telefoon", _("telefoon")
    POST = "post", _("post of e-mail")
    FORMULIER = "formulier", _("verwijsformulier van de verwijzer")
    BERICHT = "bericht", _("verzoek om toewijzing van een zorgaanbieder (iJw/iWmo)")


class Verwijzer(models.Model):
    """A referrer organisation's account: it sends referrals through its own form and sees
    only their status. Made by the functioneel beheerder."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="verwijzer", verbose_name=_("account"))
    organisatie = models.CharField(_("organisatie"), max_length=200)
    soort = models.CharField(_("soort verwijzer"), max_length=20, choices=VerwijzerSoort.choices)
    agb_code = models.CharField(_("AGB-code"), max_length=8, blank=True,
                                validators=[validate_agb_code])
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("verwijzer")
        verbose_name_plural = _("verwijzers")
        ordering = ["organisatie"]

    def __str__(self) -> str:
        return self.organisatie


class Verwijzing(models.Model):
    """The referral that brought an intake: who referred, how it came in, and the referrer's
    statement that the resident agreed to being referred. Sharing across wetten still needs
    the resident's own consent (this statement is not that consent)."""

    intake = models.OneToOneField(Intake, on_delete=models.CASCADE, related_name="verwijzing")
    soort = models.CharField(_("soort verwijzer"), max_length=20, choices=VerwijzerSoort.choices)
    organisatie = models.CharField(_("organisatie"), max_length=200)
    persoon = models.CharField(_("naam verwijzer"), max_length=200, blank=True)
    telefoon = models.CharField(_("telefoon verwijzer"), max_length=20, blank=True)
    agb_code = models.CharField(_("AGB-code"), max_length=8, blank=True,
                                validators=[validate_agb_code])
    inwoner_akkoord = models.BooleanField(
        _("de verwijzer verklaart dat de inwoner akkoord is met de verwijzing"), default=False)
    ontvangen_via = models.CharField(_("ontvangen via"), max_length=12,
                                     choices=OntvangenVia.choices)
    verwijzer = models.ForeignKey(Verwijzer, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="verwijzingen",
                                  verbose_name=_("verzonden door (account)"))
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["verwijzer", "-created_at"],
                                name="verwijzing_verwijzer_idx")]

    def __str__(self) -> str:
        return f"{self.organisatie} → {self.intake_id}"
