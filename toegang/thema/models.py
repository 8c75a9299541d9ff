"""The look of the resident pages per municipality: colours, font, logo and contact details.

One theme is active at a time (a partial unique index guarantees it); switching happens only
through `services.thema_activeren`, so it is atomic and logged."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import bestanden
from .contrast import HEX, contrast, ratio_tekst

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

# Font stacks of fonts that ship with the operating system: no web fonts are downloaded.
LETTERTYPEN = {
    "systeem": ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", '
                '"Liberation Sans", Arial, sans-serif'),
    "humanist": ('"Fira Sans", "Source Sans Pro", "Segoe UI", Candara, "Noto Sans", '
                 '"DejaVu Sans", Verdana, sans-serif'),
    "klassiek": '"Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif',
    "schreef": 'Georgia, Cambria, "Noto Serif", "DejaVu Serif", "Times New Roman", serif',
}

# The footer keeps its own light grey; text and links must be readable on it too.
VOET_ACHTERGROND = "#F3F3F3"


class Lettertype(models.TextChoices):
    SYSTEEM = "systeem", _("Systeemletter (standaard)")
    HUMANIST = "humanist", _("Humanistisch schreefloos (zoals Fira Sans, Segoe UI)")
    KLASSIEK = "klassiek", _("Klassiek schreefloos (zoals Helvetica, Arial)")
    SCHREEF = "schreef", _("Met schreef (zoals Georgia)")


def _kleur_check(waarde: str) -> None:
    if not HEX.match(waarde or ""):
        raise ValidationError(_("Schrijf de kleur als # en zes tekens 0-9 of A-F, "
                                "bijvoorbeeld #154273."), code="kleur")


def kleur_veld(label: "StrOrPromise", standaard: str, hulp: "StrOrPromise") -> models.CharField:
    return models.CharField(label, max_length=7, default=standaard, validators=[_kleur_check],
                            help_text=hulp)


class Thema(models.Model):
    naam = models.CharField(_("naam"), max_length=80, unique=True,
                            help_text=_("Alleen voor het beheer, bijvoorbeeld 'Dijkstad'."))
    gemeentenaam = models.CharField(
        _("gemeentenaam"), max_length=100,
        help_text=_("Staat bovenaan elke pagina, bijvoorbeeld 'Gemeente Dijkstad'."))
    logo = models.FileField(_("logo"), upload_to="thema/", blank=True,
                            help_text=_("PNG, JPG of WebP, maximaal 512 kB. Geen SVG."))
    logo_type = models.CharField(max_length=20, blank=True, editable=False)
    logo_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    favicon = models.FileField(_("favicon"), upload_to="thema/", blank=True,
                               help_text=_("Het pictogram in het tabblad: PNG of ICO."))
    favicon_type = models.CharField(max_length=20, blank=True, editable=False)
    favicon_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    primaire_kleur = kleur_veld(_("primaire kleur"), "#154273",
                                _("Knoppen, de kop van de pagina en de voortgangsbalk."))
    tekst_op_primair = kleur_veld(_("tekst op primaire kleur"), "#FFFFFF",
                                  _("De tekst op knoppen en in de kop."))
    linkkleur = kleur_veld(_("linkkleur"), "#0B5394", _("Links in de tekst."))
    tekstkleur = kleur_veld(_("tekstkleur"), "#1B1B1B", _("Gewone tekst."))
    achtergrondkleur = kleur_veld(_("achtergrondkleur"), "#FFFFFF",
                                  _("De achtergrond van de pagina."))
    focuskleur = kleur_veld(_("focuskleur"), "#FFBF47",
                            _("De gele rand om het element waar u met het toetsenbord bent."))
    lettertype = models.CharField(_("lettertype"), max_length=20, choices=Lettertype.choices,
                                  default=Lettertype.SYSTEEM)

    telefoonnummer = models.CharField(_("telefoonnummer"), max_length=30)
    emailadres = models.EmailField(_("e-mailadres"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True,
                               help_text=_("Bijvoorbeeld www.dijkstad.nl"))
    postadres = models.TextField(_("postadres"), blank=True)

    actief = models.BooleanField(_("actief"), default=False, editable=False)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["actief"], condition=models.Q(actief=True),
                                    name="thema_een_actief"),
        ]

    def __str__(self) -> str:
        return self.naam

    # Pairs shown on the pages: (foreground field, background field or fixed colour, minimum,
    # Dutch description of the pair).
    PAREN = (
        ("tekstkleur", "achtergrondkleur", 4.5, _("De tekstkleur %(a)s op de achtergrond %(b)s")),
        ("linkkleur", "achtergrondkleur", 4.5, _("De linkkleur %(a)s op de achtergrond %(b)s")),
        ("tekst_op_primair", "primaire_kleur", 4.5,
         _("De tekst op de primaire kleur %(a)s op %(b)s (knoppen en kop)")),
        ("primaire_kleur", "achtergrondkleur", 3.0,
         _("De primaire kleur %(a)s naast de achtergrond %(b)s (randen van knoppen en balken)")),
        ("tekstkleur", VOET_ACHTERGROND, 4.5,
         _("De tekstkleur %(a)s op de grijze voettekst %(b)s")),
        ("linkkleur", VOET_ACHTERGROND, 4.5,
         _("De linkkleur %(a)s op de grijze voettekst %(b)s")),
    )

    def contrast_fouten(self) -> dict[str, list[str]]:
        """Every pair below its WCAG 2.1 AA minimum, as Dutch messages per field."""
        fouten: dict[str, list[str]] = {}
        for voor, achter, minimum, tekst in self.PAREN:
            a = getattr(self, voor)
            b = achter if achter.startswith("#") else getattr(self, achter)
            if not (HEX.match(a or "") and HEX.match(b or "")):
                continue  # the field's own check reports the bad value
            ratio = contrast(a, b)
            if ratio < minimum:
                minimum_tekst = f"{minimum:.1f}".replace(".", ",")
                fouten.setdefault(voor, []).append(
                    str(tekst % {"a": a.upper(), "b": b.upper()}) + " "
                    + str(_("heeft een contrast van %(ratio)s. Dat moet minstens %(min)s : 1 "
                            "zijn.") % {"ratio": ratio_tekst(ratio), "min": minimum_tekst}))
        return fouten

    def clean(self) -> None:
        fouten = self.contrast_fouten()
        for veld, check in (("logo", bestanden.logo_check), ("favicon", bestanden.favicon_check)):
            bestand = getattr(self, veld)
            if bestand and not bestand._committed:
                try:
                    afbeelding = check(bestand)
                except ValidationError as exc:
                    fouten.setdefault(veld, []).extend(exc.messages)
                else:
                    setattr(self, f"{veld}_type", afbeelding.content_type)
                    setattr(self, f"{veld}_sha256", afbeelding.sha256)
            elif not bestand:
                setattr(self, f"{veld}_type", "")
                setattr(self, f"{veld}_sha256", "")
        if fouten:
            raise ValidationError(fouten)
