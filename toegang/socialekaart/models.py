"""The sociale kaart: free local help anyone can go to without a referral (the "sociale
basis"), and a record of which help was suggested to whom (for the figures)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Levensgebied
from toegang.organisatie.models import Wijk


class VoorzieningQuerySet(models.QuerySet["Voorziening"]):
    def actief(self) -> "VoorzieningQuerySet":
        return self.filter(actief=True)


class Voorziening(models.Model):
    """One piece of local help: a buurthuis, schuldhulp, a mantelzorgsteunpunt, ...

    The life areas are a JSON list of `Levensgebied` values, so the same code works on
    PostgreSQL and on SQLite (`make run`). No wijken: the help is for the whole municipality.
    """

    organisatie = models.CharField(_("organisatie"), max_length=150)
    naam = models.CharField(_("naam"), max_length=150)
    wat = models.TextField(_("wat het biedt"), help_text=_("In gewone woorden."))
    voor_wie = models.TextField(_("voor wie"), blank=True)
    levensgebieden = models.JSONField(
        _("thema's"), default=list, blank=True,
        help_text=_("De levensgebieden waar deze hulp bij past (dezelfde als in de aanvraag)."))
    wijken = models.ManyToManyField(Wijk, blank=True, related_name="voorzieningen",
                                    verbose_name=_("wijken"),
                                    help_text=_("Leeg: voor de hele gemeente."))
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    openingstijden = models.TextField(_("openingstijden"), blank=True)
    kosten = models.CharField(_("kosten"), max_length=200, blank=True,
                              help_text=_("Bijvoorbeeld: gratis, of een kleine bijdrage."))
    hoe_kom_je_er = models.TextField(_("hoe komt u er"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    actief = models.BooleanField(_("actief"), default=True,
                                 help_text=_("Alleen actieve hulp is te zien en te vinden."))
    gewijzigd_op = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    objects = VoorzieningQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorziening in de buurt")
        verbose_name_plural = _("voorzieningen in de buurt")
        ordering = ["naam", "organisatie"]
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "naam"],
                                    name="socialekaart_organisatie_naam_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})"

    def get_absolute_url(self) -> str:
        return reverse("socialekaart:detail", args=[self.pk])

    @property
    def levensgebied_labels(self) -> list[str]:
        return [str(Levensgebied(g).label) for g in self.levensgebieden
                if g in Levensgebied.values]


class SuggestieBron(models.TextChoices):
    WIZARD = "wizard", _("getoond na de aanvraag")
    PLAN = "plan", _("toegevoegd aan het plan")


class Suggestie(models.Model):
    """Help suggested for one intake: shown to the resident after sending the aanvraag, or
    added to the plan by the professional. Only counted, never shown per person.

    The intake is named as a string so this app never imports the record (`intake`)."""

    intake = models.ForeignKey("intake.Intake", on_delete=models.CASCADE,
                               related_name="sociale_kaart_suggesties",
                               verbose_name=_("aanvraag"))
    voorziening = models.ForeignKey(Voorziening, on_delete=models.CASCADE,
                                    related_name="suggesties", verbose_name=_("voorziening"))
    wijk = models.ForeignKey(Wijk, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("wijk van de inwoner"))
    bron = models.CharField(_("bron"), max_length=10, choices=SuggestieBron.choices)
    getoond_op = models.DateTimeField(_("getoond op"), default=timezone.now)

    class Meta:
        verbose_name = _("suggestie uit de sociale kaart")
        verbose_name_plural = _("suggesties uit de sociale kaart")
        constraints = [
            models.UniqueConstraint(fields=["intake", "voorziening", "bron"],
                                    name="socialekaart_suggestie_uniek"),
        ]
        indexes = [models.Index(fields=["bron", "getoond_op"], name="socialekaart_sugg_idx")]

    def __str__(self) -> str:
        return f"{self.voorziening} – {self.get_bron_display()}"
