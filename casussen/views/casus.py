"""The casus page and the actions on it."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required
from toegang.audit.models import Actie

from ..tijdlijn import casus_tijdlijn
from .base import CasusObjectView


@method_decorator(casework_required, name="dispatch")
class CasusDetailView(CasusObjectView):
    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        self.log(Actie.BEKIJKEN)
        return render(request, "casussen/casus.html", {
            "casus": self.casus, "tijdlijn": casus_tijdlijn(casus=self.casus)})
