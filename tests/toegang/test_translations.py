"""The English translation is complete, current and compiled."""

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.processes import ROOT

PO = ROOT / "toegang" / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _keys(catalogue: polib._BaseFile) -> set[tuple[str, str]]:
    return {(e.msgctxt or "", e.msgid) for e in catalogue if not e.obsolete and e.msgid}


def test_every_text_has_an_english_translation() -> None:
    po = polib.pofile(str(PO))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated()
                                                          or "fuzzy" in e.flags)]
    assert not missing, f"{len(missing)} texts without English: {missing[:10]}"


def test_compiled_catalogue_matches_the_source() -> None:
    po, mo = polib.pofile(str(PO)), polib.mofile(str(MO))
    assert _keys(po) == _keys(mo)
    translations = {e.msgid: e.msgstr for e in mo}
    for entry in po:
        if not entry.obsolete and not entry.msgid_plural and entry.msgid:
            assert translations[entry.msgid] == entry.msgstr, entry.msgid


def test_catalogue_is_up_to_date_with_the_code(tmp_path: Path, monkeypatch) -> None:
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext is not installed")
    # makemessages writes into the catalogue it extracts for: work on a copy of the sources.
    for source in ["toegang", "intake", "casussen", "regie", "templates"]:
        shutil.copytree(ROOT / source, tmp_path / source,
                        ignore=shutil.ignore_patterns("__pycache__"))
    locale = tmp_path / "toegang" / "locale"
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[locale]):
        call_command("makemessages", locale=["en"], no_location=True, verbosity=0)
    fresh = polib.pofile(str(locale / "en" / "LC_MESSAGES" / "django.po"))
    new = _keys(fresh) - _keys(polib.pofile(str(PO)))
    assert not new, f"Run `make messages` and translate: {sorted(new)[:10]}"
