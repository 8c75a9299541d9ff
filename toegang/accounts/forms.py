from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import STAFF_ROLES, Rol


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
