"""The professional's pages of the berichtenverkeer, under /werk/ (namespace `casussen`): the
toewijzingen of a casus with the messages about each, the providers' open requests of the
user's teams, and one request with its answer (toewijzen, in onderzoek, afwijzen).

The toewijzingen page passes the casus gate (VIEW); a request passes its own gate
(`verzoek_access`: VIEW to read, CHANGE to answer; 404 otherwise, the same as for one that
does not exist). The services decide and write the access log; their refusals are shown on
the page."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from intake.permissions import IntakeActie, intake_may
from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required
from toegang.audit.mixins import AccessLogMixin
from toegang.audit.models import Actie, grond_label
from toegang.istandaarden import codes

from ..besluit.models import Toekenning
from ..besluit.views_werk import besluitenpagina_blok
from ..models import Casus
from ..permissions import CasusActie, casus_may
from ..views.base import CasusObjectView
from ..views.casus import casus_blok
from ..views.werkvoorraad import werkvoorraad_blok
from . import selectors
from .forms import VerzoekActieForm, VerzoekAfwijzenForm
from .models import (
    OPEN_VERZOEKEN,
    Bericht,
    Toewijzing,
    Verzoek,
    VerzoekSoort,
    VerzoekStatus,
)
from .permissions import verzoek_access, verzoek_may
from .toewijzen import verzoek_afwijzen, verzoek_onderzoeken, verzoek_toewijzen
from .weergave import (
    betekenis,
    omvang_tekst,
    reden_beeindiging,
    retourcodes_met_betekenis,
    standaard_van,
)

staff = method_decorator(casework_required, name="dispatch")
PER_PAGINA = 25


# --- What the pages show (no queries) -------------------------------------------------------


@dataclass
class BerichtRij:
    bericht: Bericht

    @property
    def retourcodes(self) -> list[tuple[str, str]]:
        return retourcodes_met_betekenis(self.bericht.retourcodes)


@dataclass
class ToewijzingRij:
    toewijzing: Toewijzing
    berichten: list[BerichtRij] = field(default_factory=list)

    @property
    def omvang(self) -> str:
        t = self.toewijzing
        return omvang_tekst(t.volume, t.eenheid, t.frequentie)

    @property
    def reden_wijziging(self) -> str:
        code = self.toewijzing.reden_wijziging
        return betekenis(codes.REDEN_WIJZIGING, code) if code else ""

    @property
    def reden_beeindiging(self) -> str:
        return reden_beeindiging(self.toewijzing.wet, self.toewijzing.reden_beeindiging)


@dataclass
class VerzoekRij:
    verzoek: Verzoek
    berichten: list[BerichtRij] = field(default_factory=list)


def _nummers(bericht: Bericht) -> list[int]:
    return [int(n) for n in bericht.toewijzingnummers.split() if n.isdigit()]


def _indelen(toewijzingen: list[Toewijzing], verzoeken: list[Verzoek],
             berichten: list[Bericht]) -> tuple[list[ToewijzingRij], list[VerzoekRij],
                                                  list[BerichtRij]]:
    """Each message under the toewijzing it names, or the request it asked or answered;
    what is left (a message about neither) on its own."""
    per_nummer = {t.pk: ToewijzingRij(toewijzing=t) for t in toewijzingen}
    rijen_verzoek = [VerzoekRij(verzoek=v) for v in verzoeken]
    per_bericht: dict[int, list[VerzoekRij]] = defaultdict(list)
    for rij in rijen_verzoek:
        for pk in (rij.verzoek.bericht_id, rij.verzoek.antwoord_id):
            if pk is not None:
                per_bericht[pk].append(rij)
    overig = []
    for bericht in berichten:
        geplaatst = False
        for nummer in _nummers(bericht):
            if nummer in per_nummer:
                per_nummer[nummer].berichten.append(BerichtRij(bericht))
                geplaatst = True
        for rij in per_bericht.get(bericht.pk, []) + per_bericht.get(bericht.retour_op_id or 0,
                                                                      []):
            rij.berichten.append(BerichtRij(bericht))
            geplaatst = True
        if not geplaatst:
            overig.append(BerichtRij(bericht))
    return list(per_nummer.values()), rijen_verzoek, overig


# --- The toewijzingen of a casus ------------------------------------------------------------


@staff
class ToewijzingenView(CasusObjectView):
    """Every toewijzing of the casus with its messages, the providers' requests, and the
    natura lines that could not go as a message."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        self.log(Actie.BEKIJKEN)
        casus = self.casus
        toewijzingen, verzoeken, overig = _indelen(
            list(selectors.toewijzingen_of(casus=casus)),
            list(selectors.verzoeken_of(casus=casus)),
            list(selectors.berichten_of(casus=casus)))
        zonder: list[Toekenning] = list(selectors.natura_zonder_toewijzing(casus=casus))
        return render(request, "casussen/toewijzing/toewijzingen.html", {
            "casus": casus, "toewijzingen": toewijzingen, "verzoeken": verzoeken,
            "overig": overig, "zonder_toewijzing": zonder,
            "geen_bsn": not casus.intake.bsn_versleuteld})


# --- The providers' requests ----------------------------------------------------------------


def _te_laat(verzoek: Verzoek, now: Any) -> bool:
    termijn = verzoek.termijn
    return termijn is not None and termijn.is_open and termijn.deadline < now


def product_tekst(verzoek: Verzoek) -> str:
    """The requested product: the catalogue's name with its code, else the code as sent."""
    if verzoek.product is not None:
        return f"{verzoek.product.naam} ({verzoek.product.productcode})"
    return verzoek.productcode or _("geen product genoemd")


@dataclass(frozen=True)
class VerzoekLijstRij:
    verzoek: Verzoek
    product: str
    te_laat: bool


@casework_required
def verzoeken(request: AuthenticatedRequest) -> HttpResponse:
    """The open requests of providers for the user's teams, the nearest deadline first."""
    page = Paginator(selectors.verzoeken_open_for(user=request.user), PER_PAGINA
                     ).get_page(request.GET.get("pagina"))
    now = timezone.now()
    rijen = [VerzoekLijstRij(verzoek=v, product=product_tekst(v), te_laat=_te_laat(v, now))
             for v in page]
    return render(request, "casussen/toewijzing/verzoeken.html", {"page": page, "rijen": rijen})


def _wijzigingen(verzoek: Verzoek) -> list[dict[str, Any]]:
    """The toewijzingen a 317 asks to change (or add), as the provider sent them."""
    categorieen = codes.PRODUCTCATEGORIE.get(standaard_van(verzoek.wet), {})
    rijen = []
    for w in verzoek.wijzigingen if isinstance(verzoek.wijzigingen, list) else []:
        if not isinstance(w, dict):
            continue
        categorie = str(w.get("categorie") or "")
        rijen.append({
            "toewijzingnummer": w.get("toewijzingnummer"),
            "product": " ".join(d for d in (
                str(w.get("code") or ""),
                f"({categorieen[categorie]})" if categorie in categorieen else categorie) if d),
            "ingangsdatum": w.get("ingangsdatum") or "",
            "einddatum": w.get("einddatum") or "",
            "omvang": omvang_tekst(w.get("volume"), str(w.get("eenheid") or ""),
                                   str(w.get("frequentie") or "")),
        })
    return rijen


class _VerzoekView(AccessLogMixin, View):
    """Base of the request's page and its answers: the gate first."""

    action = CasusActie.VIEW
    request: AuthenticatedRequest
    verzoek: Verzoek

    def dispatch(self, request: AuthenticatedRequest, *args: Any,  # type: ignore[override]
                 **kwargs: Any) -> HttpResponseBase:
        self.verzoek = verzoek_access(user=request.user, verzoek_id=kwargs["verzoek_id"],
                                      action=self.action)
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, *, fout: Any = None, status: int = 200) -> HttpResponse:
        verzoek, user = self.verzoek, self.request.user
        afwijzen = fout if isinstance(fout, VerzoekAfwijzenForm) else VerzoekAfwijzenForm()
        mag_wijzigen = verzoek_may(user=user, verzoek=verzoek, action=CasusActie.CHANGE)
        casus_zichtbaar = verzoek.casus_id is not None and casus_may(
            user=user, casus_id=verzoek.casus_id, action=CasusActie.VIEW)
        return render(self.request, "casussen/toewijzing/verzoek.html", {
            "verzoek": verzoek, "product": product_tekst(verzoek),
            "omvang": omvang_tekst(verzoek.volume, verzoek.eenheid, verzoek.frequentie),
            "wijzigingen": _wijzigingen(verzoek),
            "is_wijziging": verzoek.soort == VerzoekSoort.WIJZIGING,
            "intake_zichtbaar": intake_may(user=user, intake_id=verzoek.intake_id,
                                           action=IntakeActie.VIEW),
            "casus_zichtbaar": casus_zichtbaar,
            "te_laat": _te_laat(verzoek, timezone.now()),
            "reden_afwijzing": (betekenis(codes.REDEN_AFWIJZING_VERZOEK,
                                           verzoek.reden_afwijzing)
                                if verzoek.reden_afwijzing else ""),
            "mag_wijzigen": mag_wijzigen,
            "kan_toewijzen": verzoek.status in (VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK),
            "kan_onderzoeken": verzoek.status == VerzoekStatus.OPEN,
            "kan_afwijzen": verzoek.status in OPEN_VERZOEKEN,
            "fout": fout, "afwijzen_form": afwijzen}, status=status)


@staff
class VerzoekView(_VerzoekView):
    """What the provider asked, for whom, the clock, and the answer so far."""

    def get(self, request: AuthenticatedRequest, verzoek_id: int) -> HttpResponse:
        verzoek = self.verzoek
        grond = str(getattr(verzoek, "grond", ""))
        self.log_access(actie=Actie.BEKIJKEN, grond=grond, object_type="verzoek",
                        object_id=verzoek.pk, intake_id=verzoek.intake_id,
                        casus_id=verzoek.casus_id, inwoner_id=verzoek.intake.inwoner_id,
                        doel=grond_label(grond))
        return self.render_page()


class _VerzoekActie(_VerzoekView):
    """One answer to the request (CHANGE, POST only; 404 before 405 for who may not)."""

    action = CasusActie.CHANGE
    http_method_names = ["post"]

    def build_form(self, data: Any) -> Any:
        return VerzoekActieForm(data)

    def perform(self, form: Any) -> str:
        """Call the service; return where to go next."""
        raise NotImplementedError

    def post(self, request: AuthenticatedRequest, verzoek_id: int) -> HttpResponse:
        form = self.build_form(request.POST)
        if form.is_valid():
            try:
                volgende = self.perform(form)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for veld, fouten in exc.error_dict.items():
                        form.add_error(veld if veld in form.fields else None, fouten)
                else:
                    form.add_error(None, exc)
            else:
                return redirect(volgende)
        return self.render_page(fout=form, status=400)

    def terug(self) -> str:
        return reverse("casussen:verzoek", args=[self.verzoek.pk])


@staff
class VerzoekToewijzenView(_VerzoekActie):
    def perform(self, form: Any) -> str:
        beschikking = verzoek_toewijzen(user=self.request.user, verzoek=self.verzoek,
                                        request=self.request)
        messages.success(self.request, _(
            "Er is een concept-besluit gemaakt met het gevraagde product en de aanbieder. "
            "Controleer het en neem het besluit: pas dan gaat de toewijzing (bericht 301) naar "
            "de aanbieder."))
        return reverse("casussen:beschikking", args=[beschikking.casus_id, beschikking.pk])


@staff
class VerzoekOnderzoekenView(_VerzoekActie):
    def perform(self, form: Any) -> str:
        verzoek_onderzoeken(user=self.request.user, verzoek=self.verzoek, request=self.request)
        messages.success(self.request, _(
            "De aanbieder krijgt bericht dat de aanvraag wordt onderzocht (bericht 319). U heeft "
            "8 weken voor het besluit; de termijn loopt."))
        return self.terug()


@staff
class VerzoekAfwijzenView(_VerzoekActie):
    def build_form(self, data: Any) -> Any:
        return VerzoekAfwijzenForm(data)

    def perform(self, form: Any) -> str:
        verzoek_afwijzen(user=self.request.user, verzoek=self.verzoek,
                         reden=form.cleaned_data["reden"],
                         toelichting=form.cleaned_data["toelichting"], request=self.request)
        messages.success(self.request, _("Het verzoek is afgewezen. De aanbieder krijgt de "
                                         "reden in een bericht (319)."))
        return self.terug()


# --- Blocks on other staff pages ------------------------------------------------------------


@besluitenpagina_blok
@casus_blok
def toewijzingen_blok(request: AuthenticatedRequest, casus: Casus) -> dict[str, Any]:
    """The link to the toewijzingen on the casus page and the decisions' page, with counts
    (one query)."""
    return {"toewijzingen_telling": selectors.toewijzingen_telling(casus=casus)}


@werkvoorraad_blok
def verzoeken_blok(request: AuthenticatedRequest) -> dict[str, Any]:
    """The provider requests that wait for the user's teams, counted on the queue page."""
    return {"verzoeken_aantal": selectors.verzoeken_open_for(user=request.user)}
