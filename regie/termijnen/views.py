"""Mijn termijnen (professionals), the team's clocks (teamleiders), and the resident's
"Bel mij terug".

The lists show reference, kind, deadline and status only: no names or case content, like the
queue's data minimisation, so they write no access-log row; opening a casus does.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from intake.views.base import IntakeObjectView
from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import (
    casework_required,
    inwoner_required,
    teamleider_required,
)
from toegang.organisatie.selectors import teams_of

from . import selectors
from .forms import TeamTermijnFilterForm, TerugbelForm
from .services import termijnbeleid_current, terugbelverzoek_create

PER_PAGINA = 25
ESCALATIES_MAX = 10


def _rijen(page: Any) -> list[dict[str, Any]]:
    now = timezone.now()
    beleid = termijnbeleid_current()
    return [{"termijn": t, "badge": selectors.termijn_badge(
        deadline=t.deadline, status=t.status, now=now, beleid=beleid)} for t in page]


def _groepen(rijen: list[dict[str, Any]], tellingen: dict[int, int]) -> list[dict[str, Any]]:
    """The rows of one page, split into their groups (a table per group)."""
    groepen: list[dict[str, Any]] = []
    for rij in rijen:
        groep = rij["termijn"].groep
        if not groepen or groepen[-1]["groep"] != groep:
            groepen.append({"groep": groep, "label": selectors.GROEP_LABEL[groep],
                            "totaal": tellingen[groep], "rijen": []})
        groepen[-1]["rijen"].append(rij)
    return groepen


def _overzicht(rows: Any, request: AuthenticatedRequest) -> dict[str, Any]:
    tellingen = selectors.groep_tellingen(rows, now=timezone.now())
    page = Paginator(rows, PER_PAGINA).get_page(request.GET.get("pagina"))
    return {"page": page, "groepen": _groepen(_rijen(page), tellingen),
            "tellingen": [(selectors.GROEP_LABEL[g], n) for g, n in tellingen.items()],
            "badge_label": selectors.BADGE_LABEL}


@casework_required
def mijn_termijnen(request: AuthenticatedRequest) -> HttpResponse:
    rows = selectors.mijn_termijnen(user=request.user)
    return render(request, "regie/mijn_termijnen.html", _overzicht(rows, request))


@teamleider_required
def team_termijnen(request: AuthenticatedRequest) -> HttpResponse:
    teams = list(teams_of(user=request.user))
    form = TeamTermijnFilterForm(request.GET or None, teams=teams)
    filters = selectors.TeamFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.TeamFilters(team=form.cleaned_data["team"],
                                        soort=form.cleaned_data["soort"],
                                        geescaleerd=form.cleaned_data["geescaleerd"])
    rows = selectors.team_termijnen(user=request.user, teams=teams, filters=filters)
    escalaties = selectors.escalaties_wachtend(user=request.user, teams=teams)
    query = "&".join(f"{k}={v}" for k, v in (form.data.items() if form.is_bound else [])
                     if k != "pagina" and v)
    return render(request, "regie/team_termijnen.html", {
        **_overzicht(rows, request), "form": form, "teams": teams, "query": query,
        "escalaties": _rijen(escalaties[:ESCALATIES_MAX]),
        "escalaties_totaal": escalaties.count(),
    })


@method_decorator(inwoner_required, name="dispatch")
class TerugbellenView(IntakeObjectView):
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return render(request, "regie/terugbellen.html",
                      {"intake": self.intake, "form": TerugbelForm()})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = TerugbelForm(request.POST)
        if form.is_valid():
            try:
                terugbelverzoek_create(user=request.user, intake=self.intake,
                                       toelichting=form.cleaned_data["toelichting"])
            except ValidationError as exc:
                messages.info(request, exc.messages[0])
            else:
                messages.success(request, _("Uw verzoek is doorgegeven. We bellen u zo snel "
                                            "mogelijk, uiterlijk op de datum hieronder."))
            return redirect("intake:mijn_detail", pk=pk)
        return render(request, "regie/terugbellen.html", {"intake": self.intake, "form": form},
                      status=400)
