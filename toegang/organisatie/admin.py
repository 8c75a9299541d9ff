"""Admin for the functioneel beheerder: wijken, teams and routing, never case content."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import (
    Inlooptijd,
    RoutingRegel,
    Team,
    Teamlidmaatschap,
    Weekdag,
    Wijk,
    inlooptijden_overlap,
    postcode_normalize,
)


class WijkForm(forms.ModelForm):
    postcodes_tekst = forms.CharField(
        label=_("Postcodegebieden (PC4)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vier cijfers of reeksen, gescheiden door komma's: 7511-7514, 7520."))

    class Meta:
        model = Wijk
        fields = ["naam", "code"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["postcodes_tekst"].initial = services.pc4_format(
                self.instance.postcodes.values_list("pc4", flat=True))

    def clean_postcodes_tekst(self) -> list[str]:
        return services.pc4_parse(self.cleaned_data["postcodes_tekst"])


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    form = WijkForm
    list_display = ["naam", "code", "postcodes_kort"]
    search_fields = ["naam", "code", "postcodes__pc4"]

    @admin.display(description=_("postcodegebieden"))
    def postcodes_kort(self, obj: Wijk) -> str:
        return services.pc4_format(p.pc4 for p in obj.postcodes.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("postcodes")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        try:
            services.wijk_set_postcodes(wijk=obj, pc4=form.cleaned_data["postcodes_tekst"])
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), level="error")


class LidInline(admin.TabularInline):
    model = Teamlidmaatschap
    extra = 0
    autocomplete_fields = ["user"]


class InlooptijdFormSet(forms.BaseInlineFormSet):
    """Walk-in periods of one team may not overlap on the same day."""

    def clean(self) -> None:
        super().clean()
        tijden = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.errors:
                continue
            if data.get("weekdag") and data.get("van") and data.get("tot"):
                tijden.append((int(data["weekdag"]), data["van"], data["tot"]))
        dagen = inlooptijden_overlap(tijden)
        if dagen:
            raise ValidationError(
                _("Inlooptijden op dezelfde dag mogen niet overlappen. Kijk naar: %(dagen)s.")
                % {"dagen": ", ".join(str(Weekdag(d).label) for d in dagen)})


class InlooptijdInline(admin.TabularInline):
    model = Inlooptijd
    formset = InlooptijdFormSet
    extra = 1
    fields = ["weekdag", "van", "tot", "locatie", "opmerking"]


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["naam", "soort", "wetten", "wijken", "is_centrale_toegang", "actief",
                  "telefoon", "email", "straat_huisnummer", "postcode", "plaats", "introductie"]
        widgets = {"introductie": forms.Textarea(attrs={"rows": 4, "maxlength": 600})}

    def clean_postcode(self) -> str:
        return postcode_normalize(self.cleaned_data.get("postcode", ""))


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    form = TeamForm
    list_display = ["naam", "soort", "actief", "is_centrale_toegang", "adres_kort"]
    list_filter = ["soort", "actief", "wetten", "wijken"]
    search_fields = ["naam"]
    filter_horizontal = ["wetten", "wijken"]
    fieldsets = [
        (None, {"fields": ["naam", "soort", "wetten", "wijken", "is_centrale_toegang",
                           "actief"]}),
        (_("Voor inwoners: contact, adres en introductie"), {
            "description": _("Dit ziet een inwoner die zijn postcode invult op de startpagina, "
                             "na het versturen van een aanvraag en in Mijn toegang. De "
                             "inlooptijden staan onderaan deze pagina."),
            "fields": ["telefoon", "email", "straat_huisnummer", "postcode", "plaats",
                       "introductie"]}),
    ]
    inlines = [InlooptijdInline, LidInline]

    @admin.display(description=_("adres"))
    def adres_kort(self, obj: Team) -> str:
        return " ".join(x for x in (obj.straat_huisnummer, obj.plaats) if x)

    def save_model(self, request, obj, form, change):
        services.team_group_ensure(team=obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.team_members_sync(team=form.instance)


@admin.register(RoutingRegel)
class RoutingRegelAdmin(admin.ModelAdmin):
    list_display = ["volgorde", "naam", "wijk", "levensgebied", "over_kind", "team_soort",
                    "actief"]
    list_editable = ["actief"]
    ordering = ["volgorde"]
