"""Shared views on one intake: the gate first, then one access-log row."""


import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from toegang.accounts.models import AuthenticatedRequest, Rol
from toegang.audit.mixins import AccessLogMixin
from toegang.audit.models import Actie
from toegang.core.uploads import download_response

from .. import selectors, services
from ..forms import AanvullingForm
from ..models import Intake
from ..permissions import IntakeActie, grond_label, intake_access, intake_may


class IntakeObjectView(AccessLogMixin, View):
    """Base for a view on one intake: the gate first (404 for missing or not allowed)."""

    action = IntakeActie.VIEW
    request: AuthenticatedRequest
    intake: Intake

    def dispatch(self, request: AuthenticatedRequest, *args: Any,  # type: ignore[override]
                 **kwargs: Any) -> HttpResponseBase:
        self.intake = intake_access(user=request.user, intake_id=kwargs["pk"], action=self.action)
        return super().dispatch(request, *args, **kwargs)

    @property
    def grond(self) -> str:
        return str(self.intake.grond)  # type: ignore[attr-defined]

    def log(self, actie: str, *, object_type: str = "intake", object_id: int | None = None
            ) -> None:
        self.log_access(actie=actie, grond=self.grond, object_type=object_type,
                        object_id=object_id or self.intake.pk, intake_id=self.intake.pk,
                        inwoner_id=self.intake.inwoner_id, doel=grond_label(self.grond))


class DetailView(IntakeObjectView):
    template_name = ""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        intake = self.details()
        self.log(Actie.BEKIJKEN)
        may_see_files = request.user.rol == Rol.INWONER or _allowed(
            request, pk, IntakeActie.BIJLAGEN)
        return render(request, self.template_name, {
            "intake": intake, "grond": grond_label(self.grond), "bijlagen_zichtbaar": may_see_files,
            **self.extra_context(),
        })

    def details(self) -> Intake:
        """The intake with everything the page shows (a fixed number of queries)."""
        return selectors.intake_with_details(intake=self.intake)

    def extra_context(self) -> dict[str, Any]:
        return {}


def _allowed(request: AuthenticatedRequest, pk: int, action: IntakeActie) -> bool:
    return intake_may(user=request.user, intake_id=pk, action=action)


class AanvullenView(IntakeObjectView):
    action = IntakeActie.AANVULLEN
    template_name = ""
    success_url_name = ""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, {"intake": self.intake,
                                                    "form": AanvullingForm()})

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        form = AanvullingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.aanvulling_add(user=request.user, intake=self.intake,
                                        tekst=form.cleaned_data["tekst"], grond=self.grond,
                                        bestanden=form.cleaned_data["bestanden"],
                                        request=request)
            except ValidationError as exc:
                form.add_error("bestanden" if exc.code != "leeg" else None, exc)
            else:
                messages.success(request, _("Uw aanvulling is toegevoegd."))
                return redirect(self.success_url_name, pk=pk)
        return render(request, self.template_name, {"intake": self.intake, "form": form},
                      status=400)


class ExportView(IntakeObjectView):
    action = IntakeActie.EXPORT

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        data = selectors.intake_export_data(intake=self.intake,
                                            include_bsn=request.user.rol == Rol.INWONER)
        self.log(Actie.EXPORTEREN)
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (f'attachment; filename="{self.intake.referentie}'
                                           '.json"')
        return response


class BijlageView(IntakeObjectView):
    action = IntakeActie.BIJLAGEN

    def get(self, request: AuthenticatedRequest, pk: int, bijlage_id: int) -> FileResponse:
        bijlage = selectors.bijlage_of(intake=self.intake, bijlage_id=bijlage_id)
        if bijlage is None:
            raise Http404
        self.log(Actie.BIJLAGE, object_type="bijlage", object_id=bijlage.pk)
        return download_response(bestand=bijlage.bestand.open("rb"), naam=bijlage.naam,
                                 content_type=bijlage.content_type)


