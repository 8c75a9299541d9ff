"""The municipality's own questions as fields of the wizard's step forms.

`eigen_velden_toevoegen` adds the active questions of a step whose conditions hold to that step's
form, so required-ness, validation, the error summary and keeping what was typed work as for the
built-in fields. A field is named after the question's version (`eigen_<versie id>`), so the draft
keeps answers per version. A question that cannot be built (bad data) is left out and logged: it
never stops a resident from sending their request.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Levensgebied

from .eigen_vragen import EigenVraag, EigenVraagVersie, Soort, antwoord_weergave
from .forms import JA_NEE, LANG, parse_datum
from .stappen import SLUGS, STAPPEN

logger = logging.getLogger(__name__)

PREFIX = "eigen_"
# Life areas are asked on 'onderwerpen', the date of birth on 'over-u': a question can only
# depend on an answer given on an earlier step.
NA_ONDERWERPEN = SLUGS[SLUGS.index("onderwerpen") + 1:]
NA_OVER_U = SLUGS[SLUGS.index("over-u") + 1:]
STAP_TITEL = {s.slug: s.titel for s in STAPPEN}


@dataclass(frozen=True)
class Omstandigheden:
    """What the conditions of a question look at, from the resident's draft."""

    levensgebieden: frozenset[str] = frozenset()
    leeftijd: int | None = None


@dataclass(frozen=True)
class EigenAntwoordGegevens:
    versie: EigenVraagVersie
    stap: str
    antwoord: str  # "ja"/"nee", an ISO date, the (Dutch) choice, or the text typed

    @property
    def weergave(self) -> str:
        return antwoord_weergave(self.versie.soort, self.antwoord)


def veldnaam(versie: EigenVraagVersie) -> str:
    return f"{PREFIX}{versie.pk}"


def leeftijd_op(geboren: date, dag: date) -> int:
    return dag.year - geboren.year - ((dag.month, dag.day) < (geboren.month, geboren.day))


def omstandigheden_uit(*, onderwerpen: dict[str, Any] | None,
                       over_u: dict[str, Any] | None) -> Omstandigheden:
    geboren = (over_u or {}).get("geboortedatum")
    return Omstandigheden(
        levensgebieden=frozenset((onderwerpen or {}).get("levensgebieden", [])),
        leeftijd=leeftijd_op(geboren, timezone.localdate()) if isinstance(geboren, date)
        else None)


def actieve_vragen() -> dict[str, list[EigenVraagVersie]]:
    """The current version of every active question, per step, in order (one query)."""
    per_stap: dict[str, list[EigenVraagVersie]] = {}
    for vraag in (EigenVraag.objects.filter(actief=True, huidige__isnull=False)
                  .select_related("huidige").order_by("volgorde", "id")):
        per_stap.setdefault(vraag.stap, []).append(vraag.huidige)  # type: ignore[arg-type]
    return per_stap


def heeft_voorwaarden(versie: EigenVraagVersie) -> bool:
    return bool(versie.levensgebieden) or versie.min_leeftijd is not None \
        or versie.max_leeftijd is not None


def geldt(versie: EigenVraagVersie, omstandigheden: Omstandigheden) -> bool:
    """Whether the question is asked of this resident."""
    if versie.levensgebieden and not set(versie.levensgebieden) & omstandigheden.levensgebieden:
        return False
    if versie.min_leeftijd is not None or versie.max_leeftijd is not None:
        leeftijd = omstandigheden.leeftijd
        if leeftijd is None:
            return False
        if versie.min_leeftijd is not None and leeftijd < versie.min_leeftijd:
            return False
        if versie.max_leeftijd is not None and leeftijd > versie.max_leeftijd:
            return False
    return True


class DatumVeld(forms.CharField):
    """A date typed as day-month-year, read as the wizard reads the date of birth."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if not value:
            return None
        if len(value) > 20:
            raise ValidationError(_("Vul de datum in als dag-maand-jaar, bijvoorbeeld "
                                    "31-12-2024."), code="datum")
        return parse_datum(value)

    def validate(self, value: Any) -> None:
        if value in self.empty_values and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


def _label(versie: EigenVraagVersie) -> str:
    tekst = versie.tekst_getoond
    if not tekst.strip():
        raise ValueError("vraag zonder tekst")
    return tekst if versie.verplicht else f"{tekst} ({_('niet verplicht')})"


def veld_voor(versie: EigenVraagVersie) -> forms.Field:
    """The form field that asks `versie`; ValueError when its data makes no sense."""
    label, hulp, verplicht = _label(versie), versie.hulptekst_getoond, versie.verplicht
    if versie.soort == Soort.TEKST:
        return forms.CharField(
            label=label, help_text=hulp, required=verplicht, max_length=LANG,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"required": _("Vul een antwoord in."),
                            "max_length": _("Dit is te lang: maximaal %(limit_value)d tekens "
                                            "(u heeft er %(show_value)d).")})
    if versie.soort == Soort.KEUZE:
        keuzes = versie.keuzes
        if not isinstance(keuzes, list) or len(keuzes) < 2 \
                or not all(isinstance(k, str) and k.strip() for k in keuzes):
            raise ValueError("keuzevraag zonder geldige keuzes")
        return forms.ChoiceField(
            label=label, help_text=hulp, required=verplicht, choices=versie.keuzes_getoond(),
            widget=forms.RadioSelect,
            error_messages={"required": _("Kies een antwoord."),
                            "invalid_choice": _("Kies een antwoord uit de lijst.")})
    if versie.soort == Soort.JA_NEE:
        return forms.ChoiceField(
            label=label, help_text=hulp, required=verplicht, choices=JA_NEE,
            widget=forms.RadioSelect,
            error_messages={"required": _("Kies ja of nee."),
                            "invalid_choice": _("Kies ja of nee.")})
    if versie.soort == Soort.DATUM:
        uitleg = _("Dag-maand-jaar, bijvoorbeeld 31-12-2024.")
        return DatumVeld(label=label, help_text=f"{hulp} {uitleg}" if hulp else uitleg,
                         required=verplicht,
                         error_messages={"required": _("Vul een datum in.")})
    raise ValueError(f"onbekende soort {versie.soort!r}")


def eigen_velden_toevoegen(form: forms.Form, *, stap: str,
                           vragen: dict[str, list[EigenVraagVersie]],
                           omstandigheden: Callable[[], Omstandigheden]) -> None:
    """Add the questions of `stap` that hold for this resident to `form` (as
    `form.eigen_vragen`, in order). `omstandigheden` is only called when a question has
    conditions."""
    form.eigen_vragen = []  # type: ignore[attr-defined]
    gevonden: Omstandigheden | None = None
    for versie in vragen.get(stap, []):
        try:
            if heeft_voorwaarden(versie):
                gevonden = gevonden or omstandigheden()
                if not geldt(versie, gevonden):
                    continue
            veld = veld_voor(versie)
        except Exception:  # a broken question is skipped, never the resident's request
            logger.exception("Eigen vraag %s (versie %s) kan niet worden gesteld; overgeslagen.",
                             versie.vraag_id, versie.pk)
            continue
        form.fields[veldnaam(versie)] = veld
        form.eigen_vragen.append(versie)  # type: ignore[attr-defined]


def eigen_antwoorden_uit(form: forms.Form, *, stap: str) -> list[EigenAntwoordGegevens]:
    """The answers to the municipality's questions in a valid step form."""
    antwoorden = []
    for versie in getattr(form, "eigen_vragen", []):
        waarde = form.cleaned_data.get(veldnaam(versie))
        if isinstance(waarde, date):
            waarde = waarde.isoformat()
        antwoorden.append(EigenAntwoordGegevens(versie=versie, stap=stap,
                                                antwoord=str(waarde or "")))
    return antwoorden


def levensgebied_labels(waarden: list[str]) -> list[str]:
    return [str(Levensgebied(w).label) for w in waarden if w in Levensgebied.values]
