"""The resident's answer page (no login: the link is the key) and the teamleider's page with
the remarks of their own teams (no name, no casus, the month only)."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import teamleider_required
from toegang.core.beveiliging import BESTAAT_NIET, weigering_log
from toegang.core.ratelimit import hit
from toegang.core.verzoek import client_ip
from toegang.organisatie.selectors import teams_of

from . import selectors
from .forms import FeedbackForm
from .services import feedback_answer, feedback_refusal

PER_PAGINA = 25
# Answers sent from one address per hour: enough for a household or an office that shares
# one address, too few to flood the figures from a script.
LIMIET_IP_PER_UUR = 30
# Which page a refused link shows, and with which status.
GEWEIGERD = {"beantwoord": ("regie/feedback/bedankt.html", 200),
             "verlopen": ("regie/feedback/verlopen.html", 410)}


def _geweigerd(request: HttpRequest, fout: ValidationError) -> HttpResponse:
    template, status = GEWEIGERD[fout.code or "verlopen"]
    return render(request, template, {"melding": fout.messages[0]}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def antwoorden(request: HttpRequest, token: str) -> HttpResponse:
    uitnodiging = selectors.uitnodiging_by_token(token=token)
    if uitnodiging is None:
        # A friendly page rather than the general 404, written to the security log like
        # every 404 (someone trying links); the token itself is never logged.
        weigering_log(request, reden=BESTAAT_NIET, object_type="feedbackuitnodiging")
        return render(request, "regie/feedback/onbekend.html", status=404)
    weigering = feedback_refusal(uitnodiging=uitnodiging)
    if weigering is not None:
        return _geweigerd(request, weigering)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not hit(scope="feedback", ident=client_ip(request) or "?",
                   limit=LIMIET_IP_PER_UUR, window=3600):
            return render(request, "regie/feedback/te_vaak.html", status=429)
        if form.is_valid():
            try:
                feedback_answer(uitnodiging=uitnodiging, **form.cleaned_data)
            except ValidationError as exc:
                if not hasattr(exc, "error_dict"):
                    return _geweigerd(request, exc)
                form.add_error(None, exc)
            else:
                # Back to the same link, which now thanks the resident (and does so again
                # when it is opened later).
                return redirect("feedback_mijn:antwoorden", token=token)
    status = 400 if form.is_bound else 200
    return render(request, "regie/feedback/antwoorden.html", {"form": form}, status=status)


@never_cache
@teamleider_required
def opmerkingen(request: AuthenticatedRequest) -> HttpResponse:
    teams = list(teams_of(user=request.user))
    page = Paginator(selectors.opmerkingen_for(teams=teams), PER_PAGINA).get_page(
        request.GET.get("pagina"))
    return render(request, "regie/feedback/opmerkingen.html", {
        "teams": teams, "page": page, "meer_teams": len(teams) > 1})
