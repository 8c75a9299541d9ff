"""The functioneel beheerder's view on clocks: the policy (a new row per change, with a
reason; the history is read-only) and, for diagnosis, clocks and reminders without any case
content beyond the intake's reference."""

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Herinnering, Termijn, TermijnBeleid, TermijnGebeurtenis

BELEID_VELDEN = ["eerste_contact_urgent", "eerste_contact_normaal", "herinnering_vooraf",
                 "escalatie_na", "evaluatie_maanden", "digest_tijd"]


class _AlleenLezen(admin.ModelAdmin):
    """Nothing can be added, changed or deleted here; only looked at."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TermijnBeleidForm(ModelForm):
    class Meta:
        model = TermijnBeleid
        fields = [*BELEID_VELDEN, "toelichting"]
        error_messages = {"toelichting": {"required": _("Schrijf op waarom het beleid "
                                                        "verandert.")}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The database constraints, checked here first so the beheerder reads a sentence.
        grenzen = {"eerste_contact_urgent": (1, 10), "eerste_contact_normaal": (1, 20),
                   "herinnering_vooraf": (0, 10), "escalatie_na": (0, 20),
                   "evaluatie_maanden": (1, 24)}
        for veld, (laag, hoog) in grenzen.items():
            waarde = data.get(veld)
            if waarde is not None and not laag <= waarde <= hoog:
                self.add_error(veld, ValidationError(
                    _("Kies een getal van %(laag)s tot en met %(hoog)s.") % {"laag": laag,
                                                                            "hoog": hoog},
                    code="grens"))
        return data


@admin.register(TermijnBeleid)
class TermijnBeleidAdmin(admin.ModelAdmin):
    """Every save is a new row (the newest applies); old rows are history and stay as
    they are."""

    form = TermijnBeleidForm
    list_display = ["created_at", "eerste_contact_urgent", "eerste_contact_normaal",
                    "herinnering_vooraf", "escalatie_na", "evaluatie_maanden", "digest_tijd",
                    "toelichting", "gewijzigd_door"]
    list_display_links = ["created_at"]
    ordering = ["-created_at", "-id"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:  # history: read-only
            return [*BELEID_VELDEN, "toelichting", "gewijzigd_door", "created_at"]
        return []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return [*BELEID_VELDEN, "toelichting", "gewijzigd_door", "created_at"]
        return [*BELEID_VELDEN, "toelichting"]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        # A change starts from the policy in force.
        actueel = services.termijnbeleid_current()
        return {veld: getattr(actueel, veld) for veld in BELEID_VELDEN}

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: TermijnBeleid, form: Any,
                   change: bool) -> None:
        nieuw = services.termijnbeleid_change(
            user=request.user, toelichting=form.cleaned_data["toelichting"],  # type: ignore[arg-type]
            **{veld: form.cleaned_data[veld] for veld in BELEID_VELDEN})
        obj.pk = nieuw.pk
        obj.created_at = nieuw.created_at


class GebeurtenisInline(admin.TabularInline):
    model = TermijnGebeurtenis
    fields = ["tijdstip", "soort", "oude_deadline", "nieuwe_deadline", "door"]
    readonly_fields = ["tijdstip", "soort", "oude_deadline", "nieuwe_deadline", "door"]
    # not the reason: that is case content
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Termijn)
class TermijnAdmin(_AlleenLezen):
    list_display = ["referentie", "soort", "status", "deadline", "volgende_herinnering_op",
                    "team", "verantwoordelijke"]
    list_filter = ["status", "soort"]
    search_fields = ["intake__referentie"]
    date_hierarchy = "deadline"
    # No description or explanation: those are case content.
    fields = readonly_fields = (
        "referentie", "soort", "status", "start", "deadline", "oorspronkelijke_deadline",
        "opgeschort_sinds", "volgende_herinnering_op", "team", "verantwoordelijke",
        "door_inwoner", "afgehandeld_op", "afgehandeld_door", "created_at")
    inlines = [GebeurtenisInline]
    list_select_related = ["intake", "team", "verantwoordelijke"]
    show_full_result_count = False

    @admin.display(description=_("referentie"), ordering="intake__referentie")
    def referentie(self, obj: Termijn) -> str:
        return obj.intake.referentie

    def get_queryset(self, request: HttpRequest) -> QuerySet[Termijn]:
        return super().get_queryset(request).select_related("intake", "team",
                                                            "verantwoordelijke")


@admin.register(Herinnering)
class HerinneringAdmin(_AlleenLezen):
    list_display = ["created_at", "referentie", "termijn_soort", "soort", "ontvanger",
                    "gelezen"]
    list_filter = ["soort"]
    search_fields = ["termijn__intake__referentie", "ontvanger__username"]
    fields = readonly_fields = ("created_at", "referentie", "termijn_soort", "soort",
                                "ontvanger", "gelezen")
    list_select_related = ["termijn__intake", "ontvanger", "notificatie"]
    show_full_result_count = False

    @admin.display(description=_("referentie"), ordering="termijn__intake__referentie")
    def referentie(self, obj: Herinnering) -> str:
        return obj.termijn.intake.referentie

    @admin.display(description=_("soort termijn"))
    def termijn_soort(self, obj: Herinnering) -> str:
        return obj.termijn.get_soort_display()

    @admin.display(description=_("gelezen"), boolean=True)
    def gelezen(self, obj: Herinnering) -> bool | None:
        return None if obj.notificatie is None else obj.notificatie.gelezen_op is not None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Herinnering]:
        return super().get_queryset(request).select_related("termijn__intake", "ontvanger",
                                                            "notificatie")
