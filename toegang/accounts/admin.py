from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "rol", "is_active"]
    list_filter = ["rol", "is_active"]
    search_fields = ["username", "email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email", "telefoon", "functie")}),
        (_("Rol en toegang"), {"fields": ("rol", "is_active")}),
        (_("Datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "email", "rol", "password1", "password2")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        # Only the functioneel beheerder works in the admin.
        obj.is_staff = obj.rol == "beheerder"
        obj.is_superuser = False
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        # Residents are not managed here: their accounts belong to them.
        return super().get_queryset(request).exclude(rol="inwoner")
