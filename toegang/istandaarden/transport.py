"""Moving message files between Toegang and the zorgaanbieders.

The messages travel over the GGk (Gemeentelijk Gegevensknooppunt) or a comparable exchange;
the software that talks to it (a "connector") is not part of Toegang. `Transport` is the
adapter between the two, and `transport()` gives the one configured in
`settings.ISTANDAARDEN_TRANSPORT` (a dotted path to a class made without arguments).

`MapTransport`, the default, works with a folder pair under `settings.ISTANDAARDEN_MAP`, the
usual way of coupling a connector:

    uit/                 Toegang writes; the connector takes the files away and sends them
    in/                  the connector puts what it received; Toegang reads
    in/verwerkt/<date>/  files Toegang has stored, moved out of the way
    quarantaine/         files Toegang could not accept, each with <name>.fout.txt

Files are written to a hidden temporary name in the same folder (`.<name>.<random>.tmp`),
flushed to disk and then given their name in one step, so a connector never sees half a
file. Reading skips hidden and temporary files (being written) and folders. Files that cannot
be a message (not `.xml`, not a regular file such as a link, or larger than
`settings.ISTANDAARDEN_MAX_BYTES`) are still returned, without their content and with
`afwijzing` (and for size `te_groot`) set, so the caller can quarantine them instead of
leaving them in in/ for ever. Moving never overwrites: an existing name gets a suffix -1, -2 ….
A file that is no longer in in/ when it is moved counts as handled already.
"""

import contextlib
import os
import re
import stat
import uuid
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Protocol, cast

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

UIT, IN, VERWERKT, QUARANTAINE = "uit", "in", "verwerkt", "quarantaine"
_NAAM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$")
_BEZIG = (".tmp", ".part", ".partial", "~")


@dataclass(frozen=True)
class Ontvangen:
    """A received file. `sleutel` identifies it for `afgehandeld` and `quarantaine`."""

    naam: str
    inhoud: bytes
    sleutel: str
    # Larger than ISTANDAARDEN_MAX_BYTES: not read (inhoud is b""); `grootte` has the size.
    te_groot: bool = False
    grootte: int = 0
    # Set when the transport did not read the file because it cannot be a message (too
    # large, not .xml, not a regular file); the caller quarantines it with this reason.
    afwijzing: str = ""


class TransportFout(Exception):
    """A file could not be delivered, read or moved; try again later."""


class Transport(Protocol):
    """The adapter to the exchange with the zorgaanbieders."""

    def verstuur(self, naam: str, inhoud: bytes) -> None:
        """Hand over one message for sending. Sending the same name with the same content
        again does nothing; raises TransportFout when it cannot be handed over."""
        ...

    def ophalen(self, limiet: int = 500) -> list[Ontvangen]:
        """Files waiting to be read, oldest first, at most `limiet`. A file stays waiting
        until `afgehandeld` or `quarantaine` is called for it."""
        ...

    def afgehandeld(self, bericht: Ontvangen) -> None:
        """The file has been stored; take it out of the waiting files."""
        ...

    def quarantaine(self, bericht: Ontvangen, reden: str) -> None:
        """The file cannot be accepted; keep it aside with the reason for the beheerder."""
        ...


def _fsync_map(map_: Path) -> None:
    try:
        fd = os.open(map_, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not every file system can sync a folder
    finally:
        os.close(fd)


def schrijf_atomair(map_: Path, naam: str, inhoud: bytes, *, overschrijven: bool = False) -> Path:
    """Write `inhoud` as `map_/naam` in one step (temporary file, fsync, then the name).
    Without `overschrijven` an existing file is left alone and FileExistsError raised."""
    doel = map_ / naam
    tijdelijk = map_ / f".{naam}.{uuid.uuid4().hex[:8]}.tmp"
    fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        try:
            geschreven = 0
            while geschreven < len(inhoud):
                geschreven += os.write(fd, inhoud[geschreven:])
            os.fsync(fd)
        finally:
            os.close(fd)
        if overschrijven:
            os.replace(tijdelijk, doel)
        else:
            _koppel(tijdelijk, doel)
    finally:
        if os.path.lexists(tijdelijk):
            os.unlink(tijdelijk)
    _fsync_map(map_)
    return doel


def _koppel(bron: Path, doel: Path) -> None:
    """Give `bron` the name `doel` as well, failing with FileExistsError when `doel` exists
    (a hard link is atomic; without hard links: check, then rename)."""
    try:
        os.link(bron, doel, follow_symlinks=False)
    except FileExistsError:
        raise
    except FileNotFoundError:
        raise
    except OSError:
        if os.path.lexists(doel):
            raise FileExistsError(doel) from None
        os.rename(bron, doel)


def verplaats(bron: Path, doelmap: Path) -> Path | None:
    """Move `bron` into `doelmap` without overwriting: an existing name gets -1, -2 …
    Returns the new path, or None when `bron` is gone (moved already)."""
    doelmap.mkdir(parents=True, exist_ok=True)
    stam, punt, extensie = bron.name.rpartition(".")
    if not punt or not stam:
        stam, punt, extensie = bron.name, "", ""
    for n in count():
        doel = doelmap / (bron.name if n == 0 else f"{stam}-{n}{punt}{extensie}")
        try:
            _koppel(bron, doel)
        except FileExistsError:
            continue
        except FileNotFoundError:
            return None
        if os.path.lexists(bron):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(bron)
        return doel
    raise AssertionError("unreachable")


class MapTransport:
    """The folder pair uit/ and in/ under one root (see the module docstring)."""

    def __init__(self, root: Path | str | None = None, *, max_bytes: int | None = None) -> None:
        self.root = Path(root if root is not None else settings.ISTANDAARDEN_MAP)
        self.max_bytes = (max_bytes if max_bytes is not None
                          else int(settings.ISTANDAARDEN_MAX_BYTES))
        self.uit = self.root / UIT
        self.in_ = self.root / IN
        self.verwerkt = self.in_ / VERWERKT
        self.quarantaine_map = self.root / QUARANTAINE
        for map_ in (self.uit, self.in_, self.quarantaine_map):
            map_.mkdir(parents=True, exist_ok=True)

    def verstuur(self, naam: str, inhoud: bytes) -> None:
        if not _NAAM.match(naam):
            raise TransportFout(_("Ongeldige bestandsnaam %(naam)r.") % {"naam": naam[:80]})
        try:
            schrijf_atomair(self.uit, naam, inhoud)
        except FileExistsError:
            try:
                gelijk = (self.uit / naam).read_bytes() == inhoud
            except OSError:
                gelijk = False
            if not gelijk:
                raise TransportFout(_(
                    "In uit/ staat al een ander bestand met de naam %(naam)s; het wordt niet "
                    "overschreven.") % {"naam": naam}) from None
        except OSError as exc:
            raise TransportFout(_("Het bestand %(naam)s kon niet in %(map)s worden gezet: "
                                  "%(fout)s") % {"naam": naam, "map": self.uit,
                                                 "fout": exc.strerror or exc}) from exc

    def ophalen(self, limiet: int = 500) -> list[Ontvangen]:
        wachtend: list[tuple[int, str, os.stat_result]] = []
        try:
            with os.scandir(self.in_) as inhoud:
                for entry in inhoud:
                    if entry.name.startswith(".") or entry.name.endswith(_BEZIG):
                        continue
                    try:
                        status = entry.stat(follow_symlinks=False)
                    except FileNotFoundError:
                        continue
                    if stat.S_ISDIR(status.st_mode):
                        continue
                    wachtend.append((status.st_mtime_ns, entry.name, status))
        except OSError as exc:
            raise TransportFout(_("De map %(map)s kan niet worden gelezen: %(fout)s")
                                % {"map": self.in_, "fout": exc.strerror or exc}) from exc
        wachtend.sort(key=lambda w: (w[0], w[1]))
        uit: list[Ontvangen] = []
        for _tijd, naam, status in wachtend[:max(limiet, 0)]:
            ontvangen = self._lees(naam, status)
            if ontvangen is not None:
                uit.append(ontvangen)
        return uit

    def _lees(self, naam: str, status: os.stat_result) -> Ontvangen | None:
        grootte = status.st_size
        if not stat.S_ISREG(status.st_mode):
            return Ontvangen(naam, b"", naam, grootte=grootte, afwijzing=_(
                "Dit is geen gewoon bestand (bijvoorbeeld een snelkoppeling); het is niet "
                "gelezen."))
        if not naam.lower().endswith(".xml"):
            return Ontvangen(naam, b"", naam, grootte=grootte, afwijzing=_(
                "Dit is geen .xml-bestand en dus geen iWmo- of iJw-bericht; het is niet "
                "gelezen."))
        if grootte > self.max_bytes:
            return self._te_groot(naam, grootte)
        try:
            fd = os.open(self.in_ / naam, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except FileNotFoundError:
            return None  # taken by another worker meanwhile
        except OSError as exc:
            raise TransportFout(_("Het bestand %(naam)s kan niet worden gelezen: %(fout)s")
                                % {"naam": naam, "fout": exc.strerror or exc}) from exc
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return Ontvangen(naam, b"", naam, afwijzing=_(
                    "Dit is geen gewoon bestand; het is niet gelezen."))
            delen, gelezen = [], 0
            while gelezen <= self.max_bytes:
                deel = os.read(fd, min(1 << 20, self.max_bytes + 1 - gelezen))
                if not deel:
                    break
                delen.append(deel)
                gelezen += len(deel)
        finally:
            os.close(fd)
        if gelezen > self.max_bytes:  # it grew after we looked
            return self._te_groot(naam, gelezen)
        return Ontvangen(naam, b"".join(delen), naam, grootte=gelezen)

    def _te_groot(self, naam: str, grootte: int) -> Ontvangen:
        return Ontvangen(naam, b"", naam, te_groot=True, grootte=grootte, afwijzing=_(
            "Het bestand is te groot (%(grootte)s bytes, de grens is %(grens)s bytes); het is "
            "niet gelezen.") % {"grootte": grootte, "grens": self.max_bytes})

    def _bron(self, bericht: Ontvangen) -> Path:
        sleutel = bericht.sleutel
        if not sleutel or sleutel in (".", "..") or any(t in sleutel for t in "/\\\0"):
            raise TransportFout(_("Ongeldige sleutel %(sleutel)r.") % {"sleutel": sleutel[:80]})
        return self.in_ / sleutel

    def afgehandeld(self, bericht: Ontvangen) -> None:
        map_ = self.verwerkt / timezone.localdate().isoformat()
        try:
            verplaats(self._bron(bericht), map_)
        except OSError as exc:
            raise TransportFout(str(exc)) from exc

    def quarantaine(self, bericht: Ontvangen, reden: str) -> None:
        try:
            doel = verplaats(self._bron(bericht), self.quarantaine_map)
            if doel is None:
                return  # no longer in in/: handled already
            toelichting = (f"{timezone.now().isoformat(timespec='seconds')}\n"
                           f"{bericht.naam}\n\n{reden.strip()}\n")
            # The name is new, so a sidecar there can only be a stale one: replace it.
            schrijf_atomair(self.quarantaine_map, f"{doel.name}.fout.txt",
                            toelichting.encode("utf-8"), overschrijven=True)
        except OSError as exc:
            raise TransportFout(str(exc)) from exc


def transport() -> Transport:
    """The transport of `settings.ISTANDAARDEN_TRANSPORT`."""
    klasse = import_string(settings.ISTANDAARDEN_TRANSPORT)
    return cast(Transport, klasse())
