"""The outbox for the functioneel beheerder: see what waits, what failed and why, and send it
again. Addresses are shown half hidden (see maskeren.py); the text is never shown."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import services
from .maskeren import adressen_maskeren
from .models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "onderwerp", "ontvanger", "status", "pogingen",
                    "volgende_poging_op", "verzonden_op", "fout"]
    list_filter = ["status"]
    search_fields = ["onderwerp"]
    # The content is personal and the address half hidden: the beheerder needs the status.
    readonly_fields = ["ontvanger", "onderwerp", "status", "pogingen", "volgende_poging_op",
                       "verzonden_op", "fout", "created_at", "sleutel"]
    fields = tuple(readonly_fields)
    actions = ["opnieuw_versturen"]

    @admin.display(description=_("aan"))
    def ontvanger(self, obj: Email) -> str:
        return adressen_maskeren(obj.aan)

    @admin.display(description=_("laatste fout"))
    def fout(self, obj: Email) -> str:
        return adressen_maskeren(obj.laatste_fout)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Email | None = None) -> bool:
        return False

    @admin.action(description=_("Opnieuw proberen te versturen"))
    def opnieuw_versturen(self, request: HttpRequest, queryset: QuerySet[Email]) -> None:
        for email in queryset:
            services.email_retry(email=email)
        messages.success(request, _("De e-mails staan weer in de wachtrij."))
