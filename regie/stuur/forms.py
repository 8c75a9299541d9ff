"""Forms of the management information: shape and validation of input only."""

import re
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils.translation import gettext_lazy as _

from toegang.core.domein import Wet

from .filters import MAX_MAANDEN, Filters

MAAND = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})[-/](\d{4}))\s*$")
MAAND_FOUT = _("Vul een maand in als jaar-maand, bijvoorbeeld 2026-03.")


class MaandField(forms.Field):
    """A month as `2026-03` (what `<input type="month">` sends) or `03-2026`; gives the 1st."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-03",
                                    "inputmode": "numeric", "maxlength": "10"})

    def to_python(self, value: Any) -> date | None:
        tekst = str(value or "").strip()
        if not tekst:
            return None
        match = MAAND.match(tekst[:20])
        if not match:
            raise forms.ValidationError(MAAND_FOUT, code="invalid")
        jaar, maand = (match[1], match[2]) if match[1] else (match[4], match[3])
        if not 1 <= int(maand) <= 12 or int(jaar) < 2000:
            raise forms.ValidationError(MAAND_FOUT, code="invalid")
        return date(int(jaar), int(maand), 1)

    def prepare_value(self, value: Any) -> Any:
        return value.strftime("%Y-%m") if isinstance(value, date) else value


class DashboardFilterForm(forms.Form):
    van = MaandField(label=_("Van (maand)"), required=False)
    tot = MaandField(label=_("Tot en met (maand)"), required=False)
    wijk = forms.TypedChoiceField(label=_("Wijk"), required=False, coerce=int, empty_value=None,
                                  error_messages={"invalid_choice": _("Kies een wijk uit de "
                                                                      "lijst.")})
    wet = forms.ChoiceField(label=_("Wet"), required=False,
                            choices=[("", _("Alle wetten")), *Wet.choices],
                            error_messages={"invalid_choice": _("Kies een wet uit de lijst.")})
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None,
                                  error_messages={"invalid_choice": _("Kies een team uit de "
                                                                      "lijst.")})

    def __init__(self, *args: Any, teams: list[Any], wijken: list[Any], alle_teams: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        standaard = Filters.standaard()
        self.fields["van"].initial = standaard.van
        self.fields["tot"].initial = standaard.tot
        self.fields["team"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle teams") if alle_teams else _("Al mijn teams")),
            *[(t.pk, t.naam) for t in teams]]
        self.fields["wijk"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle wijken")), *[(w.pk, w.naam) for w in wijken]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        standaard = Filters.standaard()
        van, tot = data.get("van"), data.get("tot")
        toekomst = _("Deze maand ligt in de toekomst. Kies uiterlijk deze maand.")
        for naam, maand in (("van", van), ("tot", tot)):
            if naam not in self.errors and maand is not None and maand > standaard.tot:
                self.add_error(naam, toekomst)
        if self.errors:
            return data
        van = van or (tot - relativedelta(months=11) if tot else standaard.van)
        tot = tot or standaard.tot
        if van > tot:
            self.add_error("van", _("De eerste maand ligt na de laatste maand."))
        elif (tot.year - van.year) * 12 + tot.month - van.month + 1 > MAX_MAANDEN:
            self.add_error("van", _("Kies een periode van hoogstens %(n)s maanden.")
                           % {"n": MAX_MAANDEN})
        data["van"], data["tot"] = van, tot
        return data

    def filters(self, *, teams_toegestaan: tuple[int, ...] | None) -> Filters:
        """The validated choice as Filters (call after is_valid())."""
        d = self.cleaned_data
        return Filters(van=d["van"], tot=d["tot"], wijk=d.get("wijk"), wet=d.get("wet") or "",
                       team=d.get("team"), teams_toegestaan=teams_toegestaan)
