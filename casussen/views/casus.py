"""The casus page and the actions on it; every action goes through the casus gate."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.permissions import IntakeActie, intake_access
from intake.selectors import intake_with_details
from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required
from toegang.audit.models import Actie

from .. import selectors, services
from ..forms import (
    AfwijzenForm,
    AveForm,
    BetrokkeneForm,
    ContactmomentForm,
    NotitieForm,
    OverdrachtForm,
    StatusForm,
    ToewijzenForm,
)
from ..permissions import CasusActie
from ..statusmachine import volgende
from ..tijdlijn import casus_tijdlijn
from .base import CasusObjectView

staff = method_decorator(casework_required, name="dispatch")


@staff
class CasusDetailView(CasusObjectView):
    """Everything about one household: the intake, the timeline, who is involved."""

    def forms(self, bound: dict[str, Any] | None = None) -> dict[str, Any]:
        user = self.request.user
        groepen = selectors.gedekte_groepen(casus=self.casus)  # once for the three lists
        collegas = selectors.collegas_voor_overdracht(casus=self.casus, user=user,
                                                      groepen=groepen)
        forms: dict[str, Any] = {
            "contact_form": ContactmomentForm(auto_id="contact_%s"),
            "notitie_form": NotitieForm(auto_id="notitie_%s"),
            "status_form": StatusForm(keuzes=volgende(self.casus.status), auto_id="status_%s"),
            "ave_form": AveForm(initial={"fase": self.casus.ave_fase}, auto_id="ave_%s"),
            "betrokkene_form": BetrokkeneForm(
                teams=selectors.teams_voor_betrokkenheid(casus=self.casus, groepen=groepen),
                professionals=collegas, auto_id="betrokkene_%s"),
            "overdracht_form": OverdrachtForm(collegas=collegas, auto_id="overdracht_%s"),
        }
        if user.rol == "teamleider":
            forms["toewijzen_form"] = ToewijzenForm(collegas=collegas, auto_id="toewijzen_%s")
        forms.update(bound or {})
        return forms

    def render_page(self, bound: dict[str, Any] | None = None, status: int = 200
                    ) -> HttpResponse:
        from .termijnen import termijn_context

        intake = intake_with_details(intake=self.casus.intake)
        details = selectors.casus_details(casus=self.casus)
        return render(self.request, "casussen/casus.html", {
            "casus": self.casus, "intake": intake, "tijdlijn": casus_tijdlijn(casus=self.casus),
            "mag_wijzigen": _may_change(self.request, self.casus.pk),
            "bijlagen_zichtbaar": _may(self.request, intake.pk, IntakeActie.BIJLAGEN),
            **details, **self.forms(bound),
            **termijn_context(details["termijnen"], bound or {})}, status=status)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        self.log(Actie.BEKIJKEN)
        return self.render_page()


def _may(request: AuthenticatedRequest, intake_id: int, action: IntakeActie) -> bool:
    try:
        intake_access(user=request.user, intake_id=intake_id, action=action)
    except Http404:
        return False
    return True


def _may_change(request: AuthenticatedRequest, casus_id: int) -> bool:
    from ..permissions import casus_access

    try:
        casus_access(user=request.user, casus_id=casus_id, action=CasusActie.CHANGE)
    except Http404:
        return False
    return True


class CasusActionView(CasusDetailView):
    """POST one form; on success back to the casus page, on errors the page with the form."""

    action = CasusActie.CHANGE
    form_name = ""
    success_message: Any = ""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return redirect("casussen:detail", pk=pk)

    def build_form(self, data: Any) -> Any:
        raise NotImplementedError

    def perform(self, form: Any) -> None:
        raise NotImplementedError

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = self.build_form(request.POST)
        if form.is_valid():
            try:
                self.perform(form)
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(request, self.success_message)
                return redirect("casussen:detail", pk=pk)
        return self.render_page({self.form_name: form}, status=400)


def _attach(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@staff
class ContactView(CasusActionView):
    form_name = "contact_form"
    success_message = _("Het contactmoment staat op de tijdlijn.")

    def build_form(self, data: Any) -> Any:
        return ContactmomentForm(data, auto_id="contact_%s")

    def perform(self, form: Any) -> None:
        services.contactmoment_add(user=self.request.user, casus=self.casus, **form.cleaned_data,
                                   request=self.request)


@staff
class NotitieView(CasusActionView):
    form_name = "notitie_form"
    success_message = _("De notitie staat op de tijdlijn.")

    def build_form(self, data: Any) -> Any:
        return NotitieForm(data, auto_id="notitie_%s")

    def perform(self, form: Any) -> None:
        services.notitie_add(user=self.request.user, casus=self.casus, **form.cleaned_data,
                             request=self.request)


@staff
class StatusView(CasusActionView):
    form_name = "status_form"
    success_message = _("De status is veranderd.")

    def build_form(self, data: Any) -> Any:
        return StatusForm(data, keuzes=volgende(self.casus.status), auto_id="status_%s")

    def perform(self, form: Any) -> None:
        services.casus_transition(user=self.request.user, casus=self.casus,
                                  naar=form.cleaned_data["naar"],
                                  reden=form.cleaned_data["reden"], request=self.request)


@staff
class AveView(CasusActionView):
    form_name = "ave_form"
    success_message = _("De AVE-fase is aangepast.")

    def build_form(self, data: Any) -> Any:
        return AveForm(data, auto_id="ave_%s")

    def perform(self, form: Any) -> None:
        services.ave_set(user=self.request.user, casus=self.casus, **form.cleaned_data,
                         request=self.request)


@staff
class BetrokkeneView(CasusActionView):
    form_name = "betrokkene_form"
    success_message = _("De betrokkene is toegevoegd.")

    def build_form(self, data: Any) -> Any:
        return BetrokkeneForm(
            data, teams=selectors.teams_voor_betrokkenheid(casus=self.casus),
            professionals=selectors.collegas_voor_overdracht(casus=self.casus,
                                                             user=self.request.user),
            auto_id="betrokkene_%s")

    def perform(self, form: Any) -> None:
        data = form.cleaned_data
        services.betrokkene_add(user=self.request.user, casus=self.casus, team=data["team"],
                                rol=data["rol"], professional=data["professional"],
                                toelichting=data["toelichting"], request=self.request)


@staff
class OverdrachtView(CasusActionView):
    form_name = "overdracht_form"
    success_message = _("De overdracht is voorgesteld. U blijft regiehouder tot uw collega "
                        "accepteert.")

    def build_form(self, data: Any) -> Any:
        return OverdrachtForm(data, collegas=selectors.collegas_voor_overdracht(
            casus=self.casus, user=self.request.user), auto_id="overdracht_%s")

    def perform(self, form: Any) -> None:
        services.overdracht_propose(user=self.request.user, casus=self.casus,
                                    **form.cleaned_data, request=self.request)


@staff
class ToewijzenView(CasusActionView):
    form_name = "toewijzen_form"
    success_message = _("De casus heeft een nieuwe regiehouder.")

    def build_form(self, data: Any) -> Any:
        return ToewijzenForm(data, collegas=selectors.collegas_voor_overdracht(
            casus=self.casus, user=self.request.user), auto_id="toewijzen_%s")

    def perform(self, form: Any) -> None:
        services.regiehouder_assign(user=self.request.user, casus=self.casus,
                                    **form.cleaned_data, request=self.request)


@staff
class BetrokkeneStoppenView(CasusActionView):
    """End someone's involvement; their personal access ends with it."""

    http_method_names = ["post"]  # a GET here was a 500 (no page to show): now a 405

    def post(self, request: AuthenticatedRequest, pk: int,  # type: ignore[override]
             betrokkenheid_id: int) -> HttpResponse:
        betrokken = selectors.betrokkenheid_of(casus=self.casus, betrokkenheid_id=betrokkenheid_id)
        if betrokken is None:
            raise Http404
        services.betrokkene_end(user=request.user, betrokkenheid=betrokken, request=request)
        messages.success(request, _("De betrokkenheid is gestopt."))
        return redirect("casussen:detail", pk=pk)


@require_POST
@casework_required
def oppakken(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Pick up an intake: create its casus and become regiehouder."""
    intake = intake_access(user=request.user, intake_id=pk, action=IntakeActie.VIEW)
    try:
        casus = services.casus_open(user=request.user, intake=intake, request=request)
    except services.AlOpgepakt as exc:
        messages.info(request, exc.messages[0])
        return redirect("intake:werk_detail", pk=pk)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("intake:werk_detail", pk=pk)
    messages.success(request, _("U bent nu regiehouder van deze casus."))
    return redirect("casussen:detail", pk=casus.pk)


@casework_required
def overdracht(request: AuthenticatedRequest, overdracht_id: int) -> HttpResponse:
    """The receiver reads the handover note and accepts or declines; the proposer can
    withdraw."""
    item = selectors.overdracht_for(user=request.user, overdracht_id=overdracht_id)
    if item is None:
        raise Http404
    form = AfwijzenForm(request.POST or None)
    if request.method == "POST":
        try:
            actie = request.POST.get("actie")
            if actie == "accepteren":
                services.overdracht_accept(user=request.user, overdracht=item, request=request)
                messages.success(request, _("U bent nu regiehouder. De inwoner krijgt uw naam "
                                            "en hoe u te bereiken bent."))
                return redirect("casussen:detail", pk=item.casus_id)
            if actie == "intrekken":
                services.overdracht_withdraw(user=request.user, overdracht=item)
                messages.success(request, _("De overdracht is ingetrokken."))
                return redirect("casussen:detail", pk=item.casus_id)
            if form.is_valid():
                services.overdracht_decline(user=request.user, overdracht=item,
                                            reden=form.cleaned_data["reden"], request=request)
                messages.success(request, _("U heeft de overdracht afgewezen."))
                return redirect("casussen:werkvoorraad")
        except ValidationError as exc:
            _attach(form, exc)
    return render(request, "casussen/overdracht.html", {"overdracht": item, "form": form},
                  status=400 if request.method == "POST" else 200)
