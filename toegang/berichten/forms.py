"""The choice of how messages reach someone by e-mail."""

from django import forms
from django.utils.translation import gettext_lazy as _

KEUZES = [
    ("direct", _("Meteen: een e-mail bij elk nieuw bericht")),
    ("dagelijks", _("Eén keer per dag: een overzicht van de nieuwe berichten")),
    ("nooit", _("Geen e-mail: ik kijk zelf in Toegang")),
]


class VoorkeurForm(forms.Form):
    voorkeur = forms.ChoiceField(label=_("Wanneer wilt u een e-mail krijgen?"), choices=KEUZES,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": _("Kies een van de mogelijkheden."),
                                                 "invalid_choice": _("Kies een van de "
                                                                     "mogelijkheden.")})
