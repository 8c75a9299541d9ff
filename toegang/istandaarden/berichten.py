"""The twelve iWmo/iJw 3.2 messages as dataclasses, and the way in and out of XML.

- `maak(bericht)` writes the XML (UTF-8, with declaration) and validates it against the
  schema; a message that does not validate is a fault in Toegang and raises `BerichtFout`.
- `lees(inhoud)` reads a received file. It treats the file as hostile: the size is checked
  before parsing; a DOCTYPE (and so any entity, external or not) is refused; the parser loads
  nothing from the network or the disk; the root must be `Bericht` in the namespace of one of
  the twelve messages, with the BerichtCode of that message; the schema must accept it.
  Every refusal is a `BerichtFout` with a RetourCode ("0001") and a Dutch `melding` for the
  functioneel beheerder. A file that fails the XSD gets no retour message (the rule of the
  standard); the caller quarantines it.
- `retour(heen, …)` builds the retour message (302 on a 301, 306 on a 305 …).
- `bestandsnaam(bericht)` gives the file name the transport uses.

Identification of a retour. In the XML a retour repeats the header of its heen message
(BerichtIdentificatie, XsdVersie, Afzender, Ontvanger) and adds its own identification in
IdentificatieRetour and DagtekeningRetour. In `Header` the fields are named after what they
mean instead: `identificatie` and `dagtekening` are always those of *this* message, and
`identificatie_retour` / `dagtekening_retour` are those of the heen message it answers. So a
302 read from a provider has `header.identificatie` = the provider's own number and
`header.identificatie_retour` = the number of our 301.

What `lees` does not keep. The dataclasses hold what Toegang uses. Parts of a 301/302 that
only a gemeente fills and Toegang does not send (Communicatie, JuridischeStatus,
WettelijkeVertegenwoordiging, Relaties, Partnernaam, NaamGebruik, a second Contact, Telefoon,
Emailadres, Periode, Organisatie) are accepted by the schema but not carried into the
dataclasses; their RetourCodes are kept in `Bericht.overige_retourcodes`. The messages a
provider sends (305, 307, 315, 317, 320) are kept whole.
"""

import re
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, time
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from .codes import (
    ADRESSOORT_BRP,
    BERICHT_BIJ_NAMESPACE,
    BERICHTCODES,
    BERICHTSUBVERSIE,
    BERICHTVERSIE,
    HEEN_NAAR_RETOUR,
    NAAMGEBRUIK_EIGEN,
    RETOURCODE_GEEN_OPMERKING,
    RETOURCODE_TECHNISCH_AFGEKEURD,
    VOORVOEGSEL,
    XSD_VERSIE,
    Standaard,
    basis_namespace,
    bericht_namespace,
    is_retour,
)
from .schemas import schema

__all__ = [
    "AangevraagdProduct",
    "Adres",
    "Antwoord",
    "Bericht",
    "BerichtFout",
    "Client",
    "Header",
    "Naam",
    "NieuwProduct",
    "Omvang",
    "Standaard",
    "StartProduct",
    "StopProduct",
    "TeWijzigenProduct",
    "ToegewezenProduct",
    "Wijzigingsverzoek",
    "bestandsnaam",
    "lees",
    "maak",
    "nieuwe_identificatie",
    "retour",
]

GEEN_OPMERKING: tuple[str, ...] = (RETOURCODE_GEEN_OPMERKING,)


class BerichtFout(Exception):
    """A message that cannot be read or written. `code` is a RetourCode where one fits
    ("0001": technically refused); `melding` says what is wrong in Dutch."""

    def __init__(self, code: str, melding: str) -> None:
        super().__init__(melding)
        self.code = code
        self.melding = melding


# --- The dataclasses -------------------------------------------------------------------------


@dataclass(frozen=True)
class Naam:
    achternaam: str
    voorvoegsel: str = ""
    voornamen: str = ""
    voorletters: str = ""


@dataclass(frozen=True)
class Adres:
    huisnummer: int | None = None
    huisletter: str = ""
    toevoeging: str = ""
    postcode: str = ""
    straat: str = ""
    plaats: str = ""
    land: str = ""  # LandCode, two letters (ISO 3166); empty: not stated


@dataclass(frozen=True)
class Client:
    bsn: str
    geboortedatum: date | None = None
    geslacht: str = "0"
    naam: Naam | None = None
    adres: Adres | None = None
    commentaar: str = ""
    # DatumGebruik of the birth date (1 day unknown, 2 day and month, 3 all); empty: exact.
    datumgebruik: str = ""
    # iJw 315 only: "1" a gezagsdrager is known, "2" not; empty: not stated.
    gezagsdrager_bekend: str = ""


@dataclass(frozen=True)
class Omvang:
    volume: int
    eenheid: str
    frequentie: str


@dataclass(frozen=True)
class ToegewezenProduct:
    toewijzingnummer: int
    toewijzingsdatum: date
    toewijzingstijd: time
    ingangsdatum: date
    categorie: str = ""
    code: str = ""
    einddatum: date | None = None
    reden_wijziging: str = ""
    omvang: Omvang | None = None
    budget: int | None = None
    referentie_aanbieder: str = ""
    commentaar: str = ""
    retourcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class StartProduct:
    begindatum: date
    toewijzingnummer: int | None = None
    categorie: str = ""
    code: str = ""
    toewijzing_ingangsdatum: date | None = None
    status_aanlevering: str = "1"
    retourcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class StopProduct:
    begindatum: date
    einddatum: date
    reden_beeindiging: str
    toewijzingnummer: int | None = None
    categorie: str = ""
    code: str = ""
    toewijzing_ingangsdatum: date | None = None
    status_aanlevering: str = "1"
    retourcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AangevraagdProduct:
    referentie_aanbieder: str
    toewijzing_ingangsdatum: date
    categorie: str = ""
    code: str = ""
    toewijzing_einddatum: date | None = None
    omvang: Omvang | None = None
    budget: int | None = None
    verwijzer_type: str = ""
    verwijzer_naam: str = ""
    verwijzer_agb: str = ""
    commentaar: str = ""
    retourcodes: tuple[str, ...] = ()
    beschikkingnummer: int | None = None
    beschikking_ingangsdatum: date | None = None
    raamcontract: str = ""  # "1" ja, "2" nee; empty: not stated


@dataclass(frozen=True)
class TeWijzigenProduct:
    toewijzingnummer: int
    gewenste_ingangsdatum: date
    einddatum: date | None = None
    omvang: Omvang | None = None
    budget: int | None = None
    retourcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NieuwProduct:
    gewenste_ingangsdatum: date
    categorie: str = ""
    code: str = ""
    einddatum: date | None = None
    omvang: Omvang | None = None
    budget: int | None = None
    retourcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wijzigingsverzoek:
    referentie_aanbieder: str
    reden_verzoek: str
    ongewijzigd: tuple[int, ...] = ()
    te_wijzigen: tuple[TeWijzigenProduct, ...] = ()
    nieuw: tuple[NieuwProduct, ...] = ()
    retourcodes: tuple[str, ...] = ()
    # In a 318: the RetourCodes of each OngewijzigdProduct, in the order of `ongewijzigd`.
    ongewijzigd_retourcodes: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Antwoord:
    referentie_aanbieder: str
    verzoek_antwoord: str
    reden_afwijzing: str = ""
    retourcodes: tuple[str, ...] = ()
    # iJw only: the gemeente responsible under the woonplaatsbeginsel (CBS code).
    woonplaatsbeginsel: str = ""
    woonplaatsbeginsel_retourcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Header:
    """The header. `identificatie`/`dagtekening` identify this message; in a retour,
    `identificatie_retour`/`dagtekening_retour` are those of the heen message it answers
    (see the module docstring for how that maps onto the XML). `afzender` and `ontvanger`
    are the header's: a retour keeps those of its heen message, so use `verzender` and
    `geadresseerde` for who actually sent the file and who gets it."""

    standaard: Standaard
    bericht: str  # "301" …
    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: date
    identificatie_retour: str = ""
    dagtekening_retour: date | None = None
    retourcodes: tuple[str, ...] = ()
    # (BasisschemaXsdVersie, BerichtXsdVersie): of this message, and in a retour the
    # versions the retour's sender used (XsdVersieRetour); XsltVersie when XSLTs were used.
    xsd_versie: tuple[str, str] = XSD_VERSIE
    xsd_versie_retour: tuple[str, str] = XSD_VERSIE
    xslt_versie: str = ""

    @property
    def berichtcode(self) -> str:
        return BERICHTCODES[(str(self.standaard), self.bericht)]

    @property
    def is_retour(self) -> bool:
        return is_retour(self.bericht)

    @property
    def verzender(self) -> str:
        """Who sent this message: the header's Ontvanger for a retour."""
        return self.ontvanger if self.is_retour else self.afzender

    @property
    def geadresseerde(self) -> str:
        """Who this message is for: the header's Afzender for a retour."""
        return self.afzender if self.is_retour else self.ontvanger


@dataclass(frozen=True)
class Bericht:
    header: Header
    client: Client | None = None
    toegewezen: tuple[ToegewezenProduct, ...] = ()
    start: tuple[StartProduct, ...] = ()
    stop: tuple[StopProduct, ...] = ()
    aangevraagd: tuple[AangevraagdProduct, ...] = ()
    verzoek: Wijzigingsverzoek | None = None
    antwoord: Antwoord | None = None
    client_retourcodes: tuple[str, ...] = ()
    # 302: the RetourCodes of the client's Contact; and of parts not kept (see above).
    contact_retourcodes: tuple[str, ...] = ()
    overige_retourcodes: tuple[str, ...] = ()

    @property
    def toewijzingnummers(self) -> tuple[int, ...]:
        """Every ToewijzingNummer the message mentions, once each, in order."""
        nummers: list[int | None] = [p.toewijzingnummer for p in self.toegewezen]
        nummers += [p.toewijzingnummer for p in self.start]
        nummers += [p.toewijzingnummer for p in self.stop]
        if self.verzoek is not None:
            nummers += list(self.verzoek.ongewijzigd)
            nummers += [p.toewijzingnummer for p in self.verzoek.te_wijzigen]
        return tuple(dict.fromkeys(n for n in nummers if n is not None))

    @property
    def alle_retourcodes(self) -> tuple[str, ...]:
        """Every RetourCode in the message, once each, in order of appearance."""
        codes: list[str] = [*self.header.retourcodes, *self.client_retourcodes,
                            *self.contact_retourcodes]
        for groep in (self.toegewezen, self.start, self.stop, self.aangevraagd):
            for product in groep:
                codes += product.retourcodes
        if self.verzoek is not None:
            codes += self.verzoek.retourcodes
            for ongewijzigd in self.verzoek.ongewijzigd_retourcodes:
                codes += ongewijzigd
            for te_wijzigen in self.verzoek.te_wijzigen:
                codes += te_wijzigen.retourcodes
            for nieuw in self.verzoek.nieuw:
                codes += nieuw.retourcodes
        if self.antwoord is not None:
            codes += self.antwoord.retourcodes + self.antwoord.woonplaatsbeginsel_retourcodes
        codes += self.overige_retourcodes
        return tuple(dict.fromkeys(codes))

    @property
    def is_goedgekeurd(self) -> bool:
        """A retour without any code other than 0200 (a header-only retour included)."""
        return set(self.alle_retourcodes) <= {RETOURCODE_GEEN_OPMERKING}


# --- Writing ---------------------------------------------------------------------------------

# Lock around validation: an XMLSchema keeps its error log on itself.
_VALIDATIE = threading.Lock()
_DECLARATIE = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_GEEN_LETTER = re.compile(r"[\s.]")
_NAMESPACE = re.compile(r"\{[a-z]+:[^{}]*\}")


# A schema error quotes the refused value; the functioneel beheerder reads these errors and
# may not read case content (a BSN, a name), so the value is left out.
_WAARDE = re.compile(r"(?:[Tt]he value |: )'[^']*'")
_NEGEN_CIJFERS = re.compile(r"\b\d{9}\b")


def _zonder_waarden(melding: str) -> str:
    melding = _WAARDE.sub(lambda m: m.group(0).split("'")[0] + "'…'", melding)
    return _NEGEN_CIJFERS.sub("…", melding)


def _fout_regels(log: Iterable[Any], aantal: int = 3) -> str:
    regels = []
    for fout in list(log)[:aantal]:
        melding = _zonder_waarden(_NAMESPACE.sub("", fout.message))
        regels.append(_("regel %(regel)s: %(melding)s") % {"regel": fout.line,
                                                           "melding": melding})
    return "; ".join(regels)


def _datum(waarde: date) -> str:
    return waarde.isoformat()


def _tijd(waarde: time) -> str:
    return waarde.replace(tzinfo=None).isoformat(timespec="seconds")


class _Schrijver:
    """Builds one message tree: `m()` makes an element in the message's namespace, `b()` one
    in the basisschema's (the parts of the shared complex types)."""

    def __init__(self, standaard: str, bericht: str) -> None:
        self.standaard = standaard
        self.retour = is_retour(bericht)
        self.ns = bericht_namespace(standaard, bericht)
        self.basis = basis_namespace(standaard)
        eigen = f"{VOORVOEGSEL[standaard].lower()}{bericht}"
        self.root = etree.Element(f"{{{self.ns}}}Bericht",
                                  nsmap={eigen: self.ns, standaard: self.basis})

    def m(self, parent: Any, naam: str, tekst: Any = None) -> Any:
        element = etree.SubElement(parent, f"{{{self.ns}}}{naam}")
        if tekst is not None:
            element.text = str(tekst)
        return element

    def b(self, parent: Any, naam: str, tekst: Any = None) -> Any:
        element = etree.SubElement(parent, f"{{{self.basis}}}{naam}")
        if tekst is not None:
            element.text = str(tekst)
        return element

    def m_opt(self, parent: Any, naam: str, tekst: Any) -> None:
        if tekst is not None and tekst != "":
            self.m(parent, naam, tekst)

    def b_opt(self, parent: Any, naam: str, tekst: Any) -> None:
        if tekst is not None and tekst != "":
            self.b(parent, naam, tekst)

    def m_datum(self, parent: Any, naam: str, waarde: date | None) -> None:
        if waarde is not None:
            self.m(parent, naam, _datum(waarde))

    def retourcodes(self, parent: Any, codes: tuple[str, ...]) -> None:
        """The RetourCodes of a berichtklasse; only in a retour."""
        if not self.retour:
            return
        lijst = self.m(parent, "RetourCodes")
        for code in codes:
            self.m(lijst, "RetourCode", code)

    def xsd_versie(self, parent: Any, naam: str, versie: tuple[str, str]) -> None:
        element = self.m(parent, naam)
        self.b(element, "BasisschemaXsdVersie", versie[0])
        self.b(element, "BerichtXsdVersie", versie[1])

    def product(self, parent: Any, categorie: str, code: str) -> None:
        if categorie or code:
            element = self.m(parent, "Product")
            self.b(element, "Categorie", categorie)
            self.b_opt(element, "Code", code)

    def omvang(self, parent: Any, omvang: Omvang | None) -> None:
        if omvang is not None:
            element = self.m(parent, "Omvang")
            self.b(element, "Volume", omvang.volume)
            self.b(element, "Eenheid", omvang.eenheid)
            self.b(element, "Frequentie", omvang.frequentie)

    def naam(self, parent: Any, naam: Naam | None, *, volledig: bool) -> None:
        if naam is None:
            return  # the schema reports the missing Naam
        element = self.m(parent, "Naam")
        geslachtsnaam = self.b(element, "Geslachtsnaam")
        self.b(geslachtsnaam, "Achternaam", naam.achternaam.strip())
        self.b_opt(geslachtsnaam, "Voorvoegsel", naam.voorvoegsel.strip())
        self.b_opt(element, "Voornamen", naam.voornamen.strip())
        # Voorletters are letters only in the standard: "T.J." is written as "TJ".
        self.b_opt(element, "Voorletters", _GEEN_LETTER.sub("", naam.voorletters))
        if volledig:
            self.b(element, "NaamGebruik", NAAMGEBRUIK_EIGEN)

    def persoon(self, parent: Any, client: Client, *, volledige_naam: bool) -> None:
        self.m(parent, "Bsn", client.bsn)
        if client.geboortedatum is not None:
            element = self.m(parent, "Geboortedatum")
            self.b(element, "Datum", _datum(client.geboortedatum))
            self.b_opt(element, "DatumGebruik", client.datumgebruik)
        self.m(parent, "Geslacht", client.geslacht)
        self.naam(parent, client.naam, volledig=volledige_naam)

    def adres(self, parent: Any, adres: Adres) -> None:
        element = self.m(parent, "Adres")
        if adres.huisnummer is not None:
            huis = self.b(element, "Huis")
            self.b(huis, "Huisnummer", adres.huisnummer)
            self.b_opt(huis, "Huisletter", adres.huisletter.strip())
            self.b_opt(huis, "HuisnummerToevoeging", adres.toevoeging.strip())
        self.b_opt(element, "Postcode", adres.postcode.strip())
        # The standard takes the short street name of the BRP (at most 24 characters).
        self.b_opt(element, "Straatnaam", adres.straat.strip()[:24].strip())
        self.b_opt(element, "Plaatsnaam", adres.plaats.strip())
        self.b_opt(element, "LandCode", adres.land.strip())


def _header(s: _Schrijver, header: Header) -> None:
    element = s.m(s.root, "Header")
    s.m(element, "BerichtCode", header.berichtcode)
    s.m(element, "BerichtVersie", BERICHTVERSIE)
    s.m(element, "BerichtSubversie", BERICHTSUBVERSIE)
    s.m(element, "Afzender", header.afzender)
    s.m(element, "Ontvanger", header.ontvanger)
    identificatie = s.m(element, "BerichtIdentificatie")
    if s.retour:
        if not header.identificatie_retour or header.dagtekening_retour is None:
            raise BerichtFout(RETOURCODE_TECHNISCH_AFGEKEURD, _(
                "Een retourbericht noemt de identificatie en dagtekening van het heenbericht "
                "(identificatie_retour, dagtekening_retour); die ontbreken."))
        s.b(identificatie, "Identificatie", header.identificatie_retour)
        s.b(identificatie, "Dagtekening", _datum(header.dagtekening_retour))
        s.xsd_versie(element, "XsdVersie", header.xsd_versie)
        s.m(element, "IdentificatieRetour", header.identificatie)
        s.m(element, "DagtekeningRetour", _datum(header.dagtekening))
        s.m_opt(element, "XsltVersie", header.xslt_versie)
        s.xsd_versie(element, "XsdVersieRetour", header.xsd_versie_retour)
        if header.retourcodes:
            lijst = s.m(element, "RetourCodes")
            for code in header.retourcodes:
                s.m(lijst, "RetourCode", code)
    else:
        s.b(identificatie, "Identificatie", header.identificatie)
        s.b(identificatie, "Dagtekening", _datum(header.dagtekening))
        s.xsd_versie(element, "XsdVersie", header.xsd_versie)


def _body_301(s: _Schrijver, bericht: Bericht, client: Client) -> None:
    element = s.m(s.root, "Client")
    s.persoon(element, client, volledige_naam=True)
    s.m_opt(element, "Commentaar", client.commentaar.strip())
    contact = s.m(s.m(element, "Contactgegevens"), "Contact")
    s.m(contact, "Soort", ADRESSOORT_BRP)
    if client.adres is not None:
        s.adres(contact, client.adres)
    s.retourcodes(contact, bericht.contact_retourcodes)
    producten = s.m(element, "ToegewezenProducten")
    for p in bericht.toegewezen:
        product = s.m(producten, "ToegewezenProduct")
        s.m(product, "ToewijzingNummer", p.toewijzingnummer)
        s.m_opt(product, "ReferentieAanbieder", p.referentie_aanbieder)
        s.product(product, p.categorie, p.code)
        s.m(product, "Toewijzingsdatum", _datum(p.toewijzingsdatum))
        s.m(product, "Toewijzingstijd", _tijd(p.toewijzingstijd))
        s.m(product, "Ingangsdatum", _datum(p.ingangsdatum))
        s.m_datum(product, "Einddatum", p.einddatum)
        s.m_opt(product, "RedenWijziging", p.reden_wijziging)
        s.omvang(product, p.omvang)
        s.m_opt(product, "Budget", p.budget)
        s.m_opt(product, "Commentaar", p.commentaar.strip())
        s.retourcodes(product, p.retourcodes)
    s.retourcodes(element, bericht.client_retourcodes)


def _body_305(s: _Schrijver, bericht: Bericht, client: Client) -> None:
    element = s.m(s.root, "Client")
    s.persoon(element, client, volledige_naam=False)
    producten = s.m(element, "StartProducten")
    for p in bericht.start:
        product = s.m(producten, "StartProduct")
        s.m_opt(product, "ToewijzingNummer", p.toewijzingnummer)
        s.product(product, p.categorie, p.code)
        s.m_datum(product, "ToewijzingIngangsdatum", p.toewijzing_ingangsdatum)
        s.m(product, "Begindatum", _datum(p.begindatum))
        s.m(product, "StatusAanlevering", p.status_aanlevering)
        s.retourcodes(product, p.retourcodes)
    s.retourcodes(element, bericht.client_retourcodes)


def _body_307(s: _Schrijver, bericht: Bericht, client: Client) -> None:
    element = s.m(s.root, "Client")
    s.persoon(element, client, volledige_naam=False)
    producten = s.m(element, "StopProducten")
    for p in bericht.stop:
        product = s.m(producten, "StopProduct")
        s.m_opt(product, "ToewijzingNummer", p.toewijzingnummer)
        s.product(product, p.categorie, p.code)
        s.m_datum(product, "ToewijzingIngangsdatum", p.toewijzing_ingangsdatum)
        s.m(product, "Begindatum", _datum(p.begindatum))
        s.m(product, "RedenBeeindiging", p.reden_beeindiging)
        s.m(product, "Einddatum", _datum(p.einddatum))
        s.m(product, "StatusAanlevering", p.status_aanlevering)
        s.retourcodes(product, p.retourcodes)
    s.retourcodes(element, bericht.client_retourcodes)


def _body_315(s: _Schrijver, bericht: Bericht, client: Client) -> None:
    element = s.m(s.root, "Client")
    s.persoon(element, client, volledige_naam=False)
    if client.gezagsdrager_bekend:
        if s.standaard != Standaard.IJW:
            raise BerichtFout(RETOURCODE_TECHNISCH_AFGEKEURD, _(
                "GezagsdragerBekend bestaat alleen in iJw-berichten."))
        s.m(element, "GezagsdragerBekend", client.gezagsdrager_bekend)
    s.m_opt(element, "Commentaar", client.commentaar.strip())
    producten = s.m(element, "AangevraagdeProducten")
    for p in bericht.aangevraagd:
        product = s.m(producten, "AangevraagdProduct")
        s.m(product, "ReferentieAanbieder", p.referentie_aanbieder)
        s.m_opt(product, "BeschikkingNummer", p.beschikkingnummer)
        s.product(product, p.categorie, p.code)
        s.m_datum(product, "BeschikkingIngangsdatum", p.beschikking_ingangsdatum)
        s.m(product, "ToewijzingIngangsdatum", _datum(p.toewijzing_ingangsdatum))
        s.m_datum(product, "ToewijzingEinddatum", p.toewijzing_einddatum)
        s.omvang(product, p.omvang)
        s.m_opt(product, "Budget", p.budget)
        verwijzer = s.m(product, "Verwijzer")
        s.b(verwijzer, "Type", p.verwijzer_type)
        s.b_opt(verwijzer, "Naam", p.verwijzer_naam.strip())
        s.b_opt(verwijzer, "ZorgverlenerCode", p.verwijzer_agb)
        s.m_opt(product, "Raamcontract", p.raamcontract)
        s.m_opt(product, "Commentaar", p.commentaar.strip())
        s.retourcodes(product, p.retourcodes)
    s.retourcodes(element, bericht.client_retourcodes)


def _body_317(s: _Schrijver, bericht: Bericht, client: Client) -> None:
    element = s.m(s.root, "Client")
    s.m(element, "Bsn", client.bsn)
    v = bericht.verzoek
    if v is not None:
        verzoek = s.m(element, "Verzoek")
        s.m(verzoek, "ReferentieAanbieder", v.referentie_aanbieder)
        s.m(verzoek, "RedenVerzoek", v.reden_verzoek)
        if v.ongewijzigd:
            lijst = s.m(verzoek, "OngewijzigdeProducten")
            for i, nummer in enumerate(v.ongewijzigd):
                product = s.m(lijst, "OngewijzigdProduct")
                s.m(product, "ToewijzingNummer", nummer)
                codes = v.ongewijzigd_retourcodes
                s.retourcodes(product, codes[i] if i < len(codes) else ())
        if v.te_wijzigen:
            lijst = s.m(verzoek, "TeWijzigenProducten")
            for p in v.te_wijzigen:
                product = s.m(lijst, "TeWijzigenProduct")
                s.m(product, "ToewijzingNummer", p.toewijzingnummer)
                s.m(product, "GewensteIngangsdatum", _datum(p.gewenste_ingangsdatum))
                s.m_datum(product, "Einddatum", p.einddatum)
                s.omvang(product, p.omvang)
                s.m_opt(product, "Budget", p.budget)
                s.retourcodes(product, p.retourcodes)
        if v.nieuw:
            lijst = s.m(verzoek, "NieuweProducten")
            for n in v.nieuw:
                product = s.m(lijst, "NieuwProduct")
                s.product(product, n.categorie, n.code)
                s.m(product, "GewensteIngangsdatum", _datum(n.gewenste_ingangsdatum))
                s.m_datum(product, "Einddatum", n.einddatum)
                s.omvang(product, n.omvang)
                s.m_opt(product, "Budget", n.budget)
                s.retourcodes(product, n.retourcodes)
        s.retourcodes(verzoek, v.retourcodes)
    s.retourcodes(element, bericht.client_retourcodes)


def _body_319(s: _Schrijver, antwoord: Antwoord) -> None:
    element = s.m(s.root, "Antwoord")
    s.m(element, "ReferentieAanbieder", antwoord.referentie_aanbieder)
    s.m(element, "VerzoekAntwoord", antwoord.verzoek_antwoord)
    s.m_opt(element, "RedenAfwijzingVerzoek", antwoord.reden_afwijzing)
    if antwoord.woonplaatsbeginsel:
        if s.standaard != Standaard.IJW:
            raise BerichtFout(RETOURCODE_TECHNISCH_AFGEKEURD, _(
                "Woonplaatsbeginsel bestaat alleen in iJw-berichten."))
        woonplaats = s.m(element, "Woonplaatsbeginsel")
        s.m(woonplaats, "Gemeente", antwoord.woonplaatsbeginsel)
        s.retourcodes(woonplaats, antwoord.woonplaatsbeginsel_retourcodes)
    s.retourcodes(element, antwoord.retourcodes)


_BODY_MET_CLIENT = {"301": _body_301, "302": _body_301, "305": _body_305, "306": _body_305,
                    "307": _body_307, "308": _body_307, "315": _body_315, "316": _body_315,
                    "317": _body_317, "318": _body_317}


def _bouw(bericht: Bericht) -> tuple[Any, str]:
    header = bericht.header
    standaard, nummer = str(header.standaard), header.bericht
    if (standaard, nummer) not in BERICHTCODES:
        raise BerichtFout(RETOURCODE_TECHNISCH_AFGEKEURD, _(
            "Onbekend bericht %(standaard)s %(bericht)s.") % {"standaard": standaard,
                                                               "bericht": nummer})
    s = _Schrijver(standaard, nummer)
    _header(s, header)
    if nummer in ("319", "320"):
        if bericht.antwoord is not None:
            _body_319(s, bericht.antwoord)
    elif bericht.client is not None:
        _BODY_MET_CLIENT[nummer](s, bericht, bericht.client)
    return s.root, f"{VOORVOEGSEL[standaard]}{nummer}"


def maak(bericht: Bericht) -> bytes:
    """The message as XML (UTF-8 with declaration), checked against its schema; raises
    BerichtFout when Toegang made a message the schema refuses (a fault to fix).

    Two values are put in the form the standard wants rather than refused: Voorletters lose
    dots and spaces ("T.J." → "TJ"), and Straatnaam is cut to 24 characters (the short street
    name of the BRP). Text fields are stripped; an empty optional field is left out. In a
    heen message the `retourcodes` fields are ignored; in a retour every class needs them.
    """
    try:
        root, naam = _bouw(bericht)
    except ValueError as exc:  # lxml refuses text with characters XML cannot hold
        raise BerichtFout(RETOURCODE_TECHNISCH_AFGEKEURD, _(
            "Het bericht bevat tekens die niet in XML kunnen staan: %(fout)s")
            % {"fout": str(exc)[:200]}) from exc
    xsd = schema(str(bericht.header.standaard), bericht.header.bericht)
    inhoud: bytes = _DECLARATIE + etree.tostring(root, encoding="UTF-8", pretty_print=True)
    with _VALIDATIE:
        if xsd.validate(root):
            return inhoud
        # Parse the text again so the error lines match the file as written.
        xsd.validate(etree.fromstring(inhoud))
        fouten = _fout_regels(xsd.error_log)
    raise BerichtFout(RETOURCODE_TECHNISCH_AFGEKEURD, _(
        "Toegang maakte een %(bericht)s-bericht dat niet aan het XSD voldoet (een fout in "
        "Toegang): %(fouten)s") % {"bericht": naam, "fouten": fouten})


# --- Reading ---------------------------------------------------------------------------------

_PARSER_OPTIES: dict[str, bool] = {
    "resolve_entities": False, "no_network": True, "load_dtd": False, "dtd_validation": False,
    "huge_tree": False, "remove_comments": True, "remove_pis": True,
}
_PARSERS = threading.local()


def _parser() -> etree.XMLParser:
    # A parser is not shared between threads; one per thread is reused.
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = etree.XMLParser(**_PARSER_OPTIES)
    return parser


def _lokaal(tag: str) -> str:
    return tag.rpartition("}")[2]


class _Klasse:
    """The children of one element by local name (the first of each name)."""

    __slots__ = ("kinderen",)

    def __init__(self, element: Any) -> None:
        self.kinderen: dict[str, Any] = {}
        for kind in element:
            self.kinderen.setdefault(_lokaal(kind.tag), kind)

    def el(self, naam: str) -> Any:
        return self.kinderen.get(naam)

    def tekst(self, naam: str) -> str:
        kind = self.kinderen.get(naam)
        return (kind.text or "").strip() if kind is not None else ""

    def getal(self, naam: str) -> int | None:
        tekst = self.tekst(naam)
        return int(tekst) if tekst else None

    def datum(self, naam: str) -> date | None:
        tekst = self.tekst(naam)
        return date.fromisoformat(tekst) if tekst else None

    def codes(self) -> tuple[str, ...]:
        lijst = self.kinderen.get("RetourCodes")
        if lijst is None:
            return ()
        return tuple((code.text or "").strip() for code in lijst)

    def lijst(self, naam: str) -> list[Any]:
        lijst = self.kinderen.get(naam)
        return list(lijst) if lijst is not None else []


def _verplicht(waarde: Any) -> Any:
    if waarde is None:  # the schema makes this unreachable; keeps the types honest
        raise ValueError("missing required value")
    return waarde


def _lees_naam(element: Any) -> Naam | None:
    if element is None:
        return None
    naam = _Klasse(element)
    geslachtsnaam = _Klasse(naam.el("Geslachtsnaam"))
    return Naam(achternaam=geslachtsnaam.tekst("Achternaam"),
                voorvoegsel=geslachtsnaam.tekst("Voorvoegsel"),
                voornamen=naam.tekst("Voornamen"), voorletters=naam.tekst("Voorletters"))


def _lees_adres(element: Any) -> Adres:
    adres = _Klasse(element)
    huis_element = adres.el("Huis")
    huis = _Klasse(huis_element) if huis_element is not None else None
    return Adres(huisnummer=huis.getal("Huisnummer") if huis else None,
                 huisletter=huis.tekst("Huisletter") if huis else "",
                 toevoeging=huis.tekst("HuisnummerToevoeging") if huis else "",
                 postcode=adres.tekst("Postcode"), straat=adres.tekst("Straatnaam"),
                 plaats=adres.tekst("Plaatsnaam"), land=adres.tekst("LandCode"))


def _lees_product(klasse: _Klasse) -> tuple[str, str]:
    element = klasse.el("Product")
    if element is None:
        return "", ""
    product = _Klasse(element)
    return product.tekst("Categorie"), product.tekst("Code")


def _lees_omvang(klasse: _Klasse) -> Omvang | None:
    element = klasse.el("Omvang")
    if element is None:
        return None
    omvang = _Klasse(element)
    return Omvang(volume=_verplicht(omvang.getal("Volume")), eenheid=omvang.tekst("Eenheid"),
                  frequentie=omvang.tekst("Frequentie"))


def _lees_client(klasse: _Klasse) -> Client:
    geboorte = klasse.el("Geboortedatum")
    geboortedatum = _Klasse(geboorte) if geboorte is not None else None
    return Client(
        bsn=klasse.tekst("Bsn"),
        geboortedatum=geboortedatum.datum("Datum") if geboortedatum else None,
        datumgebruik=geboortedatum.tekst("DatumGebruik") if geboortedatum else "",
        geslacht=klasse.tekst("Geslacht") or "0", naam=_lees_naam(klasse.el("Naam")),
        commentaar=klasse.tekst("Commentaar"),
        gezagsdrager_bekend=klasse.tekst("GezagsdragerBekend"))


def _lees_301(klasse: _Klasse) -> dict[str, Any]:
    client = _lees_client(klasse)
    adressen: list[tuple[bool, Any]] = []
    contact_codes: list[str] = []
    overige: list[str] = []
    for contact_element in klasse.lijst("Contactgegevens"):
        contact = _Klasse(contact_element)
        contact_codes += contact.codes()
        if contact.el("Adres") is not None:
            adressen.append((contact.tekst("Soort") != ADRESSOORT_BRP, contact.el("Adres")))
    # The address from the BRP first; otherwise the first contact that has an address.
    adres = _lees_adres(min(adressen, key=lambda a: a[0])[1]) if adressen else None
    for relatie_element in klasse.lijst("Relaties"):
        relatie = _Klasse(relatie_element)
        overige += relatie.codes()
        if relatie.el("Contact") is not None:
            overige += _Klasse(relatie.el("Contact")).codes()
    producten = []
    for element in klasse.lijst("ToegewezenProducten"):
        p = _Klasse(element)
        categorie, code = _lees_product(p)
        producten.append(ToegewezenProduct(
            toewijzingnummer=_verplicht(p.getal("ToewijzingNummer")),
            referentie_aanbieder=p.tekst("ReferentieAanbieder"), categorie=categorie,
            code=code, toewijzingsdatum=_verplicht(p.datum("Toewijzingsdatum")),
            toewijzingstijd=time.fromisoformat(p.tekst("Toewijzingstijd")),
            ingangsdatum=_verplicht(p.datum("Ingangsdatum")), einddatum=p.datum("Einddatum"),
            reden_wijziging=p.tekst("RedenWijziging"), omvang=_lees_omvang(p),
            budget=p.getal("Budget"), commentaar=p.tekst("Commentaar"),
            retourcodes=p.codes()))
    return {"client": replace(client, adres=adres),
            "toegewezen": tuple(producten), "client_retourcodes": klasse.codes(),
            "contact_retourcodes": tuple(dict.fromkeys(contact_codes)),
            "overige_retourcodes": tuple(dict.fromkeys(overige))}


def _lees_305(klasse: _Klasse) -> dict[str, Any]:
    producten = []
    for element in klasse.lijst("StartProducten"):
        p = _Klasse(element)
        categorie, code = _lees_product(p)
        producten.append(StartProduct(
            toewijzingnummer=p.getal("ToewijzingNummer"), categorie=categorie, code=code,
            toewijzing_ingangsdatum=p.datum("ToewijzingIngangsdatum"),
            begindatum=_verplicht(p.datum("Begindatum")),
            status_aanlevering=p.tekst("StatusAanlevering"), retourcodes=p.codes()))
    return {"client": _lees_client(klasse), "start": tuple(producten),
            "client_retourcodes": klasse.codes()}


def _lees_307(klasse: _Klasse) -> dict[str, Any]:
    producten = []
    for element in klasse.lijst("StopProducten"):
        p = _Klasse(element)
        categorie, code = _lees_product(p)
        producten.append(StopProduct(
            toewijzingnummer=p.getal("ToewijzingNummer"), categorie=categorie, code=code,
            toewijzing_ingangsdatum=p.datum("ToewijzingIngangsdatum"),
            begindatum=_verplicht(p.datum("Begindatum")),
            reden_beeindiging=p.tekst("RedenBeeindiging"),
            einddatum=_verplicht(p.datum("Einddatum")),
            status_aanlevering=p.tekst("StatusAanlevering"), retourcodes=p.codes()))
    return {"client": _lees_client(klasse), "stop": tuple(producten),
            "client_retourcodes": klasse.codes()}


def _lees_315(klasse: _Klasse) -> dict[str, Any]:
    producten = []
    for element in klasse.lijst("AangevraagdeProducten"):
        p = _Klasse(element)
        categorie, code = _lees_product(p)
        verwijzer = _Klasse(p.el("Verwijzer"))
        producten.append(AangevraagdProduct(
            referentie_aanbieder=p.tekst("ReferentieAanbieder"),
            beschikkingnummer=p.getal("BeschikkingNummer"), categorie=categorie, code=code,
            beschikking_ingangsdatum=p.datum("BeschikkingIngangsdatum"),
            toewijzing_ingangsdatum=_verplicht(p.datum("ToewijzingIngangsdatum")),
            toewijzing_einddatum=p.datum("ToewijzingEinddatum"), omvang=_lees_omvang(p),
            budget=p.getal("Budget"), verwijzer_type=verwijzer.tekst("Type"),
            verwijzer_naam=verwijzer.tekst("Naam"),
            verwijzer_agb=verwijzer.tekst("ZorgverlenerCode"),
            raamcontract=p.tekst("Raamcontract"), commentaar=p.tekst("Commentaar"),
            retourcodes=p.codes()))
    return {"client": _lees_client(klasse), "aangevraagd": tuple(producten),
            "client_retourcodes": klasse.codes()}


def _lees_317(klasse: _Klasse) -> dict[str, Any]:
    v = _Klasse(klasse.el("Verzoek"))
    ongewijzigd, ongewijzigd_codes = [], []
    for element in v.lijst("OngewijzigdeProducten"):
        p = _Klasse(element)
        ongewijzigd.append(_verplicht(p.getal("ToewijzingNummer")))
        ongewijzigd_codes.append(p.codes())
    te_wijzigen = []
    for element in v.lijst("TeWijzigenProducten"):
        p = _Klasse(element)
        te_wijzigen.append(TeWijzigenProduct(
            toewijzingnummer=_verplicht(p.getal("ToewijzingNummer")),
            gewenste_ingangsdatum=_verplicht(p.datum("GewensteIngangsdatum")),
            einddatum=p.datum("Einddatum"), omvang=_lees_omvang(p), budget=p.getal("Budget"),
            retourcodes=p.codes()))
    nieuw = []
    for element in v.lijst("NieuweProducten"):
        p = _Klasse(element)
        categorie, code = _lees_product(p)
        nieuw.append(NieuwProduct(
            categorie=categorie, code=code,
            gewenste_ingangsdatum=_verplicht(p.datum("GewensteIngangsdatum")),
            einddatum=p.datum("Einddatum"), omvang=_lees_omvang(p), budget=p.getal("Budget"),
            retourcodes=p.codes()))
    verzoek = Wijzigingsverzoek(
        referentie_aanbieder=v.tekst("ReferentieAanbieder"),
        reden_verzoek=v.tekst("RedenVerzoek"), ongewijzigd=tuple(ongewijzigd),
        te_wijzigen=tuple(te_wijzigen), nieuw=tuple(nieuw), retourcodes=v.codes(),
        ongewijzigd_retourcodes=tuple(ongewijzigd_codes) if any(ongewijzigd_codes) else ())
    return {"client": Client(bsn=klasse.tekst("Bsn")), "verzoek": verzoek,
            "client_retourcodes": klasse.codes()}


def _lees_319(klasse: _Klasse) -> dict[str, Any]:
    woonplaats_element = klasse.el("Woonplaatsbeginsel")
    woonplaats = _Klasse(woonplaats_element) if woonplaats_element is not None else None
    return {"antwoord": Antwoord(
        referentie_aanbieder=klasse.tekst("ReferentieAanbieder"),
        verzoek_antwoord=klasse.tekst("VerzoekAntwoord"),
        reden_afwijzing=klasse.tekst("RedenAfwijzingVerzoek"), retourcodes=klasse.codes(),
        woonplaatsbeginsel=woonplaats.tekst("Gemeente") if woonplaats else "",
        woonplaatsbeginsel_retourcodes=woonplaats.codes() if woonplaats else ())}


_LEES_BODY = {"301": _lees_301, "302": _lees_301, "305": _lees_305, "306": _lees_305,
              "307": _lees_307, "308": _lees_307, "315": _lees_315, "316": _lees_315,
              "317": _lees_317, "318": _lees_317, "319": _lees_319, "320": _lees_319}


def _lees_versie(element: Any) -> tuple[str, str]:
    versie = _Klasse(element)
    return versie.tekst("BasisschemaXsdVersie"), versie.tekst("BerichtXsdVersie")


def _lees_header(element: Any, standaard: str, nummer: str) -> Header:
    h = _Klasse(element)
    identificatie = _Klasse(h.el("BerichtIdentificatie"))
    eigen_id, eigen_dag = identificatie.tekst("Identificatie"), identificatie.datum(
        "Dagtekening")
    header = Header(standaard=Standaard(standaard), bericht=nummer,
                    afzender=h.tekst("Afzender"), ontvanger=h.tekst("Ontvanger"),
                    identificatie=eigen_id, dagtekening=_verplicht(eigen_dag),
                    xsd_versie=_lees_versie(h.el("XsdVersie")))
    if not is_retour(nummer):
        return header
    return replace(header, identificatie=h.tekst("IdentificatieRetour"),
                   dagtekening=_verplicht(h.datum("DagtekeningRetour")),
                   identificatie_retour=eigen_id, dagtekening_retour=eigen_dag,
                   xslt_versie=h.tekst("XsltVersie"),
                   xsd_versie_retour=_lees_versie(h.el("XsdVersieRetour")),
                   retourcodes=h.codes())


def _weiger(melding: str) -> BerichtFout:
    return BerichtFout(RETOURCODE_TECHNISCH_AFGEKEURD, melding)


def _controleer_begin(inhoud: bytes) -> None:
    """Refuse a DTD before any parsing (XXE, billion laughs), and any encoding in which that
    check could be dodged: the messages are UTF-8 (ASCII-compatible) text."""
    begin = inhoud[3:] if inhoud.startswith(b"\xef\xbb\xbf") else inhoud
    if begin[:1] not in (b"<", b" ", b"\t", b"\r", b"\n") or b"\x00" in begin[:4]:
        raise _weiger(_("Het bestand is geen XML in UTF-8; een iWmo- of iJw-bericht is dat "
                        "altijd."))
    if b"<!DOCTYPE" in inhoud or b"<!ENTITY" in inhoud:
        raise _weiger(_("Het bestand bevat een DOCTYPE of ENTITY-declaratie. Dat hoort niet "
                        "in een iWmo- of iJw-bericht en wordt uit veiligheid geweigerd; het "
                        "bestand is niet verder gelezen."))


def lees(inhoud: bytes, *, max_bytes: int = 5_000_000) -> Bericht:
    """Read, check and convert a received message; BerichtFout when it cannot be accepted."""
    if len(inhoud) > max_bytes:
        raise _weiger(_("Het bestand is te groot: %(grootte)s bytes, terwijl een bericht hoogstens "
                        "%(grens)s bytes mag zijn. Het is niet gelezen.")
                      % {"grootte": len(inhoud), "grens": max_bytes})
    _controleer_begin(inhoud)
    try:
        root = etree.fromstring(inhoud, _parser())
    except etree.XMLSyntaxError as exc:
        raise _weiger(_("Het bestand is geen goed gevormde XML: %(fout)s")
                      % {"fout": exc.msg}) from exc
    boom = root.getroottree()
    if boom.docinfo.doctype or boom.docinfo.internalDTD is not None:
        raise _weiger(_("Het bestand bevat een DOCTYPE; dat wordt uit veiligheid geweigerd."))

    namespace, _sep, naam = root.tag.rpartition("}")
    sleutel = BERICHT_BIJ_NAMESPACE.get(namespace.lstrip("{"))
    if naam != "Bericht" or sleutel is None:
        raise _weiger(_("Dit is geen iWmo- of iJw 3.2-bericht dat Toegang kent: het "
                        "hoofdelement is %(naam)s in namespace '%(ns)s'. Verwacht is Bericht in "
                        "de namespace van een 301 tot en met 320.")
                      % {"naam": naam[:80], "ns": namespace.lstrip("{")[:200]})
    standaard, nummer = sleutel
    header_element = root.find(f"{{{bericht_namespace(standaard, nummer)}}}Header")
    if header_element is not None:
        code = _Klasse(header_element).tekst("BerichtCode")
        verwacht = BERICHTCODES[sleutel]
        if code and code != verwacht:
            raise _weiger(_("BerichtCode %(code)s past niet bij het bericht: de namespace is "
                            "die van %(naam)s, met BerichtCode %(verwacht)s.")
                          % {"code": code[:10],
                             "naam": f"{VOORVOEGSEL[standaard]}{nummer}",
                             "verwacht": verwacht})

    xsd = schema(standaard, nummer)
    with _VALIDATIE:
        geldig = xsd.validate(root)
        fouten = "" if geldig else _fout_regels(xsd.error_log)
    if not geldig:
        raise _weiger(_("Het bericht voldoet niet aan het XSD van %(naam)s: %(fouten)s")
                      % {"naam": f"{VOORVOEGSEL[standaard]}{nummer}", "fouten": fouten})

    try:
        header = _lees_header(header_element, standaard, nummer)
        body = root[1] if len(root) > 1 else None
        velden = _LEES_BODY[nummer](_Klasse(body)) if body is not None else {}
    except ValueError as exc:  # e.g. a time the schema took but Python cannot read
        raise _weiger(_("Het bericht kan niet worden omgezet: %(fout)s")
                      % {"fout": str(exc)[:200]}) from exc
    return Bericht(header=header, **velden)


# --- Retour, file name, identification -----------------------------------------------------


def _sleutels(heen: Bericht) -> set[str]:
    sleutels = {"client", "contact"}
    for groep in (heen.toegewezen, heen.start, heen.stop):
        sleutels |= {str(p.toewijzingnummer) for p in groep}
    sleutels |= {p.referentie_aanbieder for p in heen.aangevraagd}
    if heen.verzoek is not None:
        sleutels.add(heen.verzoek.referentie_aanbieder)
        sleutels |= {str(n) for n in heen.verzoek.ongewijzigd}
        sleutels |= {str(p.toewijzingnummer) for p in heen.verzoek.te_wijzigen}
        sleutels |= {f"nieuw-{i}" for i in range(1, len(heen.verzoek.nieuw) + 1)}
    if heen.antwoord is not None:
        sleutels |= {heen.antwoord.referentie_aanbieder, "woonplaatsbeginsel"}
    return sleutels


def retour(heen: Bericht, *, identificatie: str, dagtekening: date,
           codes: Mapping[str, tuple[str, ...]] | None = None,
           algemeen: tuple[str, ...] = GEEN_OPMERKING, volledig: bool = True,
           xslt_versie: str = "") -> Bericht:
    """The retour message of `heen` (302 on a 301, 306 on a 305 …).

    The header keeps the heen message's Afzender, Ontvanger, identification and XSD versions
    (the rule of the standard); `identificatie`/`dagtekening` identify the retour itself.

    - `algemeen` other than ("0200",), e.g. ("0001",): the whole message is refused; the
      retour is the header with these codes and no body.
    - Otherwise the body is repeated with RetourCodes on every berichtklasse: ("0200",), or
      `codes[key]` with key "client" (the Client), "contact" (its Contact, 302),
      str(toewijzingnummer) (a ToegewezenProduct, StartProduct, StopProduct,
      OngewijzigdProduct or TeWijzigenProduct; "None" for a product without a number), the
      referentie_aanbieder (an AangevraagdProduct, the Verzoek, the Antwoord),
      "nieuw-<n>" (the n-th NieuwProduct, from 1) or "woonplaatsbeginsel". The header then
      carries ("0200",). An unknown key is a ValueError, so a refusal is never lost.
    - `volledig=False` with no `codes`: a header-only retour without codes, the form the
      standard prescribes for a message found wholly in order.
    """
    if heen.header.is_retour:
        raise ValueError(f"{heen.header.bericht} is a retour; it gets no retour itself.")
    onbekend = set(codes or {}) - _sleutels(heen)
    if onbekend:
        raise ValueError(f"Retour codes for parts not in the message: {sorted(onbekend)}")
    h = heen.header
    header = replace(h, bericht=HEEN_NAAR_RETOUR[h.bericht], identificatie=identificatie,
                     dagtekening=dagtekening, identificatie_retour=h.identificatie,
                     dagtekening_retour=h.dagtekening, xsd_versie=h.xsd_versie,
                     xsd_versie_retour=XSD_VERSIE, xslt_versie=xslt_versie,
                     retourcodes=tuple(algemeen))
    if tuple(algemeen) != GEEN_OPMERKING:
        return Bericht(header=header)
    if codes is None and not volledig:
        return Bericht(header=replace(header, retourcodes=()))
    gegeven = codes or {}

    def rc(sleutel: str) -> tuple[str, ...]:
        return tuple(gegeven.get(sleutel, GEEN_OPMERKING))

    verzoek = heen.verzoek
    if verzoek is not None:
        verzoek = replace(
            verzoek, retourcodes=rc(verzoek.referentie_aanbieder),
            ongewijzigd_retourcodes=tuple(rc(str(n)) for n in verzoek.ongewijzigd),
            te_wijzigen=tuple(replace(p, retourcodes=rc(str(p.toewijzingnummer)))
                              for p in verzoek.te_wijzigen),
            nieuw=tuple(replace(p, retourcodes=rc(f"nieuw-{i}"))
                        for i, p in enumerate(verzoek.nieuw, start=1)))
    antwoord = heen.antwoord
    if antwoord is not None:
        antwoord = replace(antwoord, retourcodes=rc(antwoord.referentie_aanbieder),
                           woonplaatsbeginsel_retourcodes=(
                               rc("woonplaatsbeginsel") if antwoord.woonplaatsbeginsel
                               else ()))
    heeft_client = heen.client is not None
    return replace(
        heen, header=header,
        toegewezen=tuple(replace(p, retourcodes=rc(str(p.toewijzingnummer)))
                         for p in heen.toegewezen),
        start=tuple(replace(p, retourcodes=rc(str(p.toewijzingnummer))) for p in heen.start),
        stop=tuple(replace(p, retourcodes=rc(str(p.toewijzingnummer))) for p in heen.stop),
        aangevraagd=tuple(replace(p, retourcodes=rc(p.referentie_aanbieder))
                          for p in heen.aangevraagd),
        verzoek=verzoek, antwoord=antwoord,
        client_retourcodes=rc("client") if heeft_client else (),
        contact_retourcodes=rc("contact") if h.bericht == "301" else (),
        overige_retourcodes=())


_ONVEILIG = re.compile(r"[^A-Za-z0-9-]")


def bestandsnaam(bericht: Bericht) -> str:
    """The file name: <WMO|JW><nnn>_<sender>_<addressee>_<identificatie>.xml, with only
    letters, digits, '-' and '_' (e.g. JW301_0999_12345678_a1b2c3d4e5f6.xml)."""
    header = bericht.header
    delen = [f"{VOORVOEGSEL[str(header.standaard)]}{header.bericht}", header.verzender,
             header.geadresseerde, header.identificatie]
    return "_".join(_ONVEILIG.sub("-", deel) or "-" for deel in delen) + ".xml"


def nieuwe_identificatie() -> str:
    """A fresh BerichtIdentificatie: 12 random hexadecimal characters."""
    return uuid.uuid4().hex[:12]
