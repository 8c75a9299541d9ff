"""Writes of ZRM assessments: by a professional, or a self-assessment by the resident.

The views pass the casus gate first (CHANGE for professionals, VIEW of the own case for the
resident); these services validate the data and write the assessment and the access log.
"""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Grond
from toegang.accounts.models import CASE_ROLES, Rol, User
from toegang.audit.models import Actie
from toegang.audit.services import toegangslog_write
from toegang.core.domein import Levensgebied
from toegang.core.validators import clean_text

from ..models import Casus, CasusStatus
from .models import ZrmMeting, ZrmScore

MAX_TOELICHTING = 2000


def _clean_scores(scores: Mapping[str, int], *, leeg: str) -> dict[str, int]:
    """Check domains and levels; return them in the order of the 13 domains."""
    if not scores:
        raise ValidationError(leeg, code="geen_score")
    errors: dict[str, str] = {}
    unknown = [domein for domein in scores if domein not in Levensgebied.values]
    if unknown:
        raise ValidationError(_("Onbekend levensgebied: %(domein)s.") % {
            "domein": ", ".join(sorted(map(str, unknown)))}, code="onbekend_domein")
    for domein, niveau in scores.items():
        # bool is an int in Python; True must not pass as level 1.
        if isinstance(niveau, bool) or not isinstance(niveau, int) or not 1 <= niveau <= 5:
            errors[domein] = _("Kies een niveau van 1 tot en met 5.")
    if errors:
        raise ValidationError(errors, code="niveau")
    return {domein: scores[domein] for domein in Levensgebied.values if domein in scores}


def _check_open(casus: Casus) -> None:
    if casus.status == CasusStatus.AFGESLOTEN:
        raise ValidationError(_("Deze casus is afgesloten. Een nieuwe meting kan pas als de "
                                "casus weer open is."), code="afgesloten")


def _clean_toelichting(toelichting: str) -> str:
    tekst = clean_text(toelichting or "")
    if len(tekst) > MAX_TOELICHTING:
        raise ValidationError({"toelichting": _("De toelichting is te lang: maximaal "
                                                "%(max)d tekens.") % {"max": MAX_TOELICHTING}})
    return tekst


def _create(*, casus: Casus, datum: date, door: User | None, scores: dict[str, int],
            toelichting: str) -> ZrmMeting:
    meting = ZrmMeting.objects.create(casus=casus, datum=datum, door=door,
                                      door_inwoner=door is None, toelichting=toelichting)
    ZrmScore.objects.bulk_create([ZrmScore(meting=meting, domein=domein, niveau=niveau)
                                  for domein, niveau in scores.items()])
    return meting


@transaction.atomic
def zrm_record(*, user: User, casus: Casus, datum: date, scores: Mapping[str, int],
               toelichting: str = "", request: HttpRequest | None = None) -> ZrmMeting:
    """Record a professional's assessment: at least one domain, levels 1–5, not in the future."""
    if user.rol not in CASE_ROLES:
        raise ValidationError(_("Alleen professionals en teamleiders leggen een ZRM-meting "
                                "vast."), code="rol")
    _check_open(casus)
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum van de meting kan niet in de toekomst "
                                          "liggen.")}, code="toekomst")
    cleaned = _clean_scores(scores, leeg=_("Geef minstens één levensgebied een score."))
    meting = _create(casus=casus, datum=datum, door=user, scores=cleaned,
                     toelichting=_clean_toelichting(toelichting))
    toegangslog_write(user=user, actie=Actie.WIJZIGEN,
                      grond=getattr(casus, "grond", "") or Grond.REGIEHOUDER,
                      object_type="zrm", object_id=meting.pk, intake_id=casus.intake_id,
                      casus_id=casus.pk, inwoner_id=casus.intake.inwoner_id, request=request)
    return meting


@transaction.atomic
def zrm_self_assess(*, inwoner: User, casus: Casus, scores: Mapping[str, int],
                    toelichting: str = "", request: HttpRequest | None = None) -> ZrmMeting:
    """Record the resident's own view of how things go, dated today, on their own case."""
    if inwoner.rol != Rol.INWONER or casus.intake.inwoner_id != inwoner.pk:
        raise ValidationError(_("Alleen de inwoner zelf kan deze vragen invullen."),
                              code="niet_eigen")
    _check_open(casus)
    cleaned = _clean_scores(scores, leeg=_("Kies bij minstens één onderwerp een antwoord."))
    meting = _create(casus=casus, datum=timezone.localdate(), door=None, scores=cleaned,
                     toelichting=_clean_toelichting(toelichting))
    toegangslog_write(user=inwoner, actie=Actie.WIJZIGEN, grond=Grond.EIGEN,
                      object_type="zrm", object_id=meting.pk, intake_id=casus.intake_id,
                      casus_id=casus.pk, inwoner_id=inwoner.pk, request=request)
    return meting
