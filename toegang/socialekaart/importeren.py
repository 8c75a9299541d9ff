"""Import of the sociale kaart from a CSV or Excel (.xlsx) file, in the admin.

The file is checked by its content (UTF-8 text or a real xlsx zip), never by its name. Every
row is checked first; then the good rows are saved together in one transaction and the refused
rows are listed with their row number and the reason. A row is never saved half. When the file
itself cannot be read, nothing is saved. An existing entry with the same organisation and name
is updated, not duplicated. The column layout is in docs/socialekaart.md.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from toegang.core.domein import Levensgebied
from toegang.organisatie.models import Wijk

from .models import Voorziening

MAX_GROOTTE = 2 * 1024 * 1024  # 2 MB is thousands of rows
MAX_UITGEPAKT = 20 * 1024 * 1024  # an xlsx is a zip: refuse one that unpacks to much more
MAX_RIJEN = 2000

# Header (lower case, as written in the file) -> field. Order = the documented layout.
KOLOMMEN = {
    "organisatie": "organisatie",
    "naam": "naam",
    "wat": "wat",
    "voor wie": "voor_wie",
    "thema's": "levensgebieden",
    "wijken": "wijken",
    "adres": "adres",
    "openingstijden": "openingstijden",
    "kosten": "kosten",
    "hoe kom je er": "hoe_kom_je_er",
    "telefoon": "telefoon",
    "e-mail": "email",
    "website": "website",
    "actief": "actief",
}
VERPLICHT = ("organisatie", "naam", "wat")
LENGTES = {"organisatie": 150, "naam": 150, "adres": 200, "kosten": 200, "telefoon": 30}
JA = {"ja", "j", "1", "waar", "true", "x"}
NEE = {"nee", "n", "0", "onwaar", "false"}


class OnleesbaarBestand(ValidationError):
    """The file as a whole cannot be read: nothing is saved."""


@dataclass
class Resultaat:
    nieuw: list[Voorziening] = field(default_factory=list)
    bijgewerkt: list[Voorziening] = field(default_factory=list)
    geweigerd: list[str] = field(default_factory=list)  # "Rij 7: ..." in Dutch


@dataclass
class _Rij:
    nummer: int
    waarden: dict[str, Any]
    wijken: list[Wijk]


def _lees_xlsx(data: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archief:
            namen = archief.namelist()
            if "xl/workbook.xml" not in namen:
                raise OnleesbaarBestand(_("Dit is geen Excel-bestand (.xlsx)."), code="xlsx")
            if sum(info.file_size for info in archief.infolist()) > MAX_UITGEPAKT:
                raise OnleesbaarBestand(_("Dit Excel-bestand is te groot."), code="te_groot")
        boek = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            blad = boek.worksheets[0]
            rijen = []
            for rij in blad.iter_rows(values_only=True):
                rijen.append(["" if c is None else str(c).strip() for c in rij])
                if len(rijen) > MAX_RIJEN + 1:
                    break
            return rijen
        finally:
            boek.close()
    except OnleesbaarBestand:
        raise
    except Exception as exc:  # openpyxl and zipfile raise many kinds of errors
        raise OnleesbaarBestand(_("Dit Excel-bestand kunnen we niet lezen. Sla het opnieuw op "
                                  "als .xlsx en probeer het nog eens."), code="xlsx") from exc


def _lees_csv(data: bytes) -> list[list[str]]:
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OnleesbaarBestand(_("Dit is geen CSV-bestand in UTF-8. Sla het bestand op als "
                                  "'CSV UTF-8' en probeer het opnieuw."), code="csv") from exc
    if "\x00" in tekst:
        raise OnleesbaarBestand(_("Dit is geen CSV-bestand in UTF-8. Sla het bestand op als "
                                  "'CSV UTF-8' en probeer het opnieuw."), code="csv")
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    try:
        return [[c.strip() for c in rij] for rij in csv.reader(io.StringIO(tekst),
                                                              delimiter=scheiding)]
    except csv.Error as exc:
        raise OnleesbaarBestand(_("Dit CSV-bestand kunnen we niet lezen: %(fout)s")
                                % {"fout": exc}, code="csv") from exc


def rijen_uit(data: bytes) -> list[list[str]]:
    """The rows of the file, the header first; by content: a zip is xlsx, otherwise UTF-8
    CSV text. OnleesbaarBestand when it is neither, too big or has no data."""
    if len(data) > MAX_GROOTTE:
        raise OnleesbaarBestand(_("Het bestand is groter dan 2 MB. Splits het in delen."),
                                code="te_groot")
    if not data.strip():
        raise OnleesbaarBestand(_("Het bestand is leeg."), code="leeg")
    rijen = _lees_xlsx(data) if data.startswith(b"PK\x03\x04") else _lees_csv(data)
    rijen = [r for r in rijen if any(c for c in r)]
    if len(rijen) > MAX_RIJEN + 1:
        raise OnleesbaarBestand(_("Het bestand heeft meer dan %(n)s rijen. Splits het in "
                                  "delen.") % {"n": MAX_RIJEN}, code="te_veel")
    return rijen


def _kop(rijen: list[list[str]]) -> list[str | None]:
    if not rijen:
        raise OnleesbaarBestand(_("Het bestand is leeg."), code="leeg")
    kop = [KOLOMMEN.get(c.strip().lower().replace("’", "'")) for c in rijen[0]]
    ontbreekt = [k for k, v in KOLOMMEN.items() if v in VERPLICHT and v not in kop]
    if ontbreekt:
        raise OnleesbaarBestand(
            _("De eerste rij moet de kolomnamen hebben. Deze kolommen ontbreken: %(k)s. "
              "Gebruik de kolommen: %(alle)s.")
            % {"k": ", ".join(ontbreekt), "alle": "; ".join(KOLOMMEN)}, code="kop")
    return kop


def _themas() -> dict[str, str]:
    """Both the code ("financien") and the words residents read ("Geld en schulden")."""
    opzoek = {}
    for gebied in Levensgebied:
        opzoek[gebied.value] = gebied.value
        opzoek[str(gebied.label).lower()] = gebied.value
    return opzoek


def _splits(waarde: str) -> list[str]:
    return [d.strip() for d in waarde.replace("\n", ";").replace("|", ";").split(";")
            if d.strip()]


def _controleer(nummer: int, ruw: dict[str, str], themas: dict[str, str],
                wijken: dict[str, Wijk]) -> tuple[_Rij | None, list[str]]:
    fouten = []
    for veld in VERPLICHT:
        if not ruw.get(veld):
            fouten.append(_("de kolom '%(k)s' is leeg") % {"k": _kolomnaam(veld)})
    for veld, lengte in LENGTES.items():
        if len(ruw.get(veld, "")) > lengte:
            fouten.append(_("'%(k)s' is langer dan %(n)s tekens")
                          % {"k": _kolomnaam(veld), "n": lengte})
    gebieden: list[str] = []
    for thema in _splits(ruw.get("levensgebieden", "")):
        delen = [thema]
        if thema.lower() not in themas and "," in thema:  # "financien, huisvesting"
            losse = [d.strip() for d in thema.split(",") if d.strip()]
            if all(d.lower() in themas for d in losse):
                delen = losse
        for deel in delen:
            gevonden = themas.get(deel.lower())
            if gevonden is None:
                fouten.append(_("het thema '%(t)s' bestaat niet. Kies uit: %(keuze)s")
                              % {"t": deel, "keuze": ", ".join(Levensgebied.values)})
            elif gevonden not in gebieden:
                gebieden.append(gevonden)
    gekozen: list[Wijk] = []
    for naam in _splits(ruw.get("wijken", "")):
        wijk = wijken.get(naam.lower())
        if wijk is None:
            fouten.append(_("de wijk '%(w)s' kennen we niet. Kies uit: %(keuze)s")
                          % {"w": naam, "keuze": ", ".join(sorted({w.naam for w in
                                                                  wijken.values()}))})
        elif wijk not in gekozen:
            gekozen.append(wijk)
    if ruw.get("email"):
        try:
            EmailValidator()(ruw["email"])
        except ValidationError:
            fouten.append(_("het e-mailadres '%(e)s' klopt niet") % {"e": ruw["email"]})
    if ruw.get("website"):
        try:
            URLValidator(schemes=["http", "https"])(ruw["website"])
        except ValidationError:
            fouten.append(_("de website '%(w)s' is geen geldig webadres (begin met https://)")
                          % {"w": ruw["website"]})
    actief = ruw.get("actief", "").lower()
    if actief and actief not in JA | NEE:
        fouten.append(_("bij 'actief' staat '%(a)s'. Schrijf ja of nee") % {"a": ruw["actief"]})
    if fouten:
        return None, fouten
    waarden: dict[str, Any] = {k: ruw.get(k, "") for k in KOLOMMEN.values()
                               if k not in ("levensgebieden", "wijken", "actief")}
    waarden["levensgebieden"] = gebieden
    waarden["actief"] = actief not in NEE
    return _Rij(nummer, waarden, gekozen), []


def _kolomnaam(veld: str) -> str:
    return next(k for k, v in KOLOMMEN.items() if v == veld)


def _rijen(rijen: list[list[str]], kop: list[str | None]) -> Iterator[tuple[int, dict[str, str]]]:
    for index, rij in enumerate(rijen[1:], start=2):  # row 1 is the header
        yield index, {veld: (rij[i] if i < len(rij) else "")
                      for i, veld in enumerate(kop) if veld}


def importeer(data: bytes) -> Resultaat:
    """Check every row, then save the good ones in one transaction (update by organisation
    and name); OnleesbaarBestand when the file itself cannot be read (nothing saved)."""
    rijen = rijen_uit(data)
    kop = _kop(rijen)
    themas = _themas()
    wijken: dict[str, Wijk] = {}
    for wijk in Wijk.objects.all():
        wijken[wijk.naam.lower()] = wijk
        wijken[wijk.code.lower()] = wijk
    resultaat = Resultaat()
    goed: list[_Rij] = []
    gezien: dict[tuple[str, str], int] = {}
    for nummer, ruw in _rijen(rijen, kop):
        rij, fouten = _controleer(nummer, ruw, themas, wijken)
        if rij is not None:
            sleutel = (rij.waarden["organisatie"].lower(), rij.waarden["naam"].lower())
            if sleutel in gezien:
                fouten = [_("deze organisatie en naam staan al in rij %(n)s")
                          % {"n": gezien[sleutel]}]
            else:
                gezien[sleutel] = nummer
                goed.append(rij)
        if fouten:
            resultaat.geweigerd.append(_("Rij %(n)s: %(fouten)s.")
                                       % {"n": nummer, "fouten": "; ".join(fouten)})
    with transaction.atomic():
        for rij in goed:
            bestaand = Voorziening.objects.filter(
                organisatie__iexact=rij.waarden["organisatie"],
                naam__iexact=rij.waarden["naam"]).first()
            voorziening = bestaand or Voorziening()
            for veld, waarde in rij.waarden.items():
                setattr(voorziening, veld, waarde)
            voorziening.full_clean(exclude=["wijken"], validate_unique=False)
            voorziening.save()
            voorziening.wijken.set(rij.wijken)
            (resultaat.bijgewerkt if bestaand else resultaat.nieuw).append(voorziening)
    return resultaat

