"""The staff's download of a decision letter (PDF), from the casus; a draft comes out marked
as a concept, so the letter can be read before the decision is taken."""

from django.http import Http404, HttpResponse
from django.utils.decorators import method_decorator

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required
from toegang.audit.models import Actie

from ..views.base import CasusObjectView
from . import selectors
from .brief import beschikking_pdf, pdf_response


@method_decorator(casework_required, name="dispatch")
class BeschikkingBriefView(CasusObjectView):
    """Who may see the casus may read its decision letters; each download is logged."""

    def get(self, request: AuthenticatedRequest, pk: int, beschikking_id: int) -> HttpResponse:
        beschikking = selectors.beschikking_of(casus=self.casus, beschikking_id=beschikking_id)
        if beschikking is None:
            raise Http404
        self.log(Actie.EXPORTEREN, object_type="beschikking", object_id=beschikking.pk)
        return pdf_response(beschikking_pdf(casus=self.casus, beschikking=beschikking),
                            beschikking)
