"""Hostile input: `lees` refuses every file that is not one of the twelve messages, with a
BerichtFout and a Dutch message, without resolving entities, reading files or hanging."""

import time
from pathlib import Path

import pytest
from lxml import etree

from tests.istandaarden.voorbeelden import BSN, heen
from toegang.istandaarden import berichten
from toegang.istandaarden.berichten import BerichtFout, lees, maak
from toegang.istandaarden.codes import Standaard

GOED = maak(heen(Standaard.IJW, "305"))


def _weigert(inhoud: bytes, **kwargs) -> BerichtFout:
    with pytest.raises(BerichtFout) as fout:
        lees(inhoud, **kwargs)
    assert fout.value.code == "0001"
    assert fout.value.melding
    return fout.value


@pytest.mark.parametrize("inhoud", [
    b"", b"niet eens xml", b"<Bericht>", GOED[:-30], GOED + b"<extra/>",
    b"<?xml version='1.0'?><a><b></a>",
])
def test_malformed_xml_is_refused(inhoud: bytes) -> None:
    _weigert(inhoud)


def test_wrong_namespace_is_refused() -> None:
    ander = GOED.replace(b"/ijw/3_2/jw305/schema", b"/ijw/3_1/jw305/schema")
    fout = _weigert(ander)
    assert "namespace" in fout.melding and "3_1" in fout.melding


def test_unknown_root_is_refused() -> None:
    fout = _weigert(GOED.replace(b"jw305:Bericht", b"jw305:Declaratie"))
    assert "Declaratie" in fout.melding
    _weigert(b'<?xml version="1.0"?><Bericht><Header/></Bericht>')  # no namespace at all


def test_message_code_must_match_the_namespace() -> None:
    fout = _weigert(GOED.replace(b"<jw305:BerichtCode>438<", b"<jw305:BerichtCode>436<"))
    assert "BerichtCode 436" in fout.melding and "JW305" in fout.melding


def test_a_message_of_the_other_standaard_does_not_fit() -> None:
    # iJw message namespace with the iWmo basisschema: the shared parts are unknown there.
    _weigert(GOED.replace(b"/ijw/3_2/basisschema/", b"/iwmo/3_2/basisschema/"))


def _xxe(doel: Path) -> bytes:
    return GOED.replace(b"\n", f"""
<!DOCTYPE lucht [<!ENTITY geheim SYSTEM "file://{doel}">]>
""".encode(), 1).replace(b"<jw305:Achternaam>Berg<", b"<jw305:Achternaam>&geheim;<")


def test_external_entity_is_refused_and_the_file_never_read(tmp_path: Path) -> None:
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("ZEER-GEHEIM-7f3a")
    for inhoud in (_xxe(geheim), _xxe(Path("/etc/passwd"))):
        fout = _weigert(inhoud)
        assert "DOCTYPE" in fout.melding
        assert "ZEER-GEHEIM" not in fout.melding and "root:" not in fout.melding


def test_external_entity_in_utf16_is_refused_too(tmp_path: Path) -> None:
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("ZEER-GEHEIM-7f3a")
    inhoud = _xxe(geheim).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    fout = _weigert(inhoud.encode("utf-16"))
    assert "ZEER-GEHEIM" not in fout.melding


def test_doctype_is_refused_even_if_parsing_would_get_that_far(monkeypatch) -> None:
    # The byte check comes first; the parsed document is checked as well.
    monkeypatch.setattr(berichten, "_controleer_begin", lambda inhoud: None)
    inhoud = GOED.replace(b"\n", b'\n<!DOCTYPE Bericht SYSTEM "http://example.invalid/x.dtd">\n',
                          1)
    assert "DOCTYPE" in _weigert(inhoud).melding


BILJOEN_GELACH = b"""<?xml version="1.0"?>
<!DOCTYPE lol [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Bericht xmlns="http://www.istandaarden.nl/ijw/3_2/jw305/schema">&lol9;</Bericht>
"""


def test_billion_laughs_is_refused_quickly(monkeypatch) -> None:
    begin = time.perf_counter()
    _weigert(BILJOEN_GELACH)
    # And the same when the parser itself gets it: entities are not expanded.
    monkeypatch.setattr(berichten, "_controleer_begin", lambda inhoud: None)
    _weigert(BILJOEN_GELACH)
    assert time.perf_counter() - begin < 1.0


def test_too_large_is_refused_before_parsing(monkeypatch) -> None:
    def niet_parsen(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(berichten.etree, "fromstring", niet_parsen)
    fout = _weigert(GOED, max_bytes=len(GOED) - 1)
    assert "te groot" in fout.melding
    _weigert(b"<" * 5_000_001)  # the default limit


def test_xinclude_is_not_followed() -> None:
    inhoud = GOED.replace(
        b"<jw305:Geslacht>", b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        b'href="file:///etc/passwd" parse="text"/><jw305:Geslacht>', 1)
    fout = _weigert(inhoud)
    assert "root:" not in fout.melding


def test_comments_and_processing_instructions_are_dropped() -> None:
    inhoud = GOED.replace(b"<jw305:Client>", b"<!-- x --><?verwerk mij?><jw305:Client>", 1)
    assert lees(inhoud) == lees(GOED)


def test_a_valid_message_with_a_byte_order_mark_is_read() -> None:
    assert lees(b"\xef\xbb\xbf" + GOED) == lees(GOED)


def test_the_safe_parser_resolves_nothing() -> None:
    parser = berichten._parser()
    xml = b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'
    root = etree.fromstring(xml, parser)
    assert "root:" not in etree.tostring(root).decode()


def test_deep_nesting_is_refused() -> None:
    diep = b"<a>" * 100_000 + b"</a>" * 100_000
    inhoud = GOED.replace(b"<jw305:Client>", b"<jw305:Client>" + diep, 1)
    begin = time.perf_counter()
    _weigert(inhoud)
    assert time.perf_counter() - begin < 1.0


def test_a_refused_value_is_not_repeated_in_the_error() -> None:
    """The functioneel beheerder reads the errors of refused files and may not read case
    content: the schema's complaint names the element, not the value (a BSN, a name)."""
    goed = maak(heen(Standaard.IJW, "315"))
    fout = goed.replace(BSN.encode(), b"12345678x")
    assert fout != goed
    with pytest.raises(BerichtFout) as info:
        lees(fout)
    assert "12345678" not in info.value.melding and "Bsn" in info.value.melding
