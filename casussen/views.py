from django.http import HttpResponse
from django.shortcuts import render

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required, teamleider_required
from toegang.organisatie.selectors import teams_of


@casework_required
def werkvoorraad(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "casussen/werkvoorraad.html", {"teams": teams_of(user=request.user)})


@teamleider_required
def team(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "casussen/team.html", {"teams": teams_of(user=request.user)})
