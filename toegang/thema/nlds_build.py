"""Build the NL Design System CSS into `static/nlds/` from the pinned npm packages.

`python -m toegang.thema.nlds_build` (or `make nlds`) copies `toegang/thema/npm/package.json`
and `package-lock.json` to a temporary directory, runs `npm ci --ignore-scripts` there, copies
only the CSS files listed in `BESTANDEN` (and each package's licence) into `static/nlds/`, and
writes `static/nlds/manifest.json`: per package its name, version and the lock file's
`integrity`; per file its path in the package, its path under `static/` and its sha256.
`--check` only compares what is committed with the lock file (no npm, no network); the test
`tests/thema/test_nlds_build.py` does the same. See docs/nl-design-system.md.

Only the standard library: `make run` and `make test` need neither node nor npm, because the
built files are committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parents[2]
NPM_DIR = Path(__file__).resolve().parent / "npm"
STATIC_ROOT = BASE_DIR / "static"
DOEL = STATIC_ROOT / "nlds"
MANIFEST = "manifest.json"

# Per package: the files we serve (path inside the package). Nothing else is copied.
BESTANDEN: dict[str, list[str]] = {
    # Every Utrecht component's CSS in one bundle (EUPL-1.2).
    "@utrecht/component-library-css": ["dist/index.css", "LICENSE.md"],
    # NL Design System's neutral example theme: a value for every component token, under the
    # class `voorbeeld-theme`; our own tokens (static/css/tokens.css) and the municipality's
    # theme override the ones our pages use (EUPL-1.2).
    "@nl-design-system-unstable/voorbeeld-design-tokens": ["dist/theme.css", "LICENSE.md"],
}

# An exact version: digits, optionally a pre-release; no ranges, tags, URLs or `^`/`~`.
EXACT = re.compile(r"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")


class NldsFout(Exception):
    """The build cannot go on (npm failed, a file is missing, a version is not exact)."""


def sha256(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def map_naam(pakket: str) -> str:
    """`@utrecht/component-library-css` → `utrecht-component-library-css` (one folder)."""
    return pakket.lstrip("@").replace("/", "-")


def lees_json(pad: Path) -> Any:
    return json.loads(pad.read_text(encoding="utf-8"))


def pin_fouten(package_json: dict[str, Any], lock: dict[str, Any]) -> list[str]:
    """What is wrong with the pins: a dependency without an exact version, or one the lock
    file does not have at exactly that version."""
    fouten = []
    pakketten = lock.get("packages", {})
    for soort in ("dependencies", "devDependencies", "optionalDependencies"):
        for naam, versie in package_json.get(soort, {}).items():
            if not EXACT.match(str(versie)):
                fouten.append(f"{naam}: versie {versie!r} is niet exact vastgezet")
                continue
            in_lock = pakketten.get(f"node_modules/{naam}")
            if in_lock is None:
                fouten.append(f"{naam}: staat niet in package-lock.json")
            elif in_lock.get("version") != versie:
                fouten.append(f"{naam}: package.json zegt {versie}, "
                              f"package-lock.json {in_lock.get('version')}")
    return fouten


def maak_manifest(
    node_modules: Path,
    lock: dict[str, Any],
    doel: Path,
    static_root: Path,
    bestanden: dict[str, list[str]],
) -> dict[str, Any]:
    """Copy the listed files from an installed `node_modules` into `doel` (emptied first) and
    return the manifest. Each package must be installed at the version the lock file has."""
    if doel.exists():
        shutil.rmtree(doel)
    doel.mkdir(parents=True)
    pakketten = []
    for naam in sorted(bestanden):
        in_lock = lock.get("packages", {}).get(f"node_modules/{naam}")
        if in_lock is None:
            raise NldsFout(f"{naam} staat niet in package-lock.json")
        bron = node_modules / naam
        geinstalleerd = lees_json(bron / "package.json")
        if geinstalleerd.get("version") != in_lock["version"]:
            raise NldsFout(
                f"{naam}: geïnstalleerd {geinstalleerd.get('version')}, lock {in_lock['version']}"
            )
        regels = []
        for pad in bestanden[naam]:
            van = bron / pad
            if not van.is_file():
                raise NldsFout(f"{naam}: {pad} bestaat niet in het pakket")
            naar = doel / map_naam(naam) / Path(pad).name
            naar.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(van, naar)
            regels.append({
                "pakket_pad": pad,
                "static_pad": naar.relative_to(static_root).as_posix(),
                "sha256": sha256(naar),
            })
        pakketten.append({
            "naam": naam,
            "versie": in_lock["version"],
            "integrity": in_lock["integrity"],
            "licentie": geinstalleerd.get("license", ""),
            "bestanden": regels,
        })
    manifest = {"pakketten": pakketten}
    (doel / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def controleer(
    npm_dir: Path = NPM_DIR, doel: Path = DOEL, static_root: Path = STATIC_ROOT
) -> list[str]:
    """Everything in which the committed files differ from the lock file, in words; empty
    when they match. No npm, no network."""
    package_json = lees_json(npm_dir / "package.json")
    lock = lees_json(npm_dir / "package-lock.json")
    fouten = pin_fouten(package_json, lock)
    manifest_pad = doel / MANIFEST
    if not manifest_pad.is_file():
        return [*fouten, f"{manifest_pad} ontbreekt: draai `make nlds`"]
    manifest = lees_json(manifest_pad)
    genoemd = {manifest_pad.resolve()}
    namen = set()
    for pakket in manifest.get("pakketten", []):
        naam = pakket["naam"]
        namen.add(naam)
        if naam not in package_json.get("dependencies", {}):
            fouten.append(f"{naam}: staat in het manifest maar niet in package.json")
        in_lock = lock.get("packages", {}).get(f"node_modules/{naam}")
        if in_lock is None:
            fouten.append(f"{naam}: staat in het manifest maar niet in package-lock.json")
        else:
            for sleutel, lock_sleutel in (("versie", "version"), ("integrity", "integrity")):
                if pakket.get(sleutel) != in_lock.get(lock_sleutel):
                    fouten.append(
                        f"{naam}: {sleutel} in het manifest ({pakket.get(sleutel)}) is niet die "
                        f"van package-lock.json ({in_lock.get(lock_sleutel)}): draai `make nlds`"
                    )
        for regel in pakket.get("bestanden", []):
            pad = static_root / regel["static_pad"]
            genoemd.add(pad.resolve())
            if not pad.is_file():
                fouten.append(f"{regel['static_pad']} ontbreekt")
            elif sha256(pad) != regel["sha256"]:
                fouten.append(f"{regel['static_pad']}: sha256 klopt niet met het manifest")
    for naam in package_json.get("dependencies", {}):
        if naam not in namen:
            fouten.append(
                f"{naam}: staat in package.json maar niet in het manifest: draai `make nlds`"
            )
    if doel.is_dir():
        for pad in sorted(doel.rglob("*")):
            if pad.is_file() and pad.resolve() not in genoemd:
                naam_in_static = pad.relative_to(static_root).as_posix()
                fouten.append(f"{naam_in_static} staat niet in het manifest")
    return fouten


def bouw(
    npm_dir: Path = NPM_DIR, doel: Path = DOEL, static_root: Path = STATIC_ROOT
) -> dict[str, Any]:
    """`npm ci --ignore-scripts` in a temporary directory, then copy and write the manifest."""
    package_json = lees_json(npm_dir / "package.json")
    lock = lees_json(npm_dir / "package-lock.json")
    fouten = pin_fouten(package_json, lock)
    onbekend = set(BESTANDEN) - set(package_json.get("dependencies", {}))
    if onbekend:
        fouten.append(f"BESTANDEN noemt pakketten buiten package.json: {sorted(onbekend)}")
    if fouten:
        raise NldsFout("\n".join(fouten))
    npm = shutil.which("npm")
    if npm is None:
        raise NldsFout("npm niet gevonden: installeer Node.js (alleen nodig voor `make nlds`)")
    with tempfile.TemporaryDirectory(prefix="toegang-nlds-") as tmp:
        werk = Path(tmp)
        for naam in ("package.json", "package-lock.json"):
            shutil.copyfile(npm_dir / naam, werk / naam)
        subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=werk, check=True
        )
        return maak_manifest(werk / "node_modules", lock, doel, static_root, BESTANDEN)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="alleen vergelijken, niets bouwen")
    args = parser.parse_args(argv)
    try:
        if not args.check:
            manifest = bouw()
            for pakket in manifest["pakketten"]:
                print(f"{pakket['naam']} {pakket['versie']}: {len(pakket['bestanden'])} bestanden")
        fouten = controleer()
    except (NldsFout, subprocess.CalledProcessError) as stop:
        print(f"Fout: {stop}", file=sys.stderr)
        return 1
    for fout in fouten:
        print(f"Fout: {fout}", file=sys.stderr)
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
