"""Admin for the functioneel beheerder: the catalogue, tariffs, providers and contracts, and
the four-eyes rule. A tariff is never edited once a decision may have used it: a new price is
a new row with its own start date."""

from django.contrib import admin
from django.http import HttpRequest

from toegang.core.validators import normalise_agb_code

from .models import Besluitregels, Contract, Product, Tarief, Zorgaanbieder


class TariefInline(admin.TabularInline):
    model = Tarief
    extra = 1
    fields = ["geldig_vanaf", "natura", "pgb"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # a new price is a new row; the old one stays for decisions taken

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["naam", "wet", "productcategorie", "productcode", "eenheid", "frequentie",
                    "pgb_mogelijk", "actief"]
    list_filter = ["wet", "pgb_mogelijk", "actief"]
    search_fields = ["naam", "productcode"]
    inlines = [TariefInline]


class ContractInline(admin.TabularInline):
    model = Contract
    extra = 1
    autocomplete_fields = ["product"]
    fields = ["product", "tarief", "geldig_vanaf", "geldig_tot", "wachttijd_weken",
              "wachttijd_gemeld_op"]


@admin.register(Zorgaanbieder)
class ZorgaanbiederAdmin(admin.ModelAdmin):
    list_display = ["naam", "agb_code", "kvk_nummer", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "agb_code", "kvk_nummer"]
    inlines = [ContractInline]

    def save_model(self, request: HttpRequest, obj: Zorgaanbieder, form: object,
                   change: bool) -> None:
        obj.agb_code = normalise_agb_code(obj.agb_code)
        super().save_model(request, obj, form, change)


@admin.register(Besluitregels)
class BesluitregelsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "vier_ogen_vanaf", "goedkeurder"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not Besluitregels.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

