"""Password rules: Django's four validators, with messages in plain Dutch (Django 5.2's own
Dutch catalogue misses the length message) and a minimum length that can be higher for staff.
"""

from typing import Any

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """At least `min_length` characters; `staff_min_length` for staff accounts.

    Residents keep `min_length`; staff passwords guard case files, so a municipality's policy
    may ask more of them (setting WACHTWOORD_MIN_LENGTE_MEDEWERKER).
    """

    def __init__(self, min_length: int = 12, staff_min_length: int | None = None) -> None:
        super().__init__(min_length=min_length)
        self.staff_min_length = max(staff_min_length or min_length, min_length)

    def validate(self, password: str, user: Any = None) -> None:
        if getattr(user, "is_medewerker", False) and self.staff_min_length > self.min_length:
            # A fresh validator: this instance is shared between threads.
            MinimumLengthValidator(self.staff_min_length).validate(password, user)
        else:
            super().validate(password, user)

    def get_error_message(self) -> str:
        return ngettext("Dit wachtwoord is te kort. Gebruik minstens %(n)d teken.",
                        "Dit wachtwoord is te kort. Gebruik minstens %(n)d tekens.",
                        self.min_length) % {"n": self.min_length}

    def get_help_text(self) -> str:
        return ngettext("Minstens %(n)d teken.", "Minstens %(n)d tekens.",
                        self.min_length) % {"n": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord gebruiken veel mensen. Kies een ander wachtwoord.")

    def get_help_text(self) -> str:
        return _("Geen wachtwoord dat veel mensen gebruiken.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord heeft alleen cijfers. Gebruik ook letters of andere tekens.")

    def get_help_text(self) -> str:
        return _("Niet alleen cijfers.")


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Dit wachtwoord lijkt te veel op uw %(verbose_name)s. Kies een ander "
                 "wachtwoord.")

    def get_help_text(self) -> str:
        return _("Niet te veel zoals uw naam, gebruikersnaam of e-mailadres.")
