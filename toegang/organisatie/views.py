"""Public page: the wijkteam of a postcode, with its address and walk-in hours."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import selectors
from .forms import PostcodeForm


@require_safe
def wijkteam(request: HttpRequest) -> HttpResponse:
    """Read-only and without login; the postcode is only in the URL, nothing is stored."""
    form = PostcodeForm(request.GET if "postcode" in request.GET else None)
    team = centraal = None
    if form.is_bound and form.is_valid():
        team = selectors.team_voor_postcode(form.cleaned_data["postcode"])
        if team is None:
            form.add_error("postcode", _(
                "Bij deze postcode vinden we geen wijkteam. Kijk of de postcode goed is. "
                "Woont u niet in de gemeente of heeft u geen vaste woonplek? Dan helpt de "
                "centrale toegang u."))
            centraal = selectors.centrale_toegang()
    return render(request, "organisatie/wijkteam.html",
                  {"form": form, "team": team, "centraal": centraal})
