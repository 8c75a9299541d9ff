"""The public postcode box: which wijkteam is mine?"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import postcode_normalize, postcode_parse


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label=_("Uw postcode"), max_length=10,
        help_text=_("Bijvoorbeeld 7511 AB. De 4 cijfers zijn ook genoeg."),
        error_messages={"required": _("Vul uw postcode in, bijvoorbeeld 7511 AB.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text",
                                      "spellcheck": "false", "size": 10}))

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"]
        if postcode_parse(postcode) is None:
            raise forms.ValidationError(
                _("Dit is geen postcode. Een postcode is 4 cijfers en 2 letters, bijvoorbeeld "
                  "7511 AB."), code="ongeldig")
        return postcode_normalize(postcode)
