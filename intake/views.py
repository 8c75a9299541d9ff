"""Views on the single record. Every object view goes through the gate and logs the access."""

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from toegang.accounts.models import AuthenticatedRequest, Rol
from toegang.accounts.permissions import casework_required, inwoner_required, role_required
from toegang.audit.mixins import AccessLogMixin
from toegang.audit.models import Actie
from toegang.audit.selectors import toegangslog_search

from . import selectors, services
from .forms import AanvullingForm, BeoordelingForm, ToegangslogZoekForm, VeiligheidsmeldingForm
from .models import Intake
from .permissions import IntakeActie, grond_label, intake_access


class IntakeObjectView(AccessLogMixin, View):
    """Base for a view on one intake: the gate first (404 for missing or not allowed)."""

    action = IntakeActie.VIEW
    request: AuthenticatedRequest
    intake: Intake

    def dispatch(self, request: AuthenticatedRequest, *args: Any,  # type: ignore[override]
                 **kwargs: Any) -> HttpResponseBase:
        self.intake = intake_access(user=request.user, intake_id=kwargs["pk"], action=self.action)
        return super().dispatch(request, *args, **kwargs)

    @property
    def grond(self) -> str:
        return str(self.intake.grond)  # type: ignore[attr-defined]

    def log(self, actie: str, *, object_type: str = "intake", object_id: int | None = None
            ) -> None:
        self.log_access(actie=actie, grond=self.grond, object_type=object_type,
                        object_id=object_id or self.intake.pk, intake_id=self.intake.pk,
                        inwoner_id=self.intake.inwoner_id, doel=grond_label(self.grond))


class DetailView(IntakeObjectView):
    template_name = ""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        intake = selectors.intake_with_details(intake=self.intake)
        self.log(Actie.BEKIJKEN)
        may_see_files = request.user.rol == Rol.INWONER or _allowed(
            request, pk, IntakeActie.BIJLAGEN)
        return render(request, self.template_name, {
            "intake": intake, "grond": grond_label(self.grond), "bijlagen_zichtbaar": may_see_files,
        })


def _allowed(request: AuthenticatedRequest, pk: int, action: IntakeActie) -> bool:
    try:
        intake_access(user=request.user, intake_id=pk, action=action)
    except Http404:
        return False
    return True


class AanvullenView(IntakeObjectView):
    action = IntakeActie.AANVULLEN
    template_name = ""
    success_url_name = ""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, {"intake": self.intake,
                                                    "form": AanvullingForm()})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = AanvullingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.aanvulling_add(user=request.user, intake=self.intake,
                                        tekst=form.cleaned_data["tekst"], grond=self.grond,
                                        bestanden=form.cleaned_data["bestanden"],
                                        request=request)
            except ValidationError as exc:
                form.add_error("bestanden" if exc.code != "leeg" else None, exc)
            else:
                messages.success(request, _("Uw aanvulling is toegevoegd."))
                return redirect(self.success_url_name, pk=pk)
        return render(request, self.template_name, {"intake": self.intake, "form": form},
                      status=400)


class ExportView(IntakeObjectView):
    action = IntakeActie.EXPORT

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        data = selectors.intake_export_data(intake=self.intake,
                                            include_bsn=request.user.rol == Rol.INWONER)
        self.log(Actie.EXPORTEREN)
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (f'attachment; filename="{self.intake.referentie}'
                                           '.json"')
        return response


class BijlageView(IntakeObjectView):
    action = IntakeActie.BIJLAGEN

    def get(self, request: AuthenticatedRequest, pk: int, bijlage_id: int) -> FileResponse:
        bijlage = selectors.bijlage_of(intake=self.intake, bijlage_id=bijlage_id)
        if bijlage is None:
            raise Http404
        self.log(Actie.BIJLAGE, object_type="bijlage", object_id=bijlage.pk)
        response = FileResponse(bijlage.bestand.open("rb"), as_attachment=True,
                                filename=bijlage.naam, content_type=bijlage.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


# --- Staff ------------------------------------------------------------------------------------

staff = method_decorator(casework_required, name="dispatch")
resident = method_decorator(inwoner_required, name="dispatch")


@staff
class WerkDetailView(DetailView):
    template_name = "intake/werk_detail.html"


@staff
class WerkAanvullenView(AanvullenView):
    template_name = "intake/aanvullen.html"
    success_url_name = "intake:werk_detail"


@staff
class WerkExportView(ExportView):
    pass


@staff
class WerkBijlageView(BijlageView):
    pass


@staff
class VeiligheidsmeldingView(IntakeObjectView):
    template_name = "intake/veiligheid_nieuw.html"

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name,
                      {"intake": self.intake, "form": VeiligheidsmeldingForm()})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = VeiligheidsmeldingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.veiligheidsmelding_create(
                user=request.user, intake=self.intake, reden=data["reden"],
                meldcode_stap=data["meldcode_stap"], teams=data["teams"],
                tonen_aan_inwoner=not data["niet_tonen"],
                reden_niet_tonen=data["reden_niet_tonen"], request=request)
            messages.success(request, _("De veiligheidsmelding is vastgelegd. Uw teamleider "
                                        "krijgt een bericht om haar te beoordelen."))
            return redirect("intake:werk_detail", pk=pk)
        return render(request, self.template_name, {"intake": self.intake, "form": form},
                      status=400)


@role_required([Rol.TEAMLEIDER])
def veiligheid_beoordelen(request: AuthenticatedRequest, melding_id: int) -> HttpResponse:
    melding = selectors.veiligheidsmelding_voor_beoordeling(user=request.user,
                                                            melding_id=melding_id)
    if melding is None:
        raise Http404
    form = BeoordelingForm(request.POST or None,
                           initial={"tonen_aan_inwoner": melding.tonen_aan_inwoner})
    if request.method == "POST" and form.is_valid():
        services.veiligheidsmelding_review(
            user=request.user, melding=melding, besluit=form.cleaned_data["besluit"],
            toelichting=form.cleaned_data["toelichting"],
            tonen_aan_inwoner=form.cleaned_data["tonen_aan_inwoner"], request=request)
        messages.success(request, _("Uw beoordeling is vastgelegd."))
        return redirect("casussen:team")
    return render(request, "intake/veiligheid_beoordelen.html", {"melding": melding,
                                                                  "form": form})


# --- Residents --------------------------------------------------------------------------------


@resident
class MijnDetailView(DetailView):
    template_name = "intake/mijn_detail.html"


@resident
class MijnAanvullenView(AanvullenView):
    template_name = "intake/aanvullen.html"
    success_url_name = "intake:mijn_detail"


@resident
class MijnExportView(ExportView):
    pass


@resident
class MijnBijlageView(BijlageView):
    pass


@inwoner_required
def mijn(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "intake/mijn.html", {
        "intakes": selectors.intakes_of_inwoner(user=request.user),
        "veiligheidsmeldingen": selectors.veiligheidsmeldingen_voor_inwoner(user=request.user),
    })


@inwoner_required
def mijn_toestemmingen(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "intake/mijn_toestemmingen.html", {
        "toestemmingen": selectors.toestemmingen_of_inwoner(user=request.user),
    })


@inwoner_required
def mijn_toestemming_intrekken(request: AuthenticatedRequest, toestemming_id: int
                               ) -> HttpResponse:
    toestemming = selectors.toestemming_of_inwoner(user=request.user,
                                                   toestemming_id=toestemming_id)
    if toestemming is None:
        raise Http404
    if request.method == "POST":
        services.toestemming_withdraw(toestemming=toestemming, user=request.user,
                                      request=request)
        messages.success(request, _("U heeft uw toestemming ingetrokken. Dit geldt meteen."))
        return redirect("intake:mijn_toestemmingen")
    return render(request, "intake/mijn_toestemming_intrekken.html",
                  {"toestemming": toestemming})


@inwoner_required
def mijn_toegangslog(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.toegangslog_van_inwoner(user=request.user), 50) \
        .get_page(request.GET.get("pagina"))
    return render(request, "intake/mijn_toegangslog.html", {"page": page})


# --- Privacy officer --------------------------------------------------------------------------


@role_required([Rol.PRIVACY])
def privacy_toegangslog(request: AuthenticatedRequest) -> HttpResponse:
    form = ToegangslogZoekForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        rows = toegangslog_search(**form.cleaned_data)
        page = Paginator(rows, 100).get_page(request.GET.get("pagina"))
    return render(request, "intake/privacy_toegangslog.html", {"form": form, "page": page})


