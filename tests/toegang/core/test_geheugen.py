"""The web process tunes Python's garbage collector once its views are loaded
(toegang/wsgi.py, toegang/core/geheugen.py), unless WEB_GC_AFSTEMMEN=false."""

import json
import subprocess
import sys

import pytest

from tests.processes import ROOT, process_env
from toegang.core.geheugen import DREMPELS

PROBE = ("import gc, json, sys; import toegang.wsgi; print(json.dumps({'drempels': "
         "gc.get_threshold(), 'bevroren': gc.get_freeze_count(), "
         "'views': 'casussen.views.casus' in sys.modules}))")


def _wsgi(**env: str) -> dict:
    uit = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True, env=process_env(**env))
    return json.loads(uit.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_web_process_freezes_what_is_loaded_and_raises_the_threshold() -> None:
    staat = _wsgi()
    assert tuple(staat["drempels"]) == DREMPELS
    assert staat["views"]  # the views were loaded before the freeze ...
    assert staat["bevroren"] > 50_000  # ... so Django, the apps and the views are frozen


@pytest.mark.slow
def test_it_can_be_switched_off() -> None:
    staat = _wsgi(WEB_GC_AFSTEMMEN="false")
    assert tuple(staat["drempels"]) == (700, 10, 10)
    assert staat["bevroren"] == 0
