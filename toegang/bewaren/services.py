"""The retention job: anonymise closed cases and old intakes past their term, remove
abandoned drafts, and record each batch.

What goes: names, BSN, address, phone, e-mail, everything the resident typed, the household,
additions, notes, contact reports, handover notes, plan and consent free text, reasons, and
the files (from storage too). What stays: the rows that the management information counts
(intake with wijk, team, channel, urgency, dates and status; life areas; the case with its
status and dates; ZRM scores; clocks; consents without names), so the summary tables give the
same figures before and after. Idempotent (`Intake.geanonimiseerd_op`) and batched: each batch
is one transaction that claims its rows with `select_for_update(skip_locked=True)`.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.core.files.storage import Storage
from django.db import connection, transaction
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncYear
from django.utils import timezone

from casussen.besluit.models import (
    Aanvraag,
    Beschikking,
    BesluitGebeurtenis,
    Bezwaar,
    Onderzoek,
    Toekenning,
)
from casussen.models import (
    Betrokkenheid,
    Casus,
    CasusGebeurtenis,
    CasusStatus,
    Contactmoment,
    Notitie,
    Overdracht,
)
from casussen.plan.models import Actie, Doel, PlanVersie, Voorziening
from casussen.toewijzing.models import Bericht, Verzoek
from casussen.zrm.models import ZrmMeting
from intake.models import (
    Aanvulling,
    Bijlage,
    Huishoudlid,
    Intake,
    Toestemming,
    Veiligheidsmelding,
)
from intake.wizard.eigen_vragen import EigenAntwoord
from intake.wizard.models import ConceptBijlage, IntakeConcept
from regie.feedback.services import feedback_opmerkingen_clear, feedback_uitnodigingen_delete
from regie.termijnen.models import Termijn, TermijnGebeurtenis
from toegang.accounts.models import Rol
from toegang.api.models import Webhookbericht, WebhookStatus
from toegang.audit.models import Toegangslog
from toegang.audit.services import toegangslog_partities_verwijderen
from toegang.core.domein import Wet
from toegang.organisatie.models import Team
from toegang.zgw.models import ZgwStap

from .models import (
    CONCEPT_DAGEN,
    STANDAARD_JAREN,
    TOEGANGSLOG_MINIMUM_JAREN,
    Bewaaractie,
    Bewaartermijn,
)

logger = logging.getLogger("toegang.bewaren")
BATCH = 500
WEBHOOK_DAGEN = 30


def bewaartermijnen_current() -> dict[str, int]:
    """Years per wet: the municipality's setting, else the default."""
    jaren = {str(wet): STANDAARD_JAREN[wet] for wet in Wet}
    jaren.update(dict(Bewaartermijn.objects.values_list("wet", "jaren")))
    return jaren


def _team_dient(team_ref: str, wet: str) -> Exists:
    return Exists(Team.wetten.through.objects.filter(team_id=OuterRef(team_ref), wet_id=wet))


def _betrekt_wet(wet: str, *, is_casus: bool) -> Q:
    """The record involves `wet`: a team of that wet took it in or handles it, the resident
    was asked for consent for it, a team of it is involved, the plan has a service under it,
    or there is an aanvraag or a decision under it."""
    intake = "intake_id" if is_casus else "id"
    q = Q(_team_dient("intake__team_id" if is_casus else "team_id", wet)) | Q(Exists(
        Toestemming.objects.filter(intake_id=OuterRef(intake), wet=wet)))
    if is_casus:
        q |= Q(_team_dient("team_id", wet))
        q |= Q(Exists(Voorziening.objects.filter(versie__plan__casus_id=OuterRef("id"), wet=wet)))
        q |= Q(Exists(Betrokkenheid.objects.filter(casus_id=OuterRef("id"),
                                                   team__wetten__code=wet)))
        q |= Q(Exists(Aanvraag.objects.filter(casus_id=OuterRef("id"), wet=wet)))
        q |= Q(Exists(Beschikking.objects.filter(casus_id=OuterRef("id"), wet=wet)))
    return q


def _binnen_langere_termijn(qs: QuerySet, *, moment: str, now: datetime, jaren: dict[str, int],
                            is_casus: bool) -> QuerySet:
    """Keep out every record that involves a wet whose (longer) term has not yet passed: the
    longest term of all wetten involved applies."""
    kortste = min(jaren.values())
    for wet, termijn in jaren.items():
        if termijn > kortste:
            qs = qs.exclude(_betrekt_wet(wet, is_casus=is_casus)
                            & Q(**{f"{moment}__gte": now - relativedelta(years=termijn)}))
    return qs


def casussen_te_anonimiseren(*, now: datetime, jaren: dict[str, int]) -> QuerySet[Casus]:
    peildatum = now - relativedelta(years=min(jaren.values()))
    qs = Casus.objects.filter(status=CasusStatus.AFGESLOTEN, afgesloten_op__lt=peildatum,
                              intake__geanonimiseerd_op__isnull=True)
    return _binnen_langere_termijn(qs, moment="afgesloten_op", now=now, jaren=jaren,
                                   is_casus=True)


def losse_intakes_te_anonimiseren(*, now: datetime, jaren: dict[str, int]) -> QuerySet[Intake]:
    """Intakes that never became a case, counted from their last activity (the submission or
    the newest addition)."""
    peildatum = now - relativedelta(years=min(jaren.values()))
    laatste_aanvulling = (Aanvulling.objects.filter(intake_id=OuterRef("id"))
                          .values("intake_id").annotate(m=Max("created_at")).values("m"))
    qs = (Intake.objects.filter(casus__isnull=True, geanonimiseerd_op__isnull=True)
          .annotate(laatst_actief=Greatest("ingediend_op",
                                           Coalesce(Subquery(laatste_aanvulling),
                                                    "ingediend_op")))
          .filter(laatst_actief__lt=peildatum))
    return _binnen_langere_termijn(qs, moment="laatst_actief", now=now, jaren=jaren,
                                   is_casus=False)


def _bewaartermijn_modus() -> None:
    # Lets the append-only triggers allow exactly what retention needs (toegang/core/db.py).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL toegang.bewaartermijn = 'aan'")


def _bestanden_weg(namen: list[tuple[Storage, str]]) -> None:
    """Delete stored files after the commit: a rolled-back batch keeps its files."""
    def delete() -> None:
        for storage, naam in namen:
            try:
                storage.delete(naam)
            except OSError:
                logger.exception("bestand %s kon niet worden verwijderd", naam)
    transaction.on_commit(delete)


def _casus_inhoud_weg(casus_ids: list[int]) -> None:
    Casus.objects.filter(pk__in=casus_ids).update(ave_reden="", sluitreden="")
    Contactmoment.objects.filter(casus_id__in=casus_ids).delete()
    Notitie.objects.filter(casus_id__in=casus_ids).delete()
    Overdracht.objects.filter(casus_id__in=casus_ids).update(
        situatie="", geprobeerd="", afspraken="", risicos="", volgende_stappen="",
        reden_afwijzing="")
    CasusGebeurtenis.objects.filter(casus_id__in=casus_ids).update(reden="")
    Betrokkenheid.objects.filter(casus_id__in=casus_ids).update(toelichting="")
    PlanVersie.objects.filter(plan__casus_id__in=casus_ids).update(samenvatting="",
                                                                   opmerking_inwoner="")
    Doel.objects.filter(versie__plan__casus_id__in=casus_ids).update(omschrijving="")
    Actie.objects.filter(versie__plan__casus_id__in=casus_ids).update(omschrijving="",
                                                                      eigenaar_naam="")
    Voorziening.objects.filter(versie__plan__casus_id__in=casus_ids).update(omschrijving="")
    ZrmMeting.objects.filter(casus_id__in=casus_ids).update(toelichting="")
    # The decision path: what was said in the onderzoek and every reason typed since. The
    # decisions themselves (product, volume, period, cost) stay for the figures.
    Onderzoek.objects.filter(casus_id__in=casus_ids).update(
        hulpvraag="", eigen_kracht="", netwerk="", mantelzorg="", algemene_voorzieningen="",
        maatwerk_toelichting="", opmerking_inwoner="")
    Aanvraag.objects.filter(casus_id__in=casus_ids).update(toelichting="")
    Beschikking.objects.filter(casus_id__in=casus_ids).update(motivering="", reden_wijziging="")
    Toekenning.objects.filter(beschikking__casus_id__in=casus_ids).update(reden="")
    Bezwaar.objects.filter(beschikking__casus_id__in=casus_ids).update(toelichting="")
    BesluitGebeurtenis.objects.filter(casus_id__in=casus_ids).update(tekst="")
    # The berichtenverkeer: the messages' content (BSN, names) and what providers and
    # professionals typed go; the toewijzingen and the messages' metadata stay for the figures.
    Bericht.objects.filter(casus_id__in=casus_ids).update(inhoud="", bsn_hash="")
    Verzoek.objects.filter(casus_id__in=casus_ids).update(toelichting="", verwijzer="",
                                                          toelichting_antwoord="")
    # The feedback invitation is the only link between a casus and what its resident
    # answered; the answers themselves never had one (regie/feedback/models.py).
    feedback_uitnodigingen_delete(casus_ids=casus_ids)
    # The zaaksysteem steps' own data (reasons of a suspension or extension); the zaak
    # itself lives on in the zaaksysteem under its own archive rules.
    ZgwStap.objects.filter(zaak__casus_id__in=casus_ids).update(gegevens={}, fout="")


def _intake_inhoud_weg(intake_ids: list[int], now: datetime) -> int:
    """Remove the personal data of these intakes; returns the number of files removed."""
    bestanden: list[tuple[Storage, str]] = [
        (b.bestand.storage, b.bestand.name)
        for b in Bijlage.objects.filter(intake_id__in=intake_ids) if b.bestand.name]
    bestanden += [(b.bestand.storage, b.bestand.name)
                  for b in ConceptBijlage.objects.filter(concept__intake_id__in=intake_ids)
                  if b.bestand.name]
    Bijlage.objects.filter(intake_id__in=intake_ids).delete()
    IntakeConcept.objects.filter(intake_id__in=intake_ids).delete()
    Aanvulling.objects.filter(intake_id__in=intake_ids).delete()
    Huishoudlid.objects.filter(intake_id__in=intake_ids).delete()
    EigenAntwoord.objects.filter(intake_id__in=intake_ids).delete()
    Toestemming.objects.filter(intake_id__in=intake_ids).update(ouder_naam="")
    Veiligheidsmelding.objects.filter(intake_id__in=intake_ids).update(
        reden="", reden_niet_tonen="", beoordeling_toelichting="")
    termijnen = Termijn.objects.filter(intake_id__in=intake_ids)
    TermijnGebeurtenis.objects.filter(termijn__in=termijnen).update(reden="")
    termijnen.update(omschrijving="", toelichting="")
    # A provider's request for a resident never picked up hangs on the intake, not a casus.
    verzoeken = Verzoek.objects.filter(intake_id__in=intake_ids)
    Bericht.objects.filter(verzoeken__in=verzoeken).update(inhoud="", bsn_hash="")
    verzoeken.update(toelichting="", verwijzer="", toelichting_antwoord="")
    Intake.objects.filter(pk__in=intake_ids).update(
        voornaam="", achternaam="", geboortedatum=TruncYear(F("geboortedatum")),
        bsn_versleuteld="", bsn_hash="", straat="", postcode="", woonplaats="", telefoon="",
        email="", contact_tijden="", vraag="", wat_gaat_goed="", wie_helpt="", wens="",
        veiligheid_toelichting="", inwoner=None, indien_sleutel=None, geanonimiseerd_op=now)
    # The access log stays (NEN 7513: who saw which record, when, on what basis), but loses
    # the resident's name and address: the ids are enough to answer those questions.
    log = Toegangslog.objects.filter(intake_id__in=intake_ids)
    log.exclude(namens="").update(namens="")
    log.filter(rol=Rol.INWONER).update(user_naam="inwoner", ip=None)
    _bestanden_weg(bestanden)
    return len(bestanden)


def _batches(*, soort: str, kandidaten: QuerySet, peildatum: datetime, now: datetime,
             batch: int) -> Iterable[Bewaaractie]:
    while True:
        with transaction.atomic():
            _bewaartermijn_modus()
            ids = list(kandidaten.select_for_update(skip_locked=True, of=("self",))
                       .values_list("pk", flat=True)[:batch])
            if not ids:
                return
            if soort == Bewaaractie.Soort.CASUS:
                intake_ids = list(Casus.objects.filter(pk__in=ids)
                                  .values_list("intake_id", flat=True))
                _casus_inhoud_weg(ids)
            else:
                intake_ids = ids
            bestanden = _intake_inhoud_weg(intake_ids, now)
            actie = Bewaaractie.objects.create(soort=soort, uitgevoerd_op=now,
                                               peildatum=peildatum, aantal=len(ids),
                                               bestanden=bestanden, ids=sorted(intake_ids))
        logger.info("bewaartermijn: %s × %s geanonimiseerd", len(ids), soort)
        yield actie


def concepten_delete(*, now: datetime, batch: int = BATCH) -> Iterable[Bewaaractie]:
    """Drafts of the online intake untouched for 30 days go, with their files."""
    peildatum = now - timedelta(days=CONCEPT_DAGEN)
    kandidaten = IntakeConcept.objects.filter(updated_at__lt=peildatum).order_by("pk")
    while True:
        with transaction.atomic():
            ids = list(kandidaten.select_for_update(skip_locked=True)
                       .values_list("pk", flat=True)[:batch])
            if not ids:
                return
            bestanden = [(b.bestand.storage, b.bestand.name)
                         for b in ConceptBijlage.objects.filter(concept_id__in=ids)
                         if b.bestand.name]
            IntakeConcept.objects.filter(pk__in=ids).delete()
            _bestanden_weg(bestanden)
            actie = Bewaaractie.objects.create(soort=Bewaaractie.Soort.CONCEPT,
                                               uitgevoerd_op=now, peildatum=peildatum,
                                               aantal=len(ids), bestanden=len(bestanden),
                                               ids=sorted(ids))
        yield actie


def toegangslog_jaren(jaren: dict[str, int]) -> int:
    """The access log's own term: as long as the longest term of the records it describes,
    never shorter than NEN 7513 asks (docs/bewaartermijnen.md)."""
    return max(*jaren.values(), TOEGANGSLOG_MINIMUM_JAREN)


def toegangslog_delete(*, now: datetime, jaren: dict[str, int]) -> int:
    """Access-log rows older than the log's term go: on PostgreSQL whole months at once (their
    partitions are dropped), then the rest row by row (the month that straddles the cut-off;
    everything, on SQLite). Returns the number of rows deleted row by row."""
    peildatum = now - relativedelta(years=toegangslog_jaren(jaren))
    maanden = toegangslog_partities_verwijderen(voor=peildatum)
    with transaction.atomic():
        _bewaartermijn_modus()
        rijen, _soorten = Toegangslog.objects.filter(tijdstip__lt=peildatum).delete()
    if maanden or rijen:
        logger.info("bewaartermijn: toegangslog vóór %s verwijderd: maanden %s, %s losse rijen",
                    peildatum.isoformat(), ", ".join(maanden) or "geen", rijen)
    return rijen


def bewaartermijnen_apply(*, now: datetime | None = None,
                              batch: int = BATCH) -> list[Bewaaractie]:
    """Apply every retention rule once; returns one Bewaaractie per batch that changed
    something (none when there was nothing to do)."""
    now = now or timezone.now()
    jaren = bewaartermijnen_current()
    peildatum = now - relativedelta(years=min(jaren.values()))
    acties = [
        *_batches(soort=Bewaaractie.Soort.CASUS, peildatum=peildatum, now=now, batch=batch,
                  kandidaten=casussen_te_anonimiseren(now=now, jaren=jaren).order_by("pk")),
        *_batches(soort=Bewaaractie.Soort.INTAKE, peildatum=peildatum, now=now, batch=batch,
                  kandidaten=losse_intakes_te_anonimiseren(now=now, jaren=jaren)
                  .order_by("pk")),
        *concepten_delete(now=now, batch=batch),
    ]
    # Residents' remarks (anonymous, but free text) are cleared after their own shorter
    # term; the answers to the three questions stay for the figures.
    gewist = feedback_opmerkingen_clear(now=now)
    if gewist:
        logger.info("bewaartermijn: %s opmerkingen bij feedback gewist", gewist)
    # Webhooks delivered (ids and states only) are kept 30 days for questions, then go.
    weg, _soorten = Webhookbericht.objects.filter(
        status=WebhookStatus.VERSTUURD, verstuurd_op__lt=now - timedelta(days=WEBHOOK_DAGEN)
    ).delete()
    if weg:
        logger.info("bewaartermijn: %s verstuurde webhookberichten verwijderd", weg)
    toegangslog_delete(now=now, jaren=jaren)
    return acties
