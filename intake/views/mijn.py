"""The resident's own pages (Mijn toegang)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import inwoner_required

from .. import selectors, services
from ..claim import intake_claim_token_read
from .base import AanvullenView, BijlageView, DetailView, ExportView

resident = method_decorator(inwoner_required, name="dispatch")



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




@inwoner_required
def mijn_koppelen(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """Link an intake sent without an account (the link in its confirmation e-mail)."""
    intake = intake_claim_token_read(token=token)
    if intake is None:
        return render(request, "intake/mijn_koppelen_ongeldig.html", status=404)
    if intake.inwoner_id == request.user.pk:
        return redirect("intake:mijn_detail", pk=intake.pk)
    fout = ""
    if request.method == "POST":
        try:
            services.intake_claim(intake=intake, inwoner=request.user, request=request)
        except ValidationError as exc:
            fout = " ".join(exc.messages)
        else:
            messages.success(request, _("De aanvraag is gekoppeld aan uw account."))
            return redirect("intake:mijn_detail", pk=intake.pk)
    elif intake.inwoner_id is not None:
        fout = _("Deze aanvraag hoort al bij een ander account.")
    return render(request, "intake/mijn_koppelen.html", {"intake": intake, "fout": fout},
                  status=409 if fout else 200)
