"""Forms of the answer to a provider's request: shape and validation only. Whether the request
can still be answered is the services'."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.wizard.forms import StapForm
from toegang.istandaarden.codes import REDEN_AFWIJZING_VERZOEK

from ..forms import REQUIRED, te_lang

TOELICHTING = 1000


def reden_keuzes() -> list[tuple[str, str]]:
    return [(code, f"{code} – {betekenis}") for code, betekenis in REDEN_AFWIJZING_VERZOEK.items()]


class VerzoekActieForm(forms.Form):
    """An answer without fields (toewijzen, in onderzoek): the page explains, the button
    confirms; a refusal of the service lands here."""


class VerzoekAfwijzenForm(StapForm):
    reden = forms.ChoiceField(
        label=_("Reden van de afwijzing"), choices=(), widget=forms.RadioSelect,
        help_text=_("De aanbieder krijgt deze code in het antwoordbericht (319)."),
        error_messages={**REQUIRED, "invalid_choice": _("Kies een reden uit de lijst.")})
    toelichting = forms.CharField(
        label=_("Toelichting (niet verplicht)"), required=False, max_length=TOELICHTING,
        help_text=_("Alleen voor het dossier: het bericht aan de aanbieder heeft geen ruimte "
                    "voor tekst."),
        error_messages=te_lang(TOELICHTING), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "afwijzen_%s")
        super().__init__(*args, **kwargs)
        self.fields["reden"].choices = reden_keuzes()  # type: ignore[attr-defined]
