"""The timeline of a casus: everything that happened, from every source, newest first.

Each source is a function `(casus) -> Iterable[Regel]` that runs a fixed number of queries;
modules add their own with `@bron` (ZRM assessments and plan versions register themselves).
The resident's view keeps only lines marked `zichtbaar_voor_inwoner`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from intake.models import Aanvulling, ToestemmingGebeurtenis, Veiligheidsmelding
from regie.termijnen.models import TermijnGebeurtenis

from .models import (
    Casus,
    CasusGebeurtenis,
    CasusStatus,
    Contactmoment,
    ContactSoort,
    Notitie,
    Overdracht,
    OverdrachtStatus,
    Zichtbaarheid,
)


@dataclass(frozen=True)
class Regel:
    tijdstip: datetime
    soort: str
    titel: str
    tekst: str = ""
    door: str = ""
    zichtbaar_voor_inwoner: bool = False
    url: str = ""

    @property
    def moment(self) -> str:
        """"3 dec 2026 14:05" in local time (what the page shows; cheaper than the filter)."""
        lokaal = timezone.localtime(self.tijdstip)
        # As Django's date filter writes "j M Y H:i" (its "M" is MONTHS_3, title-cased).
        return f"{lokaal.day} {str(MONTHS_3[lokaal.month]).title()} {lokaal.year} {lokaal:%H:%M}"


Bron = Callable[[Casus], Iterable[Regel]]
BRONNEN: list[Bron] = []
# What a source says about its lines, so that a reader that wants none of them skips its
# queries: the only `soort`s it yields, or that the resident never sees any of them.
_SOORTEN: dict[Bron, frozenset[str]] = {}
_ALLEEN_PROFESSIONALS: set[Bron] = set()


def bron(func: Bron, *, soorten: Iterable[str] = (), alleen_professionals: bool = False
         ) -> Bron:
    """Register a source of timeline lines (once, however often it is called). `soorten`:
    the only kinds of line it yields (when known); `alleen_professionals`: none of its lines
    is for the resident."""
    if func not in BRONNEN:
        BRONNEN.append(func)
    if soorten:
        _SOORTEN[func] = frozenset(soorten)
    if alleen_professionals:
        _ALLEEN_PROFESSIONALS.add(func)
    return func


def _bron_van(*soorten: str) -> Callable[[Bron], Bron]:
    """`@bron` for a source that yields only these kinds of line."""
    return lambda func: bron(func, soorten=soorten)


def _naam(user: object) -> str:
    return user.get_full_name() if user is not None else ""  # type: ignore[attr-defined]


@_bron_van("intake", "aanvulling")
def _intake(casus: Casus) -> Iterable[Regel]:
    intake = casus.intake
    yield Regel(intake.ingediend_op, "intake", _("Aanvraag ontvangen"),
                _("Via %(kanaal)s, bij %(team)s.") % {"kanaal": intake.get_kanaal_display(),
                                                     "team": intake.team.naam},
                zichtbaar_voor_inwoner=True)
    for aanvulling in Aanvulling.objects.filter(intake_id=casus.intake_id) \
            .select_related("toegevoegd_door"):
        yield Regel(aanvulling.created_at, "aanvulling", _("Informatie toegevoegd"),
                    aanvulling.tekst, door=_naam(aanvulling.toegevoegd_door),
                    zichtbaar_voor_inwoner=True)


def _volle_naam(voornaam: str | None, achternaam: str | None) -> str:
    """What `User.get_full_name()` gives, from the two columns (no user object needed)."""
    if voornaam is None and achternaam is None:
        return ""
    return f"{voornaam} {achternaam}".strip()


@_bron_van("contact", "notitie")
def _contacten(casus: Casus) -> Iterable[Regel]:
    # A busy case has hundreds of these: read the columns a line shows, not model objects.
    door = ("door__first_name", "door__last_name")
    for tijdstip, soort, verslag, zichtbaarheid, *naam in Contactmoment.objects.filter(
            casus=casus).values_list("tijdstip", "soort", "verslag", "zichtbaarheid", *door):
        yield Regel(tijdstip, "contact", str(ContactSoort(soort).label).capitalize(), verslag,
                    door=_volle_naam(*naam),
                    zichtbaar_voor_inwoner=zichtbaarheid == Zichtbaarheid.INWONER)
    titel = _("Notitie")
    for tijdstip, tekst, zichtbaarheid, *naam in Notitie.objects.filter(casus=casus) \
            .values_list("created_at", "tekst", "zichtbaarheid", *door):
        yield Regel(tijdstip, "notitie", titel, tekst, door=_volle_naam(*naam),
                    zichtbaar_voor_inwoner=zichtbaarheid == Zichtbaarheid.INWONER)


@_bron_van("toestemming")
def _toestemming(casus: Casus) -> Iterable[Regel]:
    for event in ToestemmingGebeurtenis.objects.filter(toestemming__intake_id=casus.intake_id) \
            .select_related("toestemming"):
        yield Regel(event.tijdstip, "toestemming",
                    _("Toestemming %(wet)s: %(wat)s") % {
                        "wet": event.toestemming.get_wet_display(),
                        "wat": event.get_soort_display()},
                    zichtbaar_voor_inwoner=True)


@_bron_van("overdracht")
def _overdrachten(casus: Casus) -> Iterable[Regel]:
    for overdracht in Overdracht.objects.filter(casus=casus).select_related("van", "naar",
                                                                           "naar_team"):
        if overdracht.status == OverdrachtStatus.GEACCEPTEERD:
            yield Regel(overdracht.besloten_op or overdracht.voorgesteld_op, "overdracht",
                        _("Nieuwe regiehouder: %(naam)s (%(team)s)") % {
                            "naam": _naam(overdracht.naar), "team": overdracht.naar_team.naam},
                        overdracht.situatie if not overdracht.door_teamleider else "",
                        door=_naam(overdracht.van), zichtbaar_voor_inwoner=True)
        else:
            yield Regel(overdracht.voorgesteld_op, "overdracht",
                        _("Overdracht aan %(naam)s: %(status)s") % {
                            "naam": _naam(overdracht.naar),
                            "status": overdracht.get_status_display()},
                        overdracht.reden_afwijzing, door=_naam(overdracht.van))


@bron
def _gebeurtenissen(casus: Casus) -> Iterable[Regel]:
    for event in CasusGebeurtenis.objects.filter(casus=casus).select_related("door"):
        titels: dict[str, str] = {
            CasusGebeurtenis.Soort.AVE: _("AVE-fase %(van)s → %(naar)s"),
            CasusGebeurtenis.Soort.GESLOTEN: _("Casus afgesloten"),
            CasusGebeurtenis.Soort.HEROPEND: _("Casus heropend"),
            CasusGebeurtenis.Soort.BETROKKEN: _("Betrokkene toegevoegd (%(naar)s)"),
            CasusGebeurtenis.Soort.BETROKKEN_EINDE: _("Betrokkene gestopt"),
            CasusGebeurtenis.Soort.LID_ERBIJ: _("Nieuw in het huishouden"),
            CasusGebeurtenis.Soort.LID_WEG: _("Niet meer in het huishouden"),
        }
        if event.soort == CasusGebeurtenis.Soort.GEKOPPELD:
            yield _koppeling(event)
            continue
        naar = (str(CasusStatus(event.naar).label)
                if event.naar in CasusStatus.values else event.naar)
        titel = titels.get(event.soort, _("Status: %(naar)s")) % {"van": event.van,
                                                                   "naar": naar}
        yield Regel(event.tijdstip, event.soort, titel, event.reden, door=_naam(event.door),
                    zichtbaar_voor_inwoner=event.soort in (CasusGebeurtenis.Soort.GESLOTEN,
                                                           CasusGebeurtenis.Soort.HEROPEND))


def _koppeling(event: CasusGebeurtenis) -> Regel:
    """A later request handled in this casus. A new question of the resident is theirs to
    see; a household member's request is not (it is that member's)."""
    zelf = event.naar == "zelfde_persoon"
    titel = (_("Nieuwe vraag gekoppeld: %(ref)s") % {"ref": event.van} if zelf else
             _("Aanvraag van een lid van het huishouden gekoppeld: %(ref)s") % {"ref": event.van})
    return Regel(event.tijdstip, event.soort, titel, door=_naam(event.door),
                 zichtbaar_voor_inwoner=zelf)


# Clocks the resident knows about: their own request, promises made to them and the legal
# terms of their application. First contact and internal plan dates stay with the staff.
_TERMIJN_VOOR_INWONER = {"terugbellen", "wmo_onderzoek", "wmo_beschikking",
                         "jeugd_beschikking", "pw_besluit", "pw_voorschot"}


@_bron_van("termijn")
def _termijnen(casus: Casus) -> Iterable[Regel]:
    """Every clock event: started, suspended, resumed, extended, afgehandeld, lapsed."""

    titels: dict[str, str] = {
        TermijnGebeurtenis.Soort.GESTART: _("Termijn gestart: %(soort)s, uiterlijk %(nieuw)s"),
        TermijnGebeurtenis.Soort.OPGESCHORT: _("Termijn opgeschort: %(soort)s"),
        TermijnGebeurtenis.Soort.HERVAT: _("Termijn hervat: %(soort)s, nu uiterlijk %(nieuw)s"),
        TermijnGebeurtenis.Soort.VERDAAGD: _("Termijn verdaagd: %(soort)s, van %(oud)s naar "
                                             "%(nieuw)s"),
        TermijnGebeurtenis.Soort.AFGEHANDELD: _("Termijn afgehandeld: %(soort)s"),
        TermijnGebeurtenis.Soort.VERVALLEN: _("Termijn vervallen: %(soort)s"),
    }

    def datum(moment: datetime | None) -> str:
        return formats.date_format(timezone.localtime(moment), "j F Y") if moment else ""

    for event in TermijnGebeurtenis.objects.filter(termijn__intake_id=casus.intake_id) \
            .select_related("termijn", "door"):
        termijn = event.termijn
        titel = titels[event.soort] % {"soort": termijn.get_soort_display(),
                                       "oud": datum(event.oude_deadline),
                                       "nieuw": datum(event.nieuwe_deadline)}
        moment = termijn.afgehandeld_op if event.soort == TermijnGebeurtenis.Soort.AFGEHANDELD \
            and termijn.afgehandeld_op else event.tijdstip
        yield Regel(moment, "termijn", titel, event.reden, door=_naam(event.door),
                    zichtbaar_voor_inwoner=termijn.soort in _TERMIJN_VOOR_INWONER
                    and event.soort != TermijnGebeurtenis.Soort.VERVALLEN)


@_bron_van("veiligheid")
def _veiligheid(casus: Casus) -> Iterable[Regel]:
    for melding in Veiligheidsmelding.objects.filter(intake_id=casus.intake_id) \
            .select_related("gemeld_door"):
        yield Regel(melding.begin, "veiligheid", _("Veiligheidsmelding (Meldcode stap %(n)s)")
                    % {"n": melding.meldcode_stap}, melding.reden,
                    door=_naam(melding.gemeld_door),
                    zichtbaar_voor_inwoner=melding.tonen_aan_inwoner)


def _nodig(source: Bron, voor_inwoner: bool, zonder: frozenset[str]) -> bool:
    if voor_inwoner and source in _ALLEEN_PROFESSIONALS:
        return False
    soorten = _SOORTEN.get(source)
    return soorten is None or not soorten <= zonder


def casus_tijdlijn(*, casus: Casus, voor_inwoner: bool = False,
                   zonder: Iterable[str] = ()) -> list[Regel]:
    """All lines of the timeline, newest first (one fixed set of queries per source), except
    lines of the kinds in `zonder`; a source with nothing to give is not run."""
    weg = frozenset(zonder)
    regels = [regel for source in BRONNEN if _nodig(source, voor_inwoner, weg)
              for regel in source(casus)
              if (regel.zichtbaar_voor_inwoner or not voor_inwoner) and regel.soort not in weg]
    return sorted(regels, key=lambda r: r.tijdstip, reverse=True)
