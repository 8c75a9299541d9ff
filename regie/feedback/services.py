"""Writes for what residents say after their casus closed: inviting them (once per casus, by
the hourly scan), storing an answer apart from the casus, and what the retention job removes.
"""

import logging
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from casussen.models import Casus, CasusStatus
from intake.models import Veiligheid, Veiligheidsmelding
from intake.services.inwoner import inwoner_tell

from .models import OPMERKING_MAX, FeedbackAntwoord, FeedbackUitnodiging, Geholpen, JaNeeWeetNiet

logger = logging.getLogger(__name__)

# How long the link works.
VERLOOPT_NA = timedelta(weeks=8)
# The scan invites the residents of casussen closed in the last two weeks: a casus closed
# long ago (or before this feature existed) is not asked about any more.
SCAN_DAGEN = 14
# Remarks are free text and may name people; the teamleider reads them within months. They
# are cleared after two years, shorter than every retention term of a casus (7 years or
# more, docs/bewaartermijnen.md), so a remark never outlives the casus it is about.
OPMERKING_BEWAAR_JAREN = 2
# Answers to "is everyone safe?" for which no message about the casus goes out: it could be
# read by the person the resident is not safe with.
ONVEILIG = (Veiligheid.ONVEILIG, Veiligheid.ZORGEN)


def feedback_path(uitnodiging: FeedbackUitnodiging) -> str:
    return reverse("feedback_mijn:antwoorden", args=[uitnodiging.token])


def _uitnodigbaar() -> Q:
    """A closed casus whose resident may be asked: the record is not anonymised, nobody said
    it was unsafe or worrying (in the request, or in a safety report kept from the resident),
    and there is a way to reach them (an account, or an e-mail address in the request)."""
    verborgen_melding = Veiligheidsmelding.objects.filter(intake_id=OuterRef("intake_id"),
                                                          tonen_aan_inwoner=False)
    return (Q(status=CasusStatus.AFGESLOTEN, intake__geanonimiseerd_op__isnull=True)
            & ~Q(intake__veiligheid__in=ONVEILIG)
            & (Q(intake__inwoner__isnull=False) | ~Q(intake__email=""))
            & ~Q(Exists(verborgen_melding)))


def _tell(uitnodiging: FeedbackUitnodiging, casus: Casus) -> None:
    path = feedback_path(uitnodiging)
    with translation.override("nl"):  # stored text, in the product's language
        datum = formats.date_format(timezone.localtime(uitnodiging.verloopt_op), "j F Y")
        tekst = _("Uw hulpvraag bij de gemeente is afgerond. Wilt u ons vertellen hoe het "
                  "ging? Het zijn drie korte vragen. Dat kost u ongeveer een minuut.\n\n"
                  "U hoeft uw naam niet te geven. Wij kunnen uw antwoord niet aan u of aan uw "
                  "dossier koppelen. U kunt antwoorden tot %(datum)s.") % {"datum": datum}
        # An e-mail to an address without an account carries no button: the link goes in
        # the text. It shows no data of the resident, only the three questions.
        tekst_email = tekst + "\n\n" + _("Beantwoord de vragen op: %(url)s") % {
            "url": f"{settings.SITE_URL}{path}"}
        inwoner_tell(intake=casus.intake, soort="feedback",
                     onderwerp=_("Hoe was de hulp? Drie korte vragen"), tekst=tekst,
                     tekst_email=tekst_email, url=path, sleutel=f"feedback:{casus.pk}",
                     brief=False)


@transaction.atomic
def feedback_invite(*, casus: Casus, now: datetime | None = None
                    ) -> FeedbackUitnodiging | None:
    """Ask the resident of a closed casus the three questions, once per casus: returns the
    invitation (the same one on a second call), or None when this resident may not be asked
    (see `_uitnodigbaar`). No letter: an answer on paper would have to be typed in by staff."""
    now = now or timezone.now()
    bestaand = FeedbackUitnodiging.objects.filter(casus_id=casus.pk).first()
    if bestaand is not None:
        return bestaand
    if not Casus.objects.filter(_uitnodigbaar(), pk=casus.pk).exists():
        return None
    intake = casus.intake
    uitnodiging, nieuw = FeedbackUitnodiging.objects.get_or_create(
        casus_id=casus.pk, defaults={"wijk_id": intake.wijk_id, "team_id": casus.team_id,
                                     "created_at": now, "verloopt_op": now + VERLOOPT_NA})
    if nieuw:
        _tell(uitnodiging, casus)
    return uitnodiging


def feedback_invitations_send(*, now: datetime | None = None) -> int:
    """The hourly scan: invite the residents of casussen closed in the last SCAN_DAGEN days
    that have no invitation yet. One transaction per casus. Returns how many were invited."""
    now = now or timezone.now()
    zonder = ~Exists(FeedbackUitnodiging.objects.filter(casus_id=OuterRef("pk")))
    ids = list(Casus.objects.filter(_uitnodigbaar(), zonder,
                                    afgesloten_op__gte=now - timedelta(days=SCAN_DAGEN),
                                    afgesloten_op__lte=now)
               .order_by("afgesloten_op", "pk").values_list("pk", flat=True))
    gedaan = 0
    for pk in ids:
        with transaction.atomic():
            casus = (Casus.objects.select_for_update(of=("self",), skip_locked=True)
                     .select_related("intake__inwoner").filter(pk=pk).first())
            if casus is None:
                continue  # another worker has it
            if feedback_invite(casus=casus, now=now) is not None:
                gedaan += 1
    if gedaan:
        logger.info("feedback: %s residents invited", gedaan)
    return gedaan


def feedback_refusal(*, uitnodiging: FeedbackUitnodiging,
                     now: datetime | None = None) -> ValidationError | None:
    """Why this link can no longer be used (answered already, or expired), or None."""
    if uitnodiging.beantwoord:
        return ValidationError(_("U heeft deze vragen al beantwoord. Dank u wel!"),
                               code="beantwoord")
    if uitnodiging.is_verlopen(now):
        datum = formats.date_format(timezone.localtime(uitnodiging.verloopt_op), "j F Y")
        return ValidationError(_("Deze link werkt niet meer. U kon antwoorden tot %(datum)s.")
                               % {"datum": datum}, code="verlopen")
    return None


@transaction.atomic
def feedback_answer(*, uitnodiging: FeedbackUitnodiging, verhaal_een_keer: str,
                    wist_contactpersoon: str, geholpen: str, opmerking: str = "",
                    now: datetime | None = None) -> FeedbackAntwoord:
    """Store one resident's answers without any link to them, and mark their invitation used
    in the same transaction; refuse a link that was used or has expired."""
    now = now or timezone.now()
    locked = FeedbackUitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    weigering = feedback_refusal(uitnodiging=locked, now=now)
    if weigering is not None:
        raise weigering
    fouten = {}
    kies = _("Kies een antwoord.")
    if verhaal_een_keer not in JaNeeWeetNiet.values:
        fouten["verhaal_een_keer"] = kies
    if wist_contactpersoon not in JaNeeWeetNiet.values:
        fouten["wist_contactpersoon"] = kies
    if geholpen not in Geholpen.values:
        fouten["geholpen"] = kies
    opmerking = opmerking.strip()
    if len(opmerking) > OPMERKING_MAX:
        fouten["opmerking"] = _("Dit is te lang: maximaal %(n)s tekens.") % {"n": OPMERKING_MAX}
    if fouten:
        raise ValidationError(fouten)
    locked.beantwoord = True
    locked.save(update_fields=["beantwoord"])
    # Only the wijk and the team travel from the invitation to the answer (the module of
    # models.py says why there is no reference). No access-log row: nothing about a person
    # is read or written here.
    dag = timezone.localdate(now)
    return FeedbackAntwoord.objects.create(
        wijk_id=locked.wijk_id, team_id=locked.team_id, maand=dag.replace(day=1),
        verhaal_een_keer=verhaal_een_keer, wist_contactpersoon=wist_contactpersoon,
        geholpen=geholpen, opmerking=opmerking, created_at=dag)


# --- Retention (called by the nightly job in toegang/bewaren) ------------------------------------


def feedback_uitnodigingen_delete(*, casus_ids: list[int]) -> int:
    """Invitations of casussen that are anonymised go: they are the only link between a
    casus and the feedback. The answers stay (they never had a link)."""
    aantal, _per_model = FeedbackUitnodiging.objects.filter(casus_id__in=casus_ids).delete()
    return aantal


def feedback_opmerkingen_clear(*, now: datetime | None = None) -> int:
    """Clear remarks older than OPMERKING_BEWAAR_JAREN (by the date of the answer); the
    answers to the three questions stay for the figures. Returns how many were cleared."""
    grens = timezone.localdate(now or timezone.now()) - relativedelta(
        years=OPMERKING_BEWAAR_JAREN)
    return (FeedbackAntwoord.objects.filter(created_at__lt=grens).exclude(opmerking="")
            .update(opmerking=""))
