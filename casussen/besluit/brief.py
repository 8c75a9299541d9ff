"""The decision letter (beschikking) as a PDF, and the plain words it shares with the resident's
page: what was decided per product, for how long, and how to object.

The letter has the municipality's letterhead (the same settings as the printed letters,
`toegang/berichten/printen.py`), the resident's address where a window envelope shows it, the
date, the kenmerk, and then in plain Dutch (B1): what we decided per product, why, the legal
basis, what to do with a pgb (the budget plan, contracts and the SVB) and the bezwaar clause
with its last day (Awb 6:7, 6:8). Typed text goes through `toegang/core/pdftekst.py`.
"""

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    FrameBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from intake.services.inwoner import postadres
from toegang.berichten.printen import BREEDTE, HOOGTE, LINKS, RECHTS, Briefopmaak, retouradres
from toegang.catalogus.models import EENHEID_MEERVOUD, Eenheid, Frequentie
from toegang.core.domein import Wet
from toegang.core.pdftekst import drawable_text, pdf_text
from toegang.thema.services import actief_thema

from ..models import Casus
from ..templatetags.besluit_extras import euro_tekst
from .models import Beschikking, BeschikkingStatus, Levering, Toekenning

# --- Plain words, shared by the page and the letter ------------------------------------------


def datum_tekst(dag: date) -> str:
    return formats.date_format(dag, "j F Y")


def _getal(volume: Decimal) -> str:
    """3.00 → "3", 2.50 → "2,5" (the Dutch way, no trailing zeros)."""
    tekst = format(volume.normalize(), "f")
    return tekst.replace(".", ",")


def omvang_tekst(toekenning: Toekenning) -> str:
    """"3 uur per week", "1 stuks in totaal"; empty for a refused line."""
    if toekenning.volume is None:
        return ""
    eenheid = str(Eenheid(toekenning.eenheid).label if toekenning.volume == 1
                  else EENHEID_MEERVOUD.get(Eenheid(toekenning.eenheid), toekenning.eenheid))
    hoe_vaak = (_("in totaal") if toekenning.frequentie == Frequentie.TOTAAL
                else str(Frequentie(toekenning.frequentie).label))
    return f"{_getal(toekenning.volume)} {eenheid} {hoe_vaak}"


def periode_tekst(toekenning: Toekenning) -> str:
    """"van 1 maart 2026 tot en met 31 augustus 2026", or "vanaf 1 maart 2026, zolang het
    nodig is" when open-ended."""
    if toekenning.begindatum is None:
        return ""
    if toekenning.einddatum is None:
        return _("vanaf %(van)s, zolang het nodig is") % {
            "van": datum_tekst(toekenning.begindatum)}
    return _("van %(van)s tot en met %(tot)s") % {"van": datum_tekst(toekenning.begindatum),
                                                  "tot": datum_tekst(toekenning.einddatum)}


@dataclass(frozen=True)
class RegelUitleg:
    """One product line of a decision in the resident's words."""

    toekenning: Toekenning
    product: str
    uitleg: str
    toegekend: bool
    omvang: str
    periode: str
    is_natura: bool
    is_pgb: bool
    aanbieder: str
    per_maand: str
    eerste_jaar: str
    reden: str


def regel_uitleg(toekenning: Toekenning) -> RegelUitleg:
    pgb = toekenning.is_toegekend and toekenning.levering == Levering.PGB
    return RegelUitleg(
        toekenning=toekenning, product=toekenning.product.naam,
        uitleg=toekenning.product.uitleg, toegekend=toekenning.is_toegekend,
        omvang=omvang_tekst(toekenning) if toekenning.is_toegekend else "",
        periode=periode_tekst(toekenning) if toekenning.is_toegekend else "",
        is_natura=toekenning.is_toegekend and toekenning.levering == Levering.NATURA,
        is_pgb=pgb,
        aanbieder=toekenning.aanbieder.naam if toekenning.aanbieder_id and toekenning.aanbieder
        else "",
        per_maand=euro_tekst(toekenning.kosten_per_maand) if pgb else "",
        eerste_jaar=euro_tekst(toekenning.kosten_eerste_jaar) if pgb else "",
        reden="" if toekenning.is_toegekend else toekenning.reden)


def regels_uitleg(beschikking: Beschikking) -> list[RegelUitleg]:
    """The lines of a decision (prefetched by the selectors) in the resident's words."""
    return [regel_uitleg(t) for t in beschikking.toekenningen.all()]


def grondslag(wet: str) -> str:
    """The legal basis of a decision under `wet`, in one sentence."""
    zinnen = {
        Wet.WMO: _("Wij namen dit besluit op grond van de Wet maatschappelijke ondersteuning "
                   "2015 (Wmo 2015), artikel 2.3.5, en de verordening maatschappelijke "
                   "ondersteuning van onze gemeente."),
        Wet.JEUGDWET: _("Wij namen dit besluit op grond van de Jeugdwet, artikel 2.3 en "
                        "artikel 2.9, en de verordening jeugdhulp van onze gemeente."),
        Wet.PARTICIPATIEWET: _("Wij namen dit besluit op grond van de Participatiewet."),
    }
    return zinnen.get(Wet(wet), "")


def bezwaar_zin(tot: date) -> str:
    return _("Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken tot en met "
             "%(datum)s.") % {"datum": datum_tekst(tot)}


def bezwaar_hoe(kenmerk: str) -> list[str]:
    """How to object, in steps (Awb 6:5): where to send it and what to write."""
    gemeente = actief_thema()
    return [
        _("Stuur een brief naar %(gemeente)s, %(adres)s.") % {
            "gemeente": gemeente.gemeentenaam, "adres": ", ".join(gemeente.postadres_regels)},
        _("Schrijf in de brief: uw naam en adres, de datum, het kenmerk van dit besluit "
          "(%(kenmerk)s) en waarom u het niet eens bent. Zet uw handtekening onder de "
          "brief.") % {"kenmerk": kenmerk},
        _("Wilt u hulp bij uw bezwaar, of eerst praten? Bel uw contactpersoon. Die helpt u. "
          "Bezwaar maken kost niets."),
    ]


def pgb_stappen() -> list[str]:
    """What a resident with a pgb does next, in order; the SVB step named."""
    return [
        _("Maak een budgetplan: welke zorg koopt u, bij wie, hoeveel uur en voor welk tarief. "
          "Uw contactpersoon kijkt het plan met u na."),
        _("Sluit een zorgovereenkomst met elke zorgverlener. Gebruik daarvoor de "
          "modelovereenkomst van de Sociale Verzekeringsbank (SVB). Stuur de overeenkomsten naar "
          "de SVB."),
        _("De SVB betaalt uw zorgverleners uit uw budget. U krijgt het geld dus niet zelf op uw "
          "rekening. U controleert de rekeningen van uw zorgverleners en keurt ze goed."),
        _("U houdt bij welke zorg u kreeg. Aan het eind van het jaar krijgt u van de SVB een "
          "overzicht. Geld dat u niet gebruikt, gaat terug naar de gemeente."),
    ]


# --- The letter ---------------------------------------------------------------------------


def _stijlen() -> dict[str, ParagraphStyle]:
    tekst = ParagraphStyle("tekst", fontName="Helvetica", fontSize=10.5, leading=14,
                           spaceAfter=6)
    return {
        "tekst": tekst,
        "adres": ParagraphStyle("adres", parent=tekst, spaceAfter=0),
        "retour": ParagraphStyle("retour", parent=tekst, fontSize=7, leading=9, spaceAfter=3),
        "kop": ParagraphStyle("kop", parent=tekst, fontName="Helvetica-Bold", fontSize=12,
                              leading=15, spaceBefore=6, spaceAfter=4),
        "vet": ParagraphStyle("vet", parent=tekst, fontName="Helvetica-Bold", spaceAfter=2),
        "lijst": ParagraphStyle("lijst", parent=tekst, leftIndent=10, spaceAfter=3),
        "concept": ParagraphStyle("concept", parent=tekst, fontName="Helvetica-Bold",
                                  fontSize=12),
    }


class _Briefdocument(Briefopmaak):
    def __init__(self, buffer: io.BytesIO, *, kop: str, **kwargs: Any) -> None:
        self.kop = kop
        super().__init__(buffer, **kwargs)

    def _vervolgkop(self, canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(LINKS, HOOGTE - 18 * mm, drawable_text(self.kop))
        canvas.drawRightString(BREEDTE - RECHTS, HOOGTE - 18 * mm, drawable_text(
            _("pagina %(nummer)s") % {"nummer": canvas.getPageNumber()}))
        canvas.restoreState()


def onderwerp(beschikking: Beschikking) -> str:
    if beschikking.vervangt_id and beschikking.vervangt is not None:
        return _("Nieuw besluit: wij veranderen ons besluit %(kenmerk)s") % {
            "kenmerk": beschikking.vervangt.kenmerk}
    return _("Besluit op uw aanvraag %(wet)s") % {"wet": Wet(beschikking.wet).label}


def _bouw(casus: Casus, beschikking: Beschikking) -> bytes:
    stijlen = _stijlen()
    intake = casus.intake
    naam = intake.naam
    gemeente = actief_thema()

    def p(tekst: object, stijl: str = "tekst") -> Paragraph:
        return Paragraph(pdf_text(tekst), stijlen[stijl])

    datum = datum_tekst(beschikking.genomen_op or timezone.localdate())
    adres = postadres(intake)
    breedte = BREEDTE - LINKS - RECHTS
    kenmerk_rijen = [[_("Datum"), datum], [_("Kenmerk"), beschikking.kenmerk],
                     [_("Onderwerp"), onderwerp(beschikking)]]
    if beschikking.aanvraag is not None:
        kenmerk_rijen.append([_("Uw aanvraag van"),
                              datum_tekst(beschikking.aanvraag.ontvangen_op)])
    kenmerken = Table(
        [[p(label, "vet"), p(waarde, "adres")] for label, waarde in kenmerk_rijen],
        colWidths=[34 * mm, breedte - 34 * mm], hAlign="LEFT",
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    inhoud: list[Flowable] = [p(retouradres(gemeente), "retour"), p(naam, "adres")]
    if adres is not None:
        inhoud += [p(regel, "adres") for regel in adres.regels]
    inhoud += [FrameBreak(), kenmerken, Spacer(1, 8 * mm)]
    if not beschikking.is_genomen:
        inhoud.append(p(_("CONCEPT - dit is nog geen besluit. Stuur deze brief niet."),
                        "concept"))
    inhoud.append(p(_("Beste %(naam)s,") % {"naam": naam}))
    if beschikking.aanvraag is not None:
        inhoud.append(p(_("Op %(datum)s vroeg u ondersteuning aan op grond van de %(wet)s. In "
                          "deze brief leest u wat wij hebben besloten.") % {
            "datum": datum_tekst(beschikking.aanvraag.ontvangen_op),
            "wet": Wet(beschikking.wet).label}))
    else:
        inhoud.append(p(_("In deze brief leest u wat wij hebben besloten (%(wet)s).") % {
            "wet": Wet(beschikking.wet).label}))
    if beschikking.vervangt is not None:
        inhoud += [p(_("Waarom veranderen wij ons besluit?"), "kop"),
                   p(_("Dit besluit komt in de plaats van ons besluit %(kenmerk)s.") % {
                       "kenmerk": beschikking.vervangt.kenmerk})]
        if beschikking.reden_wijziging:
            inhoud.append(p(beschikking.reden_wijziging))

    regels = regels_uitleg(beschikking)
    inhoud.append(p(_("Wat hebben wij besloten?"), "kop"))
    for regel in regels:
        if regel.toegekend:
            inhoud.append(p(_("%(product)s: u krijgt dit") % {"product": regel.product}, "vet"))
            inhoud.append(p(_("Hoeveel: %(omvang)s.") % {"omvang": regel.omvang}, "lijst"))
            inhoud.append(p(_("Hoe lang: %(periode)s.") % {"periode": regel.periode}, "lijst"))
            if regel.is_natura:
                tekst = _("Zorg in natura: de gemeente regelt en betaalt de zorg.")
                if regel.aanbieder:
                    tekst += " " + _("Uw zorgaanbieder is %(naam)s. Die neemt contact met u "
                                     "op.") % {"naam": regel.aanbieder}
                inhoud.append(p(tekst, "lijst"))
            elif regel.is_pgb:
                inhoud.append(p(_("Persoonsgebonden budget (pgb): %(maand)s per maand, "
                                  "%(jaar)s in het eerste jaar.") % {
                    "maand": regel.per_maand, "jaar": regel.eerste_jaar}, "lijst"))
        else:
            inhoud.append(p(_("%(product)s: u krijgt dit niet") % {"product": regel.product},
                            "vet"))
            inhoud.append(p(_("Waarom niet: %(reden)s") % {"reden": regel.reden}, "lijst"))
    if beschikking.motivering:
        inhoud += [p(_("Waarom dit besluit?"), "kop"), p(beschikking.motivering)]
    inhoud.append(p(grondslag(beschikking.wet)))
    if beschikking.status == BeschikkingStatus.INGETROKKEN and beschikking.ingetrokken_op:
        inhoud += [p(_("Dit besluit is ingetrokken"), "kop"),
                   p(_("Dit besluit geldt niet meer vanaf %(datum)s.") % {
                       "datum": datum_tekst(beschikking.ingetrokken_op)})]
        if beschikking.reden_wijziging:
            inhoud.append(p(_("De reden: %(reden)s") % {"reden": beschikking.reden_wijziging}))

    if any(r.is_pgb for r in regels):
        inhoud.append(p(_("U krijgt een pgb. Wat moet u doen?"), "kop"))
        inhoud += [p(f"{n}. {stap}", "lijst") for n, stap in enumerate(pgb_stappen(), start=1)]
        inhoud.append(p(_("Meer uitleg over natura en pgb: %(url)s") % {
            "url": settings.SITE_URL.rstrip("/") + reverse("core:pgb_uitleg")}))

    inhoud.append(p(_("Bezwaar maken"), "kop"))
    tot = beschikking.bezwaar_tot
    if tot is not None:
        inhoud.append(p(bezwaar_zin(tot)))
    else:
        inhoud.append(p(_("Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken "
                          "binnen 6 weken na de datum van deze brief.")))
    inhoud += [p(zin) for zin in bezwaar_hoe(beschikking.kenmerk)]
    inhoud.append(p(_("Zo staat het in de Algemene wet bestuursrecht (artikel 6:7 en 6:8): u "
                      "heeft 6 weken, vanaf de dag na de datum van deze brief.")))
    inhoud += [Spacer(1, 4 * mm), p(_("Met vriendelijke groet,"), "adres"),
               p(gemeente.gemeentenaam, "adres")]

    buffer = io.BytesIO()
    document = _Briefdocument(
        buffer, kop=_("%(gemeente)s - besluit %(kenmerk)s aan %(naam)s") % {
            "gemeente": gemeente.gemeentenaam, "kenmerk": beschikking.kenmerk, "naam": naam},
        title=drawable_text(f"Besluit {beschikking.kenmerk}"),
        author=drawable_text(gemeente.gemeentenaam), lang="nl",
        leftMargin=LINKS, rightMargin=RECHTS)
    document.build(inhoud)
    return buffer.getvalue()


def beschikking_pdf(*, casus: Casus, beschikking: Beschikking) -> bytes:
    """The decision letter as an A4 PDF, in Dutch whatever the reader's language. Made again
    on every download: a decision never changes once taken."""
    with translation.override("nl"):
        return _bouw(casus, beschikking)


def bestandsnaam(beschikking: Beschikking) -> str:
    return f"besluit-{beschikking.kenmerk}.pdf"


def pdf_response(pdf: bytes, beschikking: Beschikking) -> HttpResponse:
    """The letter as a download that no cache keeps."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam(beschikking)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
