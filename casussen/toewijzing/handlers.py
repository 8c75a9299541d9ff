"""The berichtenverkeer listens to the decision path: a decision taken or withdrawn sends its
toewijzingen, inside the same transaction."""

from datetime import date
from typing import Any

from ..besluit.models import Beschikking
from ..besluit.signalen import beschikking_genomen, beschikking_ingetrokken
from .toewijzen import bij_besluit, bij_intrekking


def _genomen(sender: Any, *, beschikking: Beschikking, user: Any, **kwargs: Any) -> None:
    bij_besluit(beschikking, user)


def _ingetrokken(sender: Any, *, beschikking: Beschikking, per: date, **kwargs: Any) -> None:
    bij_intrekking(beschikking, per)


def register() -> None:
    beschikking_genomen.connect(_genomen, sender=Beschikking,
                                dispatch_uid="toewijzing.beschikking_genomen")
    beschikking_ingetrokken.connect(_ingetrokken, sender=Beschikking,
                                    dispatch_uid="toewijzing.beschikking_ingetrokken")
