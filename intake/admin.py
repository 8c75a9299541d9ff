"""The intake app in the admin: only the referrer organisations (configuration). Intakes and
referrals are case content and are never shown here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Verwijzer
from .verwijzing.forms import VerwijzerAanmaakForm, VerwijzerForm
from .verwijzing.services import verwijzer_create


@admin.register(Verwijzer)
class VerwijzerAdmin(admin.ModelAdmin):
    """A referrer is made here in one go (account and organisation, `verwijzer_create`); the
    account itself (switching it off, resetting its app, unlocking) is under Gebruikers."""

    list_display = ["organisatie", "soort", "agb_code", "gebruikersnaam", "email", "actief"]
    list_filter = ["soort", "user__is_active"]
    search_fields = ["organisatie", "agb_code", "user__username", "user__email"]
    list_select_related = ["user"]
    form = VerwijzerForm
    add_form = VerwijzerAanmaakForm
    fieldsets = (
        (_("Organisatie"), {"fields": ("organisatie", "soort", "agb_code", "telefoon")}),
        (_("Account"), {"fields": ("account",)}),
    )
    add_fieldsets = (
        (_("Account"), {"fields": ("username", "email", "first_name", "last_name",
                                   "password1", "password2"),
                        "description": _("De verwijzer logt in op de inlogpagina voor "
                                         "medewerkers en stelt bij de eerste keer een "
                                         "authenticator-app in.")}),
        (_("Organisatie"), {"fields": ("organisatie", "soort", "agb_code", "telefoon")}),
    )
    readonly_fields = ["account"]

    @admin.display(description=_("gebruikersnaam"), ordering="user__username")
    def gebruikersnaam(self, obj: Verwijzer) -> str:
        return obj.user.username

    @admin.display(description=_("e-mailadres"))
    def email(self, obj: Verwijzer) -> str:
        return obj.user.email

    @admin.display(description=_("actief"), boolean=True)
    def actief(self, obj: Verwijzer) -> bool:
        return obj.user.is_active

    @admin.display(description=_("account"))
    def account(self, obj: Verwijzer) -> str:
        return f"{obj.user.username} ({obj.user.get_full_name()}, {obj.user.email})"

    def get_fieldsets(self, request: HttpRequest, obj: Verwijzer | None = None) -> Any:
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_form(self, request: HttpRequest, obj: Verwijzer | None = None, change: bool = False,
                 **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request: HttpRequest, obj: Verwijzer, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        made = verwijzer_create(
            username=data["username"], email=data["email"], first_name=data["first_name"],
            last_name=data["last_name"], organisatie=data["organisatie"], soort=data["soort"],
            agb_code=data["agb_code"], telefoon=data["telefoon"], password=data["password1"])
        # The admin goes on with this object (its history entry, the redirect).
        obj.pk, obj.user = made.pk, made.user
        obj._state.adding = False
