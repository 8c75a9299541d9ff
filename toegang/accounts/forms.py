from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from toegang.berichten.services import email_queue

from .models import STAFF_ROLES, Rol, User


class _RoleLoginForm(AuthenticationForm):
    allowed_roles: frozenset[str] = frozenset()

    error_messages = {
        "invalid_login": _("Deze combinatie van inlognaam en wachtwoord kennen we niet. "
                           "Let op hoofdletters en kleine letters."),
        "inactive": _("Dit account is uitgezet. Neem contact op met de gemeente."),
    }

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if user.rol not in self.allowed_roles:
            # The same message as a wrong password: the page must not tell which accounts exist.
            raise forms.ValidationError(self.error_messages["invalid_login"],
                                        code="invalid_login")


class ResidentLoginForm(_RoleLoginForm):
    allowed_roles = frozenset({Rol.INWONER})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mailadres")
        self.fields["username"].widget.attrs.update({"autocomplete": "email"})
        self.fields["password"].label = _("Wachtwoord")


class StaffLoginForm(_RoleLoginForm):
    allowed_roles = STAFF_ROLES

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam of e-mailadres")
        self.fields["password"].label = _("Wachtwoord")


class RegistratieForm(forms.Form):
    """A resident's own account: name, e-mail address and a password typed twice."""

    voornaam = forms.CharField(label=_("Voornaam"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150,
                                 widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254,
        help_text=_("Hier sturen wij een link naar. Met die link zet u uw account aan."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password1 = forms.CharField(
        label=_("Wachtwoord"), strip=False,
        help_text=_("Minimaal 12 tekens. Kies een wachtwoord dat u nergens anders gebruikt."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Wachtwoord nog een keer"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    error_messages = {
        "password_mismatch": _("De twee wachtwoorden zijn niet hetzelfde. Typ ze opnieuw."),
    }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", forms.ValidationError(
                self.error_messages["password_mismatch"], code="password_mismatch"))
        elif password1:
            probe = User(first_name=cleaned.get("voornaam", ""),
                         last_name=cleaned.get("achternaam", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class InwonerPasswordResetForm(PasswordResetForm):
    """Django's reset form, for residents only, sending through our e-mail outbox."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres")

    def get_users(self, email: str) -> Iterator[Any]:
        # Staff reset their password through the functioneel beheerder.
        return (user for user in super().get_users(email) if user.rol == Rol.INWONER)

    def send_mail(self, subject_template_name: str, email_template_name: str,
                  context: dict[str, Any], from_email: str | None, to_email: str,
                  html_email_template_name: str | None = None) -> None:
        path = reverse("accounts:password_reset_confirm",
                       kwargs={"uidb64": context["uid"], "token": context["token"]})
        with translation.override("nl"):
            onderwerp = gettext("Een nieuw wachtwoord kiezen")
        email_queue(aan=to_email, onderwerp=onderwerp,
                    template="berichten/email/wachtwoord_herstellen",
                    context={"naam": context["user"].first_name,
                             "url": f"{settings.SITE_URL}{path}",
                             "inloggen_url": f"{settings.SITE_URL}{reverse('accounts:login')}"})


class TweestapsCodeForm(forms.Form):
    """The code from the authenticator app, or one of the backup codes."""

    code = forms.CharField(
        label=_("Code"), max_length=20, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autocapitalize": "off", "spellcheck": "false"}))

    def __init__(self, *args: Any, reservecode: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            _("De 6 cijfers uit de app. Telefoon kwijt? Vul dan een van uw reservecodes in.")
            if reservecode else _("De 6 cijfers die de app nu laat zien."))
