"""The public sociale kaart: /hulp-in-de-buurt/ (no login), a GET form and a detail page."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import ZoekForm
from .selectors import voorziening_openbaar, voorzieningen_zoeken

PER_PAGINA = 10


def _query(request: HttpRequest) -> str:
    """The search as a query string, to keep it on the pages and the way back."""
    return urlencode({k: request.GET.get(k, "")[:20] for k in ("postcode", "thema")
                      if request.GET.get(k)})


def zoeken(request: HttpRequest) -> HttpResponse:
    gezocht = bool({"postcode", "thema"} & set(request.GET))
    form = ZoekForm(request.GET if gezocht else None)
    page = None
    wijk = None
    status = 200
    if not gezocht or form.is_valid():
        data = form.cleaned_data if gezocht else {}
        wijk = getattr(form, "wijk", None)
        qs = voorzieningen_zoeken(levensgebied=data.get("thema", ""), wijk=wijk)
        page = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    else:
        status = 400
    query = _query(request)
    return render(request, "socialekaart/zoeken.html", {
        "form": form, "page": page, "wijk": wijk, "query": query, "gezocht": gezocht,
    }, status=status)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    voorziening = voorziening_openbaar(pk=pk)
    if voorziening is None:
        raise Http404
    return render(request, "socialekaart/detail.html", {
        "voorziening": voorziening, "query": _query(request),
    })
