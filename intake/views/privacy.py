"""The privacy officer's view of the access log."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from toegang.accounts.models import AuthenticatedRequest, Rol
from toegang.accounts.permissions import role_required
from toegang.audit.selectors import toegangslog_search

from ..forms import ToegangslogZoekForm


@role_required([Rol.PRIVACY])
def privacy_toegangslog(request: AuthenticatedRequest) -> HttpResponse:
    form = ToegangslogZoekForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        rows = toegangslog_search(**form.cleaned_data)
        page = Paginator(rows, 100).get_page(request.GET.get("pagina"))
    return render(request, "intake/privacy_toegangslog.html", {"form": form, "page": page})


