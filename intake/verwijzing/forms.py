"""Forms for referrals: shape and validation of input only.

- `VerwijzingForm` (in `intake.wizard.forms`, a step of the staff-filed request): who
  referred the resident, as a professional types in a referral received by phone or post.
- `VerwijsFormulier`: the referrer's own form in its portal. The resident's details reuse the
  online intake's step forms (their fields and validation), worded for someone who writes
  about another person; the referrer's details come from its account.
- `VerwijzerForm`, `VerwijzerAanmaakForm`: the functioneel beheerder's forms in the admin.
"""

import uuid
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from toegang.accounts.models import Rol, User
from toegang.core.validators import agb_code_clean

from ..gegevens import IntakeGegevens, VerwijzingGegevens
from ..models import OntvangenVia, Urgentie, Verwijzer, VerwijzerSoort
from ..wizard.forms import (
    AKKOORD_LABEL,
    ContactForm,
    LevensgebiedenForm,
    OverUForm,
    VeiligheidForm,
    VraagForm,
    persoon_field,
    telefoon_clean,
    telefoon_field,
)

# The online intake's questions speak to the resident ("uw"); a referrer writes about someone
# else. Same fields and checks, other words: labels here, messages by (field, code) below.
INWONER_LABELS = {
    "geen_vast_adres": _("De inwoner heeft geen vast adres"),
    "bsn": _("Burgerservicenummer (BSN) van de inwoner (niet verplicht)"),
    "vraag": _("Wat is de vraag van de inwoner? Waarom verwijst u?"),
    "over_kind": _("Gaat de vraag (ook) over een kind?"),
    "levensgebieden": _("Waar gaat de vraag over?"),
    "veiligheid": _("Is iedereen in het huis van de inwoner op dit moment veilig?"),
    "veiligheid_toelichting": _("Toelichting over de veiligheid (niet verplicht)"),
    "urgentie": _("Hoe snel is hulp nodig?"),
    "telefoon": _("Telefoonnummer van de inwoner"),
    "email": _("E-mailadres van de inwoner"),
    "contact_voorkeur": _("Hoe neemt het team het liefst contact op met de inwoner?"),
    "dagdelen": _("Wanneer is de inwoner het beste te bereiken? (niet verplicht)"),
}
INWONER_HULPTEKSTEN = {
    "bsn": _("Alleen als u het weet."),
    "vraag": _("Schrijf op wat er aan de hand is en waar de inwoner hulp bij wil."),
    "email": _("De inwoner krijgt hierop een bevestiging met de referentie."),
}
INWONER_MELDINGEN = {
    ("voornaam", "required"): _("Vul de voornaam van de inwoner in."),
    ("achternaam", "required"): _("Vul de achternaam van de inwoner in."),
    ("geboortedatum", "required"): _("Vul de geboortedatum van de inwoner in."),
    ("geboortedatum", "toekomst"): _("De geboortedatum kan niet in de toekomst liggen."),
    ("geboortedatum", "oud"): _("Controleer het jaar van de geboortedatum."),
    ("straat", "adres"): _("Vul het adres van de inwoner in, of kruis aan dat de inwoner geen "
                           "vast adres heeft."),
    ("postcode", "adres"): _("Vul het adres van de inwoner in, of kruis aan dat de inwoner "
                             "geen vast adres heeft."),
    ("woonplaats", "adres"): _("Vul het adres van de inwoner in, of kruis aan dat de inwoner "
                               "geen vast adres heeft."),
    ("vraag", "required"): _("Schrijf op wat de vraag van de inwoner is."),
    ("telefoon", "nodig"): _("Vul het telefoonnummer van de inwoner in, of kies een andere "
                             "manier."),
    ("email", "nodig"): _("Vul het e-mailadres van de inwoner in, of kies een andere manier."),
}
SLEUTEL_ONGELDIG = _("Het formulier was niet compleet. Controleer de gegevens en verstuur het "
                     "opnieuw.")


class VerwijsFormulier(OverUForm, VraagForm, LevensgebiedenForm, VeiligheidForm, ContactForm):
    """The referrer's form: the resident's details (the online intake's step forms, whose
    fields and checks it inherits), the contact person, and the statement that the resident
    agreed (required).

    `VerwijsFormulier(data=None, *, verwijzer)`. The referrer's organisation, kind and AGB
    code come from `verwijzer`; its contact person and phone start from the account and may be
    changed per referral. A hidden key (`sleutel`) makes a double click send one referral; a
    missing or broken key is replaced by a fresh one and the form asks to send again.
    """

    verwijzer_persoon = persoon_field(_("Contactpersoon voor deze verwijzing"), required=True)
    verwijzer_telefoon = telefoon_field(
        _("Telefoonnummer voor vragen over deze verwijzing (niet verplicht)"),
        help_text=_("Het team belt dit nummer als het vragen heeft over de verwijzing."))
    inwoner_akkoord = forms.BooleanField(
        label=AKKOORD_LABEL,
        error_messages={"required": _("Kruis aan dat de inwoner van deze verwijzing weet en "
                                      "het ermee eens is. Zonder dat kunt u niet verwijzen.")})
    sleutel = forms.UUIDField(widget=forms.HiddenInput)

    field_order = [
        "voornaam", "achternaam", "geboortedatum", "bsn", "geen_vast_adres", "straat",
        "postcode", "woonplaats", "telefoon", "email", "contact_voorkeur", "dagdelen", "vraag",
        "over_kind", "levensgebieden", "veiligheid", "veiligheid_toelichting", "urgentie",
        "verwijzer_persoon", "verwijzer_telefoon", "inwoner_akkoord", "sleutel",
    ]
    # Grouped on the page in this order (the field order above follows it, so the error
    # summary lists mistakes in the order of the page).
    GROEPEN = [
        ("inwoner", _("Over de inwoner"), ["voornaam", "achternaam", "geboortedatum", "bsn",
                                           "geen_vast_adres", "straat", "postcode",
                                           "woonplaats"]),
        ("contact", _("Contact met de inwoner"), ["telefoon", "email", "contact_voorkeur",
                                                  "dagdelen"]),
        ("vraag", _("De vraag"), ["vraag", "over_kind", "levensgebieden"]),
        ("veiligheid", _("Veiligheid en haast"), ["veiligheid", "veiligheid_toelichting",
                                                  "urgentie"]),
        ("verwijzer", _("Uw gegevens"), ["verwijzer_persoon", "verwijzer_telefoon"]),
    ]

    def __init__(self, *args: Any, verwijzer: Verwijzer, **kwargs: Any) -> None:
        self.verwijzer = verwijzer
        initial = {"verwijzer_persoon": verwijzer.user.get_full_name(),
                   "verwijzer_telefoon": verwijzer.telefoon, "sleutel": uuid.uuid4(),
                   **(kwargs.pop("initial", None) or {})}
        super().__init__(*args, initial=initial, **kwargs)
        # A signed-in referrer needs no honeypot, and files are not sent with a referral.
        del self.fields["website"]
        del self.fields["bestanden"]
        for name, label in INWONER_LABELS.items():
            self.fields[name].label = label
        for name, help_text in INWONER_HULPTEKSTEN.items():
            self.fields[name].help_text = help_text
        self.fields["urgentie"].choices = [  # type: ignore[attr-defined]
            (Urgentie.NORMAAL, _("Het kan een paar dagen wachten")),
            (Urgentie.URGENT, _("Het is dringend: de inwoner heeft snel hulp nodig"))]
        # These are another person's details: the browser must not offer the referrer's own
        # name, birthday or address (autocomplete describes the user's own data).
        for name in ("voornaam", "achternaam", "geboortedatum", "straat", "postcode",
                     "woonplaats", "telefoon", "email"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.sleutel_vervangen = False
        sleutel = self.add_prefix("sleutel")
        if self.is_bound and not _is_uuid(self.data.get(sleutel)):
            data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict or a dict
            data[sleutel] = str(uuid.uuid4())
            self.data = data
            self.sleutel_vervangen = True

    def add_error(self, field: str | None, error: Any) -> None:
        if field is not None and isinstance(error, ValidationError) \
                and not hasattr(error, "error_dict"):
            error = ValidationError([
                ValidationError(INWONER_MELDINGEN[(field, e.code or "")], code=e.code)
                if (field, e.code or "") in INWONER_MELDINGEN else e
                for e in error.error_list])
        super().add_error(field, error)

    def clean_verwijzer_telefoon(self) -> str:
        return telefoon_clean(self.cleaned_data["verwijzer_telefoon"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.sleutel_vervangen:
            self.add_error(None, ValidationError(SLEUTEL_ONGELDIG, code="sleutel"))
        return data

    def groepen(self) -> list[tuple[str, Any, list[forms.BoundField]]]:
        """Each group on the page: its key, its title and its bound fields."""
        return [(key, titel, [self[name] for name in names])
                for key, titel, names in self.GROEPEN]

    def gegevens(self) -> IntakeGegevens:
        """What the referral says, with the referrer's details as typed; the organisation,
        kind and AGB code are the account's (the service sets them again)."""
        data = self.cleaned_data
        tijden = dict(self.fields["dagdelen"].choices)  # type: ignore[attr-defined]
        with translation.override("nl"):  # stored text, in the product's language
            contact_tijden = ", ".join(str(tijden.get(d, d)) for d in data["dagdelen"])
        return IntakeGegevens(
            voornaam=data["voornaam"], achternaam=data["achternaam"],
            geboortedatum=data["geboortedatum"], bsn=data["bsn"],
            geen_vast_adres=data["geen_vast_adres"], straat=data["straat"],
            postcode=data["postcode"], woonplaats=data["woonplaats"], vraag=data["vraag"],
            over_kind=data["over_kind"] == "ja", levensgebieden=list(data["levensgebieden"]),
            urgentie=data["urgentie"], veiligheid=data["veiligheid"],
            veiligheid_toelichting=data["veiligheid_toelichting"], telefoon=data["telefoon"],
            email=data["email"], contact_voorkeur=data["contact_voorkeur"],
            contact_tijden=contact_tijden,
            verwijzing=VerwijzingGegevens(
                soort=self.verwijzer.soort, organisatie=self.verwijzer.organisatie,
                ontvangen_via=OntvangenVia.FORMULIER, persoon=data["verwijzer_persoon"],
                telefoon=data["verwijzer_telefoon"], agb_code=self.verwijzer.agb_code,
                inwoner_akkoord=data["inwoner_akkoord"], verwijzer_id=self.verwijzer.pk))


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# --- The functioneel beheerder's forms (admin) -----------------------------------------------


class VerwijzerForm(forms.ModelForm):
    """A referrer's organisation details; the AGB code is checked for the kind of referrer."""

    # Wider than the stored eight digits: people type '01 12 34 56'.
    agb_code = forms.CharField(label=_("AGB-code"), required=False, max_length=20,
                               help_text=_("8 cijfers. De AGB-code van een huisarts begint "
                                           "met 01. Niet verplicht voor andere verwijzers."))
    telefoon = forms.CharField(label=_("Telefoonnummer"), required=False, max_length=20)

    class Meta:
        model = Verwijzer
        fields = ["organisatie", "soort", "agb_code", "telefoon"]

    def clean_telefoon(self) -> str:
        return telefoon_clean(self.cleaned_data["telefoon"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "agb_code" not in self.errors:
            try:
                data["agb_code"] = agb_code_clean(
                    data.get("agb_code", ""), huisarts=data.get("soort") == VerwijzerSoort.HUISARTS)
            except ValidationError as exc:
                self.add_error("agb_code", exc)
        return data


class VerwijzerAanmaakForm(VerwijzerForm):
    """A new referrer in one go: its account (name, e-mail, first password) and organisation.
    The account sets up its authenticator app at its first login."""

    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    first_name = forms.CharField(label=_("Voornaam contactpersoon"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam contactpersoon"), max_length=150)
    password1 = forms.CharField(label=_("Eerste wachtwoord"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Eerste wachtwoord nog een keer"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    class Meta(VerwijzerForm.Meta):
        fields = ["username", "email", "first_name", "last_name", "password1", "password2",
                  "organisatie", "soort", "agb_code", "telefoon"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Deze gebruikersnaam bestaat al. Kies een andere."),
                                  code="bestaat")
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        een, twee = data.get("password1"), data.get("password2")
        if een and twee and een != twee:
            self.add_error("password2", ValidationError(
                _("De twee wachtwoorden zijn niet hetzelfde."), code="verschillend"))
        elif een:
            kandidaat = User(username=data.get("username", ""), email=data.get("email", ""),
                             first_name=data.get("first_name", ""),
                             last_name=data.get("last_name", ""), rol=Rol.VERWIJZER)
            try:
                validate_password(een, kandidaat)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data
