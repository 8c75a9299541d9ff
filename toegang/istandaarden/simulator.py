"""A zorgaanbieder on the other side of the folder pair, for tests, the demo and load runs.

`Aanbieder` plays one provider (one AGB code) against the root of a `MapTransport`, seen from
the other side: it reads the gemeente's uit/ folder and writes into its in/ folder, as a GGk
connector and the provider's software would together. Files it takes from uit/ go to
uit/opgehaald/ (the connector's part). Every message it writes goes through `maak`, so it is
checked against the schema, and is written atomically under its `bestandsnaam`.

- a 301 is answered with a 302 (every class "0200") and, when `start_zorg` is on, a 305 for
  each new toewijzing in it: one this simulator has not started, without a RedenWijziging
  (that marks a change of one sent before, 13 a withdrawal) and not ended before it could
  start. Begindatum is the ingangsdatum, or today when that is later;
- a 319 is answered with a 320;
- the retours 306, 308, 316 and 318 are taken and returned, nothing more;
- `verzoek_om_toewijzing` (315), `verzoek_om_wijziging` (317), `meld_start` (305) and
  `stop_zorg` (307) write the provider's own messages.
"""

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from django.utils import timezone

from .berichten import (
    AangevraagdProduct,
    Bericht,
    BerichtFout,
    Client,
    Header,
    StartProduct,
    StopProduct,
    Wijzigingsverzoek,
    bestandsnaam,
    lees,
    maak,
    nieuwe_identificatie,
    retour,
)
from .codes import VOORVOEGSEL, Standaard
from .transport import IN, UIT, schrijf_atomair, verplaats

OPGEHAALD = "opgehaald"
# What a provider takes from the gemeente: its heen messages and the retours on its own.
VOOR_AANBIEDER = frozenset({"301", "319", "306", "308", "316", "318"})


class Aanbieder:
    def __init__(self, agb: str, root: Path, gemeentecode: str,
                 standaard: Standaard | None = None, *, start_zorg: bool = True,
                 retour_alleen_header: bool = False) -> None:
        self.agb = agb
        self.root = Path(root)
        self.gemeentecode = gemeentecode
        self.standaard = Standaard(standaard) if standaard else None
        self.automatisch_starten = start_zorg
        # The standard's form for a message found wholly in order: a header-only retour.
        self.retour_alleen_header = retour_alleen_header
        self.uit = self.root / UIT
        self.in_ = self.root / IN
        self.opgehaald = self.uit / OPGEHAALD
        for map_ in (self.uit, self.in_):
            map_.mkdir(parents=True, exist_ok=True)
        self.gestart: set[int] = set()
        self.verstuurd: list[Bericht] = []  # everything written into in/, in order

    # --- Reading the gemeente's messages -----------------------------------------------------

    def _voor_mij(self, pad: Path) -> bool:
        """A quick look at the file name (<WMO|JW><nnn>_<sender>_<addressee>_<id>.xml)."""
        delen = pad.stem.split("_")
        if len(delen) != 4:
            return True  # not our naming: read it to find out
        soort, _verzender, geadresseerde, _id = delen
        if geadresseerde != self.agb or soort[-3:] not in VOOR_AANBIEDER:
            return False
        return self.standaard is None or soort[:-3] == VOORVOEGSEL[self.standaard]

    def verwerk_uit(self, *, start_zorg: bool | None = None) -> list[Bericht]:
        """Take the messages for this provider from uit/ and answer them; returns what was
        taken, oldest first. Files it cannot read are left where they are."""
        starten = self.automatisch_starten if start_zorg is None else start_zorg
        paden = [p for p in self.uit.iterdir()
                 if p.is_file() and not p.name.startswith(".") and p.suffix.lower() == ".xml"
                 and self._voor_mij(p)]
        paden.sort(key=lambda p: (p.stat().st_mtime_ns, p.name))
        genomen: list[Bericht] = []
        for pad in paden:
            try:
                bericht = lees(pad.read_bytes())
            except (BerichtFout, OSError):
                continue
            header = bericht.header
            if (header.geadresseerde != self.agb or header.bericht not in VOOR_AANBIEDER
                    or (self.standaard is not None and header.standaard != self.standaard)):
                continue
            if verplaats(pad, self.opgehaald) is None:
                continue  # another reader took it
            genomen.append(bericht)
            if header.bericht == "301":
                self._stuur(retour(bericht, identificatie=nieuwe_identificatie(),
                                   dagtekening=timezone.localdate(),
                                   volledig=not self.retour_alleen_header))
                if starten:
                    self._start_na_toewijzing(bericht)
            elif header.bericht == "319":
                self._stuur(retour(bericht, identificatie=nieuwe_identificatie(),
                                   dagtekening=timezone.localdate(),
                                   volledig=not self.retour_alleen_header))
        return genomen

    def _start_na_toewijzing(self, toewijzing: Bericht) -> Bericht | None:
        client = toewijzing.client
        if client is None:
            return None
        vandaag = timezone.localdate()
        producten = []
        for p in toewijzing.toegewezen:
            # A RedenWijziging marks a change of a toewijzing sent before (13: withdrawn);
            # only new ones start.
            if (p.toewijzingnummer in self.gestart or p.reden_wijziging
                    or (p.einddatum is not None and p.einddatum < p.ingangsdatum)):
                continue
            begin = max(p.ingangsdatum, vandaag)
            if p.einddatum is not None and begin > p.einddatum:
                continue  # ended before it could start
            producten.append(StartProduct(begindatum=begin, toewijzingnummer=p.toewijzingnummer,
                                          categorie=p.categorie, code=p.code,
                                          toewijzing_ingangsdatum=p.ingangsdatum))
        if not producten:
            return None
        return self.meld_start(client, producten, toewijzing.header.standaard)

    # --- The provider's own messages ---------------------------------------------------------

    def _header(self, bericht: str, standaard: Standaard | str | None) -> Header:
        gekozen = standaard or self.standaard
        if gekozen is None:
            raise ValueError("Say which standaard (iwmo or ijw) the message is in.")
        return Header(standaard=Standaard(gekozen), bericht=bericht, afzender=self.agb,
                      ontvanger=self.gemeentecode, identificatie=nieuwe_identificatie(),
                      dagtekening=timezone.localdate())

    def _stuur(self, bericht: Bericht) -> Bericht:
        schrijf_atomair(self.in_, bestandsnaam(bericht), maak(bericht))
        self.verstuurd.append(bericht)
        return bericht

    @staticmethod
    def _verkort(client: Client) -> Client:
        """The client as a provider's message carries it (no address, no comment)."""
        return Client(bsn=client.bsn, geboortedatum=client.geboortedatum,
                      geslacht=client.geslacht, naam=client.naam,
                      datumgebruik=client.datumgebruik)

    def verzoek_om_toewijzing(self, client: Client, product: AangevraagdProduct,
                              standaard: Standaard | str | None = None) -> Bericht:
        """Write a 315 for one product (the client's address is not part of a 315)."""
        return self._stuur(Bericht(header=self._header("315", standaard),
                                   client=replace(client, adres=None), aangevraagd=(product,)))

    def verzoek_om_wijziging(self, client: Client, verzoek: Wijzigingsverzoek,
                             standaard: Standaard | str | None = None) -> Bericht:
        """Write a 317."""
        return self._stuur(Bericht(header=self._header("317", standaard),
                                   client=Client(bsn=client.bsn), verzoek=verzoek))

    def meld_start(self, client: Client, producten: StartProduct | Iterable[StartProduct],
                   standaard: Standaard | str | None = None) -> Bericht:
        """Write a 305."""
        lijst = (producten,) if isinstance(producten, StartProduct) else tuple(producten)
        bericht = self._stuur(Bericht(header=self._header("305", standaard),
                                      client=self._verkort(client), start=lijst))
        self.gestart |= {p.toewijzingnummer for p in lijst if p.toewijzingnummer is not None}
        return bericht

    def stop_zorg(self, client: Client, producten: StopProduct | Iterable[StopProduct],
                  standaard: Standaard | str | None = None) -> Bericht:
        """Write a 307."""
        lijst = (producten,) if isinstance(producten, StopProduct) else tuple(producten)
        return self._stuur(Bericht(header=self._header("307", standaard),
                                   client=self._verkort(client), stop=lijst))
