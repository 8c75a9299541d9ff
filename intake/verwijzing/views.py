"""The referrer's portal under /verwijzen/: the referrals sent, a new referral, and the page
after sending. Only a referrer's account with its profile gets in (404 for everyone else)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from toegang.accounts.models import AuthenticatedRequest, Rol
from toegang.accounts.permissions import role_required
from toegang.core.hooks import merged

from .. import hooks
from ..models import Urgentie, Verwijzer
from . import services
from .forms import VerwijsFormulier
from .permissions import verwijzer_access, verwijzing_access
from .selectors import VerwijzingRegel, VerwijzingStatus, verwijzingen_of

PER_PAGINA = 50
View = Callable[..., HttpResponse]


def verwijzer_required(view: View) -> View:
    """A referrer's account (login page for anonymous visitors, 404 for other roles) with its
    profile (404 without); the view gets the profile as its second argument."""

    @role_required([Rol.VERWIJZER])
    @wraps(view)
    def wrapper(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return view(request, verwijzer_access(user=request.user), *args, **kwargs)

    return wrapper


@verwijzer_required  # the gate first: another role gets 404, not 405
@require_GET
def lijst(request: AuthenticatedRequest, verwijzer: Verwijzer) -> HttpResponse:
    page = Paginator(verwijzingen_of(verwijzer=verwijzer), PER_PAGINA) \
        .get_page(request.GET.get("pagina"))
    return render(request, "intake/verwijzing/lijst.html", {
        "verwijzer": verwijzer, "page": page,
        "regels": [VerwijzingRegel.van(verwijzing) for verwijzing in page]})


def _formulier(request: AuthenticatedRequest, verwijzer: Verwijzer, form: VerwijsFormulier,
               *, status: int = 200) -> HttpResponse:
    return render(request, "intake/verwijzing/nieuw.html",
                  {"verwijzer": verwijzer, "form": form}, status=status)


@never_cache  # the page may hold what was typed about the resident
@verwijzer_required
@require_http_methods(["GET", "POST"])
def nieuw(request: AuthenticatedRequest, verwijzer: Verwijzer) -> HttpResponse:
    if request.method != "POST":
        return _formulier(request, verwijzer, VerwijsFormulier(verwijzer=verwijzer))
    form = VerwijsFormulier(request.POST, verwijzer=verwijzer)
    if form.is_valid():
        try:
            intake = services.verwijzing_send(
                verwijzer=verwijzer, user=request.user, gegevens=form.gegevens(),
                indien_sleutel=form.cleaned_data["sleutel"], request=request)
        except ValidationError as exc:
            form.add_error("inwoner_akkoord", exc)
        else:
            return redirect("verwijzing:verstuurd", pk=intake.verwijzing.pk)
    return _formulier(request, verwijzer, form, status=400)


@verwijzer_required
def verstuurd(request: AuthenticatedRequest, verwijzer: Verwijzer, pk: int) -> HttpResponse:
    verwijzing = verwijzing_access(verwijzer=verwijzer, verwijzing_id=pk)  # 404 first
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    regel = VerwijzingRegel.van(verwijzing)
    return render(request, "intake/verwijzing/verstuurd.html", {
        "regel": regel, "wacht": regel.status == VerwijzingStatus.ONTVANGEN,
        "urgent": verwijzing.intake.urgentie == Urgentie.URGENT,
        # The date by which the team makes contact comes from the clocks (`deadline`).
        **merged(hooks.bevestiging_context(verwijzing.intake))})
