"""The active theme as the pages use it, cached, and the one way to switch themes.

A broken theme never makes the front door fail: when reading or rendering it raises (database
down, a bad value written past the checks, a logo file gone), the pages get the built-in
Dijkstad look and an error is logged."""

import hashlib
import logging
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext

from .contrast import HEX, luminantie
from .models import LETTERTYPEN, VOET_ACHTERGROND, Thema

logger = logging.getLogger("toegang.thema")

CACHE_KEY = "thema:actief:v1"
CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class ThemaWeergave:
    """What the pages need of a theme; plain values, safe to cache."""

    naam: str
    gemeentenaam: str
    primaire_kleur: str
    tekst_op_primair: str
    linkkleur: str
    tekstkleur: str
    achtergrondkleur: str
    focuskleur: str
    lettertype: str
    telefoonnummer: str
    emailadres: str = ""
    website: str = ""
    postadres: str = ""
    logo_url: str = ""
    favicon_url: str = ""
    ingebouwd: bool = False

    @cached_property
    def css(self) -> str:
        return thema_css(self)

    @cached_property
    def versie(self) -> str:
        return hashlib.sha256(self.css.encode()).hexdigest()[:16]

    @property
    def css_url(self) -> str:
        return reverse("thema:css_versie", args=[self.versie])

    @property
    def postadres_regels(self) -> list[str]:
        """The postal address as lines for letters; the installation's address when the
        theme has none."""
        regels = [r.strip() for r in self.postadres.splitlines() if r.strip()]
        return regels or [r for r in (settings.GEMEENTE_ADRES, settings.GEMEENTE_POSTCODE_PLAATS)
                          if r]

    @property
    def website_url(self) -> str:
        if not self.website or self.website.startswith(("https://", "http://")):
            return self.website
        return f"https://{self.website}"


def standaard() -> ThemaWeergave:
    """The built-in look (Dijkstad's colours) with the contact details from the settings."""
    return ThemaWeergave(
        naam="Standaard", gemeentenaam=settings.GEMEENTE_NAAM, primaire_kleur="#154273",
        tekst_op_primair="#FFFFFF", linkkleur="#0B5394", tekstkleur="#1B1B1B",
        achtergrondkleur="#FFFFFF", focuskleur="#FFBF47", lettertype="systeem",
        telefoonnummer=settings.GEMEENTE_TELEFOON, website=settings.GEMEENTE_WEBSITE,
        postadres=f"{settings.GEMEENTE_ADRES}\n{settings.GEMEENTE_POSTCODE_PLAATS}",
        ingebouwd=True)


def _bestand_url(thema: Thema, veld: str) -> str:
    bestand = getattr(thema, veld)
    if not bestand:
        return ""
    if not default_storage.exists(bestand.name):
        logger.error("thema %s: %s-bestand %s ontbreekt; de pagina's tonen er geen",
                     thema.pk, veld, bestand.name)
        return ""
    return reverse("thema:bestand", args=[veld, getattr(thema, f"{veld}_sha256")[:16]])


def weergave(thema: Thema) -> ThemaWeergave:
    """The theme as the pages see it; raises ValueError on a value the CSS cannot carry."""
    w = ThemaWeergave(
        naam=thema.naam, gemeentenaam=thema.gemeentenaam,
        primaire_kleur=thema.primaire_kleur.upper(),
        tekst_op_primair=thema.tekst_op_primair.upper(),
        linkkleur=thema.linkkleur.upper(), tekstkleur=thema.tekstkleur.upper(),
        achtergrondkleur=thema.achtergrondkleur.upper(), focuskleur=thema.focuskleur.upper(),
        lettertype=thema.lettertype, telefoonnummer=thema.telefoonnummer,
        emailadres=thema.emailadres, website=thema.website, postadres=thema.postadres,
        logo_url=_bestand_url(thema, "logo"), favicon_url=_bestand_url(thema, "favicon"))
    w.css  # noqa: B018 - render once so a bad value fails here, not on the page
    return w


def actief_thema() -> ThemaWeergave:
    """The active theme (cached), or the built-in look; never raises."""
    try:
        gecached = cache.get(CACHE_KEY)
        if isinstance(gecached, ThemaWeergave):
            return gecached
        thema = Thema.objects.filter(actief=True).first()
        w = standaard() if thema is None else weergave(thema)
        cache.set(CACHE_KEY, w, CACHE_SECONDS)
        return w
    except Exception:
        logger.exception("actief thema niet te lezen; de pagina's tonen het standaardthema")
        return standaard()


def cache_wissen() -> None:
    try:
        cache.delete(CACHE_KEY)
    except Exception:
        logger.exception("thema-cache niet te wissen")


# --- CSS ------------------------------------------------------------------------------------


def _kleur(waarde: str) -> str:
    if not HEX.match(waarde):
        raise ValueError(f"geen kleur: {waarde!r}")
    return waarde.upper()


def _rgb(kleur: str) -> str:
    return ", ".join(str(int(kleur[i:i + 2], 16)) for i in (1, 3, 5))


def _meng(kleur: str, met: str, deel: float) -> str:
    """`kleur` moved `deel` of the way towards `met`."""
    a = [int(kleur[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(met[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * deel):02X}" for x, y in zip(a, b, strict=True))


def _verder(achter: str, voor: str, deel: float) -> str:
    """`achter` moved away from `voor` (darker under light text, lighter under dark text), so
    the contrast of a hover or pressed state only grows."""
    doel = "#000000" if luminantie(voor) >= luminantie(achter) else "#FFFFFF"
    return _meng(achter, doel, deel)


def thema_css(w: ThemaWeergave) -> str:
    """Custom properties for Bootstrap, our own CSS and the NL Design System (Utrecht) tokens."""
    p, op = _kleur(w.primaire_kleur), _kleur(w.tekst_op_primair)
    link, tekst = _kleur(w.linkkleur), _kleur(w.tekstkleur)
    bg, focus = _kleur(w.achtergrondkleur), _kleur(w.focuskleur)
    letter = LETTERTYPEN[w.lettertype]
    p_hover, p_actief = _verder(p, op, 0.2), _verder(p, op, 0.35)
    link_hover = _verder(link, bg, 0.3)
    tokens = {
        # Our own CSS (static/css/toegang.css).
        "--tg-blauw": p, "--tg-primair": p, "--tg-op-primair": op, "--tg-link": link,
        "--tg-tekst": tekst, "--tg-achtergrond": bg, "--tg-focus": focus,
        "--tg-lichtgrijs": VOET_ACHTERGROND,
        # Bootstrap.
        "--bs-body-color": tekst, "--bs-body-bg": bg, "--bs-body-font-family": letter,
        "--bs-font-sans-serif": letter, "--bs-link-color": link,
        "--bs-link-color-rgb": _rgb(link), "--bs-link-hover-color": link_hover,
        "--bs-link-hover-color-rgb": _rgb(link_hover), "--bs-primary": p,
        "--bs-primary-rgb": _rgb(p),
        # NL Design System, Utrecht components (docs/nl-design-system.md).
        "--utrecht-document-color": tekst, "--utrecht-document-background-color": bg,
        "--utrecht-document-font-family": letter, "--utrecht-heading-font-family": letter,
        "--utrecht-heading-color": tekst, "--utrecht-paragraph-color": tekst,
        "--utrecht-link-color": link, "--utrecht-link-hover-color": link_hover,
        "--utrecht-link-visited-color": link, "--utrecht-link-active-color": link_hover,
        "--utrecht-link-focus-color": link,
        "--utrecht-button-font-family": letter,
        "--utrecht-button-primary-action-background-color": p,
        "--utrecht-button-primary-action-border-color": p,
        "--utrecht-button-primary-action-color": op,
        "--utrecht-button-primary-action-hover-background-color": p_hover,
        "--utrecht-button-primary-action-hover-border-color": p_hover,
        "--utrecht-button-primary-action-hover-color": op,
        "--utrecht-button-primary-action-active-background-color": p_actief,
        "--utrecht-button-primary-action-active-color": op,
        "--utrecht-button-primary-action-focus-background-color": p_hover,
        "--utrecht-button-primary-action-focus-color": op,
        "--utrecht-button-secondary-action-color": p,
        "--utrecht-button-secondary-action-border-color": p,
        "--utrecht-button-secondary-action-background-color": bg,
        "--utrecht-page-header-background-color": p, "--utrecht-page-header-color": op,
        "--utrecht-page-footer-background-color": VOET_ACHTERGROND,
        "--utrecht-page-footer-color": tekst,
        "--utrecht-focus-outline-color": tekst, "--utrecht-focus-background-color": focus,
        "--utrecht-color-text": tekst, "--utrecht-color-background": bg,
        "--utrecht-color-primary": p,
    }
    regels = "\n".join(f"  {naam}: {waarde};" for naam, waarde in tokens.items())
    return (
        f"/* Thema: {w.naam.replace('*/', '')} */\n:root {{\n{regels}\n}}\n"
        f"body {{ background-color: {bg}; color: {tekst}; font-family: {letter}; }}\n"
        f".btn-primary {{ --bs-btn-bg: {p}; --bs-btn-color: {op}; --bs-btn-border-color: {p};\n"
        f"  --bs-btn-hover-bg: {p_hover}; --bs-btn-hover-color: {op};"
        f" --bs-btn-hover-border-color: {p_hover};\n"
        f"  --bs-btn-active-bg: {p_actief}; --bs-btn-active-color: {op};"
        f" --bs-btn-active-border-color: {p_actief}; }}\n"
        f".btn-outline-primary {{ --bs-btn-color: {p}; --bs-btn-border-color: {p};\n"
        f"  --bs-btn-hover-bg: {p}; --bs-btn-hover-color: {op}; --bs-btn-hover-border-color: {p};"
        f" }}\n"
        f".site-header {{ background-color: {p}; color: {op}; }}\n"
        f".site-header a, .site-header .merk {{ color: {op}; }}\n"
        ".merk-logo { height: 2.5rem; width: auto; margin-right: .5rem; vertical-align: middle; }\n"
    )


# --- Switching ------------------------------------------------------------------------------


@transaction.atomic
def thema_activeren(*, thema: Thema, door=None) -> Thema:
    """Make `thema` the only active theme; refused (ValidationError) when it fails the checks
    (a theme written past the admin, e.g. in a shell, still cannot go live with poor contrast).
    Logged in the admin's history when `door` (the beheerder) is given, and always in the log."""
    thema = Thema.objects.select_for_update().get(pk=thema.pk)
    thema.full_clean(exclude=["logo", "favicon"])
    Thema.objects.select_for_update().filter(actief=True).exclude(pk=thema.pk).update(
        actief=False)
    if not thema.actief:
        thema.actief = True
        thema.save(update_fields=["actief", "gewijzigd_op"])
    if door is not None:
        LogEntry.objects.log_actions(
            user_id=door.pk, queryset=[thema], action_flag=CHANGE,
            change_message=gettext("Gebruikt als actief thema."), single_object=True)
    logger.info("thema %s (%s) geactiveerd door %s", thema.pk, thema.naam,
                getattr(door, "username", "beheercommando"))
    cache_wissen()
    transaction.on_commit(cache_wissen)
    return thema
