"""The clocks in the resident's words: what comes next, and what happened to the clocks they
know about. Registered on the intake layer's hooks by `handlers.py`."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from intake.hooks import TijdlijnItem
from intake.models import Intake
from toegang.thema.services import actief_thema

from .models import BESLUITEN, Termijn, TermijnGebeurtenis, TermijnSoort, TermijnStatus


@dataclass(frozen=True)
class Vooruitblik:
    datum: datetime
    tekst: str
    toelichting: str = ""
    te_laat: bool = False


def _dag(moment: datetime) -> str:
    """'dinsdag 3 december' (with the year when it is not this year)."""
    lokaal = timezone.localtime(moment)
    fmt = "l j F" if lokaal.year == timezone.localdate().year else "l j F Y"
    return date_format(lokaal, fmt)


def _tijd(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "H.i")


# What a clock is about, as the subject of a sentence.
def _wat(soort: str) -> str:
    woorden: dict[str, str] = {
        TermijnSoort.WMO_ONDERZOEK: _("Het gesprek en onderzoek naar uw situatie"),
        TermijnSoort.WMO_BESCHIKKING: _("Het besluit op uw aanvraag"),
        TermijnSoort.JEUGD_BESCHIKKING: _("Het besluit op uw aanvraag"),
        TermijnSoort.PW_BESLUIT: _("Het besluit over uw uitkering"),
        TermijnSoort.PW_VOORSCHOT: _("Het voorschot"),
    }
    return woorden.get(soort, _("Deze afspraak"))


def termijn_zin(*, soort: str, deadline: datetime, team: str = "", naam: str = "",
                door_inwoner: bool = False, omschrijving: str = "") -> str:
    """One clock in the resident's words: 'Wij bellen u uiterlijk dinsdag 3 december
    terug.'"""
    waarden = {"datum": _dag(deadline), "tijd": _tijd(deadline), "team": team, "naam": naam,
               "tekst": omschrijving}
    if soort == TermijnSoort.TERUGBELLEN and not door_inwoner:
        if naam:
            return _("%(naam)s belt u op %(datum)s om %(tijd)s uur.") % waarden
        return _("Wij bellen u op %(datum)s om %(tijd)s uur.") % waarden
    zinnen: dict[str, str] = {
        TermijnSoort.EERSTE_CONTACT: _("%(team)s neemt uiterlijk %(datum)s contact met u op."),
        TermijnSoort.TERUGBELLEN: _("Wij bellen u uiterlijk %(datum)s terug."),
        TermijnSoort.WMO_ONDERZOEK: _("Uiterlijk %(datum)s hebben we met u gesproken en uw "
                                      "situatie onderzocht."),
        TermijnSoort.WMO_BESCHIKKING: _("U krijgt het besluit op uw aanvraag uiterlijk "
                                        "%(datum)s."),
        TermijnSoort.JEUGD_BESCHIKKING: _("U krijgt het besluit op uw aanvraag uiterlijk "
                                          "%(datum)s."),
        TermijnSoort.PW_BESLUIT: _("U krijgt het besluit over uw uitkering uiterlijk "
                                   "%(datum)s."),
        TermijnSoort.PW_VOORSCHOT: _("Heeft u recht op een voorschot? Dan krijgt u dat "
                                     "uiterlijk %(datum)s."),
        TermijnSoort.PLAN_ACTIE: _("Afspraak uit uw plan, klaar uiterlijk %(datum)s: "
                                   "%(tekst)s"),
        TermijnSoort.EVALUATIE: _("Uiterlijk %(datum)s kijken we samen terug: gaat het "
                                  "beter?"),
    }
    return zinnen.get(soort, _("Uiterlijk %(datum)s: %(tekst)s")) % waarden


@dataclass(frozen=True)
class Klokken:
    """Every clock of one request and every event of them, read once for the resident's
    page (two queries, whatever their number)."""

    termijnen: list[Termijn]                # by deadline, with team and verantwoordelijke
    gebeurtenissen: list[TermijnGebeurtenis]  # by tijdstip, each with its `termijn` set


def klokken_van(*, intake: Intake, memo: dict[str, Any] | None = None) -> Klokken:
    """The clocks of `intake` and their events; kept in `memo` (the resident's page shares
    one per request between its hooks) so that they are read once."""
    if memo is not None and "termijnen" in memo:
        klokken: Klokken = memo["termijnen"]
        return klokken
    termijnen = list(Termijn.objects.filter(intake=intake)
                     .select_related("team", "verantwoordelijke").order_by("deadline", "id"))
    per_id = {termijn.pk: termijn for termijn in termijnen}
    gebeurtenissen = list(TermijnGebeurtenis.objects.filter(termijn__intake=intake)
                          .order_by("tijdstip", "id"))
    for event in gebeurtenissen:
        event.termijn = per_id[event.termijn_id]
    klokken = Klokken(termijnen=termijnen, gebeurtenissen=gebeurtenissen)
    if memo is not None:
        memo["termijnen"] = klokken
    return klokken


def wat_komt_er(*, intake: Intake, memo: dict[str, Any] | None = None) -> list[Vooruitblik]:
    """The open deadlines and promises in plain words, with what a suspension, an extension
    or a date that has passed means for the resident. Two queries, whatever their number
    (none when `memo` holds the clocks already)."""
    now = timezone.now()
    klokken = klokken_van(intake=intake, memo=memo)
    verdagingen: dict[int, list[TermijnGebeurtenis]] = {}
    for event in reversed(klokken.gebeurtenissen):  # the latest extension first
        if event.soort == TermijnGebeurtenis.Soort.VERDAAGD:
            verdagingen.setdefault(event.termijn_id, []).append(event)
    result = []
    for termijn in klokken.termijnen:
        if termijn.status not in (TermijnStatus.LOPEND, TermijnStatus.OPGESCHORT):
            continue  # Termijn.objects.open()
        naam = termijn.verantwoordelijke.get_full_name() if termijn.verantwoordelijke else ""
        tekst = termijn_zin(soort=termijn.soort, deadline=termijn.deadline,
                            team=termijn.team.naam, naam=naam,
                            door_inwoner=termijn.door_inwoner, omschrijving=termijn.omschrijving)
        toelichting = ""
        te_laat = False
        if termijn.status == TermijnStatus.OPGESCHORT:
            tekst = _("%(wat)s: de termijn staat stil sinds %(sinds)s.") % {
                "wat": _wat(termijn.soort), "sinds": _dag(termijn.opgeschort_sinds or now)}
            toelichting = _("Dat mag volgens de wet, bijvoorbeeld als we nog informatie van u "
                            "nodig hebben. Daarna loopt de termijn weer door en hoort u de "
                            "nieuwe datum.")
        elif termijn.deadline < now:
            te_laat = True
            toelichting = _("Deze datum is voorbij. Hoorde u nog niets? Bel ons op "
                            "%(telefoon)s.") % {
                "telefoon": termijn.team.telefoon or actief_thema().telefoonnummer}
        elif termijn.oorspronkelijke_deadline is not None:
            eerst = {"oud": _dag(termijn.oorspronkelijke_deadline)}
            laatste = verdagingen.get(termijn.pk)
            reden = laatste[0].reden if laatste else ""
            if termijn.soort in BESLUITEN and reden:
                toelichting = _("Dit duurt langer dan eerst gezegd (dat was %(oud)s). De reden: "
                                "%(reden)s") % {**eerst, "reden": reden}
            else:
                toelichting = _("Dit is verschoven; eerst was het %(oud)s.") % eerst
        result.append(Vooruitblik(timezone.localtime(termijn.deadline), tekst, toelichting,
                                  te_laat))
    return result


def _termijn_gebeurtenissen(klokken: Klokken) -> list[TijdlijnItem]:
    """What happened to the clocks the resident knows about, in their words."""
    Soort = TermijnGebeurtenis.Soort
    bekend = {TermijnSoort.TERUGBELLEN, TermijnSoort.WMO_ONDERZOEK, *BESLUITEN}
    items = []
    for event in klokken.gebeurtenissen:
        termijn = event.termijn
        if termijn.soort not in bekend:
            continue
        naam = termijn.verantwoordelijke.get_full_name() if termijn.verantwoordelijke else ""

        def zin(moment: datetime | None, termijn: Any = termijn, naam: str = naam) -> str:
            return termijn_zin(soort=termijn.soort, deadline=moment or termijn.deadline,
                               naam=naam, door_inwoner=termijn.door_inwoner,
                               omschrijving=termijn.omschrijving)

        if event.soort == Soort.GESTART:
            if termijn.door_inwoner:
                continue  # told above as "U vroeg om teruggebeld te worden"
            titel = _("We spraken af u terug te bellen") \
                if termijn.soort == TermijnSoort.TERUGBELLEN else _("De termijn is gestart")
            items.append(TijdlijnItem(event.tijdstip, titel, zin(event.nieuwe_deadline)))
        elif event.soort == Soort.OPGESCHORT:
            items.append(TijdlijnItem(event.tijdstip, _("De termijn staat stil"),
                                      _wat(termijn.soort)))
        elif event.soort == Soort.HERVAT:
            items.append(TijdlijnItem(event.tijdstip, _("De termijn loopt weer"),
                                      zin(event.nieuwe_deadline)))
        elif event.soort == Soort.VERDAAGD:
            tekst = zin(event.nieuwe_deadline)
            if termijn.soort in BESLUITEN and event.reden:
                tekst += " " + _("De reden: %(reden)s") % {"reden": event.reden}
            items.append(TijdlijnItem(event.tijdstip, _("Het duurt langer"), tekst))
        elif event.soort == Soort.AFGEHANDELD:
            titels: dict[str, str] = {
                TermijnSoort.TERUGBELLEN: _("We hebben u teruggebeld"),
                TermijnSoort.WMO_ONDERZOEK: _("Het gesprek en onderzoek zijn klaar"),
                TermijnSoort.PW_VOORSCHOT: _("Het voorschot is geregeld"),
            }
            items.append(TijdlijnItem(event.tijdstip,
                                      titels.get(termijn.soort, _("Het besluit is genomen"))))
    return items


def tijdlijn_regels(intake: Intake, memo: dict[str, Any] | None = None) -> list[TijdlijnItem]:
    """The resident's call-back requests and what happened to their clocks (two queries,
    none when `memo` holds the clocks already)."""
    klokken = klokken_van(intake=intake, memo=memo)
    items = [TijdlijnItem(termijn.start, _("U vroeg om teruggebeld te worden"),
                          termijn.toelichting)
             for termijn in klokken.termijnen
             if termijn.soort == TermijnSoort.TERUGBELLEN and termijn.door_inwoner]
    return items + _termijn_gebeurtenissen(klokken)
