"""The reminder scan: every due reminder of every clock, sent once, derived from the database."""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from toegang.accounts.models import User
from toegang.berichten.services import (
    Bericht,
    notificatie_send,
    notificaties_send,
)
from toegang.core.locks import scan_lock
from toegang.organisatie.selectors import teamleiders_of

from ..models import (
    Herinnering,
    HerinneringSoort,
    Termijn,
    TermijnBeleid,
    TermijnStatus,
)
from .beleid import termijnbeleid_current
from .klokken import _due_kinds, _volgende_moment, herinnering_momenten

# --- The reminder scan --------------------------------------------------------------------------


@dataclass
class ScanResultaat:
    termijnen: int = 0
    herinneringen: int = 0
    # True when another run (a second beat, a replayed message) was already scanning.
    overgeslagen: bool = False


def _ontvangers(termijn: Termijn, soort: str, leiders: dict[int, list[User]]) -> list[User]:
    """First the person responsible (the regiehouder); without one, and for escalation, the
    teamleiders of the team."""
    if soort != HerinneringSoort.ESCALATIE and termijn.verantwoordelijke is not None \
            and termijn.verantwoordelijke.is_active:
        return [termijn.verantwoordelijke]
    return leiders.get(termijn.team_id, [])


def _bericht(termijn: Termijn, soort: str) -> tuple[str, str]:
    datum = timezone.localtime(termijn.deadline).strftime("%d-%m-%Y")
    wat = termijn.get_soort_display()
    ref = termijn.intake.referentie
    onderwerpen: dict[str, str] = {
        HerinneringSoort.VOORAF: _("Binnenkort: %(wat)s bij %(ref)s (uiterlijk %(datum)s)"),
        HerinneringSoort.VERVALDAG: _("Vandaag: %(wat)s bij %(ref)s"),
        HerinneringSoort.TE_LAAT: _("Te laat: %(wat)s bij %(ref)s (was %(datum)s)"),
        HerinneringSoort.ESCALATIE: _("Escalatie: %(wat)s bij %(ref)s is te laat (was "
                                      "%(datum)s)"),
    }
    onderwerp = onderwerpen[soort] % {"wat": wat, "ref": ref, "datum": datum}
    return onderwerp, termijn.omschrijving or termijn.toelichting


def _url(termijn: Termijn) -> str:
    """Where the reminder leads: the casus once there is one, otherwise the intake."""
    if termijn.casus_id:
        return reverse("casussen:detail", args=[termijn.casus_id])
    return reverse("intake:werk_detail", args=[termijn.intake_id])


def herinneringen_scan(*, now: datetime | None = None, batch: int = 500) -> ScanResultaat:
    """Send every reminder that is due, once. Derived from the database only: a lost message
    or a stopped worker delays a reminder but never loses or doubles it.

    One run at a time (scan_lock: a second beat's run returns at once, overgeslagen). Rows
    are claimed with SELECT … FOR UPDATE SKIP LOCKED, so two workers never work on the same
    clock; each reminder row is unique per (termijn, soort, ontvanger) and is written in the
    same transaction as its inbox message and its e-mail in the outbox.
    """
    with scan_lock("regie.termijnen.herinneringen_scan") as mag:
        if not mag:
            return ScanResultaat(overgeslagen=True)
        return _scan(now=now or timezone.now(), batch=batch)


def _scan(*, now: datetime, batch: int) -> ScanResultaat:
    beleid = termijnbeleid_current()
    resultaat = ScanResultaat()
    while True:
        with transaction.atomic():
            termijnen = list(
                Termijn.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=TermijnStatus.LOPEND, volgende_herinnering_op__lte=now)
                .select_related("intake", "verantwoordelijke")
                .order_by("volgende_herinnering_op", "id")[:batch])
            if not termijnen:
                break
            resultaat.termijnen += len(termijnen)
            resultaat.herinneringen += _verwerk(termijnen, beleid, now)
        if len(termijnen) < batch:
            break
    return resultaat


def _verwerk(termijnen: list[Termijn], beleid: TermijnBeleid, now: datetime) -> int:
    ids = [t.pk for t in termijnen]
    gedaan: dict[int, set[tuple[str, int]]] = {}
    for termijn_id, soort, ontvanger_id in Herinnering.objects.filter(
            termijn_id__in=ids).values_list("termijn_id", "soort", "ontvanger_id"):
        gedaan.setdefault(termijn_id, set()).add((soort, ontvanger_id))
    leiders = teamleiders_of(team_ids={t.team_id for t in termijnen})
    te_sturen: list[tuple[Termijn, str, User]] = []
    with translation.override("nl"):
        for termijn in termijnen:
            momenten = herinnering_momenten(termijn, beleid)
            klaar = gedaan.get(termijn.pk, set())
            for soort in _due_kinds(momenten, now, termijn.deadline):
                for ontvanger in _ontvangers(termijn, soort, leiders):
                    if (soort, ontvanger.pk) not in klaar:
                        te_sturen.append((termijn, soort, ontvanger))
                        klaar.add((soort, ontvanger.pk))
            soorten_klaar = {soort for soort, _o in klaar}
            # Kinds whose moment passed without being due (skipped as too late) count as done.
            soorten_klaar |= {s for s, m in momenten.items() if m <= now}
            termijn.volgende_herinnering_op = _volgende_moment(termijn, beleid, soorten_klaar,
                                                               now)
        try:
            with transaction.atomic():
                nieuw = _stuur_alle(te_sturen)
        except IntegrityError:
            # Someone else sent one of these after all (the unique row says so): one by one,
            # skipping what exists.
            nieuw = sum(_stuur(termijn, soort, ontvanger) for termijn, soort, ontvanger
                        in te_sturen)
    _volgende_opslaan(termijnen)
    return nieuw


def _volgende_opslaan(termijnen: list[Termijn]) -> None:
    """Store each clock's next reminder moment in one statement."""
    if connection.vendor != "postgresql":
        Termijn.objects.bulk_update(termijnen, ["volgende_herinnering_op"], batch_size=500)
        return
    # UPDATE … FROM (VALUES …): one pass, where Django's CASE WHEN grows with the batch.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE regie_termijn AS t SET volgende_herinnering_op = v.moment "
            "FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(id, moment) WHERE t.id = v.id",
            [[t.pk for t in termijnen], [t.volgende_herinnering_op for t in termijnen]])


def _stuur_alle(te_sturen: list[tuple[Termijn, str, User]]) -> int:
    """The reminders of one claimed batch in a few inserts: inbox messages, e-mails, and the
    reminder rows whose unique (termijn, soort, ontvanger) makes each one happen once."""
    berichten = []
    for termijn, soort, ontvanger in te_sturen:
        onderwerp, tekst = _bericht(termijn, soort)
        berichten.append(Bericht(ontvanger=ontvanger, soort=f"termijn_{soort}",
                                 onderwerp=onderwerp, tekst=tekst, url=_url(termijn),
                                 sleutel=f"herinnering:{termijn.pk}:{soort}:{ontvanger.pk}"))
    notificaties = notificaties_send(berichten=berichten)
    Herinnering.objects.bulk_create([
        Herinnering(termijn=termijn, soort=soort, ontvanger=ontvanger, notificatie=notificatie)
        for (termijn, soort, ontvanger), notificatie in zip(te_sturen, notificaties,
                                                             strict=True)])
    return len(te_sturen)


def _stuur(termijn: Termijn, soort: str, ontvanger: User) -> int:
    try:
        with transaction.atomic():
            herinnering = Herinnering.objects.create(termijn=termijn, soort=soort,
                                                     ontvanger=ontvanger)
    except IntegrityError:
        return 0  # sent before: a reminder goes out once, whatever happens
    onderwerp, tekst = _bericht(termijn, soort)
    notificatie = notificatie_send(ontvanger=ontvanger, soort=f"termijn_{soort}",
                                   onderwerp=onderwerp, tekst=tekst, url=_url(termijn),
                                   sleutel=f"herinnering:{termijn.pk}:{soort}:{ontvanger.pk}")
    Herinnering.objects.filter(pk=herinnering.pk).update(notificatie=notificatie)
    return 1
