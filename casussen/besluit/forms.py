"""Forms of the decision path for professionals: shape and validation of what was typed. The
rules (a date in the future, a volume of 0, an end before the start, pgb for a product that
cannot be one, a provider without a contract) are the services'; their messages land on the
field of the same name."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from intake.models import Intake
from intake.wizard.forms import StapForm
from toegang.catalogus.models import Product, Zorgaanbieder
from toegang.core.domein import Wet

from ..forms import REQUIRED, te_lang
from .models import (
    Aanvraag,
    AanvraagVia,
    Besluit,
    BezwaarUitkomst,
    Levering,
    Onderzoek,
    Vormwens,
)
from .services import OnderzoekGegevens, Regel

TEKST = 10_000
DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
JA_NEE = [("ja", _("Ja")), ("nee", _("Nee"))]


def _datum(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    """A date as the other forms take it: the browser's date picker, or typed as 15-01-2027."""
    return forms.DateField(
        label=label, required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=DATUM_FORMATEN, help_text=help_text or _("Bijvoorbeeld 15-01-2027."),
        error_messages={**REQUIRED, "invalid": _("Vul de datum in als dag-maand-jaar, "
                                                 "bijvoorbeeld 15-01-2027.")})


def _tekst(label: Any, *, required: bool = True, rows: int = 3, help_text: Any = "",
           max_length: int = TEKST) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length,
                           help_text=help_text, error_messages=te_lang(max_length),
                           widget=forms.Textarea(attrs={"rows": rows}))


def _ja(waarde: str) -> bool:
    return waarde == "ja"


class KommaDecimalField(forms.DecimalField):
    """A number with a comma or a point for the decimals ("2,5" or "2.5")."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)


# --- Onderzoek ----------------------------------------------------------------------------------


class OnderzoekForm(StapForm):
    gesprek_op = _datum(_("Datum van het gesprek"))
    hulpvraag = _tekst(_("Wat is de hulpvraag?"), rows=4,
                       help_text=_("Ingevuld met wat de inwoner bij de aanvraag schreef. Vul "
                                   "aan met wat u samen besprak."))
    eigen_kracht = _tekst(_("Wat kan de inwoner zelf?"))
    netwerk = _tekst(_("Wat kan het netwerk doen? (niet verplicht)"), required=False,
                     help_text=_("Familie, buren, vrienden."))
    mantelzorg = _tekst(_("Mantelzorg: wie helpt en wat heeft die nodig? (niet verplicht)"),
                        required=False)
    algemene_voorzieningen = _tekst(
        _("Welke algemene voorzieningen helpen? (niet verplicht)"), required=False,
        help_text=_("Bijvoorbeeld het buurthuis, de maaltijdservice of de formulierenhulp."))
    maatwerk_nodig = forms.TypedChoiceField(
        label=_("Is ondersteuning op maat nodig (een maatwerkvoorziening)?"), coerce=_ja,
        choices=JA_NEE, widget=forms.RadioSelect, error_messages=REQUIRED)
    maatwerk_toelichting = _tekst(_("Welke ondersteuning is nodig en waarom?"), required=False,
                                  rows=4, help_text=_("Nodig als u hierboven ‘Ja’ kiest."))
    vormwens = forms.ChoiceField(label=_("Wat wil de inwoner: zorg in natura of een pgb?"),
                                 choices=Vormwens.choices, widget=forms.RadioSelect,
                                 initial=Vormwens.WEET_NIET, error_messages=REQUIRED)

    def gegevens(self) -> OnderzoekGegevens:
        data = self.cleaned_data
        return OnderzoekGegevens(
            gesprek_op=data["gesprek_op"], hulpvraag=data["hulpvraag"],
            eigen_kracht=data["eigen_kracht"], netwerk=data["netwerk"],
            mantelzorg=data["mantelzorg"], algemene_voorzieningen=data["algemene_voorzieningen"],
            maatwerk_nodig=data["maatwerk_nodig"],
            maatwerk_toelichting=data["maatwerk_toelichting"], vormwens=data["vormwens"])

    @classmethod
    def uit_intake(cls, intake: Intake) -> "OnderzoekForm":
        """A new onderzoek, filled with what the resident already told in the request, so
        nothing is asked twice."""
        hulpvraag = "\n\n".join(t.strip() for t in (intake.vraag, intake.wens) if t.strip())
        return cls(initial={"gesprek_op": timezone.localdate(), "hulpvraag": hulpvraag,
                            "eigen_kracht": intake.wat_gaat_goed, "netwerk": intake.wie_helpt})

    @classmethod
    def van(cls, onderzoek: Onderzoek) -> "OnderzoekForm":
        return cls(initial={
            "gesprek_op": onderzoek.gesprek_op, "hulpvraag": onderzoek.hulpvraag,
            "eigen_kracht": onderzoek.eigen_kracht, "netwerk": onderzoek.netwerk,
            "mantelzorg": onderzoek.mantelzorg,
            "algemene_voorzieningen": onderzoek.algemene_voorzieningen,
            "maatwerk_nodig": "ja" if onderzoek.maatwerk_nodig else "nee",
            "maatwerk_toelichting": onderzoek.maatwerk_toelichting,
            "vormwens": onderzoek.vormwens})


class BevestigForm(forms.Form):
    """A step without fields: the page explains, the button confirms."""


# --- Aanvraag -----------------------------------------------------------------------------------


class AanvraagForm(StapForm):
    wet = forms.ChoiceField(label=_("Voor welke wet is de aanvraag?"), choices=Wet.choices,
                            widget=forms.RadioSelect, error_messages=REQUIRED)
    ontvangen_op = _datum(_("Ontvangen op"), help_text=_(
        "De dag waarop de aanvraag binnenkwam. Vanaf die dag loopt de termijn voor het "
        "besluit. Bijvoorbeeld 15-01-2027."))
    via = forms.ChoiceField(label=_("Hoe kwam de aanvraag binnen?"),
                            choices=[(AanvraagVia.PAPIER, AanvraagVia.PAPIER.label),
                                     (AanvraagVia.MONDELING, AanvraagVia.MONDELING.label)],
                            widget=forms.RadioSelect, error_messages=REQUIRED)
    vormwens = forms.ChoiceField(label=_("Wat wil de inwoner: zorg in natura of een pgb?"),
                                 choices=Vormwens.choices, widget=forms.RadioSelect,
                                 initial=Vormwens.WEET_NIET, error_messages=REQUIRED)
    toelichting = _tekst(_("Wat vraagt de inwoner aan? (niet verplicht)"), required=False)
    onderzoek = forms.ModelChoiceField(
        label=_("Bij welk onderzoek hoort de aanvraag? (niet verplicht)"), required=False,
        queryset=Onderzoek.objects.none(), empty_label=_("Geen of weet ik niet"),
        error_messages={"invalid_choice": _("Kies een onderzoek uit de lijst.")})

    def __init__(self, *args: Any, onderzoeken: Iterable[Onderzoek], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["onderzoek"]
        veld.queryset = onderzoeken  # type: ignore[attr-defined]
        veld.label_from_instance = lambda o: _("Gesprek van %(datum)s") % {  # type: ignore[attr-defined]
            "datum": formats.date_format(o.gesprek_op, "j F Y")}


# --- Beschikking --------------------------------------------------------------------------------


class BeschikkingForm(StapForm):
    wet = forms.ChoiceField(label=_("Wet"), choices=Wet.choices, widget=forms.RadioSelect,
                            error_messages=REQUIRED)
    aanvraag = forms.ModelChoiceField(
        label=_("Op welke aanvraag? (niet verplicht)"), required=False,
        queryset=Aanvraag.objects.none(), empty_label=_("Geen aanvraag (ambtshalve)"),
        error_messages={"invalid_choice": _("Kies een aanvraag uit de lijst.")})
    motivering = _tekst(_("Motivering (kan ook later)"), required=False, rows=5, help_text=_(
        "Waarom dit besluit? De inwoner leest dit in de brief. Schrijf in gewone woorden."))

    def __init__(self, *args: Any, aanvragen: Iterable[Aanvraag], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["aanvraag"]
        veld.queryset = aanvragen  # type: ignore[attr-defined]
        veld.label_from_instance = lambda a: _("%(wet)s, ontvangen %(datum)s") % {  # type: ignore[attr-defined]
            "wet": a.get_wet_display(), "datum": formats.date_format(a.ontvangen_op, "j F Y")}


class MotiveringForm(StapForm):
    motivering = _tekst(_("Motivering"), rows=8, help_text=_(
        "Waarom dit besluit? De inwoner leest dit in de brief. Schrijf in gewone woorden."))


def _met_wachttijd(productnamen: dict[int, str]) -> Any:
    """The provider's label with the waiting time it reported per product, from its prefetched
    contracts: "Zorg Dichtbij (Begeleiding: wachttijd 3 weken)"."""

    def label(aanbieder: Zorgaanbieder) -> str:
        delen = []
        for contract in getattr(aanbieder, "geldige_contracten", []):
            product = productnamen.get(contract.product_id, "")
            if contract.wachttijd_weken is None:
                delen.append(str(_("%(product)s: wachttijd onbekend") % {"product": product}))
            else:
                delen.append(str(_("%(product)s: wachttijd %(weken)s weken") % {
                    "product": product, "weken": contract.wachttijd_weken}))
        return f"{aanbieder.naam} ({'; '.join(delen)})" if delen else aanbieder.naam

    return label


class ToekenningForm(StapForm):
    """One product line. The choices are the wet's active products and the providers with a
    contract; the service checks the rest (and names the field that is wrong)."""

    product = forms.ModelChoiceField(
        label=_("Product"), queryset=Product.objects.none(), empty_label=_("Kies een product"),
        error_messages={**REQUIRED, "invalid_choice": _(
            "Dit product hoort niet bij de wet van dit besluit. Kies een product uit de "
            "lijst.")})
    besluit = forms.ChoiceField(label=_("Besluit"), choices=Besluit.choices,
                                widget=forms.RadioSelect, initial=Besluit.TOEGEKEND,
                                error_messages=REQUIRED)
    volume = KommaDecimalField(
        label=_("Omvang"), required=False, max_digits=9, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Hoeveel, in de eenheid en per periode van het product. Bijvoorbeeld 2,5."),
        error_messages={"invalid": _("Vul een getal in, bijvoorbeeld 2,5."),
                        "max_digits": _("Dit getal is te groot."),
                        "max_decimal_places": _("Gebruik hoogstens 2 cijfers na de komma."),
                        "max_whole_digits": _("Dit getal is te groot.")})
    begindatum = _datum(_("Begindatum"), required=False)
    einddatum = _datum(_("Einddatum (niet verplicht)"), required=False, help_text=_(
        "Leeg als de ondersteuning blijvend nodig is. Bijvoorbeeld 31-12-2027."))
    levering = forms.ChoiceField(
        label=_("Hoe krijgt de inwoner de zorg?"), required=False, widget=forms.RadioSelect,
        choices=[(Levering.NATURA, _("In natura: een zorgaanbieder met een contract")),
                 (Levering.PGB, _("Als pgb: de inwoner regelt de zorg zelf"))],
        help_text=_("Niet nodig bij de Participatiewet."))
    aanbieder = forms.ModelChoiceField(
        label=_("Zorgaanbieder (bij zorg in natura)"), required=False,
        queryset=Zorgaanbieder.objects.none(), empty_label=_("Kies een zorgaanbieder"),
        help_text=_("Alleen aanbieders met een contract. Tussen haakjes de wachttijd die zij "
                    "het laatst meldden."),
        error_messages={"invalid_choice": _("Deze zorgaanbieder heeft geen contract. Kies een "
                                            "aanbieder uit de lijst.")})
    reden = _tekst(_("Reden (nodig bij afwijzen)"), required=False)

    def __init__(self, *args: Any, producten: Iterable[Product],
                 aanbieders: Iterable[Zorgaanbieder], productnamen: dict[int, str],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = producten  # type: ignore[attr-defined]
        veld = self.fields["aanbieder"]
        veld.queryset = aanbieders  # type: ignore[attr-defined]
        veld.label_from_instance = _met_wachttijd(productnamen)  # type: ignore[attr-defined]

    def regel(self) -> Regel:
        data = self.cleaned_data
        return Regel(product=data["product"], besluit=data["besluit"], volume=data["volume"],
                     begindatum=data["begindatum"], einddatum=data["einddatum"],
                     levering=data["levering"], aanbieder=data["aanbieder"],
                     reden=data["reden"])


# --- Four eyes, herziening, intrekking ----------------------------------------------------------


class RedenForm(StapForm):
    reden = _tekst(_("Reden"), max_length=2000)

    def __init__(self, *args: Any, label: Any = None, help_text: Any = "",
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reden"].label = label
        self.fields["reden"].help_text = help_text


class IntrekkenForm(StapForm):
    per = _datum(_("Ingetrokken per"), help_text=_(
        "Vanaf deze dag stopt de ondersteuning. Bijvoorbeeld 1-03-2027."))
    reden = _tekst(_("Waarom wordt het besluit ingetrokken?"), max_length=2000,
                   help_text=_("De inwoner leest dit in het bericht."))


# --- Bezwaar ------------------------------------------------------------------------------------


class BezwaarForm(StapForm):
    ontvangen_op = _datum(_("Ontvangen op"))
    toelichting = _tekst(_("Waar gaat het bezwaar over?"), rows=4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ontvangen_op"].initial = timezone.localdate()


class BezwaarBeslissenForm(StapForm):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=BezwaarUitkomst.choices,
                                 widget=forms.RadioSelect, error_messages=REQUIRED)
    besloten_op = _datum(_("Beslist op"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["besloten_op"].initial = timezone.localdate()

