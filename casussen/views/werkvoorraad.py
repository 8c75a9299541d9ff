from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from intake.selectors import intake_list_for
from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required, teamleider_required
from toegang.organisatie.selectors import teams_of

PER_PAGINA = 25


@casework_required
def werkvoorraad(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(intake_list_for(user=request.user), PER_PAGINA) \
        .get_page(request.GET.get("pagina"))
    return render(request, "casussen/werkvoorraad.html",
                  {"teams": teams_of(user=request.user), "page": page})


@teamleider_required
def team(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "casussen/team.html", {"teams": teams_of(user=request.user)})
