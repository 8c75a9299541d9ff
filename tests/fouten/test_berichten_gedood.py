"""A process picking up provider messages is killed (SIGKILL) after storing a message and in
the middle of acting on it: the request's task was written but not committed. Nothing is lost
and nothing happens twice: the stored message stays `ontvangen`, its file has left in/, and
the next pickup acts on it once — one task, one clock, one retour."""

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from casussen.toewijzing.models import Bericht, BerichtStatus, Verzoek
from casussen.toewijzing.ontvangst import ophalen
from regie.termijnen.models import Termijn, TermijnSoort
from tests.besluitpad import catalogus_make
from tests.factories import CasusFactory
from tests.processes import ROOT, database_url, process_env
from toegang.istandaarden import berichten as codec
from toegang.istandaarden.simulator import Aanbieder
from toegang.istandaarden.transport import MapTransport

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Runs in the child: act on the message, then die before the transaction commits.
STERVEN = """
import os, signal, sys
import django
django.setup()
from casussen.toewijzing import ontvangst
from toegang.istandaarden.transport import MapTransport
echt = ontvangst._verzoek_om_toewijzing
def sterf(rij, bericht):
    echt(rij, bericht)
    print("acted, dying", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
ontvangst._verzoek_om_toewijzing = sterf
ontvangst.ophalen(via=MapTransport(sys.argv[1]))
"""


def test_killed_while_acting_the_message_is_acted_on_once_by_the_next_run(  # type: ignore[no-untyped-def]
        stad, on_postgres, settings, tmp_path: Path) -> None:
    root = tmp_path / "ggk"
    settings.ISTANDAARDEN_MAP = str(root)
    settings.ISTANDAARDEN_GEMEENTECODE = "1999"
    cat = catalogus_make()
    casus = CasusFactory(opgepakt_door=stad.pro, intake__bsn="111222333")
    sim = Aanbieder(agb=cat.aanbieder.agb_code, root=root, gemeentecode="1999",
                    standaard=codec.Standaard.IWMO)
    sim.verzoek_om_toewijzing(
        codec.Client(bsn="111222333", geboortedatum=dt.date(1985, 4, 12),
                     naam=codec.Naam(achternaam="de Vries", voornamen="Sanne")),
        codec.AangevraagdProduct(referentie_aanbieder="VOT-9",
                                 toewijzing_ingangsdatum=timezone.localdate(),
                                 categorie="07", code="07A01", verwijzer_type="02",
                                 verwijzer_naam="Dokter Jansen"), codec.Standaard.IWMO)
    env = process_env(DATABASE_URL=database_url(), DJANGO_SETTINGS_MODULE="toegang.settings.test",
                      ISTANDAARDEN_MAP=str(root), ISTANDAARDEN_GEMEENTECODE="1999",
                      TOEGANG_VAR_DIR=str(tmp_path / "var"))
    kind = subprocess.run([sys.executable, "-c", STERVEN, str(root)], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)
    assert kind.returncode == -signal.SIGKILL, kind.stderr.decode()[-2000:]
    assert b"acted, dying" in kind.stdout
    # Stored and committed before acting; the act died with the process.
    rij = Bericht.objects.get()
    assert (rij.code, rij.status) == ("315", BerichtStatus.ONTVANGEN)
    assert not Verzoek.objects.exists()
    assert not list((root / "in").glob("*.xml"))  # the file left in/ once stored
    assert not Bericht.objects.filter(richting="uit").exists()
    # The next run (beat's next pickup) acts on it, once.
    assert ophalen(via=MapTransport(root)) == 1
    assert ophalen(via=MapTransport(root)) == 0
    verzoek = Verzoek.objects.get()
    assert verzoek.casus == casus and verzoek.referentie_aanbieder == "VOT-9"
    assert Termijn.objects.filter(soort=TermijnSoort.VERZOEK_ANTWOORD).count() == 1
    assert Bericht.objects.filter(richting="uit", code="316").count() == 1
    assert os.path.isdir(root / "in" / "verwerkt")
