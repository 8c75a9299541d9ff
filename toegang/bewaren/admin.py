"""Retention in the admin: the beheerder sets the terms and reads what the job did."""

from django.contrib import admin
from django.http import HttpRequest

from .models import Bewaaractie, Bewaartermijn


@admin.register(Bewaartermijn)
class BewaartermijnAdmin(admin.ModelAdmin):
    list_display = ["wet", "jaren", "gewijzigd_op", "gewijzigd_door"]
    readonly_fields = ["gewijzigd_op", "gewijzigd_door"]

    def has_delete_permission(self, request: HttpRequest, obj: Bewaartermijn | None = None
                              ) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Bewaartermijn, form: object,
                   change: bool) -> None:
        obj.gewijzigd_door = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


@admin.register(Bewaaractie)
class BewaaractieAdmin(admin.ModelAdmin):
    list_display = ["uitgevoerd_op", "soort", "aantal", "bestanden", "peildatum"]
    list_filter = ["soort"]
    readonly_fields = ["uitgevoerd_op", "soort", "peildatum", "aantal", "bestanden", "ids"]
    date_hierarchy = "uitgevoerd_op"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Bewaaractie | None = None
                              ) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Bewaaractie | None = None
                              ) -> bool:
        return False
