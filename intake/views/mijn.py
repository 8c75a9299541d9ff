"""The resident's own pages (Mijn toegang)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import inwoner_required
from toegang.core.hooks import merged

from .. import hooks, selectors, services, tijdlijn
from ..claim import intake_claim_token_read
from ..forms import ToestemmingGevenForm
from ..models import Intake
from .base import AanvullenView, BijlageView, DetailView, ExportView, IntakeObjectView

resident = method_decorator(inwoner_required, name="dispatch")



@resident
class MijnDetailView(DetailView):
    template_name = "intake/mijn_detail.html"

    def details(self) -> Intake:
        # The gate's intake, with what this page shows prefetched onto it.
        self.intake = selectors.intake_for_inwoner(intake=self.intake)
        return self.intake

    def extra_context(self) -> dict[str, Any]:
        # What comes next, the contact person and the plan come from the layers above; they
        # share one memo with the timeline's hook, so each layer reads its rows once.
        memo: dict[str, Any] = {}
        return {
            **merged(hooks.mijn_aanvraag_context(self.intake, memo)),
            "tijdlijn": tijdlijn.tijdlijn_for_inwoner(intake=self.intake, memo=memo),
        }


@resident
class ToestemmingGevenView(IntakeObjectView):
    """Give consent for a wet (again), after reading its current text."""

    def _vraag(self, wet: str) -> Any:
        vraag = next((v for v in selectors.toestemming_mogelijk(intake=self.intake)
                      if v.wet == wet), None)
        if vraag is None:
            raise Http404
        return vraag

    def _form(self, data: Any = None) -> ToestemmingGevenForm:
        nodig = services.toestemming_vereisten(intake=self.intake)
        return ToestemmingGevenForm(data, nodig_kind=nodig.kind, nodig_ouder=nodig.ouder)

    def get(self, request: AuthenticatedRequest, pk: int, wet: str) -> HttpResponse:
        return render(request, "intake/toestemming_geven.html",
                      {"intake": self.intake, "vraag": self._vraag(wet), "form": self._form()})

    def post(self, request: AuthenticatedRequest, pk: int, wet: str) -> HttpResponse:
        vraag = self._vraag(wet)
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.toestemming_give(intake=self.intake, wet=wet, user=request.user,
                                          kind_akkoord=form.cleaned_data.get("kind_akkoord",
                                                                             False),
                                          ouder_akkoord=form.cleaned_data.get("ouder_akkoord",
                                                                              False),
                                          ouder_naam=form.cleaned_data.get("ouder_naam", ""),
                                          request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Dank u. Uw toestemming geldt vanaf nu."))
                return redirect("intake:mijn_toestemmingen")
        return render(request, "intake/toestemming_geven.html",
                      {"intake": self.intake, "vraag": vraag, "form": form}, status=400)

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
    intakes = list(selectors.intakes_of_inwoner(user=request.user))
    # Who helps with each request, from the casework layer (nobody until it is picked up).
    contactpersonen = merged(hooks.mijn_overzicht_context(intakes)).get("contactpersonen", {})
    return render(request, "intake/mijn.html", {
        "aanvragen": [(intake, contactpersonen.get(intake.pk)) for intake in intakes],
        "te_koppelen": selectors.intakes_to_claim(user=request.user),
        "veiligheidsmeldingen": selectors.veiligheidsmeldingen_for_inwoner(user=request.user),
    })


@inwoner_required
def mijn_toestemmingen(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "intake/mijn_toestemmingen.html", {
        "toestemmingen": selectors.toestemmingen_of_inwoner(user=request.user),
        "mogelijk": [(intake, selectors.toestemming_mogelijk(intake=intake))
                     for intake in selectors.intakes_of_inwoner(user=request.user)],
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
    page = Paginator(selectors.toegangslog_of_inwoner(user=request.user), 50) \
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


@inwoner_required
def mijn_koppelen_bsn(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Link a request filed under the resident's BSN (DigiD proved it) to their account
    (POST; a request that is not theirs to claim is a 404 whatever the method)."""
    intake = selectors.intakes_to_claim(user=request.user).filter(pk=pk).first()
    if intake is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.intake_claim(intake=intake, inwoner=request.user, request=request)
    messages.success(request, _("De aanvraag staat nu in Mijn toegang."))
    return redirect("intake:mijn_detail", pk=intake.pk)
