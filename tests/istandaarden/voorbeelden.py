"""Example messages of every kind, in both standaarden, built from the dataclasses. The BSNs
pass the elfproef and are from the range reserved for tests (999 9xx xxx)."""

from datetime import date, time

from toegang.istandaarden.berichten import (
    AangevraagdProduct,
    Adres,
    Antwoord,
    Bericht,
    Client,
    Header,
    Naam,
    NieuwProduct,
    Omvang,
    StartProduct,
    StopProduct,
    TeWijzigenProduct,
    ToegewezenProduct,
    Wijzigingsverzoek,
    retour,
)
from toegang.istandaarden.codes import Standaard

GEMEENTE = "1999"
AGB = "12345678"
BSN = "999990019"
DAG = date(2026, 3, 2)
CATEGORIE = {Standaard.IWMO: "02", Standaard.IJW: "45"}
BEEINDIGING = {Standaard.IWMO: "19", Standaard.IJW: "31"}

CLIENT = Client(
    bsn=BSN, geboortedatum=date(2011, 5, 17), geslacht="2",
    naam=Naam(achternaam="Berg", voorvoegsel="van den", voornamen="Anna Maria",
              voorletters="AM"),
    adres=Adres(huisnummer=12, huisletter="b", toevoeging="2", postcode="7511AA",
                straat="Stadhuisplein", plaats="Dijkstad", land="NL"),
    commentaar="Graag eerst bellen.")
# What a provider's message carries of the client (no address, no comment).
CLIENT_KORT = Client(bsn=CLIENT.bsn, geboortedatum=CLIENT.geboortedatum, geslacht="2",
                     naam=CLIENT.naam)


def header(standaard: Standaard, bericht: str, identificatie: str = "H0001") -> Header:
    van_gemeente = bericht in ("301", "319")
    return Header(standaard=standaard, bericht=bericht,
                  afzender=GEMEENTE if van_gemeente else AGB,
                  ontvanger=AGB if van_gemeente else GEMEENTE,
                  identificatie=identificatie, dagtekening=DAG)


def heen(standaard: Standaard, bericht: str) -> Bericht:
    categorie = CATEGORIE[standaard]
    omvang = Omvang(volume=4, eenheid="04", frequentie="2")
    if bericht == "301":
        return Bericht(header=header(standaard, "301"), client=CLIENT, toegewezen=(
            ToegewezenProduct(toewijzingnummer=3001, toewijzingsdatum=DAG,
                              toewijzingstijd=time(9, 30, 5), ingangsdatum=date(2026, 3, 9),
                              einddatum=date(2026, 9, 8), categorie=categorie,
                              code=f"{categorie}A01", omvang=omvang,
                              referentie_aanbieder="REF-1", commentaar="Eerste toewijzing"),
            ToegewezenProduct(toewijzingnummer=3002, toewijzingsdatum=DAG,
                              toewijzingstijd=time(9, 30, 5), ingangsdatum=date(2026, 3, 9),
                              categorie=categorie, budget=125_000, reden_wijziging="04"),
        ))
    if bericht == "305":
        return Bericht(header=header(standaard, "305"), client=CLIENT_KORT, start=(
            StartProduct(begindatum=date(2026, 3, 10), toewijzingnummer=3001,
                         categorie=categorie, code=f"{categorie}A01",
                         toewijzing_ingangsdatum=date(2026, 3, 9)),
            StartProduct(begindatum=date(2026, 3, 11), toewijzingnummer=3002,
                         status_aanlevering="3"),
        ))
    if bericht == "307":
        return Bericht(header=header(standaard, "307"), client=CLIENT_KORT, stop=(
            StopProduct(begindatum=date(2026, 3, 10), einddatum=date(2026, 6, 30),
                        reden_beeindiging=BEEINDIGING[standaard], toewijzingnummer=3001,
                        categorie=categorie, code=f"{categorie}A01",
                        toewijzing_ingangsdatum=date(2026, 3, 9)),
        ))
    if bericht == "315":
        extra = {"gezagsdrager_bekend": "1"} if standaard == Standaard.IJW else {}
        client = Client(bsn=BSN, geboortedatum=date(2011, 5, 17), geslacht="2",
                        naam=Naam(achternaam="Berg", voorvoegsel="van den", voorletters="AM"),
                        commentaar="Aanvraag na intake", **extra)
        return Bericht(header=header(standaard, "315"), client=client, aangevraagd=(
            AangevraagdProduct(referentie_aanbieder="VOT-1", toewijzing_ingangsdatum=DAG,
                               categorie=categorie, code=f"{categorie}A02",
                               toewijzing_einddatum=date(2027, 3, 1), omvang=omvang,
                               verwijzer_type="02", verwijzer_naam="Huisarts Jansen",
                               verwijzer_agb="01234567", commentaar="Met spoed",
                               beschikkingnummer=77, beschikking_ingangsdatum=date(2026, 3, 1),
                               raamcontract="2"),
            AangevraagdProduct(referentie_aanbieder="VOT-2", toewijzing_ingangsdatum=DAG,
                               categorie=categorie, budget=50_000, verwijzer_type="06"),
        ))
    if bericht == "317":
        return Bericht(header=header(standaard, "317"), client=Client(bsn=BSN),
                       verzoek=Wijzigingsverzoek(
                           referentie_aanbieder="VOW-1", reden_verzoek="1",
                           ongewijzigd=(3002,),
                           te_wijzigen=(TeWijzigenProduct(
                               toewijzingnummer=3001, gewenste_ingangsdatum=date(2026, 4, 1),
                               einddatum=date(2026, 12, 31),
                               omvang=Omvang(volume=6, eenheid="04", frequentie="2")),),
                           nieuw=(NieuwProduct(gewenste_ingangsdatum=date(2026, 4, 1),
                                               categorie=categorie, code=f"{categorie}A03",
                                               omvang=omvang),
                                  NieuwProduct(gewenste_ingangsdatum=date(2026, 5, 1),
                                               categorie=categorie, budget=10_000))))
    if bericht == "319":
        woonplaats = "0363" if standaard == Standaard.IJW else ""
        return Bericht(header=header(standaard, "319"), antwoord=Antwoord(
            referentie_aanbieder="VOT-1", verzoek_antwoord="1", reden_afwijzing="8",
            woonplaatsbeginsel=woonplaats))
    raise ValueError(bericht)


def retour_van(standaard: Standaard, bericht: str) -> Bericht:
    """The retour on the heen message `bericht`, with one class refused where there is one."""
    h = heen(standaard, bericht)
    codes = {"301": {"3001": ("9332",)}, "305": {"3002": ("9063",)},
             "307": {"3001": ("9069",)}, "315": {"VOT-2": ("9347",)},
             "317": {"3002": ("9350",), "nieuw-2": ("0233",)}, "319": {"VOT-1": ("9359",)}}
    return retour(h, identificatie="R0001", dagtekening=date(2026, 3, 3),
                  codes=codes[bericht])


HEEN = ("301", "305", "307", "315", "317", "319")
