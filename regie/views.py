from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from toegang.accounts.permissions import management_required


@management_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "regie/dashboard.html")
