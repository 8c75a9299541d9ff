"""The committed NL Design System CSS (static/nlds/) matches the npm lock file, and the build
script's manifest logic works on a small fake package tree (no npm, no network)."""

import json
import re

import pytest

from toegang.thema import nlds_build
from toegang.thema.nlds_build import (
    BESTANDEN,
    DOEL,
    NPM_DIR,
    STATIC_ROOT,
    NldsFout,
    controleer,
    lees_json,
    maak_manifest,
    pin_fouten,
    sha256,
)

# ---- the committed files against the lock file ----------------------------------------------


def test_committed_files_match_the_lock_file():
    assert controleer() == []


def test_every_dependency_is_pinned_exactly_and_locked():
    package_json = lees_json(NPM_DIR / "package.json")
    lock = lees_json(NPM_DIR / "package-lock.json")
    assert package_json["dependencies"], "package.json has no dependencies"
    for naam, versie in package_json["dependencies"].items():
        assert not versie.startswith(("^", "~")), naam
        assert nlds_build.EXACT.match(versie), (naam, versie)
        assert lock["packages"][f"node_modules/{naam}"]["version"] == versie
    assert pin_fouten(package_json, lock) == []


def test_manifest_has_each_package_at_the_lock_files_version_and_integrity():
    lock = lees_json(NPM_DIR / "package-lock.json")
    manifest = lees_json(DOEL / "manifest.json")
    assert {p["naam"] for p in manifest["pakketten"]} == set(BESTANDEN)
    for pakket in manifest["pakketten"]:
        in_lock = lock["packages"][f"node_modules/{pakket['naam']}"]
        assert pakket["versie"] == in_lock["version"]
        assert pakket["integrity"] == in_lock["integrity"]
        assert pakket["licentie"] == "EUPL-1.2"
        assert [b["pakket_pad"] for b in pakket["bestanden"]] == BESTANDEN[pakket["naam"]]


def test_every_listed_file_exists_with_its_sha256_and_nothing_is_unlisted():
    manifest = lees_json(DOEL / "manifest.json")
    genoemd = {DOEL / "manifest.json"}
    for pakket in manifest["pakketten"]:
        for regel in pakket["bestanden"]:
            pad = STATIC_ROOT / regel["static_pad"]
            assert pad.is_file(), regel["static_pad"]
            assert sha256(pad) == regel["sha256"], regel["static_pad"]
            genoemd.add(pad)
    assert {p for p in DOEL.rglob("*") if p.is_file()} == genoemd


def test_base_template_loads_the_built_css_before_our_own():
    base = (nlds_build.BASE_DIR / "templates" / "base.html").read_text(encoding="utf-8")
    componenten = base.index("nlds/utrecht-component-library-css/index.css")
    thema = base.index("nlds/nl-design-system-unstable-voorbeeld-design-tokens/theme.css")
    tokens = base.index("css/tokens.css")
    eigen = base.index("css/toegang.css")
    assert thema < componenten < tokens < eigen
    assert 'class="voorbeeld-theme"' in base



def test_check_command_passes_on_the_committed_files(capsys):
    assert nlds_build.main(["--check"]) == 0
    assert capsys.readouterr().err == ""


# ---- the script on a fake package tree -------------------------------------------------------

FAKE_BESTANDEN = {
    "@fake/componenten": ["dist/index.css", "LICENSE.md"],
    "fake-tokens": ["dist/root.css"],
}


@pytest.fixture
def nep(tmp_path):
    """A fake npm folder, an installed node_modules and an empty static root."""
    node_modules = tmp_path / "node_modules"
    for naam, versie, bestanden in (
        ("@fake/componenten", "1.2.3", {"dist/index.css": ".a{}", "LICENSE.md": "EUPL"}),
        ("fake-tokens", "4.0.0", {"dist/root.css": ":root{--x:1}", "dist/extra.css": ".b{}"}),
    ):
        for pad, inhoud in bestanden.items():
            (node_modules / naam / pad).parent.mkdir(parents=True, exist_ok=True)
            (node_modules / naam / pad).write_text(inhoud)
        (node_modules / naam / "package.json").write_text(
            json.dumps({"name": naam, "version": versie, "license": "EUPL-1.2"})
        )
    npm_dir = tmp_path / "npm"
    npm_dir.mkdir()
    package_json = {"dependencies": {"@fake/componenten": "1.2.3", "fake-tokens": "4.0.0"}}
    lock = {"packages": {
        "": package_json,
        "node_modules/@fake/componenten": {"version": "1.2.3", "integrity": "sha512-aaa"},
        "node_modules/fake-tokens": {"version": "4.0.0", "integrity": "sha512-bbb"},
    }}
    (npm_dir / "package.json").write_text(json.dumps(package_json))
    (npm_dir / "package-lock.json").write_text(json.dumps(lock))
    static_root = tmp_path / "static"
    doel = static_root / "nlds"
    return node_modules, npm_dir, lock, doel, static_root


def test_manifest_copies_only_the_listed_files_with_version_integrity_and_sha256(nep):
    node_modules, npm_dir, lock, doel, static_root = nep
    manifest = maak_manifest(node_modules, lock, doel, static_root, FAKE_BESTANDEN)

    assert manifest == lees_json(doel / "manifest.json")
    componenten, tokens = manifest["pakketten"]
    assert (componenten["naam"], componenten["versie"], componenten["integrity"]) == (
        "@fake/componenten", "1.2.3", "sha512-aaa")
    assert componenten["bestanden"][0] == {
        "pakket_pad": "dist/index.css",
        "static_pad": "nlds/fake-componenten/index.css",
        "sha256": sha256(doel / "fake-componenten" / "index.css"),
    }
    assert (doel / "fake-componenten" / "index.css").read_text() == ".a{}"
    assert tokens["bestanden"][0]["static_pad"] == "nlds/fake-tokens/root.css"
    assert not (doel / "fake-tokens" / "extra.css").exists()
    assert controleer(npm_dir, doel, static_root) == []


def test_a_rebuild_removes_files_no_longer_listed(nep):
    node_modules, _, lock, doel, static_root = nep
    doel.mkdir(parents=True)
    (doel / "oud.css").write_text("old")
    maak_manifest(node_modules, lock, doel, static_root, FAKE_BESTANDEN)
    assert not (doel / "oud.css").exists()


def test_check_finds_a_changed_file_an_unlisted_file_and_a_missing_file(nep):
    node_modules, npm_dir, lock, doel, static_root = nep
    maak_manifest(node_modules, lock, doel, static_root, FAKE_BESTANDEN)
    (doel / "fake-componenten" / "index.css").write_text(".a{color:red}")
    (doel / "los.css").write_text("x")
    (doel / "fake-tokens" / "root.css").unlink()

    fouten = controleer(npm_dir, doel, static_root)

    assert "nlds/fake-componenten/index.css: sha256 klopt niet met het manifest" in fouten
    assert "nlds/los.css staat niet in het manifest" in fouten
    assert "nlds/fake-tokens/root.css ontbreekt" in fouten


def test_check_fails_when_the_lock_file_moves_on(nep):
    node_modules, npm_dir, lock, doel, static_root = nep
    maak_manifest(node_modules, lock, doel, static_root, FAKE_BESTANDEN)
    lock["packages"]["node_modules/fake-tokens"] = {"version": "4.0.1", "integrity": "sha512-ccc"}
    (npm_dir / "package-lock.json").write_text(json.dumps(lock))
    (npm_dir / "package.json").write_text(
        json.dumps({"dependencies": {"@fake/componenten": "1.2.3", "fake-tokens": "4.0.1"}}))

    fouten = controleer(npm_dir, doel, static_root)

    assert any(f.startswith("fake-tokens: versie in het manifest (4.0.0)") for f in fouten)
    assert any(f.startswith("fake-tokens: integrity in het manifest (sha512-bbb)") for f in fouten)


def test_check_fails_on_a_range_or_an_unlocked_dependency(nep):
    _, _, lock, _, _ = nep
    package_json = {"dependencies": {"@fake/componenten": "^1.2.3", "fake-tokens": "4.0.0",
                                     "nieuw": "1.0.0"}}
    assert pin_fouten(package_json, lock) == [
        "@fake/componenten: versie '^1.2.3' is niet exact vastgezet",
        "nieuw: staat niet in package-lock.json",
    ]
    assert pin_fouten({"dependencies": {"fake-tokens": "4.0.1"}}, lock) == [
        "fake-tokens: package.json zegt 4.0.1, package-lock.json 4.0.0"
    ]


def test_check_without_manifest_says_to_build(nep):
    _, npm_dir, _, doel, static_root = nep
    assert controleer(npm_dir, doel, static_root)[-1].endswith("ontbreekt: draai `make nlds`")


def test_build_stops_when_installed_version_differs_from_the_lock(nep):
    node_modules, _, lock, doel, static_root = nep
    lock["packages"]["node_modules/fake-tokens"]["version"] = "5.0.0"
    with pytest.raises(NldsFout, match=re.escape("geïnstalleerd 4.0.0, lock 5.0.0")):
        maak_manifest(node_modules, lock, doel, static_root, FAKE_BESTANDEN)


def test_build_stops_when_a_listed_file_is_not_in_the_package(nep):
    node_modules, _, lock, doel, static_root = nep
    with pytest.raises(NldsFout, match=re.escape("dist/weg.css bestaat niet")):
        maak_manifest(node_modules, lock, doel, static_root, {"fake-tokens": ["dist/weg.css"]})
