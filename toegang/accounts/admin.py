from axes.utils import reset as axes_reset
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services, tweestaps
from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "rol", "is_active",
                    "tweestaps"]
    list_filter = ["rol", "is_active"]
    search_fields = ["username", "email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email", "telefoon", "functie")}),
        (_("Rol en toegang"), {"fields": ("rol", "is_active", "tweestaps")}),
        (_("Datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "email", "rol", "password1", "password2")}),
    )
    readonly_fields = ["last_login", "date_joined", "tweestaps"]
    actions = ["account_uitzetten", "overal_uitloggen", "tweestaps_opnieuw", "ontgrendelen"]

    def get_queryset(self, request):
        # Residents are not managed here: their accounts belong to them.
        return super().get_queryset(request).exclude(rol="inwoner").annotate(
            _tweestaps=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))

    @admin.display(description=_("tweestapsverificatie"), boolean=True)
    def tweestaps(self, obj: User) -> bool:
        return bool(getattr(obj, "_tweestaps", False))

    def save_model(self, request, obj, form, change):
        # Only the functioneel beheerder works in the admin.
        obj.is_staff = obj.rol == "beheerder"
        obj.is_superuser = False
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Switched off in the form: the person's open sessions end on their next click.
            services.user_sessions_end(user=obj)

    def _done(self, request: HttpRequest, users: list[User], message: str,
              summary: str) -> None:
        for user in users:
            self.log_change(request, user, message)
        self.message_user(request, summary % {"n": len(users)}, messages.SUCCESS)

    @admin.action(description=_("Account uitzetten en meteen uitloggen"))
    def account_uitzetten(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset)
        for user in users:
            services.user_deactivate(user=user)
        self._done(request, users, str(_("Account uitgezet; alle sessies beëindigd.")),
                   ngettext("%(n)d account uitgezet en uitgelogd.",
                            "%(n)d accounts uitgezet en uitgelogd.", len(users)))

    @admin.action(description=_("Overal uitloggen"))
    def overal_uitloggen(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset)
        for user in users:
            services.user_sessions_end(user=user)
        self._done(request, users, str(_("Alle sessies beëindigd.")),
                   ngettext("%(n)d account is overal uitgelogd.",
                            "%(n)d accounts zijn overal uitgelogd.", len(users)))

    @admin.action(description=_("Tweestapsverificatie opnieuw laten instellen (telefoon kwijt)"))
    def tweestaps_opnieuw(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset)
        for user in users:
            tweestaps.tweestaps_reset(user=user)
        self._done(request, users,
                   str(_("Tweestapsverificatie gewist; stelt bij de volgende keer inloggen een "
                         "nieuwe app in.")),
                   ngettext("%(n)d account stelt bij de volgende keer inloggen een nieuwe app "
                            "in.", "%(n)d accounts stellen bij de volgende keer inloggen een "
                            "nieuwe app in.", len(users)))

    @admin.action(description=_("Ontgrendelen (na te veel inlogpogingen)"))
    def ontgrendelen(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset)
        for user in users:
            # Attempts are counted under the lower-case user name (blokkade.axes_username).
            axes_reset(username=user.username.lower())
        self._done(request, users, str(_("Ontgrendeld.")),
                   ngettext("%(n)d account ontgrendeld.", "%(n)d accounts ontgrendeld.",
                            len(users)))
