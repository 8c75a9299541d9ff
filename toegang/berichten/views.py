"""The inbox and the e-mail settings, for everyone who is logged in (staff and residents).

Messages are the user's own, so no gate beyond "logged in" is needed: every read and write is
filtered on the recipient, and someone else's message is simply not found (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import VoorkeurForm


class AuthenticatedRequest(HttpRequest):
    """A request of a logged-in user (the accounts layer sits above this one)."""

    user: selectors.User  # type: ignore[assignment]  # login_required: never anonymous

PER_PAGINA = 20


@login_required
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.inbox_for(user=request.user), PER_PAGINA) \
        .get_page(request.GET.get("pagina"))
    return render(request, "berichten/inbox.html", {"page": page})


def _veilig(url: str, request: AuthenticatedRequest) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


@require_POST
@login_required
def openen(request: AuthenticatedRequest, notificatie_id: int) -> HttpResponse:
    """Mark one message as read; with `openen`, go on to the page it points to."""
    notificatie = selectors.notificatie_of(user=request.user, notificatie_id=notificatie_id)
    if notificatie is None:
        raise Http404
    services.notificatie_mark_read(user=request.user, notificatie_id=notificatie.pk)
    if "openen" in request.POST and _veilig(notificatie.url, request):
        return redirect(notificatie.url)
    messages.success(request, _("Het bericht is gemarkeerd als gelezen."))
    return redirect("berichten:inbox")


@require_POST
@login_required
def alles_gelezen(request: AuthenticatedRequest) -> HttpResponse:
    n = services.notificaties_mark_all_read(user=request.user)
    messages.success(request, _("Alle berichten zijn gemarkeerd als gelezen.") if n
                     else _("Er waren geen ongelezen berichten."))
    return redirect("berichten:inbox")


@login_required
def instellingen(request: AuthenticatedRequest) -> HttpResponse:
    voorkeur = getattr(request.user, "berichten_per_email", "direct")
    form = VoorkeurForm(request.POST or None, initial={"voorkeur": voorkeur})
    if request.method == "POST" and form.is_valid():
        services.berichten_voorkeur_set(user=request.user, voorkeur=form.cleaned_data["voorkeur"])
        messages.success(request, _("Uw keuze is opgeslagen."))
        return redirect("berichten:instellingen")
    return render(request, "berichten/instellingen.html", {"form": form},
                  status=400 if form.is_bound and form.errors else 200)
