"""The professional's pages of the decision path, under /werk/casussen/<pk>/besluit/…
(namespace `casussen`): the overview of a casus (onderzoeken, aanvragen, beschikkingen and the
household's cost), the onderzoek and its verslag, an aanvraag received on paper, the
beschikking with its product lines, four eyes, herziening, intrekking and bezwaar; and the
list of decisions waiting for a second pair of eyes (/werk/besluiten/goedkeuren/).

Every view passes the casus gate first (VIEW to read, CHANGE to write: 404 otherwise, the
same as for a casus that does not exist) and looks its objects up through the selectors,
scoped to that casus. The services decide; their errors land on the form's fields."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required
from toegang.audit.models import Actie
from toegang.catalogus.selectors import aanbieders_for, producten_for
from toegang.core.domein import ZRM_DOMEINNAAM, Levensgebied

from ..models import Casus
from ..permissions import CasusActie, casus_may
from ..templatetags.besluit_extras import euro_tekst
from ..views.base import CasusObjectView
from ..views.casus import CasusActionView, CasusBlok, casus_blok
from ..views.werkvoorraad import werkvoorraad_blok
from ..zrm.selectors import zrm_history, zrm_laatste_per_domein
from . import selectors, services
from .forms import (
    AanvraagForm,
    BeschikkingForm,
    BevestigForm,
    BezwaarBeslissenForm,
    BezwaarForm,
    IntrekkenForm,
    MotiveringForm,
    OnderzoekForm,
    RedenForm,
    ToekenningForm,
)
from .models import (
    Aanvraag,
    Beschikking,
    BeschikkingStatus,
    BesluitGebeurtenis,
    Bezwaar,
    Onderzoek,
    Toekenning,
)

staff = method_decorator(casework_required, name="dispatch")
PER_PAGINA = 25

# What follows on a decision adds to the decisions' page by registering here, like the casus
# page's blocks (the berichtenverkeer: its link with counts, in casussen/toewijzing).
BESLUITENPAGINA_BLOKKEN: list[CasusBlok] = []


def besluitenpagina_blok(func: CasusBlok) -> CasusBlok:
    """Register a block of the decisions' page (once, however often it is called)."""
    if func not in BESLUITENPAGINA_BLOKKEN:
        BESLUITENPAGINA_BLOKKEN.append(func)
    return func


def _datum(dag: Any) -> str:
    return formats.date_format(dag, "j F Y")


# --- What the pages show ------------------------------------------------------------------------


@dataclass
class BeschikkingRij:
    """A decision with its lines, its cost and its history, for the pages (no queries)."""

    beschikking: Beschikking
    regels: list[Toekenning]
    historie: list[BesluitGebeurtenis] = field(default_factory=list)
    herziening: Beschikking | None = None

    @property
    def per_maand(self) -> Decimal:
        return sum((r.kosten_per_maand for r in self.regels if r.is_toegekend), Decimal("0.00"))

    @property
    def eerste_jaar(self) -> Decimal:
        return sum((r.kosten_eerste_jaar for r in self.regels if r.is_toegekend),
                   Decimal("0.00"))


def _rijen(beschikkingen: list[Beschikking], gebeurtenissen: list[BesluitGebeurtenis]
           ) -> list[BeschikkingRij]:
    per_beschikking: dict[int, list[BesluitGebeurtenis]] = defaultdict(list)
    for event in gebeurtenissen:
        if event.beschikking_id:
            per_beschikking[event.beschikking_id].append(event)
    herzieningen = {b.vervangt_id: b for b in beschikkingen if b.vervangt_id}
    return [BeschikkingRij(beschikking=b, regels=list(b.toekenningen.all()),
                           historie=per_beschikking.get(b.pk, []),
                           herziening=herzieningen.get(b.pk))
            for b in beschikkingen]


@dataclass(frozen=True)
class AanvraagRij:
    aanvraag: Aanvraag
    klok: Any  # the decision clock (Termijn) it started, if found
    beschikkingen: list[Beschikking]


def _mag_wijzigen(request: AuthenticatedRequest, casus: Casus) -> bool:
    return casus_may(user=request.user, casus_id=casus.pk, action=CasusActie.CHANGE)


@staff
class BesluitenView(CasusObjectView):
    """Everything on the decision path of one casus, and what runs for the household."""

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        self.log(Actie.BEKIJKEN)
        casus = self.casus
        aanvragen = list(selectors.aanvragen_of(casus=casus))
        beschikkingen = list(selectors.beschikkingen_of(casus=casus))
        klokken = selectors.beslisklokken_of(casus=casus, aanvragen=aanvragen)
        per_aanvraag: dict[int, list[Beschikking]] = defaultdict(list)
        for b in beschikkingen:
            if b.aanvraag_id:
                per_aanvraag[b.aanvraag_id].append(b)
        return render(request, "casussen/besluit/besluiten.html", {
            "casus": casus,
            "onderzoeken": list(selectors.onderzoeken_of(casus=casus)),
            "aanvragen": [AanvraagRij(aanvraag=a, klok=klokken.get(a.pk),
                                      beschikkingen=per_aanvraag.get(a.pk, []))
                          for a in aanvragen],
            "rijen": _rijen(beschikkingen,
                            list(selectors.besluitgebeurtenissen_of(casus=casus))),
            "kosten": selectors.kosten_van(casus=casus),
            "mag_wijzigen": _mag_wijzigen(request, casus),
            **{k: v for blok in BESLUITENPAGINA_BLOKKEN for k, v in blok(request, casus).items()}})


@staff
class BeschikkingView(CasusObjectView):
    """One decision: its lines and cost, its bezwaren and history, and the next step."""

    def get(self, request: AuthenticatedRequest, pk: int, beschikking_id: int) -> HttpResponse:
        beschikking = _beschikking(self.casus, beschikking_id)
        self.log(Actie.BEKIJKEN, object_type="beschikking", object_id=beschikking.pk)
        gebeurtenissen = [e for e in selectors.besluitgebeurtenissen_of(casus=self.casus)
                          if e.beschikking_id == beschikking.pk]
        [rij] = _rijen([beschikking], gebeurtenissen)
        mag_wijzigen = _mag_wijzigen(request, self.casus)
        wacht = beschikking.status == BeschikkingStatus.TER_GOEDKEURING
        return render(request, "casussen/besluit/beschikking.html", {
            "casus": self.casus, "beschikking": beschikking, "rij": rij,
            "mag_wijzigen": mag_wijzigen,
            "mag_weghalen": mag_wijzigen and beschikking.is_wijzigbaar,
            "mag_goedkeuren": mag_wijzigen and wacht and services.mag_goedkeuren(
                user=request.user, beschikking=beschikking),
            "vandaag": timezone.localdate()})


def _beschikking(casus: Casus, beschikking_id: int) -> Beschikking:
    beschikking = selectors.beschikking_of(casus=casus, beschikking_id=beschikking_id)
    if beschikking is None:
        raise Http404
    return beschikking


# --- Actions: the base ---------------------------------------------------------------------------


class _BesluitActie(CasusActionView):
    """An action on the decision path; saved, it returns to the casus' decisions."""

    def success_url(self) -> str:
        return reverse("casussen:besluiten", args=[self.casus.pk])

    def page_context(self) -> dict[str, Any]:
        return {"terug_url": reverse("casussen:besluiten", args=[self.casus.pk]),
                "terug_tekst": _("Terug naar de besluiten")}


class _OpBeschikking(_BesluitActie):
    """An action on one decision of the casus (404 for a decision of another casus)."""

    beschikking: Beschikking
    alleen_als: tuple[str, ...] = ()  # the statuses in which the action makes sense
    niet_meer: Any = gettext_lazy("Dit kan nu niet meer: het besluit is %(status)s.")

    def prepare(self, **kwargs: Any) -> None:
        self.beschikking = _beschikking(self.casus, kwargs["beschikking_id"])

    def success_url(self) -> str:
        return reverse("casussen:beschikking", args=[self.casus.pk, self.beschikking.pk])

    def page_context(self) -> dict[str, Any]:
        return {"terug_url": reverse("casussen:beschikking",
                                     args=[self.casus.pk, self.beschikking.pk]),
                "terug_tekst": _("Terug naar het besluit %(kenmerk)s") % {
                    "kenmerk": self.beschikking.kenmerk}}

    def render_action(self, form: Any, status: int = 200) -> HttpResponse:
        if (self.alleen_als and self.beschikking.status not in self.alleen_als
                and self.request.method == "GET"):
            messages.info(self.request, self.niet_meer % {
                "status": self.beschikking.get_status_display()})
            return redirect(self.success_url())
        return super().render_action(form, status)


# --- Onderzoek and verslag ----------------------------------------------------------------------


class _OnderzoekActie(_BesluitActie):
    template_name = "casussen/besluit/onderzoek.html"

    def page_context(self) -> dict[str, Any]:
        metingen = zrm_history(casus=self.casus)
        laatste = zrm_laatste_per_domein(metingen=metingen)
        return {**super().page_context(), "intake": self.casus.intake,
                # Lowest first: where the household struggles most.
                "zrm_laatste": [(str(ZRM_DOMEINNAAM[Levensgebied(domein)]), punt)
                                for domein, punt in sorted(laatste.items(),
                                                           key=lambda kv: kv[1].niveau)],
                "zrm_meting": next((m for m in metingen if not m.door_inwoner), None)}


@staff
class OnderzoekNieuwView(_OnderzoekActie):
    titel = gettext_lazy("Onderzoek vastleggen")
    uitleg = gettext_lazy("Schrijf op wat u met de inwoner besprak. Wat de inwoner al vertelde "
                          "bij de aanvraag staat er al in: vul aan en verbeter waar nodig. "
                          "Daarna stuurt u het verslag naar de inwoner.")
    knop = gettext_lazy("Onderzoek opslaan")
    success_message = gettext_lazy("Het onderzoek is opgeslagen. Lees het na en stuur het "
                                   "verslag naar de inwoner.")

    def build_form(self, data: Any) -> Any:
        return OnderzoekForm.uit_intake(self.casus.intake) if data is None else OnderzoekForm(data)

    def perform(self, form: Any) -> None:
        services.onderzoek_record(user=self.request.user, casus=self.casus,
                                  gegevens=form.gegevens(), request=self.request)


class _BestaandOnderzoek(_BesluitActie):
    onderzoek: Onderzoek

    def prepare(self, **kwargs: Any) -> None:
        onderzoek = selectors.onderzoek_of(casus=self.casus, onderzoek_id=kwargs["onderzoek_id"])
        if onderzoek is None:
            raise Http404
        self.onderzoek = onderzoek

    def render_action(self, form: Any, status: int = 200) -> HttpResponse:
        if self.onderzoek.is_verstuurd and self.request.method == "GET":
            messages.info(self.request, _("Het verslag is al naar de inwoner gestuurd en kan "
                                          "niet meer veranderen."))
            return redirect(self.success_url())
        return super().render_action(form, status)


@staff
class OnderzoekWijzigenView(_BestaandOnderzoek, _OnderzoekActie):
    titel = gettext_lazy("Onderzoek aanpassen")
    uitleg = gettext_lazy("U kunt het onderzoek aanpassen tot u het verslag naar de inwoner "
                          "stuurt.")
    knop = gettext_lazy("Wijzigingen opslaan")
    success_message = gettext_lazy("Het onderzoek is aangepast.")

    def build_form(self, data: Any) -> Any:
        return OnderzoekForm.van(self.onderzoek) if data is None else OnderzoekForm(data)

    def perform(self, form: Any) -> None:
        services.onderzoek_record(user=self.request.user, casus=self.casus,
                                  gegevens=form.gegevens(), onderzoek=self.onderzoek,
                                  request=self.request)


@staff
class VerslagVersturenView(_BestaandOnderzoek):
    template_name = "casussen/besluit/verslag_versturen.html"
    titel = gettext_lazy("Verslag naar de inwoner sturen")
    uitleg = gettext_lazy("De inwoner krijgt bericht en leest het verslag in Mijn toegang. "
                          "De inwoner kan er een opmerking bij zetten. Na het versturen kunt u "
                          "het verslag niet meer veranderen.")
    knop = gettext_lazy("Ja, verslag versturen")
    success_message = gettext_lazy("Het verslag is verstuurd. De inwoner krijgt bericht.")

    def build_form(self, data: Any) -> Any:
        return BevestigForm(data)

    def page_context(self) -> dict[str, Any]:
        return {**super().page_context(), "onderzoek": self.onderzoek}

    def perform(self, form: Any) -> None:
        services.verslag_send(user=self.request.user, onderzoek=self.onderzoek,
                              request=self.request)


# --- Aanvraag -----------------------------------------------------------------------------------


@staff
class AanvraagNieuwView(_BesluitActie):
    titel = gettext_lazy("Aanvraag vastleggen")
    uitleg = gettext_lazy("Voor een aanvraag die op papier of mondeling binnenkwam. Vanaf de "
                          "dag van ontvangst loopt de termijn voor het besluit. De inwoner "
                          "krijgt een ontvangstbevestiging.")
    knop = gettext_lazy("Aanvraag vastleggen")
    success_message = gettext_lazy("De aanvraag is vastgelegd. De termijn voor het besluit "
                                   "loopt.")

    def build_form(self, data: Any) -> Any:
        return AanvraagForm(data, onderzoeken=selectors.onderzoeken_of(casus=self.casus))

    def perform(self, form: Any) -> None:
        data = form.cleaned_data
        services.aanvraag_submit(user=self.request.user, casus=self.casus, wet=data["wet"],
                                 ontvangen_op=data["ontvangen_op"], via=data["via"],
                                 vormwens=data["vormwens"], toelichting=data["toelichting"],
                                 onderzoek=data["onderzoek"], request=self.request)


# --- Beschikking --------------------------------------------------------------------------------


@staff
class BeschikkingNieuwView(_BesluitActie):
    titel = gettext_lazy("Besluit opstellen")
    uitleg = gettext_lazy("U maakt een concept. Daarna voegt u de producten toe: toegekend of "
                          "afgewezen. De inwoner ziet niets tot het besluit genomen is.")
    knop = gettext_lazy("Concept maken")
    success_message = gettext_lazy("Het concept is gemaakt. Voeg nu de producten toe.")
    beschikking: Beschikking | None = None

    def build_form(self, data: Any) -> Any:
        return BeschikkingForm(data, aanvragen=selectors.aanvragen_of(casus=self.casus))

    def perform(self, form: Any) -> None:
        data = form.cleaned_data
        self.beschikking = services.beschikking_draft(
            user=self.request.user, casus=self.casus, wet=data["wet"],
            aanvraag=data["aanvraag"], motivering=data["motivering"], request=self.request)

    def success_url(self) -> str:
        if self.beschikking is None:
            return super().success_url()
        return reverse("casussen:beschikking", args=[self.casus.pk, self.beschikking.pk])


@staff
class MotiveringView(_OpBeschikking):
    titel = gettext_lazy("Motivering schrijven")
    knop = gettext_lazy("Motivering opslaan")
    success_message = gettext_lazy("De motivering is opgeslagen.")
    alleen_als = (BeschikkingStatus.CONCEPT,)

    def build_form(self, data: Any) -> Any:
        return MotiveringForm(data, initial={"motivering": self.beschikking.motivering})

    def perform(self, form: Any) -> None:
        services.beschikking_motivate(user=self.request.user, beschikking=self.beschikking,
                                      motivering=form.cleaned_data["motivering"],
                                      request=self.request)


@staff
class ToekenningNieuwView(_OpBeschikking):
    template_name = "casussen/besluit/toekenning.html"
    titel = gettext_lazy("Product toevoegen")
    knop = gettext_lazy("Product toevoegen")
    alleen_als = (BeschikkingStatus.CONCEPT,)

    def get_uitleg(self) -> Any:
        return _("Besluit %(kenmerk)s (%(wet)s). Kies een product en vul in wat de inwoner "
                 "krijgt, of wijs het af met een reden. De kosten rekenen wij uit met het "
                 "tarief op de begindatum.") % {"kenmerk": self.beschikking.kenmerk,
                                                 "wet": self.beschikking.get_wet_display()}

    def build_form(self, data: Any) -> Any:
        producten = list(producten_for(wet=self.beschikking.wet))
        aanbieders = aanbieders_for(product_ids=[p.pk for p in producten],
                                    dag=timezone.localdate())
        return ToekenningForm(data, producten=producten_for(wet=self.beschikking.wet),
                              aanbieders=aanbieders,
                              productnamen={p.pk: p.naam for p in producten})

    def perform(self, form: Any) -> None:
        toekenning = services.toekenning_add(user=self.request.user,
                                             beschikking=self.beschikking, regel=form.regel(),
                                             request=self.request)
        if toekenning.is_toegekend:
            self.success_message = _("%(product)s is toegevoegd: %(bedrag)s per maand.") % {
                "product": toekenning.product.naam,
                "bedrag": euro_tekst(toekenning.kosten_per_maand)}
        else:
            self.success_message = _("%(product)s is toegevoegd als afgewezen.") % {
                "product": toekenning.product.naam}


@staff
class ToekenningVerwijderenView(_OpBeschikking):
    titel = gettext_lazy("Product weghalen")
    knop = gettext_lazy("Ja, product weghalen")
    success_message = gettext_lazy("Het product is weggehaald uit het concept.")
    alleen_als = (BeschikkingStatus.CONCEPT,)
    toekenning: Toekenning

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        toekenning = selectors.toekenning_of(beschikking=self.beschikking,
                                             toekenning_id=kwargs["toekenning_id"])
        if toekenning is None:
            raise Http404
        self.toekenning = toekenning

    def get_uitleg(self) -> Any:
        return _("U haalt %(product)s weg uit het concept %(kenmerk)s.") % {
            "product": self.toekenning.product.naam, "kenmerk": self.beschikking.kenmerk}

    def build_form(self, data: Any) -> Any:
        return BevestigForm(data)

    def perform(self, form: Any) -> None:
        services.toekenning_remove(user=self.request.user, toekenning=self.toekenning,
                                   request=self.request)


@staff
class BeschikkingNemenView(_OpBeschikking):
    titel = gettext_lazy("Besluit nemen")
    uitleg = gettext_lazy("Na het nemen kunt u het besluit niet meer veranderen: alleen nog "
                          "herzien of intrekken. De inwoner krijgt bericht en de brief. Kost het "
                          "besluit meer dan de gemeente zonder tweede handtekening toestaat, "
                          "dan gaat het eerst naar een collega ter goedkeuring.")
    knop = gettext_lazy("Besluit nemen")
    alleen_als = (BeschikkingStatus.CONCEPT,)

    def build_form(self, data: Any) -> Any:
        return BevestigForm(data)

    def perform(self, form: Any) -> None:
        beschikking = services.beschikking_take(user=self.request.user,
                                                beschikking=self.beschikking,
                                                request=self.request)
        if beschikking.status == BeschikkingStatus.TER_GOEDKEURING:
            self.success_message = _(
                "Het besluit is nog niet genomen: het gaat eerst naar een tweede persoon ter "
                "goedkeuring (vier ogen). De inwoner krijgt bericht zodra het is goedgekeurd.")
        else:
            self.success_message = _("Het besluit is genomen. De inwoner krijgt bericht. "
                                     "Bezwaar kan tot en met %(datum)s.") % {
                                         "datum": _datum(beschikking.bezwaar_tot)}


@staff
class GoedkeurenView(_OpBeschikking):
    titel = gettext_lazy("Besluit goedkeuren")
    uitleg = gettext_lazy("Als tweede persoon keurt u het besluit goed. Dan is het genomen en "
                          "krijgt de inwoner bericht.")
    knop = gettext_lazy("Goedkeuren en besluit nemen")
    success_message = gettext_lazy("U heeft het besluit goedgekeurd. Het is genomen; de "
                                   "inwoner krijgt bericht.")
    alleen_als = (BeschikkingStatus.TER_GOEDKEURING,)

    def build_form(self, data: Any) -> Any:
        return BevestigForm(data)

    def perform(self, form: Any) -> None:
        services.beschikking_approve(user=self.request.user, beschikking=self.beschikking,
                                     request=self.request)


@staff
class AfkeurenView(_OpBeschikking):
    titel = gettext_lazy("Besluit terugsturen")
    uitleg = gettext_lazy("Het besluit gaat terug naar wie het opstelde, als concept. Schrijf "
                          "op wat er anders moet.")
    knop = gettext_lazy("Terugsturen")
    success_message = gettext_lazy("Het besluit is teruggestuurd naar wie het opstelde.")
    alleen_als = (BeschikkingStatus.TER_GOEDKEURING,)

    def build_form(self, data: Any) -> Any:
        return RedenForm(data, label=_("Wat moet er anders?"))

    def perform(self, form: Any) -> None:
        services.beschikking_reject(user=self.request.user, beschikking=self.beschikking,
                                    reden=form.cleaned_data["reden"], request=self.request)


@staff
class HerzienView(_OpBeschikking):
    titel = gettext_lazy("Besluit herzien")
    uitleg = gettext_lazy("U maakt een nieuw concept met dezelfde producten. Pas het aan en "
                          "neem het besluit. Dan vervangt het dit besluit.")
    knop = gettext_lazy("Herziening beginnen")
    success_message = gettext_lazy("De herziening is een nieuw concept. Pas het aan en neem "
                                   "het besluit.")
    alleen_als = (BeschikkingStatus.GENOMEN,)
    nieuw: Beschikking | None = None

    def build_form(self, data: Any) -> Any:
        return RedenForm(data, label=_("Waarom wordt het besluit herzien?"),
                         help_text=_("De inwoner leest dit in de brief van het nieuwe besluit."))

    def perform(self, form: Any) -> None:
        self.nieuw = services.beschikking_revise(user=self.request.user,
                                                 beschikking=self.beschikking,
                                                 reden=form.cleaned_data["reden"],
                                                 request=self.request)

    def success_url(self) -> str:
        if self.nieuw is None:
            return super().success_url()
        return reverse("casussen:beschikking", args=[self.casus.pk, self.nieuw.pk])


@staff
class IntrekkenView(_OpBeschikking):
    titel = gettext_lazy("Besluit intrekken")
    uitleg = gettext_lazy("Het besluit stopt vanaf de datum die u kiest. De inwoner krijgt "
                          "bericht, met de reden, en kan bezwaar maken.")
    knop = gettext_lazy("Besluit intrekken")
    success_message = gettext_lazy("Het besluit is ingetrokken. De inwoner krijgt bericht.")
    alleen_als = (BeschikkingStatus.GENOMEN,)

    def build_form(self, data: Any) -> Any:
        return IntrekkenForm(data, initial={"per": timezone.localdate()})

    def perform(self, form: Any) -> None:
        services.beschikking_withdraw(user=self.request.user, beschikking=self.beschikking,
                                      per=form.cleaned_data["per"],
                                      reden=form.cleaned_data["reden"], request=self.request)


# --- Bezwaar ------------------------------------------------------------------------------------


@staff
class BezwaarNieuwView(_OpBeschikking):
    titel = gettext_lazy("Bezwaar vastleggen")
    knop = gettext_lazy("Bezwaar vastleggen")
    success_message = gettext_lazy("Het bezwaar is vastgelegd. De termijn voor de beslissing "
                                   "loopt; de inwoner krijgt een ontvangstbevestiging.")
    alleen_als = (BeschikkingStatus.GENOMEN, BeschikkingStatus.HERZIEN,
                  BeschikkingStatus.INGETROKKEN)

    def get_uitleg(self) -> Any:
        if self.beschikking.bezwaar_tot is None:
            return ""
        return _("Bezwaar tegen besluit %(kenmerk)s kan tot en met %(datum)s.") % {
            "kenmerk": self.beschikking.kenmerk, "datum": _datum(self.beschikking.bezwaar_tot)}

    def build_form(self, data: Any) -> Any:
        return BezwaarForm(data)

    def perform(self, form: Any) -> None:
        bezwaar = services.bezwaar_record(user=self.request.user, beschikking=self.beschikking,
                                          ontvangen_op=form.cleaned_data["ontvangen_op"],
                                          toelichting=form.cleaned_data["toelichting"],
                                          request=self.request)
        if bezwaar.is_te_laat:
            messages.warning(self.request, _(
                "Let op: dit bezwaar kwam na de bezwaartermijn binnen (die liep tot en met "
                "%(datum)s). Ga na of de inwoner een goede reden had voor de late indiening; "
                "anders is het bezwaar niet-ontvankelijk.") % {
                    "datum": _datum(self.beschikking.bezwaar_tot)})


@staff
class BezwaarBeslissenView(_OpBeschikking):
    titel = gettext_lazy("Beslissen op bezwaar")
    knop = gettext_lazy("Beslissing vastleggen")
    success_message = gettext_lazy("De beslissing op het bezwaar is vastgelegd.")
    bezwaar: Bezwaar

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        bezwaar = selectors.bezwaar_of(beschikking=self.beschikking,
                                       bezwaar_id=kwargs["bezwaar_id"])
        if bezwaar is None:
            raise Http404
        self.bezwaar = bezwaar

    def get_uitleg(self) -> Any:
        return _("Bezwaar tegen besluit %(kenmerk)s, ontvangen op %(datum)s: %(tekst)s") % {
            "kenmerk": self.beschikking.kenmerk, "datum": _datum(self.bezwaar.ontvangen_op),
            "tekst": self.bezwaar.toelichting}

    def render_action(self, form: Any, status: int = 200) -> HttpResponse:
        if self.bezwaar.uitkomst and self.request.method == "GET":
            messages.info(self.request, _("Op dit bezwaar is al beslist."))
            return redirect(self.success_url())
        return super().render_action(form, status)

    def build_form(self, data: Any) -> Any:
        return BezwaarBeslissenForm(data)

    def perform(self, form: Any) -> None:
        services.bezwaar_decide(user=self.request.user, bezwaar=self.bezwaar,
                                uitkomst=form.cleaned_data["uitkomst"],
                                besloten_op=form.cleaned_data["besloten_op"],
                                request=self.request)


# --- Four eyes: the list ------------------------------------------------------------------------


@dataclass(frozen=True)
class GoedkeurRij:
    beschikking: Beschikking
    eerste_jaar: Decimal
    per_maand: Decimal


@casework_required
def besluiten_goedkeuren(request: AuthenticatedRequest) -> HttpResponse:
    """Decisions in the user's teams waiting for a second pair of eyes (not their own)."""
    page = Paginator(selectors.wachten_op_goedkeuring(user=request.user), PER_PAGINA
                     ).get_page(request.GET.get("pagina"))
    rijen = []
    for beschikking in page:
        rij = BeschikkingRij(beschikking=beschikking, regels=list(beschikking.toekenningen.all()))
        rijen.append(GoedkeurRij(beschikking=beschikking, eerste_jaar=rij.eerste_jaar,
                                 per_maand=rij.per_maand))
    return render(request, "casussen/besluit/goedkeuren.html", {"page": page, "rijen": rijen})


# --- Blocks on other staff pages ----------------------------------------------------------------


@casus_blok
def besluiten_blok(request: AuthenticatedRequest, casus: Casus) -> dict[str, Any]:
    """The casus page's "Besluiten" block: counts and the household's cost (one query)."""
    return {"besluiten_telling": selectors.besluiten_telling(casus=casus)}


@werkvoorraad_blok
def goedkeuren_blok(request: AuthenticatedRequest) -> dict[str, Any]:
    """The decisions that wait for the user's approval, counted on the queue page."""
    return {"goedkeuren_aantal": selectors.wachten_op_goedkeuring(user=request.user)}
