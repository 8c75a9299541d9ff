"""The intake app in the admin: the referrer organisations and the municipality's own questions
in the online intake (configuration). Intakes, referrals and answers are case content and are
never shown here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Verwijzer
from .verwijzing.forms import VerwijzerAanmaakForm, VerwijzerForm
from .verwijzing.services import verwijzer_create
from .wizard.eigen_beheer import EigenVraagForm, eigen_vraag_opslaan
from .wizard.eigen_vragen import EigenVraag, EigenVraagVersie


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


class EigenVraagVersieInline(admin.TabularInline):
    """Earlier versions, read only: what residents were asked before a change."""

    model = EigenVraagVersie
    fk_name = "vraag"
    extra = 0
    can_delete = False
    fields = ("versie", "tekst", "soort", "verplicht", "levensgebieden", "min_leeftijd",
              "max_leeftijd", "gemaakt_door", "gemaakt_op")
    readonly_fields = fields
    verbose_name_plural = _("Alle versies (een wijziging maakt een nieuwe versie)")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EigenVraag)
class EigenVraagAdmin(admin.ModelAdmin):
    """A question of the municipality's own in the online intake. Changing what it asks saves
    a new version; intakes keep the question as it was asked. Switch a question off instead of
    removing it."""

    form = EigenVraagForm
    list_display = ["vraag_tekst", "stap", "volgorde", "actief", "versie"]
    list_filter = ["stap", "actief"]
    list_select_related = ["huidige"]
    inlines = [EigenVraagVersieInline]
    fieldsets = (
        (_("Waar"), {"fields": ("stap", "volgorde", "actief")}),
        (_("De vraag"), {"fields": ("tekst", "hulptekst", "soort", "keuzes", "verplicht"),
                         "description": _("Een wijziging hier maakt een nieuwe versie. "
                                          "Aanvragen die al verstuurd zijn, houden de vraag "
                                          "zoals die toen was.")}),
        (_("Alleen stellen als"), {"fields": ("levensgebieden", "min_leeftijd",
                                              "max_leeftijd")}),
        (_("Engels"), {"fields": ("tekst_en", "hulptekst_en", "keuzes_en")}),
    )

    @admin.display(description=_("vraag"))
    def vraag_tekst(self, obj: EigenVraag) -> str:
        return obj.huidige.tekst if obj.huidige else "–"

    @admin.display(description=_("versie"))
    def versie(self, obj: EigenVraag) -> int | str:
        return obj.huidige.versie if obj.huidige else "–"

    def has_delete_permission(self, request: HttpRequest, obj: EigenVraag | None = None) -> bool:
        return False

    def get_inlines(self, request: HttpRequest, obj: EigenVraag | None = None) -> Any:
        return self.inlines if obj is not None else []

    def save_model(self, request: HttpRequest, obj: EigenVraag, form: Any, change: bool) -> None:
        eigen_vraag_opslaan(vraag=obj, velden=form.versie_velden(),
                            door=request.user)  # type: ignore[arg-type]
