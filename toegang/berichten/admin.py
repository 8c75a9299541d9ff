"""The outbox for the functioneel beheerder: see what failed and send it again."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "onderwerp", "status", "pogingen", "volgende_poging_op",
                    "verzonden_op"]
    list_filter = ["status"]
    search_fields = ["onderwerp"]
    readonly_fields = ["aan", "onderwerp", "status", "pogingen", "volgende_poging_op",
                       "verzonden_op", "laatste_fout", "created_at", "sleutel"]
    exclude = ["tekst", "html"]  # the content is personal; the beheerder needs the status
    actions = ["opnieuw_versturen"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Email | None = None) -> bool:
        return False

    @admin.action(description=_("Opnieuw proberen te versturen"))
    def opnieuw_versturen(self, request: HttpRequest, queryset: QuerySet[Email]) -> None:
        for email in queryset:
            services.email_retry(email=email)
        messages.success(request, _("De e-mails staan weer in de wachtrij."))
