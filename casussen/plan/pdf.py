"""The support plan as a PDF, for the resident and for the file (reportlab).

Every typed text goes through `_veilig`: reportlab's Paragraph reads a small XML markup, so
`<`, `>` and `&` are escaped; its built-in fonts only cover Latin-1, so other characters are
simplified (é stays é, “ becomes ", ł becomes l) or replaced by "?".
"""

import io
import unicodedata
from datetime import date, datetime
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..models import Casus
from .models import Doel, PlanStatus, PlanVersie

# Typographic characters outside Latin-1 that have a plain equivalent.
VERVANGINGEN = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-",
    "‐": "-", "‑": "-", "−": "-", "…": "...", "•": "*", "€": "EUR", "\u00a0": " ",
    "\u200b": "", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
})


def _doeltekst(doel: Doel) -> str:
    """The goal, with the household member it is for when the plan covers a household."""
    if doel.voor_lid is None:
        return doel.omschrijving
    return f"{doel.omschrijving}\n" + _("Voor %(naam)s") % {"naam": doel.voor_lid.naam}


def latin1(tekst: str) -> str:
    """The text with every character outside Latin-1 simplified or replaced by '?'."""
    tekst = unicodedata.normalize("NFC", str(tekst)).translate(VERVANGINGEN)
    uit = []
    for teken in tekst:
        if ord(teken) < 256:
            uit.append(teken)
            continue
        # Letters with marks that Latin-1 lacks (ő, ş, ž): keep the base letter.
        basis = "".join(c for c in unicodedata.normalize("NFKD", teken)
                        if not unicodedata.combining(c))
        uit.append(basis if basis and all(ord(c) < 256 for c in basis) else "?")
    return "".join(uit)


def _veilig(tekst: object) -> str:
    """Typed text made safe for Paragraph markup: Latin-1 first, then escaped; line breaks
    kept."""
    return escape(latin1(str(tekst))).replace("\r\n", "\n").replace("\n", "<br/>")


def _datum(waarde: date | datetime | None) -> str:
    if waarde is None:
        return "-"
    if isinstance(waarde, datetime):
        waarde = timezone.localtime(waarde)
    return formats.date_format(waarde, "j F Y")


def plan_pdf(*, casus: Casus, versie: PlanVersie, voor_inwoner: bool) -> bytes:
    """The version as an A4 PDF. The resident's copy uses plain words, the file copy the ZRM
    names of the life domains and who made and shared it."""
    with translation.override("nl"):
        return _bouw(casus, versie, voor_inwoner)


def _bouw(casus: Casus, versie: PlanVersie, voor_inwoner: bool) -> bytes:
    stijlen = getSampleStyleSheet()
    tekst = ParagraphStyle("tekst", parent=stijlen["BodyText"], fontSize=10, leading=13)
    klein = ParagraphStyle("klein", parent=tekst, fontSize=9, leading=11)
    kop = stijlen["Heading2"]

    def p(waarde: object, stijl: ParagraphStyle = tekst) -> Paragraph:
        return Paragraph(_veilig(waarde), stijl)

    def tabel(koppen: list[str], rijen: list[list[object]], breedtes: list[float]) -> Table:
        data = [[Paragraph(f"<b>{_veilig(k)}</b>", klein) for k in koppen]]
        data += [[p(cel, klein) for cel in rij] for rij in rijen]
        t = Table(data, colWidths=[b * mm for b in breedtes], repeatRows=1)
        t.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        return t

    intake = casus.intake
    titel = _("Ondersteuningsplan")
    status = versie.get_status_display()
    if versie.status == PlanStatus.CONCEPT:
        status = _("CONCEPT - nog niet gedeeld met de inwoner")
    inhoud: list = [
        Paragraph(_veilig(titel), stijlen["Title"]),
        p(_("Huishouden: %(naam)s, referentie %(ref)s") % {
            "naam": f"{intake.voornaam} {intake.achternaam}", "ref": intake.referentie}),
        p(_("Versie %(n)s · status: %(status)s") % {"n": versie.nummer, "status": status}),
        p(_("Gedeeld op: %(datum)s · Gemaakt op: %(pdf)s") % {
            "datum": _datum(versie.gedeeld_op), "pdf": _datum(timezone.now())}),
    ]
    if not voor_inwoner:
        inhoud.append(p(_("Team: %(team)s · Gedeeld door: %(door)s") % {
            "team": casus.team.naam,
            "door": versie.gedeeld_door.get_full_name() if versie.gedeeld_door else "-"}))
    if versie.akkoord_op:
        inhoud.append(p(_("Akkoord van de inwoner op %(datum)s") % {
            "datum": _datum(versie.akkoord_op)}))
    if versie.samenvatting:
        inhoud += [Paragraph(_veilig(_("Waar gaat het om?")), kop), p(versie.samenvatting)]

    inhoud.append(Paragraph(_veilig(_("Doelen")), kop))
    doelen = list(versie.doelen.all())
    if doelen:
        inhoud.append(tabel(
            [_("Levensgebied"), _("Doel"), _("Niveau nu"), _("Doel-niveau"),
             _("Wie zorgt ervoor")],
            [[d.get_levensgebied_display() if voor_inwoner else d.domeinnaam, _doeltekst(d),
              f"{d.zrm_start} / 5", f"{d.zrm_doel} / 5",
              d.verantwoordelijke_voor_inwoner if voor_inwoner
              else d.get_verantwoordelijke_display()] for d in doelen],
            [32, 64, 20, 24, 34]))
    else:
        inhoud.append(p(_("Geen doelen.")))

    inhoud.append(Paragraph(_veilig(_("Acties")), kop))
    acties = list(versie.acties.all())
    if acties:
        inhoud.append(tabel(
            [_("Wat gaat er gebeuren"), _("Wie doet het"), _("Klaar op")],
            [[a.omschrijving,
              " - ".join(filter(None, [a.eigenaar_voor_inwoner if voor_inwoner
                                       else a.get_eigenaar_display(), a.eigenaar_naam])),
              _datum(a.deadline) if a.deadline else "-"] for a in acties],
            [90, 54, 30]))
    else:
        inhoud.append(p(_("Geen acties.")))

    inhoud.append(Paragraph(_veilig(_("Hulp die is aangevraagd (voorzieningen)")), kop))
    voorzieningen = list(versie.voorzieningen.all())
    if voorzieningen:
        inhoud.append(tabel(
            [_("Wet"), _("Welke hulp"), _("Vorm"), _("Status")],
            [[v.get_wet_display(), v.omschrijving, v.get_vorm_display() or "-",
              v.get_status_display()] for v in voorzieningen],
            [30, 74, 40, 30]))
    else:
        inhoud.append(p(_("Geen voorzieningen.")))

    evaluatie = _datum(versie.evaluatiedatum) if versie.evaluatiedatum else \
        _("wordt gekozen bij het delen")
    inhoud += [Spacer(1, 4 * mm), p(_("Evaluatie: %(datum)s") % {"datum": evaluatie})]
    if versie.opmerking_inwoner:
        inhoud += [Paragraph(_veilig(_("Reactie van de inwoner")), kop),
                   p(versie.opmerking_inwoner)]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
        bottomMargin=18 * mm, title=latin1(f"{titel} {intake.referentie} v{versie.nummer}"),
        author=latin1(casus.team.naam), lang="nl")
    doc.build(inhoud)
    return buffer.getvalue()
