"""Staff views on intakes."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from toegang.accounts.models import AuthenticatedRequest, Rol
from toegang.accounts.permissions import casework_required, role_required
from toegang.core.hooks import merged

from .. import hooks, selectors, services
from ..forms import BeoordelingForm, DoorsturenForm, SluitenForm, VeiligheidsmeldingForm
from ..permissions import IntakeActie, intake_may, intakes_visible_to
from .base import AanvullenView, BijlageView, DetailView, ExportView, IntakeObjectView

staff = method_decorator(casework_required, name="dispatch")



@staff
class WerkDetailView(DetailView):
    template_name = "intake/werk_detail.html"

    def extra_context(self) -> dict[str, Any]:
        # Only a count of earlier contacts, no one else's details: the page that shows them
        # (casussen:bekend) writes the look-up and each request shown to the access log.
        context = merged(hooks.werk_aanvraag_context(self.intake, self.request.user))
        return {"mag_behandelen": intake_may(user=self.request.user, intake_id=self.intake.pk,
                                             action=IntakeActie.AANVULLEN), **context}


@staff
class WerkAanvullenView(AanvullenView):
    template_name = "intake/aanvullen.html"
    success_url_name = "intake:werk_detail"


@staff
class WerkExportView(ExportView):
    pass


@staff
class WerkBijlageView(BijlageView):
    pass


@staff
class DoorsturenView(IntakeObjectView):
    """Forward a request that is not picked up yet to the team it belongs to."""

    action = IntakeActie.AANVULLEN

    def _form(self, data: Any = None) -> DoorsturenForm:
        return DoorsturenForm(data, teams=selectors.teams_to_forward_to(intake=self.intake))

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return render(request, "intake/doorsturen.html", {"intake": self.intake,
                                                          "form": self._form()})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.intake_forward(user=request.user, intake=self.intake,
                                        naar=form.cleaned_data["naar"],
                                        reden=form.cleaned_data["reden"], request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("De aanvraag is doorgestuurd naar %(team)s.")
                                 % {"team": form.cleaned_data["naar"].naam})
                return redirect("casussen:werkvoorraad")
        return render(request, "intake/doorsturen.html", {"intake": self.intake, "form": form},
                      status=400)


@staff
class SluitenView(IntakeObjectView):
    """Close a request that needs no casus: a duplicate, or no help question."""

    action = IntakeActie.AANVULLEN

    def _form(self, data: Any = None) -> SluitenForm:
        return SluitenForm(data, zichtbaar=intakes_visible_to(user=self.request.user)
                           .exclude(pk=self.intake.pk))

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return render(request, "intake/sluiten.html", {"intake": self.intake,
                                                       "form": self._form()})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.intake_close(user=request.user, intake=self.intake,
                                      reden=form.cleaned_data["reden"],
                                      toelichting=form.cleaned_data["toelichting"],
                                      duplicaat_van=form.cleaned_data["duplicaat_intake"],
                                      request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("De aanvraag is gesloten."))
                return redirect("casussen:werkvoorraad")
        return render(request, "intake/sluiten.html", {"intake": self.intake, "form": form},
                      status=400)


@staff
class VeiligheidsmeldingView(IntakeObjectView):
    template_name = "intake/veiligheid_nieuw.html"

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name,
                      {"intake": self.intake, "form": VeiligheidsmeldingForm()})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = VeiligheidsmeldingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.veiligheidsmelding_create(
                user=request.user, intake=self.intake, reden=data["reden"],
                meldcode_stap=data["meldcode_stap"], teams=data["teams"],
                tonen_aan_inwoner=not data["niet_tonen"],
                reden_niet_tonen=data["reden_niet_tonen"], request=request)
            messages.success(request, _("De veiligheidsmelding is vastgelegd. Uw teamleider "
                                        "krijgt een bericht om haar te beoordelen."))
            return redirect("intake:werk_detail", pk=pk)
        return render(request, self.template_name, {"intake": self.intake, "form": form},
                      status=400)


@role_required([Rol.TEAMLEIDER])
def veiligheid_beoordelen(request: AuthenticatedRequest, melding_id: int) -> HttpResponse:
    melding = selectors.veiligheidsmelding_for_beoordeling(user=request.user,
                                                            melding_id=melding_id)
    if melding is None:
        raise Http404
    form = BeoordelingForm(request.POST or None,
                           initial={"tonen_aan_inwoner": melding.tonen_aan_inwoner})
    if request.method == "POST" and form.is_valid():
        services.veiligheidsmelding_review(
            user=request.user, melding=melding, besluit=form.cleaned_data["besluit"],
            toelichting=form.cleaned_data["toelichting"],
            tonen_aan_inwoner=form.cleaned_data["tonen_aan_inwoner"], request=request)
        messages.success(request, _("Uw beoordeling is vastgelegd."))
        return redirect("casussen:team")
    return render(request, "intake/veiligheid_beoordelen.html", {"melding": melding,
                                                                  "form": form})


