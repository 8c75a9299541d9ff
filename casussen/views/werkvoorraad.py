"""The queue (werkvoorraad) and the teamleider's team view."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from regie.termijnen.models import TermijnSoort, TermijnStatus
from regie.termijnen.selectors import termijn_badge
from regie.termijnen.services import termijnbeleid_current
from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required, teamleider_required
from toegang.berichten.selectors import ongelezen_van
from toegang.core.tellen import tellingen
from toegang.core.werkdagen import werkdagen_tussen
from toegang.organisatie.selectors import teams_of

from .. import selectors, services
from ..forms import WerkvoorraadFilterForm
from ..models import CasusStatus

PER_PAGINA = 25

# What a sub-domain adds to the queue page, registered like the casus page's blocks
# (`casus.casus_blok`): the decision path's "Besluiten goedkeuren" link with its count. A
# value that is a queryset is a count to show: the page counts them all, with the unread
# messages in the navigation, in one query (`toegang.core.tellen`).
WerkvoorraadBlok = Callable[[AuthenticatedRequest], dict[str, Any]]
WERKVOORRAAD_BLOKKEN: list[WerkvoorraadBlok] = []


def werkvoorraad_blok(func: WerkvoorraadBlok) -> WerkvoorraadBlok:
    if func not in WERKVOORRAAD_BLOKKEN:
        WERKVOORRAAD_BLOKKEN.append(func)
    return func


def _klok(rij: Any, now: datetime, beleid: Any) -> dict[str, Any]:
    """Waiting time and the first-contact clock of a queue row, in working days, and the
    badge of the nearest other running clock (from the row's own annotations: no query)."""
    vandaag = timezone.localdate(now)
    wacht = werkdagen_tussen(timezone.localdate(rij.ingediend_op), vandaag)
    klok: dict[str, Any] = {"wacht": wacht, "status": "geen", "casus_status": (
        CasusStatus(rij.casus_status).label if rij.casus_status else "")}
    if rij.contact_status == TermijnStatus.AFGEHANDELD:
        klok["status"] = "afgehandeld"
    elif rij.contact_deadline is not None:
        deadline = timezone.localdate(rij.contact_deadline)
        if rij.contact_deadline < now:
            klok.update(status="te_laat", dagen=max(werkdagen_tussen(deadline, vandaag), 0))
        else:
            klok.update(status="loopt", dagen=werkdagen_tussen(vandaag, deadline),
                        deadline=deadline)
    if rij.volgende_deadline is not None:
        klok["volgende"] = {
            "soort": TermijnSoort(rij.volgende_soort).label, "deadline": rij.volgende_deadline,
            "badge": termijn_badge(deadline=rij.volgende_deadline, status=TermijnStatus.LOPEND,
                                   now=now, beleid=beleid)}
    return klok


# The saved filters are kept in the session too: the queue is opened all day with the same
# filters, and comparing with the session costs no query (the database row is the copy that
# outlives the session, for the next login).
FILTERS_SESSIE = "werkvoorraad_filters"


def _filters_bewaard(request: AuthenticatedRequest) -> dict[str, Any]:
    if FILTERS_SESSIE not in request.session:
        request.session[FILTERS_SESSIE] = selectors.filters_saved(user=request.user)
    return dict(request.session[FILTERS_SESSIE])


def _filters_bewaren(request: AuthenticatedRequest, filters: dict[str, str]) -> None:
    if request.session.get(FILTERS_SESSIE) != filters:
        services.werkvoorraad_filters_save(user=request.user, filters=filters)
        request.session[FILTERS_SESSIE] = filters


def _queue_page(request: AuthenticatedRequest, *, persist: bool) -> dict[str, Any]:
    keuzes = selectors.filter_keuzes(user=request.user)
    data = request.GET.copy()
    if persist and "filter" not in data and "pagina" not in data and not data.get("zoek"):
        data.update(_filters_bewaard(request))  # reopen as they left it
    form = WerkvoorraadFilterForm(data, teams=keuzes["teams"], wijken=keuzes["wijken"])
    filters = selectors.Filters()
    if form.is_valid():
        filters = selectors.Filters(**{k: v for k, v in form.cleaned_data.items()
                                       if v not in (None, "")})
        if persist and "filter" in request.GET:
            _filters_bewaren(request, {k: request.GET.get(k, "") for k in request.GET
                                       if k not in ("filter", "pagina")})
    page = selectors.werkvoorraad_page(user=request.user, filters=filters,
                                       pagina=request.GET.get("pagina"), per_pagina=PER_PAGINA)
    now = timezone.now()
    beleid = termijnbeleid_current()
    rows = [(rij, _klok(rij, now, beleid)) for rij in page]
    query = "&".join(f"{k}={v}" for k, v in form.data.items() if k != "pagina" and v)
    return {"form": form, "page": page, "rows": rows, "query": query,
            "teams": keuzes["teams"]}


@casework_required
def werkvoorraad(request: AuthenticatedRequest) -> HttpResponse:
    if request.GET.get("wissen"):
        _filters_bewaren(request, {})
        return redirect("casussen:werkvoorraad")
    context = _queue_page(request, persist=True)
    overdrachten = selectors.overdrachten_for(user=request.user)
    tellers: dict[str, QuerySet] = {"ongelezen_berichten": ongelezen_van(user=request.user),
                                    "overdrachten_aantal": overdrachten}
    for blok in WERKVOORRAAD_BLOKKEN:
        for naam, waarde in blok(request).items():
            if isinstance(waarde, QuerySet):
                tellers[naam] = waarde
            else:
                context[naam] = waarde
    context.update(tellingen(tellers))
    # The handovers offered to the user are listed only when there are any (rare).
    context["overdrachten"] = list(overdrachten) if context["overdrachten_aantal"] else []
    return render(request, "casussen/werkvoorraad.html", context)


@teamleider_required
def team(request: AuthenticatedRequest) -> HttpResponse:
    teams = list(teams_of(user=request.user))
    return render(request, "casussen/team.html", {
        "teams": teams,
        "caseload": selectors.caseload_per_professional(teams=teams),
        "overdrachten": selectors.open_overdrachten(teams=teams),
        "escalaties": selectors.escalaties(teams=teams),
        **_queue_page(request, persist=False),
    })
