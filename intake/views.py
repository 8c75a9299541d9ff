from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from toegang.accounts.permissions import inwoner_required


@inwoner_required
def mijn(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/mijn.html")
