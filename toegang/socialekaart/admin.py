"""The sociale kaart in the admin for the functioneel beheerder: list, search, filters, and
the import from CSV or Excel. Django's LogEntry records who changed what and when; an import
writes one entry per added or changed voorziening. The suggestions (which help was shown for
which intake) are not in the admin: they are about a resident and only counted."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from toegang.core.domein import Levensgebied

from .forms import ImportForm, VoorzieningAdminForm
from .importeren import KOLOMMEN, OnleesbaarBestand, importeer
from .models import Voorziening


class LevensgebiedFilter(admin.SimpleListFilter):
    title = gettext_lazy("thema")
    parameter_name = "thema"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(g.value, str(g.label)) for g in Levensgebied]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() in Levensgebied.values:
            return queryset.filter(levensgebieden__icontains=f'"{self.value()}"')
        return queryset


@admin.register(Voorziening)
class VoorzieningAdmin(admin.ModelAdmin):
    form = VoorzieningAdminForm
    list_display = ["naam", "organisatie", "themas", "wijken_tekst", "kosten", "actief",
                    "gewijzigd_op"]
    list_filter = ["actief", LevensgebiedFilter, "wijken"]
    search_fields = ["naam", "organisatie", "wat", "voor_wie", "adres"]
    filter_horizontal = ["wijken"]
    change_list_template = "socialekaart/admin/change_list.html"
    fieldsets = [
        (None, {"fields": ["organisatie", "naam", "wat", "voor_wie", "levensgebieden",
                           "wijken", "actief"]}),
        (gettext_lazy("Praktisch"), {"fields": ["adres", "openingstijden", "kosten",
                                                "hoe_kom_je_er"]}),
        (gettext_lazy("Contact"), {"fields": ["telefoon", "email", "website"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("wijken")

    @admin.display(description=gettext_lazy("thema's"))
    def themas(self, obj: Voorziening) -> str:
        return ", ".join(obj.levensgebied_labels)

    @admin.display(description=gettext_lazy("wijken"))
    def wijken_tekst(self, obj: Voorziening) -> str:
        return ", ".join(w.naam for w in obj.wijken.all()) or _("hele gemeente")

    def get_urls(self) -> list[URLPattern]:
        return [path("importeren/", self.admin_site.admin_view(self.importeren),
                     name="socialekaart_voorziening_importeren"), *super().get_urls()]

    def importeren(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        resultaat = None
        if request.method == "POST" and form.is_valid():
            try:
                resultaat = importeer(form.cleaned_data["bestand"].read())
            except OnleesbaarBestand as exc:
                form.add_error("bestand", exc)
            else:
                for obj in resultaat.nieuw:
                    self.log_addition(request, obj, [{"added": {}}])
                for obj in resultaat.bijgewerkt:
                    self.log_change(request, obj, _("Bijgewerkt door een import."))
                messages.success(request, _("Ingelezen: %(nieuw)s nieuw, %(bij)s bijgewerkt, "
                                            "%(fout)s rijen geweigerd.")
                                 % {"nieuw": len(resultaat.nieuw),
                                    "bij": len(resultaat.bijgewerkt),
                                    "fout": len(resultaat.geweigerd)})
                if not resultaat.geweigerd:
                    return redirect("admin:socialekaart_voorziening_changelist")
        return TemplateResponse(request, "socialekaart/admin/importeren.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "title": _("Sociale kaart inlezen"), "form": form, "resultaat": resultaat,
            "kolommen": list(KOLOMMEN), "themas": list(Levensgebied.values)},
            status=400 if form.errors else 200)
