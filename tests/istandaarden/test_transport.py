"""The folder transport: atomic writes, reading oldest first, files that cannot be messages,
moving without ever overwriting."""

import os
from datetime import date
from pathlib import Path

import pytest
import time_machine

from toegang.istandaarden import transport as transport_module
from toegang.istandaarden.transport import (
    MapTransport,
    Ontvangen,
    TransportFout,
    schrijf_atomair,
    transport,
)


@pytest.fixture
def kanaal(tmp_path: Path) -> MapTransport:
    return MapTransport(tmp_path, max_bytes=1000)


def _leg(kanaal: MapTransport, naam: str, inhoud: bytes = b"<x/>", mtime: int = 0) -> Path:
    pad = kanaal.in_ / naam
    pad.write_bytes(inhoud)
    if mtime:
        os.utime(pad, ns=(mtime, mtime))
    return pad


def test_verstuur_writes_the_file_in_uit_and_nothing_else(kanaal: MapTransport) -> None:
    kanaal.verstuur("JW301_1999_12345678_a.xml", b"<inhoud/>")
    assert [p.name for p in kanaal.uit.iterdir()] == ["JW301_1999_12345678_a.xml"]
    assert (kanaal.uit / "JW301_1999_12345678_a.xml").read_bytes() == b"<inhoud/>"


def test_verstuur_is_atomic(kanaal: MapTransport, monkeypatch) -> None:
    """At the moment the bytes are synced they sit under a hidden temporary name; the real
    name appears only afterwards, whole."""
    gezien = []
    echte_fsync = os.fsync

    def fsync(fd: int) -> None:
        gezien.append(sorted(p.name for p in kanaal.uit.iterdir()))
        echte_fsync(fd)

    monkeypatch.setattr(transport_module.os, "fsync", fsync)
    kanaal.verstuur("JW301_1999_12345678_b.xml", b"<inhoud/>")
    tijdens = gezien[0]
    assert len(tijdens) == 1
    assert tijdens[0].startswith(".JW301_1999_12345678_b.xml.") and tijdens[0].endswith(".tmp")
    assert sorted(p.name for p in kanaal.uit.iterdir()) == ["JW301_1999_12345678_b.xml"]


def test_verstuur_again_is_harmless_but_never_replaces_another_file(
        kanaal: MapTransport) -> None:
    kanaal.verstuur("a.xml", b"<een/>")
    kanaal.verstuur("a.xml", b"<een/>")
    with pytest.raises(TransportFout, match=r"a\.xml"):
        kanaal.verstuur("a.xml", b"<twee/>")
    assert (kanaal.uit / "a.xml").read_bytes() == b"<een/>"
    assert [p.name for p in kanaal.uit.iterdir()] == ["a.xml"]


@pytest.mark.parametrize("naam", ["../ontsnapt.xml", "sub/a.xml", ".verborgen.xml", "", "a b.xml"])
def test_verstuur_refuses_names_that_are_not_plain(kanaal: MapTransport, naam: str) -> None:
    with pytest.raises(TransportFout):
        kanaal.verstuur(naam, b"<x/>")
    assert not (kanaal.root / "ontsnapt.xml").exists()


def test_verstuur_raises_transportfout_when_the_folder_is_gone(kanaal: MapTransport) -> None:
    kanaal.uit.rmdir()
    with pytest.raises(TransportFout):
        kanaal.verstuur("a.xml", b"<x/>")


def test_ophalen_gives_oldest_first_and_skips_what_is_being_written(
        kanaal: MapTransport) -> None:
    _leg(kanaal, "b.xml", b"<b/>", mtime=2_000_000_000_000_000_000)
    _leg(kanaal, "a.xml", b"<a/>", mtime=1_000_000_000_000_000_000)
    _leg(kanaal, "c.xml", b"<c/>", mtime=3_000_000_000_000_000_000)
    _leg(kanaal, ".c.xml.1234.tmp", b"<half")
    _leg(kanaal, "d.xml.part", b"<half")
    (kanaal.in_ / "verwerkt").mkdir()
    ontvangen = kanaal.ophalen()
    assert [(o.naam, o.inhoud) for o in ontvangen] == [
        ("a.xml", b"<a/>"), ("b.xml", b"<b/>"), ("c.xml", b"<c/>")]
    assert all(o.sleutel == o.naam and not o.te_groot and not o.afwijzing for o in ontvangen)
    assert [o.naam for o in kanaal.ophalen(limiet=2)] == ["a.xml", "b.xml"]


def test_a_file_above_the_limit_is_returned_unread(tmp_path: Path, settings) -> None:
    settings.ISTANDAARDEN_MAX_BYTES = 5_000_000
    kanaal = MapTransport(tmp_path)
    with (kanaal.in_ / "groot.xml").open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    _leg(kanaal, "klein.xml", b"<k/>")
    ontvangen = {o.naam: o for o in kanaal.ophalen()}
    groot = ontvangen["groot.xml"]
    assert groot.te_groot and groot.inhoud == b"" and groot.grootte == 50 * 1024 * 1024
    assert "te groot" in groot.afwijzing
    assert ontvangen["klein.xml"].inhoud == b"<k/>"


def test_files_that_cannot_be_messages_come_back_for_quarantine(
        kanaal: MapTransport, tmp_path: Path) -> None:
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("ZEER-GEHEIM")
    _leg(kanaal, "notitie.txt", b"hallo")
    (kanaal.in_ / "link.xml").symlink_to(geheim)
    ontvangen = {o.naam: o for o in kanaal.ophalen()}
    assert ontvangen["notitie.txt"].inhoud == b"" and ".xml" in ontvangen["notitie.txt"].afwijzing
    assert ontvangen["link.xml"].inhoud == b"" and ontvangen["link.xml"].afwijzing
    for o in ontvangen.values():
        kanaal.quarantaine(o, o.afwijzing)
    assert sorted(p.name for p in kanaal.in_.iterdir()) == []
    assert geheim.read_text() == "ZEER-GEHEIM"  # the link moved, not its target
    assert (kanaal.quarantaine_map / "link.xml").is_symlink()


@time_machine.travel(date(2026, 3, 5), tick=False)
def test_afgehandeld_moves_to_the_folder_of_the_day_without_overwriting(
        kanaal: MapTransport) -> None:
    dag = kanaal.verwerkt / "2026-03-05"
    dag.mkdir(parents=True)
    (dag / "a.xml").write_bytes(b"<eerder/>")
    _leg(kanaal, "a.xml", b"<nu/>")
    (o,) = kanaal.ophalen()
    kanaal.afgehandeld(o)
    assert not (kanaal.in_ / "a.xml").exists()
    assert (dag / "a.xml").read_bytes() == b"<eerder/>"
    assert (dag / "a-1.xml").read_bytes() == b"<nu/>"
    kanaal.afgehandeld(o)  # gone already: nothing happens
    assert kanaal.ophalen() == []


def test_quarantaine_keeps_the_reason_beside_the_file(kanaal: MapTransport) -> None:
    for inhoud in (b"<een/>", b"<twee/>"):
        _leg(kanaal, "kapot.xml", inhoud)
        (o,) = kanaal.ophalen()
        kanaal.quarantaine(o, f"Niet te lezen: {inhoud.decode()}")
    q = kanaal.quarantaine_map
    assert (q / "kapot.xml").read_bytes() == b"<een/>"
    assert (q / "kapot-1.xml").read_bytes() == b"<twee/>"
    assert "Niet te lezen: <een/>" in (q / "kapot.xml.fout.txt").read_text()
    assert "Niet te lezen: <twee/>" in (q / "kapot-1.xml.fout.txt").read_text()
    assert list(kanaal.in_.iterdir()) == []


def test_a_key_cannot_point_outside_in(kanaal: MapTransport) -> None:
    buiten = kanaal.root / "buiten.xml"
    buiten.write_bytes(b"<x/>")
    with pytest.raises(TransportFout):
        kanaal.quarantaine(Ontvangen("x", b"", "../buiten.xml"), "nee")
    assert buiten.exists()


def test_schrijf_atomair_leaves_no_temporary_file_when_the_name_exists(tmp_path: Path) -> None:
    schrijf_atomair(tmp_path, "a.xml", b"1")
    with pytest.raises(FileExistsError):
        schrijf_atomair(tmp_path, "a.xml", b"2")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml"]
    schrijf_atomair(tmp_path, "a.xml", b"3", overschrijven=True)
    assert (tmp_path / "a.xml").read_bytes() == b"3"


class _Stil:
    def __init__(self) -> None:
        self.verstuurd: list[str] = []


def test_transport_follows_the_settings(tmp_path: Path, settings) -> None:
    settings.ISTANDAARDEN_MAP = str(tmp_path / "verkeer")
    gekozen = transport()
    assert isinstance(gekozen, MapTransport)
    assert gekozen.uit == tmp_path / "verkeer" / "uit" and gekozen.uit.is_dir()
    settings.ISTANDAARDEN_TRANSPORT = f"{__name__}._Stil"
    assert isinstance(transport(), _Stil)
