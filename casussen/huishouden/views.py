"""Earlier contacts of a new request and the household: the page that offers to link a
request to the casus that knows the resident or their family, and the household's members.

Every look-up of earlier contacts is written to the access log, and so is every earlier
request shown with details; what the professional may not see is only 'possible earlier
contact'."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from intake.permissions import IntakeActie
from intake.views.base import IntakeObjectView
from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required
from toegang.audit.models import Actie

from ..permissions import CasusActie, casus_access
from ..views.base import CasusObjectView
from . import selectors, services
from .forms import ApartForm, KoppelForm, LidEindeForm, LidForm

staff = method_decorator(casework_required, name="dispatch")


def _zoek_log(view: IntakeObjectView, gevonden: list[selectors.Bekend]) -> None:
    view.log_access(actie=Actie.ZOEKEN, grond=view.grond, object_type="intake",
                    object_id=view.intake.pk, intake_id=view.intake.pk,
                    inwoner_id=view.intake.inwoner_id,
                    doel=f"eerder contact gezocht: {len(gevonden)} gevonden")
    for bekend in gevonden:
        if bekend.intake is not None:
            view.log_access(actie=Actie.BEKIJKEN, grond=view.grond, object_type="intake",
                            object_id=bekend.intake.pk, intake_id=bekend.intake.pk,
                            inwoner_id=bekend.intake.inwoner_id,
                            doel="getoond als mogelijk eerder contact")


@staff
class BekendView(IntakeObjectView):
    """Earlier contacts of this resident and their household."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        gevonden = selectors.bekend_for(user=request.user, intake=self.intake)
        _zoek_log(self, gevonden)
        return render(request, "casussen/bekend.html", {
            "intake": self.intake, "gevonden": gevonden, "koppel_form": KoppelForm(),
            "apart_form": ApartForm(), "apart": selectors.apart_gehouden_of(intake=self.intake),
            "open": self.intake.status == "ingediend"
            and selectors.koppeling_of(intake=self.intake) is None})


def _kandidaat(request: AuthenticatedRequest, intake: Any, kandidaat_id: int
               ) -> selectors.Bekend:
    """A candidate of this request that the professional may see (404 otherwise)."""
    for bekend in selectors.bekend_for(user=request.user, intake=intake):
        if bekend.intake is not None and bekend.intake.pk == kandidaat_id:
            return bekend
    raise Http404


@staff
class KoppelenView(IntakeObjectView):
    """Link this request to the casus of an earlier contact."""

    action = IntakeActie.AANVULLEN

    def _render(self, bekend: selectors.Bekend, form: KoppelForm, status: int = 200
                ) -> HttpResponse:
        return render(self.request, "casussen/koppelen.html",
                      {"intake": self.intake, "bekend": bekend, "form": form}, status=status)

    def get(self, request: AuthenticatedRequest, pk: int, kandidaat_id: int) -> HttpResponse:
        bekend = _kandidaat(request, self.intake, kandidaat_id)
        if bekend.casus is None:
            raise Http404
        return self._render(bekend, KoppelForm(initial={"rol": bekend.kandidaat.relatie
                                                        or "zelfde_persoon"}))

    def post(self, request: AuthenticatedRequest, pk: int, kandidaat_id: int) -> HttpResponse:
        bekend = _kandidaat(request, self.intake, kandidaat_id)
        if bekend.casus is None:
            raise Http404
        casus_access(user=request.user, casus_id=bekend.casus.pk, action=CasusActie.VIEW)
        form = KoppelForm(request.POST)
        if form.is_valid():
            try:
                services.aanvraag_link(user=request.user, intake=self.intake,
                                       casus=bekend.casus, rol=form.cleaned_data["rol"],
                                       eerste_contact_gehad=form.cleaned_data[
                                           "eerste_contact_gehad"], request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("De aanvraag is gekoppeld aan casus %(ref)s.") % {
                    "ref": bekend.casus.intake.referentie})
                return redirect("intake:werk_detail", pk=pk)
        return self._render(bekend, form, status=400)


@staff
class ApartView(IntakeObjectView):
    """Keep this request apart from an earlier contact, with a reason."""

    def post(self, request: AuthenticatedRequest, pk: int, kandidaat_id: int) -> HttpResponse:
        bekend = _kandidaat(request, self.intake, kandidaat_id)
        form = ApartForm(request.POST)
        if form.is_valid():
            assert bekend.intake is not None
            services.kandidaat_keep_apart(user=request.user, intake=self.intake,
                                          kandidaat=bekend.intake,
                                          reden=form.cleaned_data["reden"], request=request)
            messages.success(request, _("Vastgelegd: deze aanvragen blijven apart."))
            return redirect("casussen:bekend", pk=pk)
        gevonden = selectors.bekend_for(user=request.user, intake=self.intake)
        return render(request, "casussen/bekend.html", {
            "intake": self.intake, "gevonden": gevonden, "koppel_form": KoppelForm(),
            "apart_form": form, "apart_voor": kandidaat_id, "open": True,
            "apart": selectors.apart_gehouden_of(intake=self.intake)}, status=400)


def _huishouden_pagina(request: AuthenticatedRequest, casus: Any, *, form: LidForm | None = None,
                       einde_form: LidEindeForm | None = None, einde_voor: int | None = None,
                       status: int = 200) -> HttpResponse:
    """The household page; after a refused form with that form, what was typed and its
    messages (the summary at the top links to the field)."""
    return render(request, "casussen/huishouden.html", {
        "casus": casus, "leden": selectors.leden_of(casus=casus),
        "gekoppeld": selectors.gekoppeld_of(casus=casus), "form": form or LidForm(),
        "einde_form": einde_form, "einde_voor": einde_voor}, status=status)


@staff
class HuishoudenView(CasusObjectView):
    """The household of a casus: its members over time, with their own requests."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        self.log(Actie.BEKIJKEN)
        return _huishouden_pagina(request, self.casus)


@staff
class LidToevoegenView(CasusObjectView):
    action = CasusActie.CHANGE

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = LidForm(request.POST)
        if form.is_valid():
            try:
                services.huishouden_lid_add(user=request.user, casus=self.casus,
                                            naam=form.cleaned_data["naam"],
                                            rol=form.cleaned_data["rol"],
                                            geboortedatum=form.cleaned_data["geboortedatum"],
                                            request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Het lid is toegevoegd aan het huishouden."))
                return redirect("casussen:huishouden", pk=pk)
        return _huishouden_pagina(request, self.casus, form=form, status=400)


@staff
class LidEindeView(CasusObjectView):
    action = CasusActie.CHANGE

    def post(self, request: AuthenticatedRequest, pk: int, lid_id: int) -> HttpResponse:
        lid = selectors.lid_of(casus=self.casus, lid_id=lid_id)
        if lid is None:
            raise Http404
        form = LidEindeForm(request.POST, auto_id=f"einde-{lid.pk}-%s")
        if form.is_valid():
            try:
                services.huishouden_lid_end(user=request.user, casus=self.casus, lid=lid,
                                            op=form.cleaned_data["op"], request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Vastgelegd: %(naam)s woont niet meer in het "
                                            "huishouden.") % {"naam": lid.naam})
                return redirect("casussen:huishouden", pk=pk)
        return _huishouden_pagina(request, self.casus, einde_form=form, einde_voor=lid.pk,
                                  status=400)

