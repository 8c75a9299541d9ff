"""The resident's forms on the decision path: a remark on the verslag, and the aanvraag."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Vormwens

MAX_TEKST = 4000
TE_LANG = _("Uw tekst is te lang. Gebruik hoogstens %(limit_value)d tekens.")


class VerslagOpmerkingForm(forms.Form):
    opmerking = forms.CharField(
        label=_("Uw opmerking op het verslag"), max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Klopt er iets niet, of mist er iets? Schrijf het hier. Uw contactpersoon "
                    "leest het."),
        error_messages={"required": _("Schrijf uw opmerking op."), "max_length": TE_LANG})


class MijnAanvraagForm(forms.Form):
    vormwens = forms.ChoiceField(
        label=_("Hoe wilt u de ondersteuning krijgen?"), choices=Vormwens.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe u de ondersteuning wilt krijgen."),
                        "invalid_choice": _("Kies hoe u de ondersteuning wilt krijgen.")})
    toelichting = forms.CharField(
        label=_("Wilt u nog iets zeggen over uw aanvraag? (niet verplicht)"), required=False,
        max_length=MAX_TEKST, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TE_LANG})
