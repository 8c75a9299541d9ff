"""The support plan: staff read, edit and share it; the resident reads it and answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required, inwoner_required
from toegang.audit.models import Actie
from toegang.socialekaart import selectors as sociale_kaart

from ..huishouden.selectors import leden_of
from ..permissions import CasusActie, casus_may
from ..views.base import CasusObjectView
from . import selectors as selectors_plan
from . import services as services_plan
from .forms import SETS, OpmerkingForm, PlanFormulier
from .models import PlanStatus, PlanVersie
from .pdf import plan_pdf

staff = method_decorator(casework_required, name="dispatch")
resident = method_decorator(inwoner_required, name="dispatch")


def _int(waarde: str | None, default: int = -1) -> int:
    try:
        return int(waarde or "")
    except ValueError:
        return default


def _nummer(request: AuthenticatedRequest) -> int | None:
    nummer = _int(request.GET.get("versie"))
    return nummer if nummer >= 0 else None


def _mag(request: AuthenticatedRequest, pk: int, action: CasusActie) -> bool:
    return casus_may(user=request.user, casus_id=pk, action=action)


def _pdf_response(pdf: bytes, versie: PlanVersie, referentie: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="plan-{referentie}-versie-{versie.nummer}.pdf"')
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff
class PlanView(CasusObjectView):
    """The plan as the team sees it: one version with its content and the list of versions."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        nummer = _nummer(request)
        overzicht = selectors_plan.plan_overzicht(casus=self.casus, nummer=nummer)
        if nummer is not None and overzicht.getoond is None:
            raise Http404
        versie = overzicht.getoond
        self.log(Actie.BEKIJKEN, object_type="planversie" if versie else "casus",
                 object_id=versie.pk if versie else None)
        return render(request, "casussen/plan.html", {
            "casus": self.casus, "overzicht": overzicht, "versie": versie,
            "mag_bewerken": (mag_bewerken := _mag(request, pk, CasusActie.CHANGE)),
            "mag_exporteren": _mag(request, pk, CasusActie.EXPORT),
            **(self._sociale_kaart() if mag_bewerken else {})})

    def _sociale_kaart(self) -> dict:
        """Free local help to add to the plan: what fits the intake's life areas and wijk
        first, then all other active help (two queries)."""
        intake = self.casus.intake
        passend = sociale_kaart.suggesties_voor(
            levensgebieden=[g.levensgebied for g in intake.levensgebieden.all()],
            wijk_id=intake.wijk_id, maximum=10)
        ids = {v.pk for v in passend}
        overig = [v for v in sociale_kaart.voorzieningen_kiesbaar() if v.pk not in ids]
        return {"sociale_kaart_passend": passend, "sociale_kaart_overig": overig}


@staff
class PlanBewerkenView(CasusObjectView):
    """Write the concept: goals, actions and services; works without JavaScript."""

    action = CasusActie.CHANGE

    def _render(self, formulier: PlanFormulier, *, status: int = 200,
                opgeslagen: PlanVersie | None = None, conflict: bool = False) -> HttpResponse:
        self.log(Actie.BEKIJKEN, object_type="planversie" if opgeslagen else "casus",
                 object_id=opgeslagen.pk if opgeslagen else None)
        return render(self.request, "casussen/plan_bewerken.html", {
            "casus": self.casus, "formulier": formulier, "opgeslagen": opgeslagen,
            "conflict": conflict}, status=status)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        basis = selectors_plan.plan_bewerk_basis(casus=self.casus)
        formulier = PlanFormulier.uit_versie(bron=basis.bron, nummer=basis.nummer,
                                             bewerkversie=basis.bewerkversie,
                                             leden=self._leden())
        return self._render(formulier, opgeslagen=basis.bron)

    def _leden(self) -> tuple[tuple[int, str], ...]:
        """The household's current members a goal can name (none: no household)."""
        return tuple((lid.pk, f"{lid.naam} ({lid.get_rol_display()})")
                     for lid in leden_of(casus=self.casus) if lid.is_actief)

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        actie = request.POST.get("actie", "opslaan")
        prefix = actie.removesuffix("_erbij")
        if actie.endswith("_erbij") and prefix in SETS:
            return self._render(PlanFormulier.met_extra_regel(request.POST, prefix,
                                                              leden=self._leden()))
        formulier = PlanFormulier.uit_post(request.POST, leden=self._leden())
        if formulier.is_valid():
            data = formulier.planform.cleaned_data
            try:
                versie = services_plan.plan_concept_save(
                    user=request.user, casus=self.casus, nummer=data["nummer"],
                    bewerkversie=data["bewerkversie"], samenvatting=data["samenvatting"],
                    evaluatiedatum=data["evaluatiedatum"], doelen=formulier.regels("doel"),
                    acties=formulier.regels("actie"),
                    voorzieningen=formulier.regels("voorziening"), request=request)
            except services_plan.PlanConflict as exc:
                return self._conflict(exc)
            except ValidationError as exc:
                formulier.planform.add_error(None, exc)
            else:
                messages.success(request, _("Het concept van versie %(n)s is opgeslagen.")
                                 % {"n": versie.nummer})
                return redirect("casussen:plan", pk=pk)
        return self._render(formulier, status=400)

    def _conflict(self, exc: ValidationError) -> HttpResponse:
        """Keep everything that was typed, show what is saved now, and let the next save
        start from that saved version (the user has seen it)."""
        basis = selectors_plan.plan_bewerk_basis(casus=self.casus)
        data = self.request.POST.copy()
        data["nummer"], data["bewerkversie"] = str(basis.nummer), str(basis.bewerkversie)
        formulier = PlanFormulier.uit_post(data, leden=self._leden())
        formulier.is_valid()
        formulier.planform.add_error(None, exc)
        return self._render(formulier, status=409, opgeslagen=basis.bron, conflict=True)


@staff
class PlanDelenView(CasusObjectView):
    """Share the concept with the resident (POST only)."""

    action = CasusActie.CHANGE
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        try:
            versie = services_plan.plan_share(
                user=request.user, casus=self.casus, nummer=_int(request.POST.get("nummer")),
                bewerkversie=_int(request.POST.get("bewerkversie")), request=request)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Versie %(n)s is gedeeld met de inwoner.")
                             % {"n": versie.nummer})
        return redirect("casussen:plan", pk=pk)


@staff
class PlanSocialeKaartView(CasusObjectView):
    """Add help from the sociale kaart to the concept as an action (POST only)."""

    action = CasusActie.CHANGE
    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        try:
            versie = services_plan.plan_sociale_kaart_add(
                user=request.user, casus=self.casus,
                voorziening_id=_int(request.POST.get("voorziening")), request=request)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("De hulp staat als actie in het concept van versie "
                                        "%(n)s. Deel het plan om het de inwoner te laten zien.")
                             % {"n": versie.nummer})
        return redirect("casussen:plan", pk=pk)


@staff
class PlanPdfView(CasusObjectView):
    """The plan as a PDF for the file: an export of personal data."""

    action = CasusActie.EXPORT

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        versie = selectors_plan.plan_versie_met_inhoud(casus=self.casus,
                                                       nummer=_nummer(request))
        if versie is None:
            raise Http404
        self.log(Actie.EXPORTEREN, object_type="planversie", object_id=versie.pk)
        return _pdf_response(plan_pdf(casus=self.casus, versie=versie, voor_inwoner=False),
                             versie, self.casus.intake.referentie)


@resident
class MijnPlanView(CasusObjectView):
    """The resident reads the newest shared version, and agrees or comments."""

    def _render(self, versie: PlanVersie | None, form: OpmerkingForm, *, status: int = 200,
                fout: str = "") -> HttpResponse:
        self.log(Actie.BEKIJKEN, object_type="planversie" if versie else "casus",
                 object_id=versie.pk if versie else None)
        return render(self.request, "casussen/mijn_plan.html", {
            "casus": self.casus, "versie": versie, "form": form, "fout": fout,
            "kan_reageren": versie is not None and versie.status in (
                PlanStatus.TER_AKKOORD, PlanStatus.OPMERKINGEN)}, status=status)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        return self._render(selectors_plan.plan_for_inwoner(casus=self.casus), OpmerkingForm())

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        versie_id = _int(request.POST.get("versie"))
        akkoord = request.POST.get("actie") == "akkoord"
        form = OpmerkingForm(None if akkoord else request.POST)
        try:
            if akkoord:
                services_plan.plan_agree(user=request.user, casus=self.casus,
                                           versie_id=versie_id, request=request)
                messages.success(request, _("Dank u. U gaf akkoord op uw plan."))
                return redirect("casussen_mijn:plan", pk=pk)
            if form.is_valid():
                services_plan.plan_comment(user=request.user, casus=self.casus,
                                             versie_id=versie_id,
                                             opmerking=form.cleaned_data["opmerking"],
                                             request=request)
                messages.success(request, _("Dank u. Uw contactpersoon leest uw opmerking en "
                                            "neemt contact met u op."))
                return redirect("casussen_mijn:plan", pk=pk)
        except ValidationError as exc:
            if akkoord:
                return self._render(selectors_plan.plan_for_inwoner(casus=self.casus), form,
                                    status=400, fout=exc.messages[0])
            form.add_error(None, exc)
        return self._render(selectors_plan.plan_for_inwoner(casus=self.casus), form,
                            status=400)


@resident
class MijnPlanPdfView(CasusObjectView):
    """The resident's own copy of the newest shared version."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        versie = selectors_plan.plan_for_inwoner(casus=self.casus)
        if versie is None:
            raise Http404
        self.log(Actie.EXPORTEREN, object_type="planversie", object_id=versie.pk)
        return _pdf_response(plan_pdf(casus=self.casus, versie=versie, voor_inwoner=True),
                             versie, self.casus.intake.referentie)
