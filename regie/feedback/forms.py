"""The resident's three questions and the remark: shape and validation only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.wizard.forms import StapForm

from .models import OPMERKING_MAX, Geholpen, JaNeeWeetNiet

KIES = {"required": _("Kies een antwoord.")}


class FeedbackForm(StapForm):
    """Three questions with fixed answers (radio buttons in a fieldset each) and an open
    remark. Every text is cleaned the way the online intake cleans it."""

    verhaal_een_keer = forms.ChoiceField(
        label=_("Hoefde u uw verhaal maar één keer te vertellen?"),
        choices=JaNeeWeetNiet.choices, widget=forms.RadioSelect, error_messages=KIES)
    wist_contactpersoon = forms.ChoiceField(
        label=_("Wist u wie uw contactpersoon was?"),
        choices=JaNeeWeetNiet.choices, widget=forms.RadioSelect, error_messages=KIES)
    geholpen = forms.ChoiceField(
        label=_("Bent u geholpen?"), choices=Geholpen.choices, widget=forms.RadioSelect,
        error_messages=KIES)
    opmerking = forms.CharField(
        label=_("Wilt u nog iets zeggen? (niet verplicht)"), required=False,
        max_length=OPMERKING_MAX, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Schrijf liever geen namen op. De teamleider leest wat u schrijft, zonder "
                    "uw naam."),
        error_messages={"max_length": _("Dit is te lang: maximaal %(limit_value)d tekens (u "
                                        "heeft er %(show_value)d).")})
