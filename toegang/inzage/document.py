"""The readable form of the inzage: the same sections for the web page and the PDF.

Turns `inzage_data` into headings, lists of facts and tables with plain Dutch labels, so the page
and the PDF cannot drift apart. Pure Python: no database access.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from casussen.afspraken.models import AfspraakSoort, AfspraakStatus
from casussen.besluit.models import (
    AanvraagVia,
    BeschikkingStatus,
    Besluit,
    BezwaarUitkomst,
    Levering,
    Vormwens,
)
from casussen.models import BetrokkenRol, CasusStatus
from intake.models import (
    Beoordeling,
    ContactVoorkeur,
    IntakeStatus,
    Kanaal,
    MeldcodeStap,
    Relatie,
    ScopeDeel,
    ToestemmingGebeurtenis,
    ToestemmingStatus,
    Urgentie,
    Veiligheid,
)
from intake.wizard.eigen_vragen import antwoord_weergave
from toegang.accounts.models import Rol
from toegang.audit.models import Actie, grond_label
from toegang.catalogus.models import EENHEID_MEERVOUD, Eenheid, Frequentie
from toegang.core.domein import Levensgebied, Wet
from toegang.socialekaart.models import SuggestieBron
from toegang.thema.services import actief_thema


@dataclass(frozen=True)
class Gegevens:
    """Facts as label–value pairs (a definition list)."""

    rijen: list[tuple[str, str]]
    soort: str = "gegevens"


@dataclass(frozen=True)
class Tabel:
    caption: str
    kolommen: list[str]
    rijen: list[list[str]]
    leeg: str = ""
    soort: str = "tabel"


@dataclass(frozen=True)
class Tekst:
    tekst: str
    soort: str = "tekst"


Blok = Gegevens | Tabel | Tekst


@dataclass
class Sectie:
    titel: str
    niveau: int  # heading level: 2, 3 or 4
    blokken: list[Blok] = field(default_factory=list)


@dataclass
class InzageDocument:
    titel: str
    gemaakt_op: str
    secties: list[Sectie]


# --- Values in plain words -------------------------------------------------------------------


def _label(choices: type[models.Choices], value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return "" if value is None else str(value)


def _moment(value: str | None) -> str:
    if not value:
        return ""
    return formats.date_format(timezone.localtime(datetime.fromisoformat(value)), "j F Y H:i")


def _dag(value: str | None) -> str:
    if not value:
        return ""
    return formats.date_format(date.fromisoformat(value[:10]), "j F Y")


def _ja_nee(value: bool) -> str:
    return _("ja") if value else _("nee")


def _gegevens(*rijen: tuple[str, str]) -> Gegevens:
    """Only the facts that have a value: an empty optional field is left out."""
    return Gegevens(rijen=[(label, waarde) for label, waarde in rijen if waarde])


# --- Sections ------------------------------------------------------------------------------


def _account(account: dict[str, Any]) -> Sectie:
    naam = f"{account['voornaam']} {account['achternaam']}".strip()
    return Sectie(_("Uw account"), 2, [_gegevens(
        (_("Naam"), naam),
        (_("E-mailadres"), account["email"]),
        (_("Telefoonnummer"), account["telefoon"]),
        (_("Gebruikersnaam"), account["gebruikersnaam"]),
        (_("Account gemaakt op"), _moment(account["aangemaakt_op"])),
        (_("Laatst ingelogd op"), _moment(account["laatst_ingelogd_op"])),
    )])


def _aanvrager(a: dict[str, Any]) -> Sectie:
    adres = (_("geen vast adres") if a["geen_vast_adres"]
             else ", ".join(p for p in (a["straat"], f"{a['postcode']} {a['woonplaats']}".strip())
                            if p))
    return Sectie(_("Over u"), 3, [_gegevens(
        (_("Naam"), f"{a['voornaam']} {a['achternaam']}".strip()),
        (_("Geboortedatum"), _dag(a["geboortedatum"])),
        (_("Burgerservicenummer (BSN)"), a["bsn"]),
        (_("Adres"), adres),
        (_("Telefoonnummer"), a["telefoon"]),
        (_("E-mailadres"), a["email"]),
        (_("Contact bij voorkeur via"), _label(ContactVoorkeur, a["contact_voorkeur"])),
        (_("Beste tijden om contact op te nemen"), a["contact_tijden"]),
    )])


def _vraag(i: dict[str, Any]) -> Sectie:
    return Sectie(_("Uw vraag"), 3, [
        Tekst(i["vraag"]),
        _gegevens(
            (_("Gaat over"), ", ".join(_label(Levensgebied, g) for g in i["levensgebieden"])),
            (_("Gaat de vraag (ook) over een kind?"), _ja_nee(i["over_kind"])),
            (_("Wat gaat goed"), i["wat_gaat_goed"]),
            (_("Wie helpt al"), i["wie_helpt"]),
            (_("Wat zou u graag willen"), i["wens"]),
            (_("Hoe snel is hulp nodig"), _label(Urgentie, i["urgentie"])),
            (_("Is iedereen veilig?"), _label(Veiligheid, i["veiligheid"])),
            (_("Toelichting over veiligheid"), i["veiligheid_toelichting"]),
        ),
    ])


def _huishouden(leden: list[dict[str, Any]]) -> Sectie:
    return Sectie(_("Uw huishouden"), 3, [Tabel(
        caption=_("Mensen in uw huishouden"),
        kolommen=[_("Voornaam"), _("Relatie"), _("Geboortejaar"),
                  _("Gaat de vraag ook over deze persoon?")],
        rijen=[[h["naam"], _label(Relatie, h["relatie"]), str(h["geboortejaar"]),
                _ja_nee(h["vraag_gaat_over"])] for h in leden],
        leeg=_("U heeft geen andere mensen in uw huishouden genoemd."))])


def _eigen_vragen(antwoorden: list[dict[str, Any]]) -> Sectie:
    return Sectie(_("Vragen van de gemeente"), 3, [Tabel(
        caption=_("Extra vragen van de gemeente en uw antwoorden"),
        kolommen=[_("Vraag"), _("Uw antwoord")],
        rijen=[[a["vraag"], antwoord_weergave(a["soort"], a["antwoord"])] for a in antwoorden])])


def _suggesties(suggesties: list[dict[str, Any]]) -> Sectie:
    return Sectie(_("Hulp in de buurt"), 3, [Tabel(
        caption=_("Hulp uit de sociale kaart die wij u hebben aangeraden"),
        kolommen=[_("Datum"), _("Organisatie"), _("Hulp"), _("Hoe")],
        rijen=[[_moment(s["op"]), s["organisatie"], s["voorziening"],
                _label(SuggestieBron, s["bron"])] for s in suggesties])])


def _aanvullingen(aanvullingen: list[dict[str, Any]]) -> Sectie:
    return Sectie(_("Aanvullingen"), 3, [Tabel(
        caption=_("Wat later is toegevoegd"),
        kolommen=[_("Datum"), _("Door"), _("Tekst")],
        rijen=[[_moment(a["op"]), _("een medewerker, namens u") if a["namens_inwoner"]
                else _("u"), a["tekst"]] for a in aanvullingen],
        leeg=_("Er is niets toegevoegd."))])


def _bijlagen(bijlagen: list[dict[str, Any]]) -> Sectie:
    return Sectie(_("Bestanden"), 3, [
        Tekst(_("Hier ziet u welke bestanden wij bewaren. De bestanden zelf zitten niet in "
                "dit overzicht. U kunt ze openen bij uw aanvraag in Mijn toegang.")),
        Tabel(caption=_("Bestanden bij deze aanvraag"),
              kolommen=[_("Naam"), _("Soort bestand"), _("Grootte"), _("Datum")],
              rijen=[[b["naam"], b["soort"], str(filesizeformat(b["grootte"])),
                      _moment(b["op"])] for b in bijlagen],
              leeg=_("Er zijn geen bestanden."))])


def _door(door: str) -> str:
    return {"inwoner": _("u"), "medewerker": _("een medewerker")}.get(door, _("automatisch"))


def _toestemming(t: dict[str, Any]) -> Sectie:
    titel = f"{_label(Wet, t['wet'])}: {_label(ToestemmingStatus, t['status'])}"
    return Sectie(titel, 4, [
        _gegevens(
            (_("Wat wordt gedeeld"), ", ".join(_label(ScopeDeel, s) for s in t["scope"])),
            (_("Gevraagd op"), _moment(t["gevraagd_op"])),
            (_("Gegeven op"), _moment(t["gegeven_op"])),
            (_("Geldig tot"), _moment(t["geldig_tot"])),
            (_("Ingetrokken op"), _moment(t["ingetrokken_op"])),
            (_("Akkoord van de jongere"), _ja_nee(True) if t["kind_akkoord"] else ""),
            (_("Akkoord van een ouder"), t["ouder_naam"] if t["ouder_akkoord"] else ""),
        ),
        Tabel(caption=_("De tekst waarover u besliste"),
              kolommen=[_("Versie"), _("Vraag"), _("Uitleg")],
              rijen=[[str(d["versie"]), d["vraag"], d["uitleg"]] for d in t["doelteksten"]]),
        Tabel(caption=_("Geschiedenis van deze toestemming"),
              kolommen=[_("Datum"), _("Wat"), _("Versie van de tekst"), _("Door"),
                        _("Geldig tot")],
              rijen=[[_moment(g["op"]), _label(ToestemmingGebeurtenis.Soort, g["soort"]),
                      str(g["doel_versie"]), _door(g["door"]), _moment(g["geldig_tot"])]
                     for g in t["geschiedenis"]]),
    ])


def _veiligheid(meldingen: list[dict[str, Any]]) -> Sectie:
    return Sectie(_("Zorgen over veiligheid"), 3, [
        Tekst(_("Een medewerker maakte zich zorgen over de veiligheid. Daarom mochten deze "
                "teams een tijd uw gegevens inzien, ook zonder uw toestemming.")),
        Tabel(caption=_("Veiligheidsmeldingen"),
              kolommen=[_("Van"), _("Tot"), _("Teams"), _("Stap in de Meldcode"),
                        _("Beoordeling")],
              rijen=[[_moment(m["begin"]), _moment(m["einde"]), ", ".join(m["teams"]),
                      _label(MeldcodeStap, m["meldcode_stap"]),
                      _label(Beoordeling, m["beoordeling"])] for m in meldingen])])


def _casus(c: dict[str, Any]) -> Sectie:
    return Sectie(_("Wie helpt u"), 3, [
        _gegevens(
            (_("Status"), _label(CasusStatus, c["status"])),
            (_("Team"), c["team"]),
            (_("Geopend op"), _moment(c["geopend_op"])),
            (_("Afgesloten op"), _moment(c["afgesloten_op"])),
        ),
        Tabel(caption=_("Uw regiehouder: wie houdt het overzicht"),
              kolommen=[_("Naam"), _("Functie"), _("Team"), _("Van"), _("Tot")],
              rijen=[[r["naam"], r["functie"], r["team"], _moment(r["van"]),
                      _moment(r["tot"]) or _("nu")] for r in c["regiehouders"]]),
        Tabel(caption=_("Andere teams die helpen"),
              kolommen=[_("Team"), _("Rol"), _("Van"), _("Tot")],
              rijen=[[b["team"], _label(BetrokkenRol, b["rol"]), _moment(b["van"]),
                      _moment(b["tot"]) or _("nu")] for b in c["betrokkenen"]],
              leeg=_("Er helpen geen andere teams mee.")),
        Tabel(caption=_("Uw afspraken"),
              kolommen=[_("Wanneer"), _("Soort"), _("Waar"), _("Wie komen er"), _("Tolk"),
                        _("Status"), _("Uw vraag")],
              rijen=[[_moment(a["start"]), _label(AfspraakSoort, a["soort"]),
                      _("bij u thuis") if a["bij_u_thuis"] else a["plaats"], a["wie"],
                      a["tolk"], _label(AfspraakStatus, a["status"]), a["uw_vraag"]]
                     for a in c.get("afspraken", [])],
              leeg=_("Er zijn geen afspraken.")),
    ])


def _verslag(v: dict[str, Any]) -> Sectie:
    return Sectie(_("Verslag van het gesprek op %(datum)s") % {"datum": _dag(v["gesprek_op"])},
                  4, [_gegevens(
        (_("Naar u gestuurd op"), _moment(v["verstuurd_op"])),
        (_("Waar heeft u hulp bij nodig"), v["hulpvraag"]),
        (_("Wat kunt u zelf"), v["eigen_kracht"]),
        (_("Wat kunnen mensen om u heen doen"), v["netwerk"]),
        (_("Mantelzorg"), v["mantelzorg"]),
        (_("Hulp in de buurt"), v["algemene_voorzieningen"]),
        (_("Extra ondersteuning nodig"), _ja_nee(v["maatwerk_nodig"])),
        (_("Welke ondersteuning en waarom"), v["maatwerk_toelichting"]),
        (_("Uw wens: natura of pgb"), _label(Vormwens, v["vormwens"])),
        (_("Uw opmerkingen"), v["uw_opmerkingen"]),
    )])


def _aanvragen(aanvragen: list[dict[str, Any]]) -> Sectie:
    return Sectie(_("Uw aanvragen voor ondersteuning"), 3, [Tabel(
        caption=_("Aanvragen"),
        kolommen=[_("Wet"), _("Ontvangen op"), _("Hoe"), _("Natura of pgb"), _("Toelichting")],
        rijen=[[_label(Wet, a["wet"]), _dag(a["ontvangen_op"]), _label(AanvraagVia, a["via"]),
                _label(Vormwens, a["vormwens"]), a["toelichting"]] for a in aanvragen])])


def _omvang(r: dict[str, Any]) -> str:
    if r["volume"] is None:
        return ""
    volume = Decimal(r["volume"])
    eenheid = (_label(Eenheid, r["eenheid"]) if volume == 1
               else str(EENHEID_MEERVOUD.get(r["eenheid"], r["eenheid"])))
    getal = format(volume.normalize(), "f").replace(".", ",")
    return f"{getal} {eenheid} {_label(Frequentie, r['frequentie'])}"


def _periode(r: dict[str, Any]) -> str:
    if not r["begindatum"]:
        return ""
    return f"{_dag(r['begindatum'])} – {_dag(r['einddatum']) or _('zolang het nodig is')}"


def _besluit(b: dict[str, Any]) -> Sectie:
    titel = _("Besluit %(kenmerk)s (%(wet)s)") % {"kenmerk": b["kenmerk"],
                                                   "wet": _label(Wet, b["wet"])}
    blokken: list[Blok] = [
        _gegevens(
            (_("Status"), _label(BeschikkingStatus, b["status"])),
            (_("Besluitdatum"), _dag(b["genomen_op"])),
            (_("Bezwaar mogelijk tot en met"), _dag(b["bezwaar_tot"])),
            (_("Vervangt besluit"), b["vervangt"]),
            (_("Ingetrokken per"), _dag(b["ingetrokken_op"])),
            (_("Reden van de verandering"), b["reden_wijziging"]),
            (_("Waarom dit besluit"), b["motivering"]),
        ),
        Tabel(caption=_("Wat is besloten"),
              kolommen=[_("Product"), _("Besluit"), _("Hoeveel"), _("Periode"),
                        _("Natura of pgb"), _("Zorgaanbieder"), _("Reden")],
              rijen=[[r["product"], _label(Besluit, r["besluit"]), _omvang(r), _periode(r),
                      _label(Levering, r["levering"]) if r["levering"] else "",
                      r["aanbieder"], r["reden"]] for r in b["regels"]]),
    ]
    if b["bezwaren"]:
        blokken.append(Tabel(
            caption=_("Uw bezwaar"),
            kolommen=[_("Ontvangen op"), _("Waar gaat het over"), _("Uitkomst"),
                      _("Beslist op")],
            rijen=[[_dag(z["ontvangen_op"]), z["toelichting"],
                    _label(BezwaarUitkomst, z["uitkomst"]) if z["uitkomst"] else "",
                    _dag(z["besloten_op"])] for z in b["bezwaren"]]))
    return Sectie(titel, 4, blokken)


def _toewijzingen(rijen: list[dict[str, Any]]) -> Sectie:
    """What the municipality asked providers to deliver, and when they started and stopped."""
    def omvang(t: dict[str, Any]) -> str:
        if t["volume"] is None:
            return ""
        return _omvang({**t, "volume": str(t["volume"])})

    return Sectie(_("Opdrachten aan zorgaanbieders"), 3, [Tabel(
        caption=_("Toewijzingen"),
        kolommen=[_("Nummer"), _("Product"), _("Zorgaanbieder"), _("Hoeveel"), _("Periode"),
                  _("Zorg gestart op"), _("Zorg gestopt op")],
        rijen=[[str(t["nummer"]), t["product"], t["aanbieder"], omvang(t),
                _periode({"begindatum": t["ingangsdatum"], "einddatum": t["einddatum"]}),
                _dag(t["zorg_gestart_op"]), _dag(t["zorg_gestopt_op"])] for t in rijen])])


def _besluitpad(c: dict[str, Any]) -> list[Sectie]:
    """Verslagen, aanvragen and decisions; nothing when there are none."""
    secties: list[Sectie] = []
    if c.get("verslagen"):
        secties.append(Sectie(_("Verslagen van uw gesprekken"), 3))
        secties += [_verslag(v) for v in c["verslagen"]]
    if c.get("aanvragen"):
        secties.append(_aanvragen(c["aanvragen"]))
    if c.get("besluiten"):
        secties.append(Sectie(_("Onze besluiten"), 3))
        secties += [_besluit(b) for b in c["besluiten"]]
    if c.get("toewijzingen"):
        secties.append(_toewijzingen(c["toewijzingen"]))
    return secties


def _intake(i: dict[str, Any]) -> list[Sectie]:
    secties = [
        Sectie(_("Aanvraag %(ref)s") % {"ref": i["referentie"]}, 2, [_gegevens(
            (_("Verstuurd op"), _moment(i["ingediend_op"])),
            (_("Hoe verstuurd"), _label(Kanaal, i["kanaal"])),
            (_("Status"), _label(IntakeStatus, i["status"])),
            (_("Wijk"), i["wijk"] or ""),
            (_("Team"), i["team"]),
        )]),
        _aanvrager(i["aanvrager"]),
        _huishouden(i["huishouden"]),
        _vraag(i),
        *([_eigen_vragen(i["eigen_vragen"])] if i.get("eigen_vragen") else []),
        *([_suggesties(i["suggesties"])] if i.get("suggesties") else []),
        _aanvullingen(i["aanvullingen"]),
        _bijlagen(i["bijlagen"]),
        Sectie(_("Toestemmingen"), 3, [] if i["toestemmingen"] else [
            Tekst(_("U heeft bij deze aanvraag geen toestemming gegeven of geweigerd."))]),
        *[_toestemming(t) for t in i["toestemmingen"]],
    ]
    if i["veiligheidsmeldingen"]:
        secties.append(_veiligheid(i["veiligheidsmeldingen"]))
    if i["casus"]:
        secties.append(_casus(i["casus"]))
        secties += _besluitpad(i["casus"])
    return secties


def _notificaties(rijen: list[dict[str, Any]]) -> Sectie:
    return Sectie(_("Berichten in Mijn toegang"), 2, [Tabel(
        caption=_("Berichten die u van ons kreeg"),
        kolommen=[_("Datum"), _("Onderwerp"), _("Tekst"), _("Gelezen op")],
        rijen=[[_moment(n["op"]), n["onderwerp"], n["tekst"], _moment(n["gelezen_op"])]
               for n in rijen],
        leeg=_("U heeft nog geen berichten gekregen."))])


def _toegangslog(rijen: list[dict[str, Any]]) -> Sectie:
    gemeente = actief_thema().gemeentenaam  # once, not per row
    return Sectie(_("Wie keek mee"), 2, [
        Tekst(_("Elke keer dat een medewerker uw gegevens bekijkt of verandert, schrijven we "
                "dat op. Hier ziet u wanneer, welk team, in welke rol en waarom.")),
        Tabel(caption=_("Wie heeft uw gegevens bekeken"),
              kolommen=[_("Datum"), _("Team of organisatie"), _("Rol"), _("Wat"),
                        _("Waarom")],
              rijen=[[_moment(r["op"]), r["team"] or gemeente,
                      _label(Rol, r["rol"]), _label(Actie, r["actie"]), grond_label(r["grond"])]
                     for r in rijen],
              leeg=_("Nog niemand heeft uw gegevens bekeken."))])


def inzage_document(*, data: dict[str, Any]) -> InzageDocument:
    """The sections of the inzage in the current language, from `inzage_data`."""
    secties = [_account(data["account"])]
    if data["intakes"]:
        for intake in data["intakes"]:
            secties.extend(_intake(intake))
    else:
        secties.append(Sectie(_("Uw aanvragen"), 2, [Tekst(_("U heeft nog geen aanvraag "
                                                             "gedaan."))]))
    secties.append(_notificaties(data["notificaties"]))
    secties.append(_toegangslog(data["toegangslog"]))
    return InzageDocument(titel=_("Mijn gegevens"),
                          gemaakt_op=_moment(data["export"]["gemaakt_op"]), secties=secties)
