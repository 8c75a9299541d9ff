"""Staff views on intakes."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from toegang.accounts.models import AuthenticatedRequest, Rol
from toegang.accounts.permissions import casework_required, role_required

from .. import selectors, services
from ..forms import BeoordelingForm, VeiligheidsmeldingForm
from .base import AanvullenView, BijlageView, DetailView, ExportView, IntakeObjectView

staff = method_decorator(casework_required, name="dispatch")



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


