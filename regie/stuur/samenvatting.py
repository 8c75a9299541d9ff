"""Each table in a few plain Dutch sentences, for the chart's description and for readers who
skip charts. Built only from the protected cells (what the table shows), never from the
counts behind them, so a sentence cannot reveal a hidden figure."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .privacy import Cel
from .tabel import TIJDREEKSEN, Rij, Tabel

__all__ = ["samenvatten"]


def _opsomming(delen: list[str]) -> str:
    if len(delen) <= 1:
        return "".join(delen)
    return _("%(begin)s en %(eind)s") % {"begin": ", ".join(delen[:-1]), "eind": delen[-1]}


def _zichtbaar(tabel: Tabel, kolom: int) -> list[tuple[Rij, Cel]]:
    return [(r, r.cellen[kolom]) for r in tabel.rijen if not r.cellen[kolom].verborgen]


def _verborgen_zin(tabel: Tabel, kolom: int) -> str:
    n = sum(1 for r in tabel.rijen if r.cellen[kolom].verborgen)
    if not n:
        return ""
    return ngettext("%(n)s waarde is niet getoond: te klein of beschermd.",
                    "%(n)s waarden zijn niet getoond: te klein of beschermd.", n) % {"n": n}


def _hoogste(tabel: Tabel, kolom: int, aantal: int = 3) -> str:
    zichtbaar = sorted(_zichtbaar(tabel, kolom), key=lambda rc: -(rc[1].waarde or 0))
    if not zichtbaar:
        return ""
    delen = [f"{r.label} ({c.tekst})" for r, c in zichtbaar[:aantal]]
    return _("Het meest: %(lijst)s.") % {"lijst": _opsomming(delen)}


def _totaal_zin(tabel: Tabel, kolom: int) -> str:
    if tabel.totaal is None or tabel.totaal.cellen[kolom].verborgen:
        return ""
    return _("In totaal: %(n)s.") % {"n": tabel.totaal.cellen[kolom].tekst}


def _trend(tabel: Tabel, kolom: int) -> str:
    if len(tabel.rijen) < 2:
        return ""
    eerste, laatste = tabel.rijen[0], tabel.rijen[-1]
    a, b = eerste.cellen[kolom], laatste.cellen[kolom]
    if a.verborgen or b.verborgen or not a.waarde:
        return _("Te weinig gegevens in de eerste of de laatste periode om een trend te "
                 "beschrijven.")
    verschil = round(100 * ((b.waarde or 0) - a.waarde) / a.waarde)
    waarden = {"eerste": eerste.label, "laatste": laatste.label, "a": a.tekst, "b": b.tekst}
    if verschil > 0:
        return _("Van %(eerste)s (%(a)s) naar %(laatste)s (%(b)s): %(pct)s%% meer.") % {
            **waarden, "pct": verschil}
    if verschil < 0:
        return _("Van %(eerste)s (%(a)s) naar %(laatste)s (%(b)s): %(pct)s%% minder.") % {
            **waarden, "pct": -verschil}
    return _("%(eerste)s en %(laatste)s: even veel (%(a)s).") % waarden


def _aandelen(tabel: Tabel, kolom: int) -> str:
    zichtbaar = sorted(_zichtbaar(tabel, kolom), key=lambda rc: -(rc[1].waarde or 0))
    if not zichtbaar:
        return _("Nergens genoeg gegevens om een aandeel te tonen (minstens 5 per groep).")
    hoog_r, hoog_c = zichtbaar[0]
    zin = _("Het hoogste aandeel: %(label)s (%(pct)s).") % {"label": hoog_r.label,
                                                             "pct": hoog_c.tekst}
    if len(zichtbaar) > 1:
        laag_r, laag_c = zichtbaar[-1]
        zin += " " + _("Het laagste: %(label)s (%(pct)s).") % {"label": laag_r.label,
                                                               "pct": laag_c.tekst}
    return zin


def _multiples(tabel: Tabel) -> str:
    if len(tabel.kolommen) < 2:
        return ""
    delen = []
    for rij in tabel.rijen:
        a, b = rij.cellen[0], rij.cellen[-1]
        if a.verborgen or b.verborgen:
            delen.append(_("%(wijk)s: te weinig gegevens") % {"wijk": rij.label})
        elif (b.waarde or 0) > (a.waarde or 0):
            delen.append(_("%(wijk)s: meer (%(a)s naar %(b)s)") % {
                "wijk": rij.label, "a": a.tekst, "b": b.tekst})
        elif (b.waarde or 0) < (a.waarde or 0):
            delen.append(_("%(wijk)s: minder (%(a)s naar %(b)s)") % {
                "wijk": rij.label, "a": a.tekst, "b": b.tekst})
        else:
            delen.append(_("%(wijk)s: gelijk (%(a)s)") % {"wijk": rij.label, "a": a.tekst})
    return _("Van %(eerste)s tot %(laatste)s. %(wijken)s.") % {
        "eerste": tabel.kolommen[0], "laatste": tabel.kolommen[-1], "wijken": "; ".join(delen)}


def _statistieken(tabel: Tabel) -> str:
    zinnen = []
    for rij in [*tabel.rijen, *([tabel.totaal] if tabel.totaal else [])]:
        mediaan, p90 = rij.cellen[-2], rij.cellen[-1]
        if tabel.sleutel == "doorlooptijden":
            mediaan, p90 = rij.cellen[0], rij.cellen[1]
        if mediaan.verborgen or p90.verborgen:
            zinnen.append(_("%(label)s: te weinig gegevens.") % {"label": rij.label})
        else:
            zinnen.append(_("%(label)s: de helft binnen %(mediaan)s, 90%% binnen "
                            "%(p90)s.") % {"label": rij.label, "mediaan": mediaan.tekst,
                                            "p90": p90.tekst})
    return " ".join(zinnen)


def _klein_begin(tekst: str) -> str:
    return tekst[:1].lower() + tekst[1:]


def _berichten_stroom(tabel: Tabel) -> str:
    """The totals of the messages per kind that are shown."""
    assert tabel.totaal is not None
    cellen = tabel.totaal.cellen
    if all(c.eenheid == "-" for c in cellen):
        return _("Geen berichten in deze weken.")
    delen = [f"{c.tekst} {_klein_begin(k)}" for k, c in zip(tabel.kolommen, cellen,
                                                            strict=True) if not c.verborgen]
    if not delen:
        return _("Te weinig berichten om aantallen te tonen.")
    return _("In totaal: %(lijst)s.") % {"lijst": _opsomming(delen)}


def _berichten_op_tijd(tabel: Tabel) -> str:
    """The three shares on time over all weeks (the total row): pairs of count and share."""
    assert tabel.totaal is not None
    cellen = tabel.totaal.cellen
    if all(c.eenheid == "-" for c in cellen):
        return _("Geen berichten in deze weken.")
    delen = []
    for i in range(0, len(cellen), 2):
        wat, maatstaf, pct = tabel.kolommen[i], tabel.kolommen[i + 1], cellen[i + 1]
        if pct.verborgen:
            delen.append(_("%(wat)s: te weinig gegevens") % {"wat": wat})
        else:
            delen.append(_("%(wat)s: %(aandeel)s %(maatstaf)s") % {
                "wat": wat, "aandeel": pct.tekst, "maatstaf": _klein_begin(maatstaf)})
    return _("Over alle weken samen. %(lijst)s.") % {"lijst": "; ".join(delen)}


def samenvatten(tabel: Tabel) -> str:
    """A short description of what the table shows."""
    if not tabel.rijen:
        return _("Geen gegevens voor deze keuze.")
    kolom = tabel.grafiek_kolom
    if tabel.sleutel == "doorlooptijden":
        return _statistieken(tabel)
    if tabel.sleutel == "wachtend":
        totaal = tabel.totaal
        assert totaal is not None
        aantal = totaal.cellen[0]
        zin = _("Nog niet opgepakt: %(n)s aanvragen.") % {"n": aantal.tekst}
        if not totaal.cellen[1].verborgen:
            zin += " " + _("De helft wacht %(mediaan)s of korter, 90%% %(p90)s of korter.") % {
                "mediaan": totaal.cellen[1].tekst, "p90": totaal.cellen[2].tekst}
        return zin
    if tabel.sleutel == "caseload" and tabel.totaal is not None:
        t = tabel.totaal.cellen
        zin = _("Open casussen: %(n)s.") % {"n": t[1].tekst}
        if not t[2].verborgen:
            zin += " " + _("Per professional: mediaan %(mediaan)s, hoogste %(max)s.") % {
                "mediaan": t[2].tekst, "max": t[3].tekst}
        return zin
    if tabel.sleutel == "berichten_week":
        return _berichten_stroom(tabel)
    if tabel.sleutel in ("berichten_op_tijd", "berichten_wet"):
        return _berichten_op_tijd(tabel)
    if tabel.sleutel == "een_keer":
        pct, n = tabel.rijen[0].cellen
        if pct.verborgen:
            return _("Te weinig casussen om een aandeel te tonen.")
        return _("In %(pct)s van de %(n)s casussen gebruikten teams van meer dan één wet "
                 "dezelfde aanvraag.") % {"pct": pct.tekst, "n": n.tekst}
    if tabel.grafiek == "multiples":
        return _multiples(tabel)
    if tabel.rijen[0].cellen[kolom].eenheid == "%":
        return _aandelen(tabel, kolom)
    if tabel.sleutel in TIJDREEKSEN:
        return " ".join(z for z in (_totaal_zin(tabel, kolom), _trend(tabel, kolom),
                                    _verborgen_zin(tabel, kolom)) if z)
    return " ".join(z for z in (_totaal_zin(tabel, kolom), _hoogste(tabel, kolom),
                                _verborgen_zin(tabel, kolom)) if z)
