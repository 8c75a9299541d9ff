"""Appointments: the team plans, moves, cancels and records them on the casus
(/werk/casussen/<pk>/afspraken/…); the resident confirms or asks for another time in Mijn
toegang (/mijn/casussen/<pk>/afspraken/<id>/). Every view passes the casus gate first."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required, inwoner_required
from toegang.audit.models import Actie

from ..permissions import CasusActie, casus_may
from ..views.base import CasusObjectView
from ..views.casus import CasusActionView
from . import selectors, services
from .forms import AfspraakForm, AndereTijdForm, AnnulerenForm, VerslagForm
from .models import Afspraak

staff = method_decorator(casework_required, name="dispatch")
resident = method_decorator(inwoner_required, name="dispatch")


def _samenvatting(afspraak: Afspraak) -> str:
    return _("%(soort)s op %(wanneer)s, %(waar)s.") % {
        "soort": afspraak.get_soort_display().capitalize(),
        "wanneer": services.wanneer(afspraak), "waar": services.waar(afspraak)}


@staff
class AfsprakenView(CasusObjectView):
    """The casus' appointments: those ahead first, then the past ones."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        self.log(Actie.BEKIJKEN)
        return render(request, "casussen/afspraken/lijst.html", {
            "casus": self.casus, "afspraken": selectors.afspraken_of(casus=self.casus),
            "mag_wijzigen": casus_may(user=request.user, casus_id=pk,
                                      action=CasusActie.CHANGE)})


class _AfspraakActie(CasusActionView):
    """An action on the casus' appointments; saved, it returns to their list."""

    afspraak: Afspraak

    def success_url(self) -> str:
        return reverse("casussen:afspraken", args=[self.casus.pk])

    def page_context(self) -> dict[str, Any]:
        return {"terug_url": self.success_url(),
                "terug_tekst": _("Terug naar de afspraken")}


class _BestaandeAfspraak(_AfspraakActie):
    def prepare(self, **kwargs: Any) -> None:
        afspraak = selectors.afspraak_of(casus=self.casus, afspraak_id=kwargs["afspraak_id"])
        if afspraak is None:
            raise Http404
        self.afspraak = afspraak

    def get_uitleg(self) -> Any:
        return _samenvatting(self.afspraak)

    def render_action(self, form: Any, status: int = 200) -> HttpResponse:
        if not self.afspraak.is_lopend and self.request.method == "GET":
            messages.info(self.request, _("Deze afspraak is al %(status)s.") % {
                "status": self.afspraak.get_status_display()})
            return redirect(self.success_url())
        return super().render_action(form, status)


@staff
class AfspraakPlannenView(_AfspraakActie):
    titel = gettext_lazy("Afspraak plannen")
    uitleg = gettext_lazy("De inwoner krijgt een uitnodiging zoals die dat wil: in Mijn "
                          "toegang, per e-mail met een agenda-bestand, of per brief.")
    knop = gettext_lazy("Afspraak plannen en uitnodiging sturen")
    success_message = gettext_lazy("De afspraak is gepland. De inwoner krijgt een "
                                   "uitnodiging.")

    def build_form(self, data: Any) -> Any:
        if data is None:
            return AfspraakForm(initial={"deelnemers": self.request.user.get_full_name()})
        return AfspraakForm(data)

    def perform(self, form: Any) -> None:
        services.afspraak_plan(user=self.request.user, casus=self.casus,
                               gegevens=form.gegevens(), request=self.request)


@staff
class AfspraakVerzettenView(_BestaandeAfspraak):
    titel = gettext_lazy("Afspraak verzetten")
    knop = gettext_lazy("Verzetten en nieuwe uitnodiging sturen")
    success_message = gettext_lazy("De afspraak is verzet. De inwoner krijgt de nieuwe "
                                   "uitnodiging.")

    def build_form(self, data: Any) -> Any:
        return AfspraakForm.van(self.afspraak) if data is None else AfspraakForm(data)

    def perform(self, form: Any) -> None:
        services.afspraak_move(user=self.request.user, afspraak=self.afspraak,
                               gegevens=form.gegevens(), request=self.request)


@staff
class AfspraakAnnulerenView(_BestaandeAfspraak):
    titel = gettext_lazy("Afspraak annuleren")
    knop = gettext_lazy("Annuleren en de inwoner laten weten")
    success_message = gettext_lazy("De afspraak is geannuleerd. De inwoner krijgt bericht.")

    def build_form(self, data: Any) -> Any:
        return AnnulerenForm(data)

    def perform(self, form: Any) -> None:
        services.afspraak_cancel(user=self.request.user, afspraak=self.afspraak,
                                 reden=form.cleaned_data["reden"], request=self.request)


@staff
class AfspraakVerslagView(_BestaandeAfspraak):
    titel = gettext_lazy("Uitkomst van de afspraak vastleggen")
    knop = gettext_lazy("Uitkomst opslaan")
    success_message = gettext_lazy("De uitkomst staat op de tijdlijn.")

    def build_form(self, data: Any) -> Any:
        return VerslagForm(data)

    def perform(self, form: Any) -> None:
        services.afspraak_record(user=self.request.user, afspraak=self.afspraak,
                                 gehouden=form.cleaned_data["gehouden"],
                                 uitkomst=form.cleaned_data["uitkomst"], request=self.request)


def _mijn_afspraak(view: CasusObjectView, afspraak_id: int) -> Afspraak:
    afspraak = selectors.afspraak_of(casus=view.casus, afspraak_id=afspraak_id)
    if afspraak is None:
        raise Http404
    return afspraak


@resident
class MijnAfspraakView(CasusObjectView):
    """The resident reads the appointment and confirms it, or asks for another time."""

    def _render(self, afspraak: Afspraak, form: AndereTijdForm, *, status: int = 200,
                fout: str = "") -> HttpResponse:
        self.log(Actie.BEKIJKEN, object_type="afspraak", object_id=afspraak.pk)
        return render(self.request, "casussen/afspraken/mijn_afspraak.html", {
            "casus": self.casus, "afspraak": afspraak, "form": form, "fout": fout,
            "wanneer": services.wanneer(afspraak), "waar": services.waar(afspraak),
            "kan_reageren": afspraak.is_lopend and not afspraak.is_voorbij}, status=status)

    def get(self, request: AuthenticatedRequest, pk: int, afspraak_id: int) -> HttpResponse:
        return self._render(_mijn_afspraak(self, afspraak_id), AndereTijdForm())

    def post(self, request: AuthenticatedRequest, pk: int, afspraak_id: int) -> HttpResponse:
        afspraak = _mijn_afspraak(self, afspraak_id)
        bevestigen = request.POST.get("actie") == "bevestigen"
        form = AndereTijdForm(None if bevestigen else request.POST)
        try:
            if bevestigen:
                services.afspraak_confirm(user=request.user, afspraak=afspraak,
                                          request=request)
                messages.success(request, _("Dank u. Wij zien u graag op %(wanneer)s.") % {
                    "wanneer": services.wanneer(afspraak)})
                return redirect("casussen_mijn:afspraak", pk=pk, afspraak_id=afspraak_id)
            if form.is_valid():
                services.afspraak_ask_other_time(user=request.user, afspraak=afspraak,
                                                 vraag=form.cleaned_data["vraag"],
                                                 request=request)
                messages.success(request, _("Dank u. Het wijkteam neemt contact met u op voor "
                                            "een andere tijd."))
                return redirect("casussen_mijn:afspraak", pk=pk, afspraak_id=afspraak_id)
        except ValidationError as exc:
            if bevestigen:
                return self._render(afspraak, form, status=400, fout=exc.messages[0])
            form.add_error(None, exc)
        return self._render(_mijn_afspraak(self, afspraak_id), form, status=400)


@resident
class MijnAfspraakAgendaView(CasusObjectView):
    """The appointment as a calendar file, to put it in the resident's own agenda."""

    def get(self, request: AuthenticatedRequest, pk: int, afspraak_id: int) -> HttpResponse:
        afspraak = _mijn_afspraak(self, afspraak_id)
        if not afspraak.is_lopend:
            raise Http404
        self.log(Actie.EXPORTEREN, object_type="afspraak", object_id=afspraak.pk)
        bijlage = services.agenda_bestand(afspraak)
        response = HttpResponse(bijlage.inhoud, content_type=bijlage.mime)
        response["Content-Disposition"] = f'attachment; filename="{bijlage.naam}"'
        response["Cache-Control"] = "private, no-store"
        return response
