"""The twelve messages in both standaarden: written, checked against the schema and read back;
the retour rules; what the schema refuses."""

from dataclasses import replace
from datetime import date

import pytest
from lxml import etree

from tests.istandaarden.voorbeelden import AGB, BSN, CLIENT, GEMEENTE, HEEN, heen, retour_van
from toegang.istandaarden.berichten import (
    Adres,
    BerichtFout,
    Naam,
    bestandsnaam,
    lees,
    maak,
    nieuwe_identificatie,
    retour,
)
from toegang.istandaarden.codes import (
    BERICHTCODES,
    HEEN_NAAR_RETOUR,
    Standaard,
    basis_namespace,
    bericht_namespace,
)

STANDAARDEN = (Standaard.IWMO, Standaard.IJW)
ALLE = [(s, b) for s in STANDAARDEN for b in HEEN]


def _ns(standaard: str, bericht: str) -> dict[str, str]:
    return {"m": bericht_namespace(standaard, bericht), "b": basis_namespace(standaard)}


@pytest.mark.parametrize(("standaard", "bericht"), ALLE)
def test_heen_message_survives_writing_and_reading(standaard: Standaard, bericht: str) -> None:
    origineel = heen(standaard, bericht)
    xml = maak(origineel)
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert lees(xml) == origineel


@pytest.mark.parametrize(("standaard", "bericht"), ALLE)
def test_retour_message_survives_writing_and_reading(standaard: Standaard, bericht: str) -> None:
    origineel = retour_van(standaard, bericht)
    assert origineel.header.bericht == HEEN_NAAR_RETOUR[bericht]
    assert lees(maak(origineel)) == origineel


@pytest.mark.parametrize(("standaard", "bericht"), ALLE)
def test_message_is_in_its_own_namespace_with_the_shared_parts_in_the_basisschema(
        standaard: Standaard, bericht: str) -> None:
    root = etree.fromstring(maak(heen(standaard, bericht)))
    ns = _ns(standaard, bericht)
    assert root.tag == f"{{{ns['m']}}}Bericht"
    assert root.findtext("m:Header/m:BerichtCode", namespaces=ns) == BERICHTCODES[
        (standaard, bericht)]
    assert root.findtext("m:Header/m:BerichtVersie", namespaces=ns) == "3"
    assert root.findtext("m:Header/m:BerichtSubversie", namespaces=ns) == "2"
    assert root.findtext("m:Header/m:BerichtIdentificatie/b:Identificatie",
                         namespaces=ns) == "H0001"
    assert root.findtext("m:Header/m:XsdVersie/b:BasisschemaXsdVersie", namespaces=ns) == "1.0.0"


def test_301_carries_the_full_name_and_the_brp_address() -> None:
    root = etree.fromstring(maak(heen(Standaard.IJW, "301")))
    ns = _ns("ijw", "301")
    naam = root.find("m:Client/m:Naam", ns)
    assert naam.findtext("b:Geslachtsnaam/b:Achternaam", namespaces=ns) == "Berg"
    assert naam.findtext("b:Geslachtsnaam/b:Voorvoegsel", namespaces=ns) == "van den"
    assert naam.findtext("b:NaamGebruik", namespaces=ns) == "1"
    contact = root.find("m:Client/m:Contactgegevens/m:Contact", ns)
    assert contact.findtext("m:Soort", namespaces=ns) == "01"
    assert contact.findtext("m:Adres/b:Huis/b:Huisnummer", namespaces=ns) == "12"
    assert contact.findtext("m:Adres/b:Postcode", namespaces=ns) == "7511AA"
    product = root.find("m:Client/m:ToegewezenProducten/m:ToegewezenProduct", ns)
    assert product.findtext("m:Product/b:Categorie", namespaces=ns) == "45"
    assert product.findtext("m:Omvang/b:Eenheid", namespaces=ns) == "04"
    assert product.findtext("m:Toewijzingstijd", namespaces=ns) == "09:30:05"


def test_301_without_an_address_still_has_a_brp_contact() -> None:
    bericht = heen(Standaard.IWMO, "301")
    bericht = replace(bericht, client=replace(CLIENT, adres=None))
    root = etree.fromstring(maak(bericht))
    ns = _ns("iwmo", "301")
    assert root.findtext("m:Client/m:Contactgegevens/m:Contact/m:Soort", namespaces=ns) == "01"
    assert root.find("m:Client/m:Contactgegevens/m:Contact/m:Adres", ns) is None
    assert lees(maak(bericht)).client.adres is None


def test_305_and_315_carry_the_short_name() -> None:
    for bericht in ("305", "315"):
        root = etree.fromstring(maak(heen(Standaard.IJW, bericht)))
        ns = _ns("ijw", bericht)
        assert root.find("m:Client/m:Naam/b:NaamGebruik", ns) is None
        assert root.findtext("m:Client/m:Naam/b:Geslachtsnaam/b:Achternaam",
                             namespaces=ns) == "Berg"


# --- Retour ------------------------------------------------------------------------------


def test_retour_keeps_the_heen_header_and_adds_its_own_identification() -> None:
    h = heen(Standaard.IJW, "305")
    r = retour(h, identificatie="EIGEN1", dagtekening=date(2026, 3, 4))
    assert (r.header.afzender, r.header.ontvanger) == (AGB, GEMEENTE)
    assert (r.header.verzender, r.header.geadresseerde) == (GEMEENTE, AGB)
    assert (r.header.identificatie, r.header.dagtekening) == ("EIGEN1", date(2026, 3, 4))
    assert (r.header.identificatie_retour, r.header.dagtekening_retour) == (
        "H0001", date(2026, 3, 2))
    root = etree.fromstring(maak(r))
    ns = _ns("ijw", "306")
    assert root.findtext("m:Header/m:BerichtCode", namespaces=ns) == "439"
    assert root.findtext("m:Header/m:Afzender", namespaces=ns) == AGB
    assert root.findtext("m:Header/m:BerichtIdentificatie/b:Identificatie",
                         namespaces=ns) == "H0001"
    assert root.findtext("m:Header/m:IdentificatieRetour", namespaces=ns) == "EIGEN1"
    assert root.findtext("m:Header/m:DagtekeningRetour", namespaces=ns) == "2026-03-04"
    assert root.findtext("m:Header/m:XsdVersieRetour/b:BerichtXsdVersie",
                         namespaces=ns) == "1.0.0"


def test_retour_gives_every_class_0200_unless_told_otherwise() -> None:
    r = retour(heen(Standaard.IWMO, "301"), identificatie="R1", dagtekening=date(2026, 3, 3))
    assert r.header.retourcodes == ("0200",)
    assert r.client_retourcodes == ("0200",)
    assert r.contact_retourcodes == ("0200",)
    assert all(p.retourcodes == ("0200",) for p in r.toegewezen)
    assert r.is_goedgekeurd
    assert lees(maak(r)).alle_retourcodes == ("0200",)


def test_retour_puts_the_codes_on_the_class_they_belong_to() -> None:
    r = retour_van(Standaard.IJW, "317")
    verzoek = r.verzoek
    assert verzoek is not None
    assert verzoek.ongewijzigd_retourcodes == (("9350",),)
    assert verzoek.te_wijzigen[0].retourcodes == ("0200",)
    assert [n.retourcodes for n in verzoek.nieuw] == [("0200",), ("0233",)]
    assert not r.is_goedgekeurd
    assert set(lees(maak(r)).alle_retourcodes) == {"0200", "9350", "0233"}


def test_refusing_the_whole_message_sends_only_the_header() -> None:
    r = retour(heen(Standaard.IJW, "315"), identificatie="R2", dagtekening=date(2026, 3, 3),
               algemeen=("0001",))
    assert r.client is None and r.aangevraagd == ()
    terug = lees(maak(r))
    assert terug.header.retourcodes == ("0001",)
    assert terug.client is None
    assert not terug.is_goedgekeurd


def test_a_message_wholly_in_order_can_get_the_header_only_retour() -> None:
    r = retour(heen(Standaard.IWMO, "305"), identificatie="R3", dagtekening=date(2026, 3, 3),
               volledig=False)
    xml = maak(r)
    assert b"RetourCode" not in xml
    terug = lees(xml)
    assert terug.client is None and terug.is_goedgekeurd


def test_retour_refuses_codes_for_parts_that_are_not_there() -> None:
    with pytest.raises(ValueError, match="9999"):
        retour(heen(Standaard.IJW, "305"), identificatie="R4", dagtekening=date(2026, 3, 3),
               codes={"9999": ("9019",)})


def test_a_retour_gets_no_retour() -> None:
    with pytest.raises(ValueError):
        retour(retour_van(Standaard.IJW, "305"), identificatie="R5",
               dagtekening=date(2026, 3, 3))


def test_a_retour_without_the_heen_identification_cannot_be_written() -> None:
    r = retour_van(Standaard.IJW, "319")
    with pytest.raises(BerichtFout):
        maak(replace(r, header=replace(r.header, identificatie_retour="")))


# --- What the schema refuses ------------------------------------------------------------


@pytest.mark.parametrize(("wijzig", "in_melding"), [
    (lambda b: replace(b, client=replace(b.client, bsn="12345")), "Bsn"),
    (lambda b: replace(b, client=replace(b.client, geslacht="9")), "Geslacht"),
    (lambda b: replace(b, toegewezen=(replace(b.toegewezen[0], categorie="01"),)), "Categorie"),
    (lambda b: replace(b, toegewezen=(replace(b.toegewezen[0], reden_wijziging="99"),)),
     "RedenWijziging"),
    (lambda b: replace(b, toegewezen=(replace(b.toegewezen[0], budget=-1),)), "Budget"),
    (lambda b: replace(b, header=replace(b.header, afzender="123")), "Afzender"),
    (lambda b: replace(b, header=replace(b.header, identificatie="x" * 13)), "Identificatie"),
    (lambda b: replace(b, client=replace(b.client, geboortedatum=None)), "Geboortedatum"),
    (lambda b: replace(b, client=replace(b.client, naam=None)), "Naam"),
    (lambda b: replace(b, toegewezen=()), "ToegewezenProducten"),
])
def test_schema_refuses_a_wrong_301(wijzig, in_melding: str) -> None:
    with pytest.raises(BerichtFout) as fout:
        maak(wijzig(heen(Standaard.IJW, "301")))
    assert fout.value.code == "0001"
    assert in_melding in fout.value.melding
    assert "regel" in fout.value.melding


def test_text_xml_cannot_hold_is_a_berichtfout() -> None:
    bericht = heen(Standaard.IJW, "301")
    with pytest.raises(BerichtFout, match="tekens"):
        maak(replace(bericht, client=replace(bericht.client, commentaar="a\x01b")))


def test_the_code_lists_differ_between_the_standaarden() -> None:
    stop_ijw = heen(Standaard.IJW, "307")
    # 19 ends care "volgens plan" in iWmo; iJw uses 31 for that and has no 19.
    with pytest.raises(BerichtFout, match="RedenBeeindiging"):
        maak(replace(stop_ijw, stop=(replace(stop_ijw.stop[0], reden_beeindiging="19"),)))
    stop_iwmo = heen(Standaard.IWMO, "307")
    assert lees(maak(replace(stop_iwmo, stop=(
        replace(stop_iwmo.stop[0], reden_beeindiging="19"),)))).stop[0].reden_beeindiging == "19"


def test_ijw_only_elements_are_refused_in_iwmo() -> None:
    aanvraag = heen(Standaard.IWMO, "315")
    with pytest.raises(BerichtFout, match="GezagsdragerBekend"):
        maak(replace(aanvraag, client=replace(aanvraag.client, gezagsdrager_bekend="1")))
    antwoord = heen(Standaard.IWMO, "319")
    with pytest.raises(BerichtFout, match="Woonplaatsbeginsel"):
        maak(replace(antwoord, antwoord=replace(antwoord.antwoord, woonplaatsbeginsel="0363")))


def test_a_315_needs_a_verwijzer() -> None:
    aanvraag = heen(Standaard.IJW, "315")
    with pytest.raises(BerichtFout, match="Type"):
        maak(replace(aanvraag, aangevraagd=(replace(aanvraag.aangevraagd[0],
                                                    verwijzer_type=""),)))


def test_lees_refuses_what_the_schema_refuses_with_line_numbers() -> None:
    xml = maak(heen(Standaard.IJW, "305")).replace(
        f"<jw305:Bsn>{BSN}</jw305:Bsn>".encode(), b"<jw305:Bsn>12AB</jw305:Bsn>").replace(
        b"<jw305:StatusAanlevering>1<", b"<jw305:StatusAanlevering>7<")
    with pytest.raises(BerichtFout) as fout:
        lees(xml)
    melding = fout.value.melding
    assert fout.value.code == "0001"
    assert "JW305" in melding and "Bsn" in melding and "StatusAanlevering" in melding
    regel = xml.decode().splitlines().index("    <jw305:Bsn>12AB</jw305:Bsn>") + 1
    assert f"regel {regel}:" in melding  # the line in the file as received
    assert "[0-9]{9}" in melding
    assert "{http" not in melding  # namespaces left out for readability


def test_lees_reports_at_most_three_schema_errors() -> None:
    xml = maak(heen(Standaard.IJW, "301"))
    for fout in (b"<jw301:Geslacht>2<", b"<ijw:Eenheid>04<", b"<ijw:Frequentie>2<",
                 b"<ijw:Categorie>45<"):
        xml = xml.replace(fout, fout[:-2] + b"Q<", 1)
    with pytest.raises(BerichtFout) as fout_info:
        lees(xml)
    assert fout_info.value.melding.count("regel ") == 3


# --- Normalising and naming ---------------------------------------------------------------


def test_initials_are_letters_only_and_the_street_name_is_the_short_one() -> None:
    bericht = heen(Standaard.IWMO, "301")
    client = replace(CLIENT, naam=Naam(achternaam="Jansen", voorletters="T.J."),
                     adres=Adres(huisnummer=1, postcode="7511AA", plaats="Dijkstad",
                                 straat="Burgemeester van Walsumweg Noordzijde"))
    terug = lees(maak(replace(bericht, client=client))).client
    assert terug.naam.voorletters == "TJ"
    assert terug.adres.straat == "Burgemeester van Walsumw"  # the first 24 characters


def test_file_name_has_sender_addressee_and_only_safe_characters() -> None:
    assert bestandsnaam(heen(Standaard.IJW, "301")) == f"JW301_{GEMEENTE}_{AGB}_H0001.xml"
    assert bestandsnaam(retour_van(Standaard.IWMO, "305")) == (
        f"WMO306_{GEMEENTE}_{AGB}_R0001.xml")
    raar = heen(Standaard.IJW, "305")
    raar = replace(raar, header=replace(raar.header, identificatie="../a b/c"))
    assert bestandsnaam(raar) == f"JW305_{AGB}_{GEMEENTE}_---a-b-c.xml"


def test_new_identifications_fit_and_differ() -> None:
    nummers = {nieuwe_identificatie() for _ in range(1000)}
    assert len(nummers) == 1000
    assert all(len(n) == 12 for n in nummers)


def test_toewijzingnummers_lists_every_number_once() -> None:
    assert heen(Standaard.IJW, "301").toewijzingnummers == (3001, 3002)
    assert heen(Standaard.IJW, "317").toewijzingnummers == (3002, 3001)
    assert heen(Standaard.IJW, "315").toewijzingnummers == ()


# --- A fuller message, as a provider's software writes it -------------------------------

VOLLEDIGE_302 = """<?xml version="1.0" encoding="UTF-8"?>
<!-- sent by a provider's package -->
<r:Bericht xmlns:r="http://www.istandaarden.nl/ijw/3_2/jw302/schema"
           xmlns:j="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">
 <r:Header>
  <r:BerichtCode>437</r:BerichtCode><r:BerichtVersie>3</r:BerichtVersie>
  <r:BerichtSubversie>2</r:BerichtSubversie>
  <r:Afzender>1999</r:Afzender><r:Ontvanger>12345678</r:Ontvanger>
  <r:BerichtIdentificatie><j:Identificatie>T301-77</j:Identificatie>
   <j:Dagtekening>2026-02-27</j:Dagtekening></r:BerichtIdentificatie>
  <r:XsdVersie><j:BasisschemaXsdVersie>1.0.0</j:BasisschemaXsdVersie>
   <j:BerichtXsdVersie>1.0.0</j:BerichtXsdVersie></r:XsdVersie>
  <r:IdentificatieRetour>PKG-000912</r:IdentificatieRetour>
  <r:DagtekeningRetour>2026-02-28</r:DagtekeningRetour>
  <r:XsltVersie>1.2.0</r:XsltVersie>
  <r:XsdVersieRetour><j:BasisschemaXsdVersie>1.0.0</j:BasisschemaXsdVersie>
   <j:BerichtXsdVersie>1.0.0</j:BerichtXsdVersie></r:XsdVersieRetour>
  <r:RetourCodes><r:RetourCode>0200</r:RetourCode></r:RetourCodes>
 </r:Header>
 <r:Client>
  <r:Bsn>999990019</r:Bsn>
  <r:Geboortedatum><j:Datum>2011-01-01</j:Datum><j:DatumGebruik>2</j:DatumGebruik>
  </r:Geboortedatum>
  <r:Geslacht>0</r:Geslacht>
  <r:Naam><j:Geslachtsnaam><j:Achternaam>Yilmaz</j:Achternaam></j:Geslachtsnaam>
   <j:Partnernaam><j:Achternaam>Bos</j:Achternaam></j:Partnernaam>
   <j:Voornamen>Deniz</j:Voornamen><j:NaamGebruik>4</j:NaamGebruik></r:Naam>
  <r:Communicatie><j:Vorm>2</j:Vorm><j:Taal>Turks</j:Taal></r:Communicatie>
  <r:JuridischeStatus>03</r:JuridischeStatus>
  <r:WettelijkeVertegenwoordiging>07</r:WettelijkeVertegenwoordiging>
  <r:Commentaar>Twee
regels</r:Commentaar>
  <r:Relaties><r:Relatie>
   <r:Nummer>REL-1</r:Nummer><r:Volgorde>1</r:Volgorde><r:Soort>04</r:Soort>
   <r:Naam><j:Geslachtsnaam><j:Achternaam>Yilmaz</j:Achternaam></j:Geslachtsnaam>
    <j:NaamGebruik>1</j:NaamGebruik></r:Naam>
   <r:Contact><r:Soort>02</r:Soort>
    <r:Telefoon><j:Telefoon01><j:Telefoonnummer>0612345678</j:Telefoonnummer>
     <j:Landnummer>0031</j:Landnummer></j:Telefoon01></r:Telefoon>
    <r:Emailadres>ouder@example.org</r:Emailadres>
    <r:RetourCodes><r:RetourCode>0233</r:RetourCode></r:RetourCodes></r:Contact>
   <r:RetourCodes><r:RetourCode>0200</r:RetourCode></r:RetourCodes>
  </r:Relatie></r:Relaties>
  <r:Contactgegevens>
   <r:Contact><r:Soort>03</r:Soort>
    <r:Adres><j:Straatnaam>Logeerlaan</j:Straatnaam><j:Plaatsnaam>Elders</j:Plaatsnaam>
    </r:Adres>
    <r:Organisatie>Logeerhuis De Linde</r:Organisatie>
    <r:Periode><j:Begindatum>2026-01-01</j:Begindatum></r:Periode>
    <r:RetourCodes><r:RetourCode>0200</r:RetourCode></r:RetourCodes></r:Contact>
   <r:Contact><r:Soort>01</r:Soort>
    <r:Adres><j:Huis><j:Huisnummer>5</j:Huisnummer>
     <j:AanduidingWoonadres>BY</j:AanduidingWoonadres></j:Huis>
     <j:Postcode>7511 AB</j:Postcode><j:Straatnaam>Markt</j:Straatnaam>
     <j:Plaatsnaam>Dijkstad</j:Plaatsnaam><j:LandCode>NL</j:LandCode></r:Adres>
    <r:RetourCodes><r:RetourCode>0200</r:RetourCode></r:RetourCodes></r:Contact>
  </r:Contactgegevens>
  <r:ToegewezenProducten><r:ToegewezenProduct>
   <r:ToewijzingNummer>4711</r:ToewijzingNummer>
   <r:Product><j:Categorie>54</j:Categorie></r:Product>
   <r:Toewijzingsdatum>2026-02-27</r:Toewijzingsdatum>
   <r:Toewijzingstijd>16:05:00.25</r:Toewijzingstijd>
   <r:Ingangsdatum>2026-03-01</r:Ingangsdatum>
   <r:Budget>250000</r:Budget>
   <r:RetourCodes><r:RetourCode>9385</r:RetourCode></r:RetourCodes>
  </r:ToegewezenProduct></r:ToegewezenProducten>
  <r:RetourCodes><r:RetourCode>0200</r:RetourCode></r:RetourCodes>
 </r:Client>
</r:Bericht>
"""


def test_a_fuller_302_with_the_parts_we_never_send_is_accepted() -> None:
    bericht = lees(VOLLEDIGE_302.encode())
    header = bericht.header
    assert (header.identificatie, header.dagtekening) == ("PKG-000912", date(2026, 2, 28))
    assert (header.identificatie_retour, header.dagtekening_retour) == (
        "T301-77", date(2026, 2, 27))
    assert header.xslt_versie == "1.2.0"
    client = bericht.client
    assert client.datumgebruik == "2" and client.commentaar == "Twee\nregels"
    assert client.adres == Adres(huisnummer=5, postcode="7511 AB", straat="Markt",
                                 plaats="Dijkstad", land="NL")  # the BRP address
    assert bericht.toegewezen[0].retourcodes == ("9385",)
    assert bericht.toegewezen[0].toewijzingstijd.microsecond == 250000
    assert bericht.overige_retourcodes == ("0200", "0233")
    assert set(bericht.alle_retourcodes) == {"0200", "0233", "9385"}
    assert not bericht.is_goedgekeurd
