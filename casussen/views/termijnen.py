"""Clocks on the casus page: start a legal term, promise a call-back, and mark a clock met,
suspend, resume or extend it. Every action passes the casus gate (CHANGE) and one service."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from regie import selectors as regie_selectors
from regie import services as regie_services
from regie.forms_termijnen import (
    HervattenForm,
    OpschortenForm,
    TermijnStartForm,
    TerugbelafspraakForm,
    VerdagenForm,
)
from regie.models import Termijn, TermijnStatus
from regie.services import WETTELIJK
from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required

from .casus import CasusActionView

staff = method_decorator(casework_required, name="dispatch")

# The per-clock actions and their forms; "gehaald" has no fields.
ACTIE_FORMS: dict[str, Any] = {
    "opschorten": OpschortenForm,
    "hervatten": HervattenForm,
    "verdagen": VerdagenForm,
}


def _acties(termijn: Termijn) -> list[str]:
    """What may be done with this clock: legal terms can stand still or be extended."""
    if termijn.status == TermijnStatus.OPGESCHORT:
        return ["hervatten"]
    if termijn.soort in WETTELIJK:
        return ["opschorten", "verdagen"]
    return ["verdagen"]


def termijn_context(termijnen: list[Termijn], bound: dict[str, Any]) -> dict[str, Any]:
    """Badges and forms for the open clocks of a casus page, plus the forms to start one.
    A form that failed validation comes back in `bound` and is shown with its errors."""
    now = timezone.now()
    beleid = regie_services.beleid_actueel()
    fout = bound.get("termijn_actie")  # (termijn_id, actie, form)
    rijen = []
    for termijn in termijnen:
        forms = {}
        for actie in _acties(termijn):
            if fout and fout[0] == termijn.pk and fout[1] == actie:
                forms[actie] = fout[2]
            else:
                forms[actie] = ACTIE_FORMS[actie](auto_id=f"t{termijn.pk}_{actie}_%s")
        rijen.append({"termijn": termijn, "forms": forms,
                      "open": bool(fout and fout[0] == termijn.pk),
                      "badge": regie_selectors.termijn_badge(
                          deadline=termijn.deadline, status=termijn.status, now=now,
                          beleid=beleid)})
    return {
        "termijn_rijen": rijen,
        "termijn_start_form": bound.get("termijn_start_form")
        or TermijnStartForm(auto_id="termijnstart_%s"),
        "terugbel_form": bound.get("terugbel_form") or TerugbelafspraakForm(auto_id="terugbel_%s"),
    }


@staff
class TermijnStartView(CasusActionView):
    form_name = "termijn_start_form"
    success_message = _("De termijn loopt. U krijgt een herinnering voordat hij afloopt.")

    def build_form(self, data: Any) -> Any:
        return TermijnStartForm(data, auto_id="termijnstart_%s")

    def perform(self, form: Any) -> None:
        regie_services.termijn_start(user=self.request.user, casus=self.casus,
                                     soort=form.cleaned_data["soort"],
                                     start=form.cleaned_data["start"],
                                     omschrijving=form.cleaned_data["omschrijving"],
                                     request=self.request)


@staff
class TerugbelafspraakView(CasusActionView):
    form_name = "terugbel_form"
    success_message = _("De terugbelafspraak staat in uw termijnen. De inwoner krijgt bericht.")

    def build_form(self, data: Any) -> Any:
        return TerugbelafspraakForm(data, auto_id="terugbel_%s")

    def perform(self, form: Any) -> None:
        regie_services.terugbelafspraak_create(user=self.request.user, casus=self.casus,
                                               moment=form.cleaned_data["moment"],
                                               toelichting=form.cleaned_data["toelichting"],
                                               request=self.request)


class _TermijnView(CasusActionView):
    """Base for an action on one open clock of this casus (404 for any other clock)."""

    termijn: Termijn

    def open_termijn(self, termijn_id: int) -> Termijn:
        termijn = regie_selectors.termijn_van_casus(casus=self.casus, termijn_id=termijn_id)
        if termijn is None:
            raise Http404
        return termijn

    def post(self, request: AuthenticatedRequest, pk: int,  # type: ignore[override]
             termijn_id: int) -> HttpResponse:
        self.termijn = self.open_termijn(termijn_id)
        return super().post(request, pk)

    def get(self, request: AuthenticatedRequest, pk: int,  # type: ignore[override]
            termijn_id: int) -> HttpResponse:
        return super().get(request, pk)


class _TermijnFormView(_TermijnView):
    actie = ""

    def build_form(self, data: Any) -> Any:
        return ACTIE_FORMS[self.actie](data, auto_id=f"t{self.termijn.pk}_{self.actie}_%s")

    def render_page(self, bound: dict[str, Any] | None = None, status: int = 200
                    ) -> HttpResponse:
        if bound and self.form_name in bound:
            bound = {"termijn_actie": (self.termijn.pk, self.actie, bound[self.form_name])}
        return super().render_page(bound, status)


@staff
class TermijnGehaaldView(_TermijnView):
    """A button without fields: the promise is kept or the decision is taken."""

    def post(self, request: AuthenticatedRequest, pk: int,  # type: ignore[override]
             termijn_id: int) -> HttpResponse:
        termijn = self.open_termijn(termijn_id)
        try:
            regie_services.termijn_met(user=request.user, termijn=termijn, request=request)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("De termijn is afgehandeld."))
        return redirect("casussen:detail", pk=pk)


@staff
class TermijnOpschortenView(_TermijnFormView):
    actie = form_name = "opschorten"
    success_message = _("De termijn staat stil tot u hem hervat.")

    def perform(self, form: Any) -> None:
        regie_services.termijn_opschorten(user=self.request.user, termijn=self.termijn,
                                          reden=form.cleaned_data["reden"],
                                          vanaf=form.cleaned_data["vanaf"], request=self.request)


@staff
class TermijnHervattenView(_TermijnFormView):
    actie = form_name = "hervatten"
    success_message = _("De termijn loopt weer, met een nieuwe uiterste datum.")

    def perform(self, form: Any) -> None:
        regie_services.termijn_hervatten(user=self.request.user, termijn=self.termijn,
                                         op=form.cleaned_data["op"], request=self.request)


@staff
class TermijnVerdagenView(_TermijnFormView):
    actie = form_name = "verdagen"
    success_message = _("De termijn is verdaagd. De inwoner krijgt bericht met de nieuwe datum.")

    def perform(self, form: Any) -> None:
        regie_services.termijn_verdagen(user=self.request.user, termijn=self.termijn,
                                        nieuwe_deadline=form.cleaned_data["nieuwe_deadline"],
                                        reden=form.cleaned_data["reden"], request=self.request)
