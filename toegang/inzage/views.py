"""AVG inzage: the resident sees and downloads everything Toegang stores about them."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import inwoner_required
from toegang.audit.models import Actie, Grond, grond_label
from toegang.audit.services import toegangslog_write

from .document import inzage_document
from .pdf import inzage_as_pdf
from .selectors import inzage_data

# Personal data: never kept by a browser or proxy cache.
NO_STORE = "private, no-store"


def _log(request: AuthenticatedRequest, actie: str) -> None:
    toegangslog_write(user=request.user, actie=actie, grond=Grond.EIGEN, object_type="inzage",
                      inwoner_id=request.user.pk, doel=grond_label(Grond.EIGEN), request=request)


def _download(content: bytes, *, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    filename = f"mijn-gegevens-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = NO_STORE
    return response


@inwoner_required
def inzage(request: AuthenticatedRequest) -> HttpResponse:
    # The page shows the BSN masked, like every other page; the downloads have it in full.
    data = inzage_data(user=request.user, include_bsn=False)
    response = render(request, "inzage/inzage.html", {"document": inzage_document(data=data)})
    _log(request, Actie.BEKIJKEN)
    response["Cache-Control"] = NO_STORE
    return response


@inwoner_required
def inzage_pdf(request: AuthenticatedRequest) -> HttpResponse:
    pdf = inzage_as_pdf(document=inzage_document(data=inzage_data(user=request.user)))
    _log(request, Actie.EXPORTEREN)
    return _download(pdf, content_type="application/pdf", extension="pdf")


@inwoner_required
def inzage_json(request: AuthenticatedRequest) -> HttpResponse:
    data = json.dumps(inzage_data(user=request.user), ensure_ascii=False, indent=2)
    _log(request, Actie.EXPORTEREN)
    return _download(data.encode(), content_type="application/json; charset=utf-8",
                     extension="json")
