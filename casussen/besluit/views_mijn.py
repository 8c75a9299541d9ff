"""The resident's pages on the decision path, in Mijn toegang: the verslag of the onderzoek
(with a remark and the one-click aanvraag), their aanvragen and decisions, one decision in
plain words, and its letter. Every view passes the casus gate (VIEW, own casus only) and
writes one access-log row; another resident's ids are not found."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import inwoner_required
from toegang.audit.models import Actie
from toegang.core.domein import Wet
from toegang.thema.services import actief_thema

from ..views.base import CasusObjectView
from . import selectors, services
from .brief import (
    RegelUitleg,
    beschikking_pdf,
    bezwaar_hoe,
    bezwaar_zin,
    datum_tekst,
    grondslag,
    pdf_response,
    pgb_stappen,
    regels_uitleg,
)
from .forms_mijn import MijnAanvraagForm, VerslagOpmerkingForm
from .models import (
    Aanvraag,
    AanvraagVia,
    Beschikking,
    BeschikkingStatus,
    BesluitGebeurtenis,
    Onderzoek,
)

resident = method_decorator(inwoner_required, name="dispatch")
Soort = BesluitGebeurtenis.Soort

# The steps of a decision the resident hears about; drafts and approvals stay inside.
VOOR_INWONER = {Soort.GENOMEN, Soort.HERZIEN, Soort.INGETROKKEN, Soort.BEZWAAR,
                Soort.BEZWAAR_BESLIST}


def _verstuurd_verslag(view: CasusObjectView, onderzoek_id: int) -> Onderzoek:
    """The onderzoek of this casus whose verslag was sent; not found otherwise."""
    onderzoek = selectors.onderzoek_of(casus=view.casus, onderzoek_id=onderzoek_id)
    if onderzoek is None or not onderzoek.is_verstuurd:
        raise Http404
    return onderzoek


def _opmerkingen(onderzoek: Onderzoek) -> list[str]:
    """The resident's remarks, oldest first (the service adds each below the last)."""
    return [deel.strip() for deel in onderzoek.opmerking_inwoner.split("\n\n") if deel.strip()]


class _Verslag(CasusObjectView):
    def _render(self, onderzoek: Onderzoek, *, opmerking_form: VerslagOpmerkingForm | None = None,
                aanvraag_form: MijnAanvraagForm | None = None,
                status: int = 200) -> HttpResponse:
        self.log(Actie.BEKIJKEN, object_type="onderzoek", object_id=onderzoek.pk)
        lopend = services.open_aanvraag(casus=self.casus, wet=Wet.WMO)
        kan_aanvragen = onderzoek.maatwerk_nodig and lopend is None
        return render(self.request, "casussen/besluit/mijn_verslag.html", {
            "casus": self.casus, "onderzoek": onderzoek, "opmerkingen": _opmerkingen(onderzoek),
            "opmerking_form": opmerking_form or VerslagOpmerkingForm(),
            "aanvraag_form": aanvraag_form or MijnAanvraagForm(
                initial={"vormwens": onderzoek.vormwens}),
            "kan_aanvragen": kan_aanvragen, "lopende_aanvraag": lopend,
            # The form that failed, for the error summary at the top and the page title.
            "form": opmerking_form or aanvraag_form,
        }, status=status)


@resident
class MijnVerslagView(_Verslag):
    """The verslag in plain words; the resident adds a remark, and may ask for the support
    in it with one click."""

    def get(self, request: AuthenticatedRequest, pk: int, onderzoek_id: int) -> HttpResponse:
        return self._render(_verstuurd_verslag(self, onderzoek_id))

    def post(self, request: AuthenticatedRequest, pk: int, onderzoek_id: int) -> HttpResponse:
        onderzoek = _verstuurd_verslag(self, onderzoek_id)
        form = VerslagOpmerkingForm(request.POST)
        if form.is_valid():
            try:
                services.verslag_remark(user=request.user, onderzoek=onderzoek,
                                        tekst=form.cleaned_data["opmerking"], request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Dank u. Uw opmerking staat bij het verslag. Uw "
                                            "contactpersoon leest hem."))
                return redirect("casussen_mijn:verslag", pk=pk, onderzoek_id=onderzoek_id)
        return self._render(onderzoek, opmerking_form=form, status=400)


@resident
class MijnAanvraagView(_Verslag):
    """One click: the resident asks for the support the verslag says is needed (Wmo); the
    day of the click starts the decision clock."""

    http_method_names = ["post"]

    def post(self, request: AuthenticatedRequest, pk: int, onderzoek_id: int) -> HttpResponse:
        onderzoek = _verstuurd_verslag(self, onderzoek_id)
        form = MijnAanvraagForm(request.POST)
        if form.is_valid():
            try:
                services.aanvraag_submit(
                    user=request.user, casus=self.casus, wet=Wet.WMO,
                    ontvangen_op=timezone.localdate(), via=AanvraagVia.MIJN_TOEGANG,
                    vormwens=form.cleaned_data["vormwens"],
                    toelichting=form.cleaned_data["toelichting"], onderzoek=onderzoek,
                    request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Dank u. Wij hebben uw aanvraag ontvangen. Hieronder "
                                            "ziet u wanneer u ons besluit krijgt."))
                return redirect("casussen_mijn:besluiten", pk=pk)
        return self._render(onderzoek, aanvraag_form=form, status=400)


@dataclass(frozen=True)
class AanvraagStand:
    """An aanvraag as the resident sees it: when it came in, and when the decision comes."""

    aanvraag: Aanvraag
    besluit_uiterlijk: datetime | None
    opgeschort: bool
    besloten: bool


def _aanvragen(casus: Any, besluiten: list[Beschikking]) -> list[AanvraagStand]:
    aanvragen = list(selectors.aanvragen_of(casus=casus))
    klokken = selectors.beslisklokken_of(casus=casus, aanvragen=aanvragen)
    besloten = {b.aanvraag_id for b in besluiten}
    standen = []
    for aanvraag in aanvragen:
        klok = klokken.get(aanvraag.pk)
        open_klok = klok is not None and klok.is_open
        standen.append(AanvraagStand(
            aanvraag=aanvraag, besluit_uiterlijk=klok.deadline if open_klok and klok else None,
            opgeschort=bool(open_klok and klok and klok.opgeschort_sinds),
            besloten=aanvraag.pk in besloten))
    return standen


@resident
class MijnBesluitenView(CasusObjectView):
    """The resident's verslagen, aanvragen (with the date the decision comes) and the
    decisions taken; never a draft."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        self.log(Actie.BEKIJKEN, object_type="beschikking")
        besluiten = list(selectors.besluiten_for_inwoner(casus=self.casus))
        verslagen = [o for o in selectors.onderzoeken_of(casus=self.casus) if o.is_verstuurd]
        return render(request, "casussen/besluit/mijn_besluiten.html", {
            "casus": self.casus, "verslagen": verslagen,
            "aanvragen": _aanvragen(self.casus, besluiten),
            "besluiten": [(b, regels_uitleg(b)) for b in besluiten]})


@dataclass(frozen=True)
class Stap:
    tijdstip: datetime
    soort: str
    titel: str
    tekst: str


def _stappen(casus: Any, keten: set[int]) -> list[Stap]:
    """What happened to this decision and the ones it replaced or that replaced it, oldest
    first, in the resident's words."""
    titels = {
        Soort.GENOMEN: _("Besluit genomen"), Soort.HERZIEN: _("Nieuw besluit (herziening)"),
        Soort.INGETROKKEN: _("Besluit ingetrokken"), Soort.BEZWAAR: _("Uw bezwaar ontvangen"),
        Soort.BEZWAAR_BESLIST: _("Beslissing op uw bezwaar"),
    }
    stappen = [Stap(g.tijdstip, g.soort, str(titels[Soort(g.soort)]),
                    g.tekst if g.soort != Soort.GENOMEN else "")
               for g in selectors.besluitgebeurtenissen_of(casus=casus)
               if g.beschikking_id in keten and g.soort in VOOR_INWONER]
    return sorted(stappen, key=lambda s: s.tijdstip)


@resident
class MijnBesluitView(CasusObjectView):
    """One decision in plain Dutch: per product what was decided, natura or pgb, why, and how
    to object; a herziening or intrekking with its reason and the history."""

    def get(self, request: AuthenticatedRequest, pk: int, beschikking_id: int) -> HttpResponse:
        besluiten = {b.pk: b for b in selectors.besluiten_for_inwoner(casus=self.casus)}
        beschikking = besluiten.get(beschikking_id)
        if beschikking is None:
            raise Http404
        self.log(Actie.BEKIJKEN, object_type="beschikking", object_id=beschikking.pk)
        vervangen_door = next((b for b in besluiten.values()
                               if b.vervangt_id == beschikking.pk), None)
        keten = {beschikking.pk, *([beschikking.vervangt_id] if beschikking.vervangt_id else []),
                 *([vervangen_door.pk] if vervangen_door else [])}
        stappen = _stappen(self.casus, keten)
        regels: list[RegelUitleg] = regels_uitleg(beschikking)
        intrekking_bezwaar_tot = None
        if beschikking.status == BeschikkingStatus.INGETROKKEN:
            ingetrokken = next((s for s in reversed(stappen)
                                if s.soort == Soort.INGETROKKEN), None)
            if ingetrokken is not None:
                intrekking_bezwaar_tot = services.bezwaar_tot(
                    timezone.localdate(ingetrokken.tijdstip))
        return render(request, "casussen/besluit/mijn_besluit.html", {
            "casus": self.casus, "beschikking": beschikking, "regels": regels,
            "heeft_pgb": any(r.is_pgb for r in regels), "pgb_stappen": pgb_stappen(),
            "vervangen_door": vervangen_door, "stappen": stappen,
            "grondslag": grondslag(beschikking.wet),
            "bezwaar_zin": bezwaar_zin(beschikking.bezwaar_tot)
            if beschikking.bezwaar_tot else "",
            "bezwaar_open": beschikking.bezwaar_tot is not None
            and beschikking.bezwaar_tot >= timezone.localdate(),
            "intrekking_bezwaar_zin": bezwaar_zin(intrekking_bezwaar_tot)
            if intrekking_bezwaar_tot else "",
            "bezwaar_hoe": bezwaar_hoe(beschikking.kenmerk),
            "gemeente": actief_thema().gemeentenaam,
            "bezwaren": list(beschikking.bezwaren.all()),
            "genomen_op": datum_tekst(beschikking.genomen_op) if beschikking.genomen_op else "",
        })


@resident
class MijnBesluitBriefView(CasusObjectView):
    """The resident's copy of the decision letter (PDF)."""

    def get(self, request: AuthenticatedRequest, pk: int, beschikking_id: int) -> HttpResponse:
        beschikking = selectors.beschikking_of(casus=self.casus, beschikking_id=beschikking_id,
                                               alleen_genomen=True)
        if beschikking is None:
            raise Http404
        self.log(Actie.EXPORTEREN, object_type="beschikking", object_id=beschikking.pk)
        return pdf_response(beschikking_pdf(casus=self.casus, beschikking=beschikking),
                            beschikking)

