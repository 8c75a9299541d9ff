"""The zaaksysteem listens to the decision path and the legal clocks: each change queues its
steps inside the same transaction, so they commit or roll back with it."""

from datetime import date, datetime
from typing import Any

from casussen.besluit.models import Aanvraag, Beschikking
from casussen.besluit.signalen import (
    aanvraag_ontvangen,
    beschikking_genomen,
    beschikking_ingetrokken,
)
from regie.termijnen.models import Termijn
from regie.termijnen.signalen import termijn_hervat, termijn_opgeschort, termijn_verdaagd

from . import services


def _aanvraag(sender: Any, *, aanvraag: Aanvraag, **kwargs: Any) -> None:
    services.aanvraag_register(aanvraag=aanvraag)


def _genomen(sender: Any, *, beschikking: Beschikking, **kwargs: Any) -> None:
    services.beschikking_register(beschikking=beschikking)


def _ingetrokken(sender: Any, *, beschikking: Beschikking, per: date, **kwargs: Any) -> None:
    services.intrekking_register(beschikking=beschikking, per=per)


def _opgeschort(sender: Any, *, termijn: Termijn, reden: str, **kwargs: Any) -> None:
    services.opschorting_register(termijn=termijn, reden=reden)


def _hervat(sender: Any, *, termijn: Termijn, **kwargs: Any) -> None:
    services.hervatting_register(termijn=termijn)


def _verdaagd(sender: Any, *, termijn: Termijn, oude_deadline: datetime, reden: str,
              **kwargs: Any) -> None:
    services.verlenging_register(termijn=termijn, oude_deadline=oude_deadline, reden=reden)


def register() -> None:
    aanvraag_ontvangen.connect(_aanvraag, sender=Aanvraag, dispatch_uid="zgw.aanvraag")
    beschikking_genomen.connect(_genomen, sender=Beschikking, dispatch_uid="zgw.genomen")
    beschikking_ingetrokken.connect(_ingetrokken, sender=Beschikking,
                                    dispatch_uid="zgw.ingetrokken")
    termijn_opgeschort.connect(_opgeschort, sender=Termijn, dispatch_uid="zgw.opgeschort")
    termijn_hervat.connect(_hervat, sender=Termijn, dispatch_uid="zgw.hervat")
    termijn_verdaagd.connect(_verdaagd, sender=Termijn, dispatch_uid="zgw.verdaagd")
