"""ZRM pages: the history with a chart for professionals, a new assessment, and the
resident's own self-assessment next to the professional's (Mijn toegang).

Each request writes one access-log row: a page view logs `bekijken`; a saved assessment is
logged by its service as `wijzigen`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required, inwoner_required
from toegang.audit.models import Actie
from toegang.core.domein import ZrmNiveau

from ..models import CasusStatus
from ..permissions import CasusActie, casus_may
from ..views.base import CasusObjectView
from .chart import KLEUR_PROFESSIONAL, KLEUR_ZELF, zrm_charts, zrm_summary, zrm_table
from .forms import ZrmMetingForm, ZrmZelfForm
from .selectors import (
    Punt,
    zrm_eerste_laatste,
    zrm_history,
    zrm_laatste_per_domein,
    zrm_naast_elkaar,
    zrm_verloop,
)
from .services import zrm_record, zrm_self_assess


def _add_service_errors(form: Form, exc: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else at the top."""
    if hasattr(exc, "error_dict") and set(exc.error_dict) <= set(form.fields):
        form.add_error(None, exc)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@method_decorator(casework_required, name="dispatch")
class ZrmView(CasusObjectView):
    """History, chart, table and summary of all assessments of the casus."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        metingen = zrm_history(casus=self.casus)
        verloop = zrm_verloop(metingen=metingen)
        self.log(Actie.BEKIJKEN, object_type="zrm")
        return render(request, "casussen/zrm.html", {
            "casus": self.casus, "metingen": metingen, "verloop": verloop,
            "grafieken": zrm_charts(verloop=verloop), "tabel": zrm_table(verloop=verloop),
            "samenvatting": zrm_summary(verschillen=zrm_eerste_laatste(metingen=metingen)),
            "niveaus": ZrmNiveau.choices,
            "kleur_professional": KLEUR_PROFESSIONAL, "kleur_zelf": KLEUR_ZELF,
            "mag_wijzigen": self.casus.status != CasusStatus.AFGESLOTEN and self._may_change(),
        })

    def _may_change(self) -> bool:
        return casus_may(user=self.request.user, casus_id=self.casus.pk,
                         action=CasusActie.CHANGE)


@method_decorator(casework_required, name="dispatch")
class ZrmNieuwView(CasusObjectView):
    """Record a new assessment: a level per domain, each domain optional."""

    action = CasusActie.CHANGE

    def _render(self, form: ZrmMetingForm, status: int = 200) -> HttpResponse:
        self.log(Actie.BEKIJKEN, object_type="zrm")
        return render(self.request, "casussen/zrm_nieuw.html",
                      {"casus": self.casus, "form": form}, status=status)

    def _vorige(self) -> dict[str, Punt]:
        return zrm_laatste_per_domein(metingen=zrm_history(casus=self.casus))

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return self._render(ZrmMetingForm(vorige=self._vorige()))

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = ZrmMetingForm(request.POST, vorige=self._vorige())
        if form.is_valid():
            try:
                zrm_record(user=request.user, casus=self.casus,
                           datum=form.cleaned_data["datum"], scores=form.scores(),
                           toelichting=form.cleaned_data["toelichting"], request=request)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(request, _("De ZRM-meting is opgeslagen."))
                return redirect("casussen:zrm", pk=pk)
        return self._render(form, status=400)


@method_decorator(inwoner_required, name="dispatch")
class MijnZrmView(CasusObjectView):
    """The resident's latest self-assessment next to the professional's latest one."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        vergelijking = zrm_naast_elkaar(metingen=zrm_history(casus=self.casus))
        self.log(Actie.BEKIJKEN, object_type="zrm")
        return render(request, "casussen/mijn_zrm.html", {
            "casus": self.casus, "vergelijking": vergelijking,
            "open": self.casus.status != CasusStatus.AFGESLOTEN,
        })


@method_decorator(inwoner_required, name="dispatch")
class MijnZrmInvullenView(CasusObjectView):
    """The resident scores the domains themselves, in plain words. The gate lets a resident
    view only their own case; the service records the self-assessment on it."""

    def _render(self, form: ZrmZelfForm, status: int = 200) -> HttpResponse:
        self.log(Actie.BEKIJKEN, object_type="zrm")
        return render(self.request, "casussen/mijn_zrm_invullen.html",
                      {"casus": self.casus, "form": form}, status=status)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return self._render(ZrmZelfForm())

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = ZrmZelfForm(request.POST)
        if form.is_valid():
            try:
                zrm_self_assess(inwoner=request.user, casus=self.casus, scores=form.scores(),
                                toelichting=form.cleaned_data["toelichting"], request=request)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(request, _("Dank u. Uw antwoorden zijn opgeslagen. Uw "
                                            "contactpersoon kan ze nu zien."))
                return redirect("casussen_mijn:zrm", pk=pk)
        return self._render(form, status=400)
