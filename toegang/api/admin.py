"""The functioneel beheerder's pages for API clients: register a client (name, organisation,
the account it acts as, scopes, limit per minute), rotate its key or stop it at once.

A new key is shown once, in the message after saving or rotating; only its hash is kept.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from toegang.accounts.models import Rol

from . import services, tasks, webhooks
from .models import Abonnement, ApiClient, ApiSleutel, Scope, Webhookbericht


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(label=_("Rechten (scopes)"), choices=Scope.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = ApiClient
        fields = ["naam", "organisatie", "account", "scopes", "per_minuut", "actief"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        account, scopes = data.get("account"), data.get("scopes") or []
        if account is None:
            return data
        if Scope.VERWIJZINGEN_SCHRIJVEN in scopes and account.rol != Rol.VERWIJZER:
            self.add_error("account", _("Voor verwijzingen moet de client handelen als het "
                                        "account van een verwijzer."))
        if Scope.STUURINFORMATIE_LEZEN in scopes and account.rol not in (Rol.MANAGER,
                                                                          Rol.TEAMLEIDER):
            self.add_error("account", _("Voor stuurinformatie moet de client handelen als een "
                                        "manager of teamleider."))
        if Scope.BESLUITEN_LEZEN in scopes and not account.is_medewerker:
            self.add_error("account", _("Voor besluiten moet de client handelen als een "
                                        "medewerker van de gemeente."))
        return data


class SleutelInline(admin.TabularInline):
    model = ApiSleutel
    extra = 0
    fields = ["prefix", "aangemaakt_op", "ingetrokken_op", "verloopt_op"]
    readonly_fields = ["prefix", "aangemaakt_op", "ingetrokken_op"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a key is made by saving a new client or by "nieuwe sleutel"


class AbonnementInline(admin.TabularInline):
    model = Abonnement
    extra = 0
    fields = ["url", "gebeurtenissen", "aangemaakt_op"]
    readonly_fields = ["url", "gebeurtenissen", "aangemaakt_op"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the client subscribes itself, through the API


def _toon_sleutel(request: HttpRequest, client: ApiClient, sleutel: str) -> None:
    messages.warning(request, _("Nieuwe sleutel voor %(client)s: %(sleutel)s — kopieer hem nu "
                                "en geef hem veilig door. Hij is hierna niet meer te zien.")
                     % {"client": client, "sleutel": sleutel})


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["naam", "organisatie", "account", "scopes_tekst", "per_minuut", "actief",
                    "laatst_gebruikt_op"]
    list_filter = ["actief"]
    search_fields = ["naam", "organisatie"]
    autocomplete_fields = ["account"]
    inlines = [SleutelInline, AbonnementInline]
    actions = ["nieuwe_sleutel", "intrekken"]

    @admin.display(description=_("rechten"))
    def scopes_tekst(self, client: ApiClient) -> str:
        return ", ".join(client.scopes)

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        obj.scopes = services.scopes_clean(obj.scopes)
        super().save_model(request, obj, form, change)
        if not change:
            _toon_sleutel(request, obj, services.sleutel_rotate(client=obj))
        elif not obj.actief:
            services.client_revoke(client=obj)

    @admin.action(description=_("Nieuwe sleutel maken (de oude werkt meteen niet meer)"))
    def nieuwe_sleutel(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset.filter(actief=True):
            _toon_sleutel(request, client, services.sleutel_rotate(client=client))

    @admin.action(description=_("Intrekken: de client stopt meteen"))
    def intrekken(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        clients = list(queryset)
        for client in clients:
            services.client_revoke(client=client)
        self.message_user(request, ngettext("%(n)d client ingetrokken.",
                                            "%(n)d clients ingetrokken.", len(clients))
                          % {"n": len(clients)})


@admin.register(Webhookbericht)
class WebhookberichtAdmin(admin.ModelAdmin):
    list_display = ["id", "gebeurtenis", "abonnement", "status", "pogingen", "volgende_poging",
                    "laatste_fout"]
    list_filter = ["status", "gebeurtenis"]
    list_select_related = ["abonnement__client"]
    actions = ["opnieuw_versturen"]
    readonly_fields = ["abonnement", "gebeurtenis", "inhoud", "status", "pogingen",
                       "volgende_poging", "laatste_fout", "aangemaakt_op", "verstuurd_op"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Opnieuw versturen"))
    def opnieuw_versturen(self, request: HttpRequest,
                          queryset: QuerySet[Webhookbericht]) -> None:
        with transaction.atomic():
            aantal = sum(webhooks.webhookbericht_retry(bericht_id=pk)
                         for pk in queryset.values_list("pk", flat=True))
            tasks.webhooks_plannen()
        self.message_user(request, ngettext("%(n)d webhookbericht staat weer klaar.",
                                            "%(n)d webhookberichten staan weer klaar.", aantal)
                          % {"n": aantal})
