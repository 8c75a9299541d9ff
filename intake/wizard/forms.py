"""One form per step of the online intake. Shape and validation only."""

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toegang.core.bsn import bsn_is_valid, bsn_normalise
from toegang.core.domein import Levensgebied
from toegang.core.validators import (
    agb_code_clean,
    clean_text,
    no_markup,
    normalise_phone,
    normalise_postcode,
    validate_name,
)

from ..forms import MultipleFileField
from ..gegevens import VerwijzingGegevens
from ..models import ContactVoorkeur, OntvangenVia, Relatie, Urgentie, Veiligheid, VerwijzerSoort

KORT = 100
LANG = 5000

JA_NEE = [("ja", _("Ja")), ("nee", _("Nee"))]


def _too_long(limit: int) -> dict[str, Any]:
    return {"max_length": _("Dit is te lang: maximaal %(limit_value)d tekens (u heeft er "
                            "%(show_value)d).")}


class StapForm(forms.Form):
    """Every text a resident types is cleaned of control characters and refused when it
    looks like computer code."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            value = data.get(name)
            if isinstance(field, forms.CharField) and isinstance(value, str):
                data[name] = clean_text(value)
                try:
                    no_markup(data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)
        return data


def _tekst(label: Any, *, required: bool = False, max_length: int = KORT, rows: int = 0,
           help_text: Any = "", **kwargs: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=widget, help_text=help_text,
                           error_messages={"required": _("Dit veld is nodig om verder te gaan."),
                                           **_too_long(max_length)}, **kwargs)


def parse_datum(value: str) -> date:
    value = (value or "").strip()
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%d %m %Y", "%d.%m.%Y", "%Y-%m-%d", "%d%m%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("Vul de datum in als dag-maand-jaar, bijvoorbeeld 31-12-1980."),
                          code="datum")


class OverUForm(StapForm):
    voornaam = _tekst(_("Voornaam"), required=True)
    achternaam = _tekst(_("Achternaam"), required=True, max_length=150)
    geboortedatum = forms.CharField(
        label=_("Geboortedatum"), max_length=12,
        help_text=_("Dag-maand-jaar, bijvoorbeeld 31-12-1980."),
        error_messages={"required": _("Vul uw geboortedatum in."), **_too_long(12)})
    bsn = forms.CharField(label=_("Burgerservicenummer (BSN) (niet verplicht)"), required=False,
                          max_length=12, error_messages=_too_long(12),
                          help_text=_("Staat op uw paspoort of ID-kaart. Als u het invult, "
                                      "hoeven we het niet later te vragen."))
    geen_vast_adres = forms.BooleanField(label=_("Ik heb geen vast adres"), required=False)
    straat = _tekst(_("Straat en huisnummer"), max_length=200)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=8,
                               help_text=_("Bijvoorbeeld 7511 AB."), error_messages=_too_long(8))
    woonplaats = _tekst(_("Woonplaats"))
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voornaam"].validators.append(validate_name)
        self.fields["achternaam"].validators.append(validate_name)
        autocomplete = {"voornaam": "given-name", "achternaam": "family-name",
                        "geboortedatum": "bday", "straat": "street-address",
                        "postcode": "postal-code", "woonplaats": "address-level2"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["bsn"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_geboortedatum(self) -> date:
        geboren = parse_datum(self.cleaned_data["geboortedatum"])
        if geboren > timezone.localdate():
            raise ValidationError(_("Uw geboortedatum kan niet in de toekomst liggen."),
                                  code="toekomst")
        if geboren.year < 1900:
            raise ValidationError(_("Controleer het jaar van uw geboortedatum."), code="oud")
        return geboren

    def clean_bsn(self) -> str:
        value = bsn_normalise(self.cleaned_data["bsn"])
        if value and not bsn_is_valid(value):
            raise ValidationError(_("Dit burgerservicenummer klopt niet. Controleer de 9 "
                                    "cijfers, of laat het veld leeg."), code="bsn")
        return value

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        return normalise_postcode(value) if value.strip() else ""

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise ValidationError(_("Er ging iets mis. Probeer het opnieuw."), code="honeypot")
        return ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("geen_vast_adres"):
            for name in ("straat", "postcode", "woonplaats"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, ValidationError(
                        _("Vul uw adres in, of kruis aan dat u geen vast adres heeft."),
                        code="adres"))
        return data


class HuishoudlidForm(StapForm):
    relatie = forms.ChoiceField(label=_("Wie is dit voor u?"),
                                choices=[("", _("Kies…")), *Relatie.choices], required=False,
                                error_messages={"invalid_choice": _("Kies uit de lijst.")})
    naam = _tekst(_("Voornaam"))
    geboortejaar = forms.IntegerField(label=_("Geboortejaar"), required=False,
                                      error_messages={"invalid": _("Vul een jaartal in, "
                                                                   "bijvoorbeeld 2012.")})
    vraag_gaat_over = forms.BooleanField(label=_("Mijn vraag gaat ook over deze persoon"),
                                         required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["naam"].validators.append(validate_name)
        self.fields["geboortejaar"].widget.attrs["inputmode"] = "numeric"

    def clean_geboortejaar(self) -> int | None:
        jaar = self.cleaned_data.get("geboortejaar")
        if jaar is not None and not 1900 <= jaar <= timezone.localdate().year:
            raise ValidationError(_("Vul een geboortejaar in tussen 1900 en nu."), code="jaar")
        return jaar

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = [data.get("relatie"), data.get("naam"), data.get("geboortejaar")]
        if any(v not in (None, "") for v in filled):
            for name in ("relatie", "naam", "geboortejaar"):
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, ValidationError(
                        _("Vul dit ook in, of maak de hele regel leeg."), code="regel"))
        return data

    @property
    def is_leeg(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("relatie") or data.get("naam") or data.get("geboortejaar"))


class BaseHuishoudenFormSet(forms.BaseFormSet):
    def leden(self) -> list[dict[str, Any]]:
        return [f.cleaned_data for f in self.forms if not f.is_leeg]


HuishoudenFormSet = forms.formset_factory(HuishoudlidForm, formset=BaseHuishoudenFormSet,
                                          extra=0, max_num=15, validate_max=True)


class VraagForm(StapForm):
    vraag = _tekst(_("Wat is uw vraag? Schrijf het in uw eigen woorden."), required=True,
                   max_length=LANG, rows=8,
                   help_text=_("Schrijf op wat er aan de hand is en waar u hulp bij wilt. "
                               "Het hoeft niet mooi of lang te zijn."))
    over_kind = forms.ChoiceField(label=_("Gaat uw vraag (ook) over een kind?"), choices=JA_NEE,
                                  widget=forms.RadioSelect,
                                  error_messages={"required": _("Kies ja of nee.")})
    bestanden = MultipleFileField(label=_("Bestanden meesturen (niet verplicht)"),
                                  required=False,
                                  help_text=_("Bijvoorbeeld een brief. PDF, JPG of PNG, maximaal "
                                              "10 MB per bestand."))


class LevensgebiedenForm(StapForm):
    levensgebieden = forms.MultipleChoiceField(
        label=_("Waar gaat uw vraag over?"), help_text=_("Kies wat past. Het mag ook niets zijn."),
        choices=Levensgebied.choices, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies alleen uit de onderwerpen in de lijst.")})


class GoedForm(StapForm):
    wat_gaat_goed = _tekst(_("Wat gaat er goed?"), max_length=LANG, rows=4,
                           help_text=_("Bijvoorbeeld: waar bent u goed in, wat lukt wel?"))
    wie_helpt = _tekst(_("Wie helpt u al?"), max_length=LANG, rows=4,
                       help_text=_("Bijvoorbeeld familie, buren, vrienden, de huisarts."))


class WensForm(StapForm):
    wens = _tekst(_("Wat zou u graag willen?"), max_length=LANG, rows=5,
                  help_text=_("Hoe ziet het eruit als het beter gaat?"))


class VeiligheidForm(StapForm):
    veiligheid = forms.ChoiceField(
        label=_("Is iedereen in uw huis op dit moment veilig?"), choices=Veiligheid.choices,
        widget=forms.RadioSelect, error_messages={"required": _("Kies een antwoord.")})
    veiligheid_toelichting = _tekst(_("Wilt u er iets over vertellen? (niet verplicht)"),
                                    max_length=LANG, rows=3)
    urgentie = forms.ChoiceField(
        label=_("Hoe snel heeft u hulp nodig?"), widget=forms.RadioSelect,
        choices=[(Urgentie.NORMAAL, _("Het kan een paar dagen wachten")),
                 (Urgentie.URGENT, _("Het is dringend: ik heb snel hulp nodig"))],
        error_messages={"required": _("Kies een antwoord.")})


class ContactForm(StapForm):
    telefoon = forms.CharField(label=_("Telefoonnummer"), required=False, max_length=20,
                               error_messages=_too_long(20))
    email = forms.EmailField(label=_("E-mailadres"), required=False, max_length=254,
                             help_text=_("Hierop krijgt u een bevestiging van uw aanvraag."),
                             error_messages={"invalid": _("Vul een e-mailadres in zoals "
                                                          "naam@voorbeeld.nl.")})
    contact_voorkeur = forms.ChoiceField(
        label=_("Hoe nemen we het liefst contact met u op?"), choices=ContactVoorkeur.choices,
        widget=forms.RadioSelect, error_messages={"required": _("Kies een manier.")})
    dagdelen = forms.MultipleChoiceField(
        label=_("Wanneer kunnen we u het beste bereiken? (niet verplicht)"), required=False,
        choices=[("ochtend", _("'s ochtends")), ("middag", _("'s middags")),
                 ("avond", _("'s avonds (tot 20.00 uur)"))], widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, geen_adres: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.geen_adres = geen_adres  # no fixed address (step "Over u"): no letters
        self.fields["telefoon"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_telefoon(self) -> str:
        value = self.cleaned_data["telefoon"]
        return normalise_phone(value) if value.strip() else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        voorkeur = data.get("contact_voorkeur")
        if voorkeur == ContactVoorkeur.TELEFOON and not data.get("telefoon") \
                and "telefoon" not in self.errors:
            self.add_error("telefoon", ValidationError(
                _("Vul uw telefoonnummer in, of kies een andere manier."), code="nodig"))
        if voorkeur == ContactVoorkeur.EMAIL and not data.get("email") \
                and "email" not in self.errors:
            self.add_error("email", ValidationError(
                _("Vul uw e-mailadres in, of kies een andere manier."), code="nodig"))
        if voorkeur == ContactVoorkeur.BRIEF and self.geen_adres:
            self.add_error("contact_voorkeur", ValidationError(
                _("U heeft geen vast adres opgegeven, dus een brief kan niet aankomen. Kies "
                  "bellen of e-mail."), code="geen_adres"))
        return data


NIET_GEVRAAGD = "niet_gevraagd"


class ToestemmingForm(StapForm):
    """Built for the wetten the resident is asked about: each a separate yes or no.

    Filled in by a professional for the resident (`namens`): the professional reads each text
    out, records the answer given aloud and how (on the phone or in person), and may leave a
    question for later ("niet gevraagd"); then the resident answers in Mijn toegang."""

    def __init__(self, *args: Any, vragen: list[Any], nodig_kind: bool, nodig_ouder: bool,
                 namens: bool = False, wijze: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vragen = vragen
        self.nodig_kind = nodig_kind
        self.nodig_ouder = nodig_ouder
        self.namens = namens
        keuzes = [*JA_NEE, (NIET_GEVRAAGD, _("Niet gevraagd"))] if namens else JA_NEE
        for vraag in vragen:
            self.fields[f"toestemming_{vraag.wet}"] = forms.ChoiceField(
                label=vraag.vraag, choices=keuzes, widget=forms.RadioSelect,
                help_text=vraag.uitleg, error_messages={"required": _("Kies ja of nee.")
                                                        if not namens else
                                                        _("Kies ja, nee of niet gevraagd.")})
            self.fields[f"versie_{vraag.wet}"] = forms.IntegerField(widget=forms.HiddenInput,
                                                                    initial=vraag.versie)
        if vragen and nodig_kind:
            self.fields["kind_akkoord"] = forms.BooleanField(
                label=_("De jongere (12 tot 16 jaar) is het er zelf ook mee eens"),
                required=False)
        if vragen and nodig_ouder:
            self.fields["ouder_akkoord"] = forms.BooleanField(
                label=_("Een ouder of voogd geeft ook toestemming"), required=False)
            self.fields["ouder_naam"] = _tekst(_("Naam van de ouder of voogd"), max_length=200)
        if vragen and namens:
            self.fields["wijze"] = forms.ChoiceField(
                label=_("Hoe gaf de inwoner antwoord?"), widget=forms.RadioSelect,
                initial=wijze, choices=[("telefonisch", _("Aan de telefoon")),
                                        ("persoonlijk", _("Persoonlijk (balie of bij de inwoner "
                                                          "thuis)"))],
                error_messages={"required": _("Kies hoe de inwoner antwoord gaf.")})
            self.fields["voorgelezen"] = forms.BooleanField(
                label=_("Ik heb de tekst van elke vraag voorgelezen zoals hij hier staat, en het "
                        "antwoord van de inwoner ingevuld."), required=False)

    def beantwoord(self, data: dict[str, Any]) -> bool:
        """Whether the resident said yes or no to at least one question."""
        return any(data.get(f"toestemming_{v.wet}") in ("ja", "nee") for v in self.vragen)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if any(data.get(f"toestemming_{v.wet}") == "ja" for v in self.vragen):
            if self.nodig_kind and not data.get("kind_akkoord"):
                self.add_error("kind_akkoord", ValidationError(
                    _("Voor jongeren van 12 tot 16 jaar moeten de jongere en een ouder allebei "
                      "ja zeggen. Zeg anders nee."), code="kind"))
            if self.nodig_ouder:
                if not data.get("ouder_akkoord"):
                    self.add_error("ouder_akkoord", ValidationError(
                        _("Voor een kind jonger dan 16 jaar moet ook een ouder of voogd ja "
                          "zeggen. Zeg anders nee."), code="ouder"))
                if not data.get("ouder_naam") and "ouder_naam" not in self.errors:
                    self.add_error("ouder_naam", ValidationError(
                        _("Vul de naam van de ouder of voogd in."), code="ouder_naam"))
        if self.namens and self.beantwoord(data) and not data.get("voorgelezen"):
            self.add_error("voorgelezen", ValidationError(
                _("Lees de tekst voor voordat u het antwoord vastlegt, en vink dit dan aan."),
                code="voorgelezen"))
        return data


class BewaarLinkForm(forms.Form):
    email = forms.EmailField(label=_("Stuur de link naar dit e-mailadres"), max_length=254,
                             error_messages={"invalid": _("Vul een e-mailadres in zoals "
                                                          "naam@voorbeeld.nl."),
                                             "required": _("Vul een e-mailadres in.")})


# --- Who referred the resident (a step of the staff-filed request) ------------------------

AKKOORD_LABEL = _("De inwoner weet van deze verwijzing en is het ermee eens")


def telefoon_clean(value: str) -> str:
    return normalise_phone(value) if value.strip() else ""


def persoon_field(label: Any, *, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=200, validators=[validate_name],
        error_messages={"required": _("Vul de naam van de contactpersoon in."),
                        "max_length": _("Dit is te lang: maximaal %(limit_value)d tekens.")})


def telefoon_field(label: Any, *, help_text: Any = "") -> forms.CharField:
    field = forms.CharField(label=label, required=False, max_length=20, help_text=help_text,
                            error_messages={"max_length": _("Dit is te lang: maximaal "
                                                            "%(limit_value)d tekens.")})
    field.widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})
    return field


class VerwijzingForm(StapForm):
    """Who referred the resident, as a professional types it in from a phone call or a letter.

    A plain form: `VerwijzingForm(data=None, *, prefix=None, **form_kwargs)`. Use a prefix
    when it shares a page with the intake's own fields. `cleaned_data` holds:

    - `soort` (str): a `VerwijzerSoort` value;
    - `organisatie` (str): the referrer's organisation, required;
    - `persoon` (str): the person who referred, may be '';
    - `telefoon` (str): ten digits ('0612345678') or '';
    - `agb_code` (str): eight digits or '' (optional; a huisarts's starts with 01);
    - `inwoner_akkoord` (bool): the referrer said the resident knows and agrees;
    - `ontvangen_via` (str): `OntvangenVia.TELEFOON` or `OntvangenVia.POST`.

    `gegevens()` turns a valid form into the `VerwijzingGegevens` that `intake_submit` stores.
    """

    soort = forms.ChoiceField(label=_("Wie verwijst?"),
                              choices=[("", _("Kies…")), *VerwijzerSoort.choices],
                              error_messages={"required": _("Kies wie de inwoner verwijst."),
                                              "invalid_choice": _("Kies uit de lijst.")})
    organisatie = forms.CharField(
        label=_("Naam van de organisatie of praktijk"), max_length=200,
        error_messages={"required": _("Vul de naam van de organisatie of praktijk in."),
                        "max_length": _("Dit is te lang: maximaal %(limit_value)d tekens.")})
    persoon = persoon_field(_("Naam van de verwijzer (niet verplicht)"), required=False)
    telefoon = telefoon_field(_("Telefoonnummer van de verwijzer (niet verplicht)"))
    agb_code = forms.CharField(
        label=_("AGB-code (niet verplicht)"), required=False, max_length=20,
        help_text=_("8 cijfers. De AGB-code van een huisarts begint met 01."),
        error_messages={"max_length": _("Een AGB-code bestaat uit 8 cijfers, bijvoorbeeld "
                                        "01123456.")})
    inwoner_akkoord = forms.BooleanField(label=AKKOORD_LABEL, required=False)
    ontvangen_via = forms.ChoiceField(
        label=_("Hoe kwam de verwijzing binnen?"), widget=forms.RadioSelect,
        choices=[(OntvangenVia.TELEFOON, OntvangenVia.TELEFOON.label),
                 (OntvangenVia.POST, OntvangenVia.POST.label)],
        error_messages={"required": _("Kies hoe de verwijzing binnenkwam."),
                        "invalid_choice": _("Kies telefoon of post.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agb_code"].widget.attrs.update({"inputmode": "numeric",
                                                     "autocomplete": "off"})

    def clean_telefoon(self) -> str:
        return telefoon_clean(self.cleaned_data["telefoon"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "agb_code" not in self.errors:
            try:
                data["agb_code"] = agb_code_clean(
                    data.get("agb_code", ""), huisarts=data.get("soort") == VerwijzerSoort.HUISARTS)
            except ValidationError as exc:
                self.add_error("agb_code", exc)
        return data

    def gegevens(self, *, verwijzer_id: int | None = None) -> VerwijzingGegevens:
        data = self.cleaned_data
        return VerwijzingGegevens(
            soort=data["soort"], organisatie=data["organisatie"], persoon=data["persoon"],
            telefoon=data["telefoon"], agb_code=data["agb_code"],
            inwoner_akkoord=data["inwoner_akkoord"], ontvangen_via=data["ontvangen_via"],
            verwijzer_id=verwijzer_id)
