"""Our XSD generator and loader, and the code lists it takes its enumerations from."""

import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from lxml import etree

from tests.istandaarden.voorbeelden import heen
from toegang.istandaarden import codes, schemas
from toegang.istandaarden.berichten import maak
from toegang.istandaarden.codes import Standaard

XS = "{http://www.w3.org/2001/XMLSchema}"


def test_the_committed_xsd_files_are_what_the_generator_writes() -> None:
    assert schemas.main(["--check"]) == 0


def test_check_notices_a_changed_or_missing_file(tmp_path: Path, capsys) -> None:
    map_ = tmp_path / "xsd"
    shutil.copytree(schemas.PACKAGE_XSD_MAP, map_)
    (map_ / "ijw" / "JW305.xsd").write_text("<xs:schema/>")
    (map_ / "iwmo" / "WMO320.xsd").unlink()
    assert schemas.main(["--check", "--map", str(map_)]) == 1
    assert "ijw/JW305.xsd" in capsys.readouterr().err
    assert schemas.main(["--map", str(map_)]) == 0
    assert schemas.main(["--check", "--map", str(map_)]) == 0


def test_every_file_says_it_is_ours_and_not_the_official_one() -> None:
    for naam, inhoud in schemas.bestanden().items():
        kop = inhoud[:600].decode()
        assert kop.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!--'), naam
        assert "not the official" in kop and "ISTANDAARDEN_XSD_MAP" in kop, naam


def test_every_retour_class_ends_with_its_retourcodes_and_wrappers_have_none() -> None:
    for standaard in ("iwmo", "ijw"):
        for retour in codes.RETOUR_NAAR_HEEN:
            root = etree.fromstring(schemas.bericht_xsd(standaard, retour).split(b"-->", 1)[1])
            for complex_type in root.iter(f"{XS}complexType"):
                namen = [e.get("name") for e in complex_type.iter(f"{XS}element")]
                soort = complex_type.get("name")
                if soort in ("Root", "RetourCodes") or len(namen) == 1:
                    assert "RetourCodes" not in namen[:-1], (retour, soort)
                else:
                    assert namen[-1] == "RetourCodes", (standaard, retour, soort)


def test_the_enumerations_come_from_the_code_lists() -> None:
    for standaard in ("iwmo", "ijw"):
        typen = schemas.enkelvoudige_typen(standaard)
        assert typen["LDT_ProductCategorie"].waarden == tuple(codes.PRODUCTCATEGORIE[standaard])
        assert typen["LDT_RedenBeeindiging"].waarden == tuple(
            codes.REDEN_BEEINDIGING[standaard])
        assert typen["LDT_RetourCode"].waarden == tuple(codes.RETOURCODES)
    assert set(codes.PRODUCTCATEGORIE["iwmo"]) & set(codes.PRODUCTCATEGORIE["ijw"]) == set()


def test_message_codes_and_directions_are_complete() -> None:
    assert len(codes.BERICHTCODES) == 24
    assert {codes.BERICHT_BIJ_CODE[c] for c in codes.BERICHTCODES.values()} == set(
        codes.BERICHTCODES)
    assert codes.BERICHTCODES[("iwmo", "301")] == "414"
    assert codes.BERICHTCODES[("ijw", "320")] == "489"
    assert set(codes.BERICHTEN) == codes.GEMEENTE_VERSTUURT | codes.GEMEENTE_ONTVANGT
    assert not codes.GEMEENTE_VERSTUURT & codes.GEMEENTE_ONTVANGT
    assert codes.bericht_namespace("ijw", "301") == (
        "http://www.istandaarden.nl/ijw/3_2/jw301/schema")
    assert codes.basis_namespace("iwmo") == (
        "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema")


def _kopie(tmp_path: Path, hernoem) -> Path:
    map_ = tmp_path / "xsd"
    for bestand in schemas.PACKAGE_XSD_MAP.glob("*/*.xsd"):
        doel = map_ / bestand.parent.name / hernoem(bestand.name)
        doel.parent.mkdir(parents=True, exist_ok=True)
        doel.write_bytes(bestand.read_bytes())
    return map_


def test_schema_is_loaded_from_the_configured_folder_in_any_case_of_name(
        tmp_path: Path, settings) -> None:
    # Official releases name the base schema Basisschema.xsd but import basisschema.xsd.
    map_ = _kopie(tmp_path, lambda naam: "Basisschema.xsd" if naam == "basisschema.xsd"
                  else naam.lower())
    settings.ISTANDAARDEN_XSD_MAP = str(map_)
    xsd = schemas.schema("ijw", "301")
    assert xsd.validate(etree.fromstring(maak(heen(Standaard.IJW, "301"))))
    assert schemas.schema("ijw", "301") is xsd  # loaded once


def test_a_missing_schema_is_a_configuration_error(tmp_path: Path, settings) -> None:
    settings.ISTANDAARDEN_XSD_MAP = str(tmp_path)
    with pytest.raises(ImproperlyConfigured, match="JW305"):
        schemas.schema("ijw", "305")


def test_a_schema_cannot_import_from_elsewhere(tmp_path: Path, settings) -> None:
    buiten = tmp_path / "buiten.xsd"
    buiten.write_bytes(schemas.basisschema_xsd("ijw"))
    map_ = tmp_path / "xsd" / "ijw"
    map_.mkdir(parents=True)
    tekst = schemas.bericht_xsd("ijw", "305").replace(
        b'schemaLocation="basisschema.xsd"', b'schemaLocation="http://example.invalid/b.xsd"')
    (map_ / "JW305.xsd").write_bytes(tekst)
    settings.ISTANDAARDEN_XSD_MAP = str(tmp_path / "xsd")
    with pytest.raises(ImproperlyConfigured, match=r"b\.xsd"):
        schemas.schema("ijw", "305")
    (map_ / "JW305.xsd").write_bytes(tekst.replace(b"http://example.invalid/b.xsd",
                                                   b"../../buiten.xsd"))
    with pytest.raises(ImproperlyConfigured, match="buiten"):
        schemas.schema("ijw", "305")
