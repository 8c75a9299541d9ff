"""The XSD schemas of the twelve messages, written by our own generator, and their loader.

One compact description below holds every type and message of the subset we use, learnt from
the published iWmo/iJw 3.2 specification: element names, order, cardinality and the simple
types with their facets. From it `python -m toegang.istandaarden.schemas` writes
`xsd/<standaard>/basisschema.xsd` and one file per message (`WMO301.xsd` … `JW320.xsd`);
`--check` exits with 1 when the files in the repository differ from what it would write.
The files are ours, not the official ones of Zorginstituut Nederland; the official files can
be put in their place (`ISTANDAARDEN_XSD_MAP`, see xsd/README.md) and `schema()` loads them
the same way.

A message is described once, as its heen form. The retour form (302 for 301, 306 for 305 …)
follows from the rule of the standard: the header gets IdentificatieRetour, DagtekeningRetour,
XsltVersie (optional), XsdVersieRetour and RetourCodes (optional); the body becomes optional;
and every berichtklasse (not the plural wrappers such as ToegewezenProducten) ends with its
own RetourCodes.

Where we simplify
-----------------
- No documentation annotations and no appinfo: the files are for validation only.
- The basisschema holds only the types the twelve messages use (not the declaration types).
- LandCode is checked as two capital letters, not against the ISO 3166 list; a real message
  passes, a wrong but well-formed country code is not caught here.
- Datum is written as yyyy-mm-dd and Tijd as hh:mm:ss with optional fractions, both without a
  timezone. The specification allows the same values (xs:date and xs:time without a zone) but
  also, in theory, years beyond 9999 and negative years, which no real message carries.
- The text patterns say the same as the official ones in simpler regular expressions: "has a
  character that is not white space", on one line for names and codes, over several lines for
  Commentaar. Commentaar has no maximum length in the XSD (nor here).
- Rules beyond the XSD (the XSLT checks, the TR/OP/CS rules of the specification) are not in
  the schema; the services that act on a message check what they need.
"""

import argparse
import functools
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from lxml import etree

from .codes import (
    ADRESSOORT,
    BERICHTCODES,
    BERICHTEN,
    BERICHTSUBVERSIE,
    BERICHTVERSIE,
    EENHEID,
    FREQUENTIE,
    GESLACHT,
    HEEN_VAN_GEMEENTE,
    PRODUCTCATEGORIE,
    REDEN_AFWIJZING_VERZOEK,
    REDEN_BEEINDIGING,
    REDEN_VERZOEK,
    REDEN_WIJZIGING,
    RETOUR_NAAR_HEEN,
    RETOURCODES,
    STATUS_AANLEVERING,
    TYPE_VERWIJZER,
    VERZOEK_ANTWOORD,
    VOORVOEGSEL,
    basis_namespace,
    bericht_namespace,
    is_retour,
)

XS = "http://www.w3.org/2001/XMLSchema"
PACKAGE_XSD_MAP = Path(__file__).resolve().parent / "xsd"

# --- The description ---------------------------------------------------------------------


@dataclass(frozen=True)
class Enkelvoudig:
    """A simple type: an XSD base type with facets."""

    basis: str  # string, integer, date or time (in the XSD namespace)
    patroon: str = ""
    lengte: tuple[int, int] | None = None  # minLength, maxLength
    bereik: tuple[int, int] | None = None  # minInclusive, maxInclusive
    waarden: tuple[str, ...] = ()


@dataclass(frozen=True)
class Veld:
    naam: str
    type: str
    min: int = 1
    max: int | None = 1  # None: unbounded


@dataclass(frozen=True)
class Klasse:
    """A complex type: a sequence of elements. `lijst` marks the plural wrapper around one
    repeated berichtklasse; in a retour a wrapper gets no RetourCodes of its own."""

    naam: str
    velden: tuple[Veld, ...]
    lijst: bool = False


def _veld(spec: str) -> Veld:
    """'Naam Type', 'Naam? Type' (0..1) or 'Naam+ Type' (1..n)."""
    naam, type_ = spec.split()
    if naam.endswith("?"):
        return Veld(naam[:-1], type_, 0, 1)
    if naam.endswith("+"):
        return Veld(naam[:-1], type_, 1, None)
    return Veld(naam, type_)


def k(naam: str, *velden: str) -> Klasse:
    return Klasse(naam, tuple(_veld(v) for v in velden))


def lijst(naam: str, element: str, type_: str | None = None) -> Klasse:
    return Klasse(naam, (Veld(element, type_ or element, 1, None),), lijst=True)


# Text on one line that is not only white space; and the same over several lines.
_EEN_REGEL = r"[ \t]*\S.*"
_MEER_REGELS = r"\s*\S[\s\S]*"


def tekst(maximum: int) -> Enkelvoudig:
    return Enkelvoudig("string", _EEN_REGEL, (1, maximum))


def geheel(minimum: int, maximum: int) -> Enkelvoudig:
    return Enkelvoudig("integer", bereik=(minimum, maximum))


def keuze(waarden: Iterable[str]) -> Enkelvoudig:
    return Enkelvoudig("string", waarden=tuple(waarden))


def cijfers(aantal: int) -> Enkelvoudig:
    return Enkelvoudig("string", f"[0-9]{{{aantal}}}")


_VERSIE_DEEL = "(0|[1-9][0-9]*)"

_ENKELVOUDIG: dict[str, Enkelvoudig] = {
    "LDT_AanduidingWoonadres": keuze(("AB", "BY", "TO", "WW")),
    "LDT_AdresSoort": keuze(ADRESSOORT),
    "LDT_AgbCode": cijfers(8),
    "LDT_BerichtCode": Enkelvoudig("string", lengte=(1, 3)),
    "LDT_BerichtSubversie": geheel(0, 99),
    "LDT_BerichtVersie": geheel(0, 99),
    "LDT_Budget": geheel(0, 99_999_999),
    "LDT_BurgerServicenummer": cijfers(9),
    "LDT_Commentaar": Enkelvoudig("string", _MEER_REGELS),
    "LDT_Communicatievorm": keuze("123"),
    "LDT_Datum": Enkelvoudig("date", "[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    "LDT_DatumGebruik": keuze("123"),
    "LDT_Eenheid": keuze(EENHEID),
    "LDT_Emailadres": tekst(80),
    "LDT_Frequentie": keuze(FREQUENTIE),
    "LDT_Gemeente": cijfers(4),
    "LDT_Geslacht": keuze(GESLACHT),
    "LDT_Huisletter": tekst(1),
    "LDT_Huisnummer": geheel(0, 99_999),
    "LDT_HuisnummerToevoeging": tekst(4),
    "LDT_IdentificatieBericht": tekst(12),
    "LDT_JaNee": keuze("12"),
    "LDT_JuridischeStatus": keuze(("01", "02", "03", "04", "05", "11", "12")),
    "LDT_LandCode": Enkelvoudig("string", "[A-Z]{2}"),
    "LDT_Landnummer": tekst(4),
    "LDT_Naam": tekst(200),
    "LDT_NaamGebruik": keuze("123456"),
    "LDT_NaamVerwijzer": tekst(64),
    "LDT_Nummer": geheel(0, 999_999_999),
    "LDT_Organisatienaam": tekst(35),
    "LDT_Persoonsid": tekst(20),
    "LDT_Plaatsnaam": tekst(80),
    "LDT_Postcode": tekst(8),
    "LDT_ProductCode": tekst(5),
    "LDT_RedenAfwijzingVerzoek": keuze(REDEN_AFWIJZING_VERZOEK),
    "LDT_RedenVerzoek": keuze(REDEN_VERZOEK),
    "LDT_RedenWijziging": keuze(REDEN_WIJZIGING),
    "LDT_Referentie": tekst(36),
    "LDT_RelatieVolgorde": geheel(0, 99),
    "LDT_RetourCode": keuze(RETOURCODES),
    "LDT_SoortRelatie": keuze(f"{n:02d}" for n in range(3, 26)),
    "LDT_StatusAanlevering": keuze(STATUS_AANLEVERING),
    "LDT_Straatnaam": tekst(24),
    "LDT_Taal": tekst(25),
    "LDT_Telefoonnummer": Enkelvoudig("string", "[0-9]{1,15}"),
    "LDT_Tijd": Enkelvoudig("time", r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"),
    "LDT_TypeVerwijzer": keuze(TYPE_VERWIJZER),
    "LDT_Versie": Enkelvoudig("string", rf"{_VERSIE_DEEL}(\.{_VERSIE_DEEL}){{2}}"),
    "LDT_VerzoekAntwoord": keuze(VERZOEK_ANTWOORD),
    "LDT_Volume": geheel(0, 99_999_999),
    "LDT_Voorletters": Enkelvoudig("string", "[a-zA-ZÀ-ỳ]+", (1, 6)),
    "LDT_Voorvoegsel": tekst(10),
    "LDT_WettelijkeVertegenwoordiging": keuze(("06", "07", "08", "09", "10")),
}

_SAMENGESTELD: tuple[Klasse, ...] = (
    k("CDT_Achternaam", "Achternaam LDT_Naam", "Voorvoegsel? LDT_Voorvoegsel"),
    k("CDT_Adres", "Huis? CDT_Huis", "Postcode? LDT_Postcode", "Straatnaam? LDT_Straatnaam",
      "Plaatsnaam? LDT_Plaatsnaam", "LandCode? LDT_LandCode"),
    k("CDT_BerichtIdentificatie", "Identificatie LDT_IdentificatieBericht",
      "Dagtekening LDT_Datum"),
    k("CDT_Communicatie", "Vorm LDT_Communicatievorm", "Taal? LDT_Taal"),
    k("CDT_Geboortedatum", "Datum LDT_Datum", "DatumGebruik? LDT_DatumGebruik"),
    k("CDT_Huis", "Huisnummer LDT_Huisnummer", "Huisletter? LDT_Huisletter",
      "HuisnummerToevoeging? LDT_HuisnummerToevoeging",
      "AanduidingWoonadres? LDT_AanduidingWoonadres"),
    k("CDT_Omvang", "Volume LDT_Volume", "Eenheid LDT_Eenheid", "Frequentie LDT_Frequentie"),
    k("CDT_OpenPeriode", "Begindatum? LDT_Datum", "Einddatum? LDT_Datum"),
    k("CDT_Product", "Categorie LDT_ProductCategorie", "Code? LDT_ProductCode"),
    k("CDT_Telefoon", "Telefoonnummer LDT_Telefoonnummer", "Landnummer LDT_Landnummer"),
    k("CDT_Telefoonnummers", "Telefoon01 CDT_Telefoon", "Telefoon02? CDT_Telefoon"),
    k("CDT_VerkorteNaam", "Geslachtsnaam CDT_Achternaam", "Voornamen? LDT_Naam",
      "Voorletters? LDT_Voorletters"),
    k("CDT_Verwijzer", "Type LDT_TypeVerwijzer", "Naam? LDT_NaamVerwijzer",
      "ZorgverlenerCode? LDT_AgbCode"),
    k("CDT_VolledigeNaam", "Geslachtsnaam CDT_Achternaam", "Partnernaam? CDT_Achternaam",
      "Voornamen? LDT_Naam", "Voorletters? LDT_Voorletters", "NaamGebruik LDT_NaamGebruik"),
    k("CDT_XsdVersie", "BasisschemaXsdVersie LDT_Versie", "BerichtXsdVersie LDT_Versie"),
)


def enkelvoudige_typen(standaard: str) -> dict[str, Enkelvoudig]:
    """The simple types of a standaard: shared ones plus the two lists that differ."""
    typen = dict(_ENKELVOUDIG)
    typen["LDT_ProductCategorie"] = keuze(PRODUCTCATEGORIE[standaard])
    typen["LDT_RedenBeeindiging"] = keuze(REDEN_BEEINDIGING[standaard])
    return dict(sorted(typen.items()))


_BASISTYPEN = frozenset(_ENKELVOUDIG) | {"LDT_ProductCategorie", "LDT_RedenBeeindiging"} | {
    klasse.naam for klasse in _SAMENGESTELD}

_VERKORTE_CLIENT = ("Bsn LDT_BurgerServicenummer", "Geboortedatum CDT_Geboortedatum",
                    "Geslacht LDT_Geslacht", "Naam CDT_VerkorteNaam")


def _heen_body(standaard: str, heen: str) -> tuple[str, tuple[Klasse, ...]]:
    """The body element of a heen message and its own complex types, the first one being the
    body's type."""
    ijw = standaard == "ijw"
    if heen == "301":
        return "Client", (
            k("Client", "Bsn LDT_BurgerServicenummer", "Geboortedatum CDT_Geboortedatum",
              "Geslacht LDT_Geslacht", "Naam CDT_VolledigeNaam",
              "Communicatie? CDT_Communicatie", "JuridischeStatus? LDT_JuridischeStatus",
              "WettelijkeVertegenwoordiging? LDT_WettelijkeVertegenwoordiging",
              "Commentaar? LDT_Commentaar", "Relaties? Relaties",
              "Contactgegevens Contactgegevens", "ToegewezenProducten ToegewezenProducten"),
            lijst("Relaties", "Relatie"),
            k("Relatie", "Nummer LDT_Persoonsid", "Volgorde? LDT_RelatieVolgorde",
              "Soort LDT_SoortRelatie", "Geboortedatum? CDT_Geboortedatum",
              "Geslacht? LDT_Geslacht", "Naam CDT_VolledigeNaam", "Contact Contact"),
            k("Contact", "Soort LDT_AdresSoort", "Adres? CDT_Adres",
              "Organisatie? LDT_Organisatienaam", "Telefoon? CDT_Telefoonnummers",
              "Emailadres? LDT_Emailadres", "Periode? CDT_OpenPeriode"),
            lijst("Contactgegevens", "Contact"),
            lijst("ToegewezenProducten", "ToegewezenProduct"),
            k("ToegewezenProduct", "ToewijzingNummer LDT_Nummer",
              "ReferentieAanbieder? LDT_Referentie", "Product? CDT_Product",
              "Toewijzingsdatum LDT_Datum", "Toewijzingstijd LDT_Tijd",
              "Ingangsdatum LDT_Datum", "Einddatum? LDT_Datum",
              "RedenWijziging? LDT_RedenWijziging", "Omvang? CDT_Omvang",
              "Budget? LDT_Budget", "Commentaar? LDT_Commentaar"),
        )
    if heen == "305":
        return "Client", (
            k("Client", *_VERKORTE_CLIENT, "StartProducten StartProducten"),
            lijst("StartProducten", "StartProduct"),
            k("StartProduct", "ToewijzingNummer? LDT_Nummer", "Product? CDT_Product",
              "ToewijzingIngangsdatum? LDT_Datum", "Begindatum LDT_Datum",
              "StatusAanlevering LDT_StatusAanlevering"),
        )
    if heen == "307":
        return "Client", (
            k("Client", *_VERKORTE_CLIENT, "StopProducten StopProducten"),
            lijst("StopProducten", "StopProduct"),
            k("StopProduct", "ToewijzingNummer? LDT_Nummer", "Product? CDT_Product",
              "ToewijzingIngangsdatum? LDT_Datum", "Begindatum LDT_Datum",
              "RedenBeeindiging LDT_RedenBeeindiging", "Einddatum LDT_Datum",
              "StatusAanlevering LDT_StatusAanlevering"),
        )
    if heen == "315":
        # iJw asks whether a gezagsdrager is known; iWmo has no such element.
        gezag = ("GezagsdragerBekend? LDT_JaNee",) if ijw else ()
        return "Client", (
            k("Client", *_VERKORTE_CLIENT, *gezag, "Commentaar? LDT_Commentaar",
              "AangevraagdeProducten AangevraagdeProducten"),
            lijst("AangevraagdeProducten", "AangevraagdProduct"),
            k("AangevraagdProduct", "ReferentieAanbieder LDT_Referentie",
              "BeschikkingNummer? LDT_Nummer", "Product? CDT_Product",
              "BeschikkingIngangsdatum? LDT_Datum", "ToewijzingIngangsdatum LDT_Datum",
              "ToewijzingEinddatum? LDT_Datum", "Omvang? CDT_Omvang", "Budget? LDT_Budget",
              "Verwijzer CDT_Verwijzer", "Raamcontract? LDT_JaNee",
              "Commentaar? LDT_Commentaar"),
        )
    if heen == "317":
        return "Client", (
            k("Client", "Bsn LDT_BurgerServicenummer", "Verzoek Verzoek"),
            k("Verzoek", "ReferentieAanbieder LDT_Referentie", "RedenVerzoek LDT_RedenVerzoek",
              "OngewijzigdeProducten? OngewijzigdeProducten",
              "TeWijzigenProducten? TeWijzigenProducten", "NieuweProducten? NieuweProducten"),
            lijst("OngewijzigdeProducten", "OngewijzigdProduct"),
            k("OngewijzigdProduct", "ToewijzingNummer LDT_Nummer"),
            lijst("TeWijzigenProducten", "TeWijzigenProduct"),
            k("TeWijzigenProduct", "ToewijzingNummer LDT_Nummer",
              "GewensteIngangsdatum LDT_Datum", "Einddatum? LDT_Datum", "Omvang? CDT_Omvang",
              "Budget? LDT_Budget"),
            lijst("NieuweProducten", "NieuwProduct"),
            k("NieuwProduct", "Product? CDT_Product", "GewensteIngangsdatum LDT_Datum",
              "Einddatum? LDT_Datum", "Omvang? CDT_Omvang", "Budget? LDT_Budget"),
        )
    if heen == "319":
        # iJw can name the gemeente that is responsible under the woonplaatsbeginsel.
        if ijw:
            return "Antwoord", (
                k("Antwoord", "ReferentieAanbieder LDT_Referentie",
                  "VerzoekAntwoord LDT_VerzoekAntwoord",
                  "RedenAfwijzingVerzoek? LDT_RedenAfwijzingVerzoek",
                  "Woonplaatsbeginsel? Woonplaatsbeginsel"),
                k("Woonplaatsbeginsel", "Gemeente LDT_Gemeente"),
            )
        return "Antwoord", (
            k("Antwoord", "ReferentieAanbieder LDT_Referentie",
              "VerzoekAntwoord LDT_VerzoekAntwoord",
              "RedenAfwijzingVerzoek? LDT_RedenAfwijzingVerzoek"),
        )
    raise ValueError(f"Geen heenbericht: {heen}")


@dataclass(frozen=True)
class Berichtdefinitie:
    standaard: str
    bericht: str
    code: str
    afzender: str  # simple type of the header Afzender
    ontvanger: str
    body: str  # element name of the body: Client or Antwoord
    klassen: tuple[Klasse, ...] = field(default_factory=tuple)

    @property
    def is_retour(self) -> bool:
        return is_retour(self.bericht)


def berichtdefinitie(standaard: str, bericht: str) -> Berichtdefinitie:
    """The full description of one message, retour forms derived from their heen form."""
    retour = is_retour(bericht)
    heen = RETOUR_NAAR_HEEN[bericht] if retour else bericht
    body, klassen = _heen_body(standaard, heen)
    van_gemeente = heen in HEEN_VAN_GEMEENTE
    afzender, ontvanger = ("LDT_Gemeente", "LDT_AgbCode")
    if not van_gemeente:
        afzender, ontvanger = ontvanger, afzender
    if retour:
        met_codes = (
            klasse if klasse.lijst
            else Klasse(klasse.naam, (*klasse.velden, Veld("RetourCodes", "RetourCodes")))
            for klasse in klassen
        )
        klassen = (*met_codes, lijst("RetourCodes", "RetourCode", "LDT_RetourCode"))
    return Berichtdefinitie(standaard, bericht, BERICHTCODES[(standaard, bericht)], afzender,
                            ontvanger, body, klassen)


# --- Writing XSD -----------------------------------------------------------------------------

_KOP = (
    "\n  Written by Toegang (toegang/istandaarden/schemas.py) from the published iStandaarden"
    " {standaard} release 3.2 specification.\n  This is not the official XSD file of"
    " Zorginstituut Nederland. Do not edit: run\n  `python -m toegang.istandaarden.schemas`."
    " To use the official files instead, see\n  toegang/istandaarden/xsd/README.md"
    " (setting ISTANDAARDEN_XSD_MAP).\n"
)
_NAAM_STANDAARD = {"iwmo": "iWmo", "ijw": "iJw"}


def _xs(parent: Any, tag: str, **attrs: str) -> Any:
    return etree.SubElement(parent, f"{{{XS}}}{tag}", {k: v for k, v in attrs.items() if v})


def _schema_root(target: str, nsmap: dict[str, str]) -> Any:
    return etree.Element(f"{{{XS}}}schema", {"targetNamespace": target,
                                              "elementFormDefault": "qualified"},
                         nsmap={"xs": XS, **nsmap})


def _restrictie(parent: Any, basis: str, typ: Enkelvoudig) -> None:
    restrictie = _xs(parent, "restriction", base=basis)
    if typ.lengte:
        _xs(restrictie, "minLength", value=str(typ.lengte[0]))
        _xs(restrictie, "maxLength", value=str(typ.lengte[1]))
    if typ.bereik:
        _xs(restrictie, "minInclusive", value=str(typ.bereik[0]))
        _xs(restrictie, "maxInclusive", value=str(typ.bereik[1]))
    for waarde in typ.waarden:
        _xs(restrictie, "enumeration", value=waarde)
    if typ.patroon:
        _xs(restrictie, "pattern", value=typ.patroon)


def _sequence(complex_type: Any, velden: Sequence[Veld], type_naam: Any) -> None:
    sequence = _xs(complex_type, "sequence")
    for veld in velden:
        element = _xs(sequence, "element", name=veld.naam, type=type_naam(veld.type))
        if veld.min != 1:
            element.set("minOccurs", str(veld.min))
        if veld.max != 1:
            element.set("maxOccurs", "unbounded" if veld.max is None else str(veld.max))


def _tekst(root: Any, standaard: str) -> bytes:
    body = etree.tostring(root, pretty_print=True, encoding="UTF-8", xml_declaration=False)
    kop = _KOP.format(standaard=_NAAM_STANDAARD[standaard])
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<!--' + kop.encode() + b"-->\n" + body


def basisschema_xsd(standaard: str) -> bytes:
    """The text of our basisschema.xsd for a standaard."""
    root = _schema_root(basis_namespace(standaard), {standaard: basis_namespace(standaard)})

    def type_naam(naam: str) -> str:
        return f"{standaard}:{naam}" if naam.startswith(("LDT_", "CDT_")) else f"xs:{naam}"

    for klasse in sorted(_SAMENGESTELD, key=lambda klasse: klasse.naam):
        complex_type = _xs(root, "complexType", name=klasse.naam)
        _sequence(complex_type, klasse.velden, type_naam)
    for naam, typ in enkelvoudige_typen(standaard).items():
        simple_type = _xs(root, "simpleType", name=naam)
        _restrictie(simple_type, f"xs:{typ.basis}", typ)
    return _tekst(root, standaard)


def bericht_xsd(standaard: str, bericht: str) -> bytes:
    """The text of our XSD for one message, e.g. JW301.xsd."""
    definitie = berichtdefinitie(standaard, bericht)
    eigen = f"{VOORVOEGSEL[standaard].lower()}{bericht}"
    root = _schema_root(bericht_namespace(standaard, bericht),
                        {standaard: basis_namespace(standaard),
                         eigen: bericht_namespace(standaard, bericht)})
    _xs(root, "import", namespace=basis_namespace(standaard), schemaLocation="basisschema.xsd")

    def type_naam(naam: str) -> str:
        return f"{standaard}:{naam}" if naam in _BASISTYPEN else f"{eigen}:{naam}"

    _xs(root, "element", name="Bericht", type=f"{eigen}:Root")
    body = Veld(definitie.body, definitie.body, 0 if definitie.is_retour else 1)
    _sequence(_xs(root, "complexType", name="Root"), (Veld("Header", "Header"), body),
              type_naam)

    header = _xs(_xs(root, "complexType", name="Header"), "sequence")
    for naam, basis, waarde in (("BerichtCode", "LDT_BerichtCode", definitie.code),
                                ("BerichtVersie", "LDT_BerichtVersie", BERICHTVERSIE),
                                ("BerichtSubversie", "LDT_BerichtSubversie", BERICHTSUBVERSIE)):
        simple_type = _xs(_xs(header, "element", name=naam), "simpleType")
        _restrictie(simple_type, type_naam(basis), keuze((waarde,)))
    velden = [Veld("Afzender", definitie.afzender), Veld("Ontvanger", definitie.ontvanger),
              Veld("BerichtIdentificatie", "CDT_BerichtIdentificatie"),
              Veld("XsdVersie", "CDT_XsdVersie")]
    if definitie.is_retour:
        velden += [Veld("IdentificatieRetour", "LDT_IdentificatieBericht"),
                   Veld("DagtekeningRetour", "LDT_Datum"),
                   Veld("XsltVersie", "LDT_Versie", 0),
                   Veld("XsdVersieRetour", "CDT_XsdVersie"),
                   Veld("RetourCodes", "RetourCodes", 0)]
    for veld in velden:
        element = _xs(header, "element", name=veld.naam, type=type_naam(veld.type))
        if veld.min == 0:
            element.set("minOccurs", "0")

    for klasse in definitie.klassen:
        _sequence(_xs(root, "complexType", name=klasse.naam), klasse.velden, type_naam)
    return _tekst(root, standaard)


def bestandsnaam_xsd(standaard: str, bericht: str) -> str:
    return f"{VOORVOEGSEL[standaard]}{bericht}.xsd"


def bestanden() -> dict[str, bytes]:
    """Every generated file, by path relative to the xsd folder."""
    uit: dict[str, bytes] = {}
    for standaard in ("iwmo", "ijw"):
        uit[f"{standaard}/basisschema.xsd"] = basisschema_xsd(standaard)
        for bericht in BERICHTEN:
            uit[f"{standaard}/{bestandsnaam_xsd(standaard, bericht)}"] = bericht_xsd(
                standaard, bericht)
    return uit


def verschillen(map_: Path = PACKAGE_XSD_MAP) -> list[str]:
    """Paths (relative) whose committed text differs from what the generator writes."""
    return [naam for naam, inhoud in bestanden().items()
            if not (map_ / naam).is_file() or (map_ / naam).read_bytes() != inhoud]


def schrijf(map_: Path = PACKAGE_XSD_MAP) -> list[str]:
    """Write every file that differs; returns the paths written."""
    geschreven = []
    for naam, inhoud in bestanden().items():
        pad = map_ / naam
        if pad.is_file() and pad.read_bytes() == inhoud:
            continue
        pad.parent.mkdir(parents=True, exist_ok=True)
        tijdelijk = pad.with_name(f".{pad.name}.tmp")
        tijdelijk.write_bytes(inhoud)
        os.replace(tijdelijk, pad)
        geschreven.append(naam)
    return geschreven


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m toegang.istandaarden.schemas",
        description="Write the iWmo/iJw 3.2 XSD files of Toegang (toegang/istandaarden/xsd).")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a file differs from the generator")
    parser.add_argument("--map", type=Path, default=PACKAGE_XSD_MAP, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.check:
        anders = verschillen(args.map)
        for naam in anders:
            print(f"differs: {naam}", file=sys.stderr)
        if anders:
            print("Run `python -m toegang.istandaarden.schemas` and commit the files.",
                  file=sys.stderr)
        return 1 if anders else 0
    for naam in schrijf(args.map):
        print(f"wrote {naam}")
    return 0


# --- Loading -------------------------------------------------------------------------------


class _MapResolver(etree.Resolver):
    """Resolves schema imports to files in the same folder only (any case of the name), so a
    schema can neither reach the network nor read files elsewhere."""

    def __init__(self, map_: Path) -> None:
        super().__init__()
        self.map = map_

    def resolve(self, system_url: str | None, public_id: str | None, context: Any) -> Any:
        naam = PurePosixPath(unquote(urlparse(system_url or "").path)).name
        pad = _zoek(self.map, naam)
        if pad is None:
            raise ImproperlyConfigured(
                f"Schema import {system_url!r} is not a file in {self.map}.")
        return self.resolve_string(_xsd_inhoud(pad), context, base_url=str(pad))


def _zoek(map_: Path, naam: str) -> Path | None:
    """The file `naam` in `map_`, matched without regard to case."""
    if not naam:
        return None
    pad = map_ / naam
    if pad.is_file():
        return pad
    try:
        namen = os.listdir(map_)
    except OSError:
        return None
    for kandidaat in sorted(namen):
        if kandidaat.lower() == naam.lower() and (map_ / kandidaat).is_file():
            return map_ / kandidaat
    return None


def _xsd_inhoud(pad: Path) -> bytes:
    inhoud = pad.read_bytes()
    # Some published copies carry a title line before the XML declaration; skip it.
    if not inhoud.lstrip().startswith((b"<", b"\xef\xbb\xbf")):
        begin = inhoud.find(b"<?xml", 0, 4096)
        if begin > 0:
            inhoud = inhoud[begin:]
    return inhoud


def schema(standaard: str, bericht: str) -> etree.XMLSchema:
    """The XMLSchema of one message from `settings.ISTANDAARDEN_XSD_MAP`, loaded once per
    process: `<map>/<standaard>/<WMO|JW><nnn>.xsd` (lower-case names accepted)."""
    return _laad(str(settings.ISTANDAARDEN_XSD_MAP), str(standaard), bericht)


@functools.lru_cache(maxsize=64)
def _laad(map_: str, standaard: str, bericht: str) -> etree.XMLSchema:
    if (standaard, bericht) not in BERICHTCODES:
        raise ValueError(f"Onbekend bericht: {standaard} {bericht}")
    folder = Path(map_) / standaard
    pad = _zoek(folder, bestandsnaam_xsd(standaard, bericht))
    if pad is None:
        raise ImproperlyConfigured(
            f"No {bestandsnaam_xsd(standaard, bericht)} in {folder} (ISTANDAARDEN_XSD_MAP).")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    parser.resolvers.add(_MapResolver(folder))
    try:
        document = etree.fromstring(_xsd_inhoud(pad), parser, base_url=str(pad))
        return etree.XMLSchema(document)
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise ImproperlyConfigured(f"The XSD {pad} cannot be used: {exc}") from exc


def schema_cache_clear() -> None:
    _laad.cache_clear()


if __name__ == "__main__":
    sys.exit(main())
