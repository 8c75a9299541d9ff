"""The koppeling with the zaaksysteem for the functioneel beheerder: its settings (the secret
is write-only and stored encrypted) and the outbox of steps, with a way to try a failed step
again. The steps show states and references, no case content."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from solo.admin import SingletonModelAdmin

from toegang.core.bsn import tekst_encrypt

from .models import StapStatus, ZgwConfig, ZgwStap, ZgwZaak
from .verwerking import stap_opnieuw


class ZgwConfigForm(forms.ModelForm):
    secret = forms.CharField(
        label=_("secret"), required=False, strip=True,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Wordt versleuteld bewaard en nooit getoond. Leeg laten: het bewaarde "
                    "secret blijft."))

    class Meta:
        model = ZgwConfig
        fields = ["actief", "zaken_api", "catalogi_api", "besluiten_api", "documenten_api",
                  "client_id", "bronorganisatie", "verantwoordelijke_organisatie",
                  "bestuursorgaan", "catalogus", "zaaktype_jeugdwet", "zaaktype_wmo",
                  "zaaktype_participatiewet", "besluittype", "informatieobjecttype",
                  "status_ontvangen", "status_besluit"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("actief"):
            nodig = ["zaken_api", "catalogi_api", "besluiten_api", "documenten_api",
                     "client_id", "bronorganisatie", "catalogus"]
            for veld in nodig:
                if not data.get(veld):
                    self.add_error(veld, _("Nodig als de koppeling actief is."))
            if not (data.get("secret") or self.instance.secret_versleuteld):
                self.add_error("secret", _("Nodig als de koppeling actief is."))
        return data

    def save(self, commit: bool = True) -> ZgwConfig:
        config: ZgwConfig = super().save(commit=False)
        if self.cleaned_data.get("secret"):
            config.secret_versleuteld = tekst_encrypt(self.cleaned_data["secret"])
        if commit:
            config.save()
        return config


@admin.register(ZgwConfig)
class ZgwConfigAdmin(SingletonModelAdmin):
    form = ZgwConfigForm
    fieldsets = [
        (None, {"fields": ["actief"]}),
        (_("De API's"), {"fields": ["zaken_api", "catalogi_api", "besluiten_api",
                                    "documenten_api", "client_id", "secret"]}),
        (_("Organisatie"), {"fields": ["bronorganisatie", "verantwoordelijke_organisatie",
                                       "bestuursorgaan"]}),
        (_("Catalogus"), {"fields": ["catalogus", "zaaktype_jeugdwet", "zaaktype_wmo",
                                     "zaaktype_participatiewet", "besluittype",
                                     "informatieobjecttype", "status_ontvangen",
                                     "status_besluit"]}),
    ]


class StapInline(admin.TabularInline):
    model = ZgwStap
    readonly_fields = ["soort", "status", "pogingen", "volgende_poging_op", "fout", "klaar_op"]
    fields = tuple(readonly_fields)
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ZgwZaak)
class ZgwZaakAdmin(admin.ModelAdmin):
    list_display = ["identificatie", "created_at", "zaak_url"]
    search_fields = ["identificatie"]
    readonly_fields = ["identificatie", "zaak_url", "zaaktype_url", "created_at"]
    fields = tuple(readonly_fields)
    inlines = [StapInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ZgwStap)
class ZgwStapAdmin(admin.ModelAdmin):
    list_display = ["zaak", "soort", "status", "pogingen", "volgende_poging_op", "fout",
                    "klaar_op"]
    list_filter = ["status", "soort"]
    list_select_related = ["zaak"]
    search_fields = ["zaak__identificatie"]
    readonly_fields = ["zaak", "soort", "status", "pogingen", "volgende_poging_op", "fout",
                       "resultaat_url", "created_at", "klaar_op"]
    fields = tuple(readonly_fields)
    actions = ["opnieuw_proberen"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Mislukte stappen opnieuw proberen"))
    def opnieuw_proberen(self, request: HttpRequest, queryset: QuerySet[ZgwStap]) -> None:
        for stap in queryset.filter(status=StapStatus.MISLUKT):
            stap_opnieuw(stap)
        messages.success(request, _("De mislukte stappen staan weer in de wachtrij."))
