"""Forms for ZRM assessments: shape of the input only; the services check the rules."""

from collections.abc import Mapping
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import ZRM_DOMEINNAAM, Levensgebied, ZrmNiveau
from toegang.core.validators import clean_text, no_markup

from .models import ZRM_NIVEAU_INWONER
from .selectors import DOMEINEN, Punt
from .services import MAX_TOELICHTING


def _niveau_field(*, label: str, leeg: str | Promise,
                  choices: list[tuple[int, str | Promise]], help_text: str = ""
                  ) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, required=False, coerce=int, empty_value=None, initial="",
        choices=[("", leeg), *choices], widget=forms.RadioSelect, help_text=help_text,
        error_messages={"invalid_choice": _("Kies een niveau van 1 tot en met 5, of laat "
                                            "het leeg.")})


class _ScoresForm(forms.Form):
    toelichting = forms.CharField(
        required=False, max_length=MAX_TOELICHTING, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Uw tekst is te lang: maximaal %(limit_value)d tekens "
                                        "(u heeft er %(show_value)d).")})

    def clean_toelichting(self) -> str:
        value = clean_text(self.cleaned_data["toelichting"])
        no_markup(value)
        return value

    def scores(self) -> dict[str, int]:
        """The scored domains (domain → level); domains left empty are not scored."""
        return {d: self.cleaned_data[d] for d in DOMEINEN if self.cleaned_data.get(d)}


class ZrmMetingForm(_ScoresForm):
    """A professional's assessment: the date and, per domain, a level or 'niet gescoord'."""

    datum = forms.DateField(
        label=_("Datum van de meting (dd-mm-jjjj)"), input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d-%m-%Y", attrs={"autocomplete": "off"}),
        error_messages={"required": _("Vul de datum van de meting in."),
                        "invalid": _("Vul een datum in zoals 15-03-2026.")})

    def __init__(self, *args: Any, vorige: Mapping[str, Punt] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["datum"].initial = timezone.localdate()
        vorige = vorige or {}
        for domein in DOMEINEN:
            punt = vorige.get(domein)
            self.fields[domein] = _niveau_field(
                label=str(ZRM_DOMEINNAAM[Levensgebied(domein)]), leeg=_("Niet gescoord"),
                choices=[(int(n), label) for n, label in ZrmNiveau.choices],
                help_text=(_("Vorige meting: %(niveau)s op %(datum)s.") % {
                    "niveau": punt.niveau, "datum": date_format(punt.datum, "j F Y")}
                    if punt else ""))
        toelichting = self.fields.pop("toelichting")
        toelichting.label = _("Toelichting (niet verplicht)")
        self.fields["toelichting"] = toelichting
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True   # the template's <form> has the token
        self.helper.layout = Layout("datum", *(InlineRadios(d) for d in DOMEINEN),
                                    "toelichting")


class ZrmZelfForm(_ScoresForm):
    """The resident's own view, in plain words; every question may be skipped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for domein in DOMEINEN:
            self.fields[domein] = _niveau_field(
                label=str(Levensgebied(domein).label), leeg=_("Sla ik over"),
                choices=list(ZRM_NIVEAU_INWONER.items()))
        toelichting = self.fields.pop("toelichting")
        toelichting.label = _("Wilt u er nog iets over vertellen? (niet verplicht)")
        self.fields["toelichting"] = toelichting
