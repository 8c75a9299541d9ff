"""The casus page and the actions on it; every action goes through the casus gate.

The casus page is for reading; it carries only the frequent forms (contactmoment, notitie).
Every other action has a small page of its own at its URL ("one task per page"): see
`CasusActionView`."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from intake.permissions import IntakeActie, intake_access, intake_may
from intake.selectors import intake_with_details
from toegang.accounts.models import AuthenticatedRequest, Rol
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
from ..models import Casus
from ..permissions import CasusActie, casus_may
from ..statusmachine import volgende
from ..tijdlijn import casus_tijdlijn
from .base import CasusObjectView
from .klokken import termijn_context

staff = method_decorator(casework_required, name="dispatch")

# A sub-domain adds a block to the casus page by registering a function that returns the
# block's context in a fixed number of queries. casussen.views cannot import the sub-domains
# (their pages are built on these views), so they register here: the decision path does so in
# casussen/besluit/views_werk.py.
CasusBlok = Callable[[AuthenticatedRequest, Casus], dict[str, Any]]
CASUS_BLOKKEN: list[CasusBlok] = []


def casus_blok(func: CasusBlok) -> CasusBlok:
    """Register a block of the casus page (once, however often it is called)."""
    if func not in CASUS_BLOKKEN:
        CASUS_BLOKKEN.append(func)
    return func


@staff
class CasusDetailView(CasusObjectView):
    """Everything about one household: the intake, the timeline, who is involved."""

    def forms(self, bound: dict[str, Any] | None = None) -> dict[str, Any]:
        """The two forms the casus page carries; a form that failed comes back in `bound`."""
        return {
            "contact_form": ContactmomentForm(auto_id="contact_%s"),
            "notitie_form": NotitieForm(auto_id="notitie_%s"),
            **(bound or {}),
        }

    def render_page(self, bound: dict[str, Any] | None = None, status: int = 200
                    ) -> HttpResponse:
        intake = intake_with_details(intake=self.casus.intake)
        details = selectors.casus_details(casus=self.casus)
        return render(self.request, "casussen/casus.html", {
            "casus": self.casus, "intake": intake, "tijdlijn": casus_tijdlijn(casus=self.casus),
            "mag_wijzigen": _may_change(self.request, self.casus.pk),
            "mag_toewijzen": self.request.user.rol == Rol.TEAMLEIDER,
            "bijlagen_zichtbaar": _may(self.request, intake.pk, IntakeActie.BIJLAGEN),
            **{k: v for blok in CASUS_BLOKKEN for k, v in blok(self.request, self.casus).items()},
            **details, **self.forms(bound), **termijn_context(details["termijnen"])},
            status=status)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        self.log(Actie.BEKIJKEN)
        return self.render_page()


def _may(request: AuthenticatedRequest, intake_id: int, action: IntakeActie) -> bool:
    return intake_may(user=request.user, intake_id=intake_id, action=action)


def _may_change(request: AuthenticatedRequest, casus_id: int) -> bool:
    return casus_may(user=request.user, casus_id=casus_id, action=CasusActie.CHANGE)


class CasusActionView(CasusDetailView):
    """One task on a casus, behind the same gate (CHANGE; 404 otherwise, also for GET).

    A page of its own at the action URL: GET shows `titel`, `uitleg` and the form
    (`casussen/actie.html`) and logs the view like the casus page does; a valid POST calls
    the service (which logs the change) and returns to the casus page; an invalid POST shows
    the page again with the errors and what was typed (400). An `inline` action lives on the
    casus page itself (contactmoment, notitie, field-less buttons): GET goes to the casus
    page and errors re-render that page.
    """

    action = CasusActie.CHANGE
    template_name = "casussen/actie.html"
    inline = False
    form_name = ""  # the form's name on the casus page (inline actions)
    titel: Any = ""
    uitleg: Any = ""
    knop: Any = ""
    success_message: Any = ""

    def prepare(self, **kwargs: Any) -> None:
        """Load what the action works on besides the casus (404 when it is not there)."""

    def build_form(self, data: Any) -> Any:
        raise NotImplementedError

    def perform(self, form: Any) -> None:
        raise NotImplementedError

    def get_titel(self) -> Any:
        return self.titel

    def get_uitleg(self) -> Any:
        return self.uitleg

    def get_knop(self) -> Any:
        return self.knop or self.get_titel()

    def page_context(self) -> dict[str, Any]:
        return {}

    def success_url(self) -> str:
        """Where a saved action goes: back to the casus page."""
        return reverse("casussen:detail", args=[self.casus.pk])

    def render_action(self, form: Any, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, {
            "casus": self.casus, "form": form, "titel": self.get_titel(),
            "uitleg": self.get_uitleg(), "knop": self.get_knop(), **self.page_context()},
            status=status)

    def get(self, request: AuthenticatedRequest, pk: int, **kwargs: Any) -> HttpResponse:
        self.prepare(**kwargs)
        if self.inline:
            return redirect("casussen:detail", pk=pk)
        self.log(Actie.BEKIJKEN)
        return self.render_action(self.build_form(None))

    def post(self, request: AuthenticatedRequest, pk: int, **kwargs: Any) -> HttpResponse:
        self.prepare(**kwargs)
        form = self.build_form(request.POST)
        if form.is_valid():
            try:
                self.perform(form)
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(request, self.success_message)
                return redirect(self.success_url())
        if self.inline:
            return self.render_page({self.form_name: form}, status=400)
        return self.render_action(form, status=400)


def _attach(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@staff
class ContactView(CasusActionView):
    inline = True
    form_name = "contact_form"
    success_message = gettext_lazy("Het contactmoment staat op de tijdlijn.")

    def build_form(self, data: Any) -> Any:
        return ContactmomentForm(data, auto_id="contact_%s")

    def perform(self, form: Any) -> None:
        services.contactmoment_add(user=self.request.user, casus=self.casus, **form.cleaned_data,
                                   request=self.request)


@staff
class NotitieView(CasusActionView):
    inline = True
    form_name = "notitie_form"
    success_message = gettext_lazy("De notitie staat op de tijdlijn.")

    def build_form(self, data: Any) -> Any:
        return NotitieForm(data, auto_id="notitie_%s")

    def perform(self, form: Any) -> None:
        services.notitie_add(user=self.request.user, casus=self.casus, **form.cleaned_data,
                             request=self.request)


@staff
class StatusView(CasusActionView):
    titel = gettext_lazy("Status veranderen")
    success_message = gettext_lazy("De status is veranderd.")

    def get_uitleg(self) -> Any:
        return _("De casus staat nu op ‘%(status)s’. U kunt kiezen uit de stappen die vanaf "
                 "hier mogen. Bij afsluiten en heropenen schrijft u op waarom.") % {
                     "status": self.casus.get_status_display()}

    def build_form(self, data: Any) -> Any:
        return StatusForm(data, keuzes=volgende(self.casus.status), auto_id="status_%s")

    def perform(self, form: Any) -> None:
        services.casus_transition(user=self.request.user, casus=self.casus,
                                  naar=form.cleaned_data["naar"],
                                  reden=form.cleaned_data["reden"], request=self.request)


@staff
class AveView(CasusActionView):
    titel = gettext_lazy("AVE-fase aanpassen")
    knop = gettext_lazy("Fase vastleggen")
    success_message = gettext_lazy("De AVE-fase is aangepast.")

    def get_uitleg(self) -> Any:
        return _("De casus staat nu in AVE-fase %(fase)s. Kiest u fase 3 of 4, dan krijgt de "
                 "teamleider bericht.") % {"fase": self.casus.ave_fase}

    def build_form(self, data: Any) -> Any:
        return AveForm(data, initial={"fase": self.casus.ave_fase}, auto_id="ave_%s")

    def perform(self, form: Any) -> None:
        services.ave_set(user=self.request.user, casus=self.casus, **form.cleaned_data,
                         request=self.request)


@staff
class BetrokkeneView(CasusActionView):
    titel = gettext_lazy("Iemand betrekken")
    uitleg = gettext_lazy("Alleen teams die de inwoner toestemming gaf (of een "
                          "veiligheidsmelding) kunnen meedoen.")
    knop = gettext_lazy("Toevoegen")
    success_message = gettext_lazy("De betrokkene is toegevoegd.")

    def build_form(self, data: Any) -> Any:
        groepen = list(selectors.gedekte_groepen(intake=self.casus.intake))  # once for both
        return BetrokkeneForm(
            data, teams=selectors.teams_for_betrokkenheid(casus=self.casus, groepen=groepen),
            professionals=selectors.collegas_for_overdracht(
                casus=self.casus, user=self.request.user, groepen=groepen),
            auto_id="betrokkene_%s")

    def perform(self, form: Any) -> None:
        data = form.cleaned_data
        services.betrokkene_add(user=self.request.user, casus=self.casus, team=data["team"],
                                rol=data["rol"], professional=data["professional"],
                                toelichting=data["toelichting"], request=self.request)


@staff
class OverdrachtView(CasusActionView):
    titel = gettext_lazy("Overdragen aan een collega")
    uitleg = gettext_lazy("Schrijf op wat uw collega moet weten. U blijft regiehouder tot uw "
                          "collega de overdracht accepteert. Daarna krijgt de inwoner de naam "
                          "van de nieuwe regiehouder.")
    knop = gettext_lazy("Overdracht voorstellen")
    success_message = gettext_lazy("De overdracht is voorgesteld. U blijft regiehouder tot uw "
                                   "collega accepteert.")

    def build_form(self, data: Any) -> Any:
        return OverdrachtForm(data, collegas=selectors.collegas_for_overdracht(
            casus=self.casus, user=self.request.user), auto_id="overdracht_%s")

    def perform(self, form: Any) -> None:
        services.overdracht_propose(user=self.request.user, casus=self.casus,
                                    **form.cleaned_data, request=self.request)


@staff
class ToewijzenView(CasusActionView):
    titel = gettext_lazy("Toewijzen (teamleider)")
    uitleg = gettext_lazy("Als teamleider maakt u een collega direct regiehouder, zonder "
                          "voorstel en antwoord. Uw collega en de inwoner krijgen bericht.")
    knop = gettext_lazy("Toewijzen")
    success_message = gettext_lazy("De casus heeft een nieuwe regiehouder.")

    def build_form(self, data: Any) -> Any:
        return ToewijzenForm(data, collegas=selectors.collegas_for_overdracht(
            casus=self.casus, user=self.request.user), auto_id="toewijzen_%s")

    def perform(self, form: Any) -> None:
        services.regiehouder_assign(user=self.request.user, casus=self.casus,
                                    **form.cleaned_data, request=self.request)


@staff
class BetrokkeneStoppenView(CasusActionView):
    """End someone's involvement; their personal access ends with it."""

    inline = True
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
