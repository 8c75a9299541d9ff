from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import services
from .models import Thema


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeentenaam", "actief", "gewijzigd_op"]
    readonly_fields = ["actief", "gewijzigd_op"]
    actions = ["gebruik_dit_thema"]
    change_form_template = "thema/admin/change_form.html"
    fieldsets = [
        (None, {"fields": ["naam", "gemeentenaam", "actief", "gewijzigd_op"]}),
        (gettext_lazy("Kleuren en letter"), {
            "description": gettext_lazy(
                "Kleuren als #RRGGBB. Bij opslaan controleren we het contrast (WCAG 2.1 AA): "
                "tekst en links minstens 4,5 : 1, de primaire kleur naast de achtergrond "
                "minstens 3 : 1."),
            "fields": ["primaire_kleur", "tekst_op_primair", "linkkleur", "tekstkleur",
                       "achtergrondkleur", "focuskleur", "lettertype"]}),
        (gettext_lazy("Logo en pictogram"), {"fields": ["logo", "favicon"]}),
        (gettext_lazy("Contactgegevens op de pagina's"), {
            "fields": ["telefoonnummer", "emailadres", "website", "postadres"]}),
    ]

    def has_delete_permission(self, request: HttpRequest, obj: Thema | None = None) -> bool:
        # The active theme stays: switch to another one first.
        if obj is not None and obj.actief:
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Thema]) -> None:
        super().delete_queryset(request, queryset.filter(actief=False))

    def get_urls(self) -> list:
        eigen = [path("<int:pk>/activeren/", self.admin_site.admin_view(self.activeren_view),
                      name="thema_thema_activeren")]
        return eigen + super().get_urls()

    def _activeren(self, request: HttpRequest, thema: Thema) -> bool:
        try:
            services.thema_activeren(thema=thema, door=request.user)
        except ValidationError as exc:
            self.message_user(request, _("Het thema %(naam)s is niet gebruikt: %(fout)s") % {
                "naam": thema.naam, "fout": " ".join(exc.messages)}, messages.ERROR)
            return False
        self.message_user(request, _("De pagina's gebruiken nu het thema %(naam)s.")
                          % {"naam": thema.naam}, messages.SUCCESS)
        return True

    @admin.action(description=gettext_lazy("Gebruik dit thema"), permissions=["change"])
    def gebruik_dit_thema(self, request: HttpRequest, queryset: QuerySet[Thema]) -> None:
        themas = list(queryset[:2])
        if len(themas) != 1:
            self.message_user(request, _("Kies precies één thema."), messages.ERROR)
            return
        self._activeren(request, themas[0])

    def activeren_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return require_POST(self._activeren_post)(request, pk)

    def _activeren_post(self, request: HttpRequest, pk: int) -> HttpResponse:
        thema = get_object_or_404(Thema, pk=pk)
        if not self.has_change_permission(request, thema):
            raise PermissionDenied
        self._activeren(request, thema)
        return HttpResponseRedirect(reverse("admin:thema_thema_change", args=[pk]))
