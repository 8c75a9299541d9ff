"""The functioneel beheerder's search in the berichtenverkeer: shape only."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

# The states of `casussen.toewijzing.selectors.STANDEN`, in the beheerder's words.
STAND_LABELS: dict[str, Any] = {
    "te_versturen": _("wacht op verzending"),
    "wacht_op_retour": _("verstuurd, wacht op retour"),
    "retour_ok": _("retour goedgekeurd"),
    "retour_fout": _("retour afgekeurd: herstellen"),
    "mislukt": _("verzenden mislukt"),
    "ontvangen": _("ontvangen, nog niet verwerkt"),
    "afgekeurd": _("verwerkt met fouten"),
    "te_laat": _("retour te laat"),
}


class BerichtZoekForm(forms.Form):
    zoek = forms.CharField(
        label=_("Zoeken"), required=False, max_length=100,
        help_text=_("Een toewijzingnummer, een BSN, een AGB-code, een berichtidentificatie of "
                    "(een deel van) de naam van de zorgaanbieder."),
        error_messages={"max_length": _("Dit is te lang: maximaal %(limit_value)d tekens (u "
                                        "heeft er %(show_value)d).")})
    stand = forms.ChoiceField(
        label=_("Stand"), required=False,
        choices=[("", _("alle berichten")), *STAND_LABELS.items()],
        error_messages={"invalid_choice": _("Kies een stand uit de lijst.")})
