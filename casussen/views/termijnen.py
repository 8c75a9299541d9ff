"""Clocks on a casus: "afgehandeld" as a button on the casus page, and a page of its own to
start a legal term, promise a call-back, and suspend, resume or extend a clock (the badges and
links on the casus page are in `klokken.py`). Every action passes the casus gate (CHANGE) and
one service."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from regie.termijnen import selectors as regie_selectors
from regie.termijnen import services as regie_services
from regie.termijnen.forms import (
    HervattenForm,
    OpschortenForm,
    TermijnStartForm,
    TerugbelafspraakForm,
    VerdagenForm,
)
from regie.termijnen.models import Termijn
from regie.termijnen.services import WETTELIJK
from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required

from .casus import CasusActionView

staff = method_decorator(casework_required, name="dispatch")

@staff
class TermijnStartView(CasusActionView):
    titel = _("Wettelijke termijn starten")
    uitleg = _("Voor een besluit geeft de wet een vaste tijd. Toegang rekent de uiterste datum "
               "uit in werkdagen en herinnert u op tijd.")
    knop = _("Termijn starten")
    success_message = _("De termijn loopt. U krijgt een herinnering voordat hij afloopt.")

    def build_form(self, data: Any) -> Any:
        return TermijnStartForm(data, auto_id="termijnstart_%s")

    def perform(self, form: Any) -> None:
        regie_services.termijn_start(user=self.request.user, intake=self.casus.intake,
                                     soort=form.cleaned_data["soort"],
                                     start=form.cleaned_data["start"],
                                     omschrijving=form.cleaned_data["omschrijving"],
                                     request=self.request)


@staff
class TerugbelafspraakView(CasusActionView):
    titel = _("Terugbelafspraak maken")
    uitleg = _("Spreek af wanneer u de inwoner terugbelt. De afspraak komt bij uw termijnen en "
               "u krijgt een herinnering.")
    success_message = _("De terugbelafspraak staat in uw termijnen. De inwoner krijgt bericht.")

    def build_form(self, data: Any) -> Any:
        return TerugbelafspraakForm(data, auto_id="terugbel_%s")

    def perform(self, form: Any) -> None:
        regie_services.terugbelafspraak_create(user=self.request.user,
                                               intake=self.casus.intake,
                                               moment=form.cleaned_data["moment"],
                                               toelichting=form.cleaned_data["toelichting"],
                                               request=self.request)


class _TermijnView(CasusActionView):
    """Base for an action on one open clock of this casus (404 for any other clock)."""

    termijn: Termijn

    def prepare(self, **kwargs: Any) -> None:
        termijn = regie_selectors.termijn_of_casus(casus=self.casus,
                                                    termijn_id=kwargs["termijn_id"])
        if termijn is None:
            raise Http404
        self.termijn = termijn

    def page_context(self) -> dict[str, Any]:
        return {"termijn": self.termijn}


class _TermijnFormView(_TermijnView):
    actie = ""
    form_class: Any = None

    def build_form(self, data: Any) -> Any:
        return self.form_class(data, auto_id=f"t{self.termijn.pk}_{self.actie}_%s")


@staff
class TermijnAfgehandeldView(_TermijnView):
    """A button without fields on the casus page: the promise is kept or the decision is
    taken."""

    inline = True

    def post(self, request: AuthenticatedRequest, pk: int,  # type: ignore[override]
             termijn_id: int) -> HttpResponse:
        self.prepare(termijn_id=termijn_id)
        try:
            regie_services.termijn_complete(user=request.user, termijn=self.termijn,
                                            request=request)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("De termijn is afgehandeld."))
        return redirect("casussen:detail", pk=pk)


@staff
class TermijnOpschortenView(_TermijnFormView):
    actie = "opschorten"
    form_class = OpschortenForm
    titel = _("Termijn opschorten")
    uitleg = _("Wacht u op informatie van de inwoner, dan staat de wettelijke termijn stil "
               "(Awb 4:15). Hervat de termijn als de informatie binnen is.")
    success_message = _("De termijn staat stil tot u hem hervat.")

    def perform(self, form: Any) -> None:
        regie_services.termijn_suspend(user=self.request.user, termijn=self.termijn,
                                          reden=form.cleaned_data["reden"],
                                          vanaf=form.cleaned_data["vanaf"], request=self.request)


@staff
class TermijnHervattenView(_TermijnFormView):
    actie = "hervatten"
    form_class = HervattenForm
    titel = _("Termijn hervatten")
    success_message = _("De termijn loopt weer, met een nieuwe uiterste datum.")

    def perform(self, form: Any) -> None:
        regie_services.termijn_resume(user=self.request.user, termijn=self.termijn,
                                         op=form.cleaned_data["op"], request=self.request)


@staff
class TermijnVerdagenView(_TermijnFormView):
    """Extend a legal term (Awb 4:14), or give a promise another date."""

    actie = "verdagen"
    form_class = VerdagenForm
    success_message = _("De termijn is verdaagd. De inwoner krijgt bericht met de nieuwe datum.")

    def _wettelijk(self) -> bool:
        return self.termijn.soort in WETTELIJK

    def get_titel(self) -> Any:
        return _("Termijn verdagen") if self._wettelijk() else _("Andere datum afspreken")

    def get_knop(self) -> Any:
        return _("Termijn verdagen") if self._wettelijk() else _("Datum vastleggen")

    def perform(self, form: Any) -> None:
        regie_services.termijn_extend(user=self.request.user, termijn=self.termijn,
                                        nieuwe_deadline=form.cleaned_data["nieuwe_deadline"],
                                        reden=form.cleaned_data["reden"], request=self.request)
