"""Queueing the registration in the zaaksysteem: each function writes steps to the outbox in
the caller's transaction (the decision, the clock change) and asks for them to be sent once it
commits. When the koppeling is not active, nothing is queued."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

from casussen.besluit.models import Aanvraag, Beschikking
from regie.termijnen.models import Termijn, TermijnSoort
from toegang.core.domein import Wet

from .models import StapSoort, ZgwConfig, ZgwStap, ZgwZaak
from .verwerking import plan_verwerking

# The decision clock of an aanvraag, per wet (the clocks a zaak's term follows).
WET_VAN_KLOK: dict[str, str] = {
    TermijnSoort.WMO_BESCHIKKING: Wet.WMO,
    TermijnSoort.JEUGD_BESCHIKKING: Wet.JEUGDWET,
    TermijnSoort.PW_BESLUIT: Wet.PARTICIPATIEWET,
}


def _actief() -> ZgwConfig | None:
    config = ZgwConfig.get_solo()
    return config if config.actief else None


def zaak_identificatie(aanvraag: Aanvraag) -> str:
    """Our kenmerk of the aanvraag, used as the zaak's identificatie (at most 40)."""
    return f"{aanvraag.casus.intake.referentie}-A{aanvraag.pk}"[:40]


def _stap(zaak: ZgwZaak, soort: str, sleutel: str, *, beschikking: Beschikking | None = None,
          gegevens: dict[str, Any] | None = None) -> ZgwStap:
    stap, _ = ZgwStap.objects.get_or_create(
        sleutel=sleutel, defaults={"zaak": zaak, "soort": soort, "beschikking": beschikking,
                                   "gegevens": gegevens or {},
                                   "volgende_poging_op": timezone.now()})
    return stap


def _status_stap(zaak: ZgwZaak, config: ZgwConfig, moment: str, sleutel: str,
                 op: datetime) -> None:
    if getattr(config, f"status_{moment}"):
        _stap(zaak, StapSoort.STATUS, sleutel,
              gegevens={"moment": moment, "datum": op.isoformat(timespec="seconds")})


def _zaak_van(aanvraag: Aanvraag, config: ZgwConfig) -> ZgwZaak:
    """The aanvraag's zaak, queued (zaak, initiator, first status) when it has none yet."""
    zaak, nieuw = ZgwZaak.objects.get_or_create(
        aanvraag=aanvraag, defaults={"casus_id": aanvraag.casus_id,
                                     "identificatie": zaak_identificatie(aanvraag)})
    if nieuw:
        _stap(zaak, StapSoort.ZAAK, f"zaak:{aanvraag.pk}")
        _stap(zaak, StapSoort.ROL, f"rol:{aanvraag.pk}")
        _status_stap(zaak, config, "ontvangen", f"status:ontvangen:{aanvraag.pk}",
                     aanvraag.created_at)
    return zaak


def aanvraag_register(*, aanvraag: Aanvraag) -> ZgwZaak | None:
    """Queue the zaak of a new aanvraag: the zaak, the resident as initiator, its status."""
    config = _actief()
    if config is None:
        return None
    zaak = _zaak_van(aanvraag, config)
    plan_verwerking()
    return zaak


def beschikking_register(*, beschikking: Beschikking) -> ZgwZaak | None:
    """Queue a decision taken: its letter as a document, the besluit, and the status."""
    config = _actief()
    if config is None or beschikking.aanvraag is None:
        return None  # a decision without an aanvraag has no zaak
    zaak = _zaak_van(beschikking.aanvraag, config)
    _stap(zaak, StapSoort.DOCUMENT, f"document:{beschikking.pk}", beschikking=beschikking)
    _stap(zaak, StapSoort.BESLUIT, f"besluit:{beschikking.pk}", beschikking=beschikking)
    _status_stap(zaak, config, "besluit", f"status:besluit:{beschikking.pk}", timezone.now())
    plan_verwerking()
    return zaak


def intrekking_register(*, beschikking: Beschikking, per: date) -> ZgwStap | None:
    """Queue the end of a besluit that was registered (withdrawn per `per`)."""
    config = _actief()
    zaak = _bestaande_zaak(beschikking.aanvraag_id) if config else None
    if zaak is None:
        return None
    stap = _stap(zaak, StapSoort.INTREKKING, f"intrekking:{beschikking.pk}",
                 beschikking=beschikking, gegevens={"per": per.isoformat()})
    plan_verwerking()
    return stap


def _bestaande_zaak(aanvraag_id: int | None) -> ZgwZaak | None:
    if aanvraag_id is None:
        return None
    return ZgwZaak.objects.filter(aanvraag_id=aanvraag_id).first()


def _zaak_van_termijn(termijn: Termijn) -> ZgwZaak | None:
    """The zaak whose decision term this clock is: the casus' latest aanvraag of its wet."""
    wet = WET_VAN_KLOK.get(termijn.soort)
    if wet is None or termijn.casus_id is None or _actief() is None:
        return None
    return (ZgwZaak.objects.filter(casus_id=termijn.casus_id, aanvraag__wet=wet)
            .order_by("-aanvraag__ontvangen_op", "-aanvraag_id").first())


def _volgnummer(zaak: ZgwZaak, prefix: str) -> int:
    return ZgwStap.objects.filter(zaak=zaak, sleutel__startswith=prefix).count() + 1


def opschorting_register(*, termijn: Termijn, reden: str) -> ZgwStap | None:
    """Queue the suspension of the zaak's term (Awb 4:15), with its reason."""
    zaak = _zaak_van_termijn(termijn)
    if zaak is None:
        return None
    prefix = f"opschorting:{termijn.pk}:"
    stap = _stap(zaak, StapSoort.OPSCHORTING, f"{prefix}{_volgnummer(zaak, prefix)}",
                 gegevens={"reden": reden})
    plan_verwerking()
    return stap


def hervatting_register(*, termijn: Termijn) -> ZgwStap | None:
    """Queue the end of the suspension: the term runs again."""
    zaak = _zaak_van_termijn(termijn)
    if zaak is None:
        return None
    prefix = f"hervatting:{termijn.pk}:"
    stap = _stap(zaak, StapSoort.HERVATTING, f"{prefix}{_volgnummer(zaak, prefix)}")
    plan_verwerking()
    return stap


def verlenging_register(*, termijn: Termijn, oude_deadline: datetime,
                        reden: str) -> ZgwStap | None:
    """Queue the extension of the term (Awb 4:14): the days added to the first deadline (a
    second extension replaces the first in the zaak, so it carries the total), and why."""
    zaak = _zaak_van_termijn(termijn)
    if zaak is None:
        return None
    eerst = termijn.oorspronkelijke_deadline or oude_deadline
    dagen = (timezone.localdate(termijn.deadline) - timezone.localdate(eerst)).days
    stap = _stap(zaak, StapSoort.VERLENGING,
                 f"verlenging:{termijn.pk}:{timezone.localdate(termijn.deadline):%Y%m%d}",
                 gegevens={"reden": reden, "dagen": dagen})
    plan_verwerking()
    return stap
