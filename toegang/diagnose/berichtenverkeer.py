"""The berichtenverkeer for the functioneel beheerder: the state of the iWmo/iJw outbox and
inbox, the messages (metadata and errors only: no names, no content), a failed message tried
again, and the files in quarantine.

The beheerder keeps the traffic running; what a message says about a resident is the
professional's (the casus' toewijzingen page). So these pages never read a message's content
and never show a resident's name; a BSN typed in the search box is compared by its hash.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casussen.toewijzing import selectors
from casussen.toewijzing.beheer import quarantaine_resolve
from casussen.toewijzing.models import Bericht, BerichtStatus, Quarantaine
from casussen.toewijzing.verzending import opnieuw_versturen
from casussen.toewijzing.weergave import retourcodes_met_betekenis
from toegang.accounts.models import AuthenticatedRequest
from toegang.core.beveiliging import BESTAAT_NIET, Geweigerd

from .forms import STAND_LABELS, BerichtZoekForm
from .views import PER_PAGINA, beheerder_required


@dataclass(frozen=True)
class BerichtRij:
    bericht: Bericht

    @property
    def fout_kort(self) -> str:
        return self.bericht.fout.strip().splitlines()[0] if self.bericht.fout.strip() else ""

    @property
    def retourcodes(self) -> list[tuple[str, str]]:
        return retourcodes_met_betekenis(self.bericht.retourcodes)


@beheerder_required
def berichtenverkeer(request: AuthenticatedRequest) -> HttpResponse:
    """Counts per state and the messages, filtered by state or found by number, BSN,
    AGB code or provider."""
    form = BerichtZoekForm(request.GET or None)
    stand, zoek = "", ""
    if form.is_valid():
        stand, zoek = form.cleaned_data["stand"], form.cleaned_data["zoek"]
    page = Paginator(selectors.berichten_voor_beheer(stand=stand, zoek=zoek), PER_PAGINA
                     ).get_page(request.GET.get("pagina"))
    query = urlencode([(k, v) for k, v in (("stand", stand), ("zoek", zoek)) if v])
    return render(request, "diagnose/berichtenverkeer.html", {
        "stand": selectors.berichtenstand(), "form": form, "page": page,
        "rijen": [BerichtRij(b) for b in page], "query": query, "gekozen": stand,
        "stand_labels": STAND_LABELS, "zoekt": bool(stand or zoek)})


def _bericht(bericht_id: int) -> Bericht:
    bericht = selectors.bericht_voor_beheer(bericht_id=bericht_id)
    if bericht is None:
        raise Geweigerd(reden=BESTAAT_NIET, object_type="bericht", object_id=bericht_id)
    return bericht


@beheerder_required
def bericht(request: AuthenticatedRequest, bericht_id: int) -> HttpResponse:
    """One message: every field but its content, the whole error, what its retour codes
    mean, and the messages it answers or that answer it."""
    rij = _bericht(bericht_id)
    heen = (selectors.bericht_voor_beheer(bericht_id=rij.retour_op_id)
            if rij.retour_op_id is not None else None)
    return render(request, "diagnose/bericht.html", {
        "bericht": rij, "retourcodes": retourcodes_met_betekenis(rij.retourcodes),
        "heen": heen, "retouren": list(selectors.retouren_van(bericht=rij)),
        "kan_opnieuw": rij.is_uit and rij.status == BerichtStatus.MISLUKT})


@beheerder_required  # the gate first: another role gets 404, not 405
@require_POST
def bericht_opnieuw(request: AuthenticatedRequest, bericht_id: int) -> HttpResponse:
    """Try a message that could not be sent again (after the cause is fixed)."""
    rij = _bericht(bericht_id)
    if rij.is_uit and rij.status == BerichtStatus.MISLUKT:
        opnieuw_versturen(rij)
        messages.success(request, _("Het bericht staat weer klaar om te versturen. Het gaat "
                                    "binnen een paar minuten weg."))
    else:
        messages.info(request, _("Dit bericht hoeft niet opnieuw verstuurd te worden."))
    return redirect("diagnose:bericht", bericht_id=rij.pk)


@beheerder_required
def quarantaine(request: AuthenticatedRequest) -> HttpResponse:
    """Received files that could not be read as a message, the open ones first."""
    page = Paginator(selectors.quarantaine_lijst(), PER_PAGINA).get_page(
        request.GET.get("pagina"))
    return render(request, "diagnose/quarantaine.html", {"page": page})


@beheerder_required  # the gate first: another role gets 404, not 405
@require_POST
def quarantaine_afgehandeld(request: AuthenticatedRequest, quarantaine_id: int) -> HttpResponse:
    rij: Quarantaine | None = selectors.quarantaine_of(quarantaine_id=quarantaine_id)
    if rij is None:
        raise Geweigerd(reden=BESTAAT_NIET, object_type="quarantaine", object_id=quarantaine_id)
    quarantaine_resolve(user=request.user, quarantaine=rij)
    messages.success(request, _("%(bestand)s staat als afgehandeld.") % {
        "bestand": rij.bestandsnaam})
    return redirect("diagnose:quarantaine")
