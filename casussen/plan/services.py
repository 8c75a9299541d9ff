"""Writes on the support plan: the concept, sharing it, and the resident's answer."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from intake.models import Grond
from intake.services.inwoner import inwoner_tell
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from regie.termijnen.services import termijn_create, termijnen_lapse
from toegang.accounts.models import User
from toegang.audit.models import Actie as LogActie
from toegang.audit.services import toegangslog_write
from toegang.berichten.services import notificatie_send
from toegang.core.domein import Levensgebied, Wet
from toegang.core.werkdagen import einde_van_dag
from toegang.socialekaart import selectors as sociale_kaart
from toegang.socialekaart import services as sociale_kaart_services
from toegang.socialekaart.models import SuggestieBron
from toegang.thema.services import actief_thema

from ..huishouden.models import HuishoudenLid
from ..models import Casus, CasusStatus
from ..selectors import regiehouder_current
from ..services import casus_transition
from ..statusmachine import mag
from .models import (
    Actie,
    Doel,
    Ondersteuningsplan,
    PlanStatus,
    PlanVersie,
    Verantwoordelijke,
    Voorziening,
    VoorzieningStatus,
    VoorzieningVorm,
)

OPMERKING_MAX = 4000


class PlanConflict(ValidationError):
    """Someone else saved or shared the plan after this form was opened."""


@dataclass(frozen=True)
class DoelGegevens:
    levensgebied: str
    omschrijving: str
    zrm_start: int
    zrm_doel: int
    verantwoordelijke: str
    voor_lid_id: int | None = None  # the household member the goal is for


@dataclass(frozen=True)
class ActieGegevens:
    omschrijving: str
    eigenaar: str
    eigenaar_naam: str = ""
    deadline: date | None = None


@dataclass(frozen=True)
class VoorzieningGegevens:
    wet: str
    omschrijving: str
    vorm: str = ""
    status: str = VoorzieningStatus.GEWENST


def _log(user: User, casus: Casus, versie: PlanVersie, request: HttpRequest | None,
         grond: str = "") -> None:
    toegangslog_write(user=user, actie=LogActie.WIJZIGEN,
                      grond=grond or getattr(casus, "grond", "") or Grond.REGIEHOUDER,
                      object_type="planversie", object_id=versie.pk,
                      intake_id=casus.intake_id, casus_id=casus.pk,
                      inwoner_id=casus.intake.inwoner_id, request=request)


def _tijd(moment: datetime | None) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H:i") if moment else ""


def _conflict(plan: Ondersteuningsplan) -> PlanConflict:
    """The Dutch message that says who saved in between; the form keeps what was typed."""
    laatste = (plan.versies.select_related("gewijzigd_door", "gedeeld_door")
               .order_by("-nummer").first())
    door: User | None
    op: datetime | None
    if laatste is not None and laatste.status == PlanStatus.CONCEPT:
        door, op = laatste.gewijzigd_door, laatste.gewijzigd_op
        wat = _("%(naam)s heeft het plan opgeslagen op %(tijd)s, terwijl u het aanpaste.")
    elif laatste is not None:
        door, op = laatste.gedeeld_door, laatste.gedeeld_op
        wat = _("%(naam)s heeft het plan gedeeld met de inwoner op %(tijd)s, terwijl u het "
                "aanpaste.")
    else:  # pragma: no cover - a conflict needs a saved version
        door, op, wat = None, None, _("Het plan is veranderd terwijl u het aanpaste.")
    naam = (door.get_full_name() or door.username) if door else _("een collega")
    return PlanConflict(
        " ".join([wat % {"naam": naam, "tijd": _tijd(op)},
                  _("Uw wijzigingen zijn nog niet opgeslagen. Ze staan nog in het formulier. "
                    "Vergelijk ze met de opgeslagen versie hieronder en sla daarna opnieuw "
                    "op.")]),
        code="conflict")


def _plan_locked(casus: Casus, *, create: bool) -> Ondersteuningsplan | None:
    """The casus's plan, locked for this transaction, so plan writes happen one at a time."""
    if create:
        Ondersteuningsplan.objects.get_or_create(casus_id=casus.pk)
    return Ondersteuningsplan.objects.select_for_update().filter(casus_id=casus.pk).first()


def _check_open(casus: Casus) -> None:
    if Casus.objects.filter(pk=casus.pk, status=CasusStatus.AFGESLOTEN).exists():
        raise ValidationError(_("De casus is afgesloten. Open de casus eerst opnieuw."),
                              code="afgesloten")


def _validate(doelen: Sequence[DoelGegevens], acties: Sequence[ActieGegevens],
              voorzieningen: Sequence[VoorzieningGegevens]) -> None:
    errors = []
    for doel in doelen:
        if doel.levensgebied not in Levensgebied.values or \
                doel.verantwoordelijke not in Verantwoordelijke.values:
            errors.append(_("Een doel heeft een onbekend levensgebied of verantwoordelijke."))
        if not (1 <= doel.zrm_start <= 5 and 1 <= doel.zrm_doel <= 5):
            errors.append(_("Een ZRM-niveau loopt van 1 tot en met 5."))
        elif doel.zrm_doel < doel.zrm_start:
            errors.append(_("Het doelniveau kan niet lager zijn dan het niveau nu."))
        if not doel.omschrijving.strip():
            errors.append(_("Schrijf bij elk doel op wat de inwoner wil bereiken."))
    for actie in acties:
        if not actie.omschrijving.strip() or actie.eigenaar not in Verantwoordelijke.values:
            errors.append(_("Schrijf bij elke actie op wat er gebeurt en wie het doet."))
    for voorziening in voorzieningen:
        if voorziening.wet not in Wet.values or not voorziening.omschrijving.strip() or \
                voorziening.status not in VoorzieningStatus.values or \
                voorziening.vorm not in ("", *VoorzieningVorm.values):
            errors.append(_("Vul bij elke voorziening de wet, de hulp en de status in."))
    if errors:
        raise ValidationError(sorted(set(errors)), code="ongeldig")


def _check_token(plan: Ondersteuningsplan, *, nummer: int, bewerkversie: int
                 ) -> PlanVersie | None:
    """The concept the form was opened on (None: the form starts a new one); PlanConflict
    when the plan changed since."""
    concept = plan.versies.filter(status=PlanStatus.CONCEPT).first()
    if concept is not None:
        if (concept.nummer, concept.bewerkversie) != (nummer, bewerkversie):
            raise _conflict(plan)
        return concept
    laatste = plan.versies.aggregate(n=Max("nummer"))["n"] or 0
    if (nummer, bewerkversie) != (laatste + 1, 0):
        raise _conflict(plan)
    return None


@transaction.atomic
def plan_concept_save(*, user: User, casus: Casus, nummer: int, bewerkversie: int,
                      samenvatting: str, evaluatiedatum: date | None,
                      doelen: Sequence[DoelGegevens], acties: Sequence[ActieGegevens],
                      voorzieningen: Sequence[VoorzieningGegevens],
                      request: HttpRequest | None = None) -> PlanVersie:
    """Save the concept version, starting it if needed; refuse with PlanConflict when someone
    saved or shared in between, so no one's work is overwritten unseen."""
    _check_open(casus)
    _validate(doelen, acties, voorzieningen)
    plan = _plan_locked(casus, create=True)
    assert plan is not None
    concept = _check_token(plan, nummer=nummer, bewerkversie=bewerkversie)
    now = timezone.now()
    if concept is None:
        concept = PlanVersie(plan=plan, nummer=nummer, gemaakt_door=user, created_at=now,
                             bewerkversie=0)
    else:
        concept.doelen.all().delete()
        concept.acties.all().delete()
        concept.voorzieningen.all().delete()
    concept.samenvatting = samenvatting.strip()
    concept.evaluatiedatum = evaluatiedatum
    concept.bewerkversie += 1
    concept.gewijzigd_door = user
    concept.gewijzigd_op = now
    concept.save()
    leden = set(HuishoudenLid.objects.filter(huishouden__casus=casus)
                .values_list("pk", flat=True))
    if any(d.voor_lid_id and d.voor_lid_id not in leden for d in doelen):
        raise ValidationError(_("Kies bij een doel iemand uit dit huishouden."), code="lid")
    Doel.objects.bulk_create(
        Doel(versie=concept, volgorde=n, levensgebied=d.levensgebied,
             omschrijving=d.omschrijving.strip(), zrm_start=d.zrm_start, zrm_doel=d.zrm_doel,
             verantwoordelijke=d.verantwoordelijke, voor_lid_id=d.voor_lid_id)
        for n, d in enumerate(doelen))
    Actie.objects.bulk_create(
        Actie(versie=concept, volgorde=n, omschrijving=a.omschrijving.strip(),
              eigenaar=a.eigenaar, eigenaar_naam=a.eigenaar_naam.strip(), deadline=a.deadline)
        for n, a in enumerate(acties))
    Voorziening.objects.bulk_create(
        Voorziening(versie=concept, volgorde=n, wet=v.wet, omschrijving=v.omschrijving.strip(),
                    vorm=v.vorm, status=v.status) for n, v in enumerate(voorzieningen))
    _log(user, casus, concept, request)
    return concept


def _concept_of_nieuw(plan: Ondersteuningsplan, user: User) -> PlanVersie:
    """The concept, or a new one copied from the newest version (as "Nieuwe versie maken"
    does), so adding one action never changes a shared version."""
    concept = plan.versies.filter(status=PlanStatus.CONCEPT).first()
    if concept is not None:
        return concept
    laatste = plan.versies.order_by("-nummer").first()
    concept = PlanVersie.objects.create(
        plan=plan, nummer=(laatste.nummer if laatste else 0) + 1, gemaakt_door=user,
        created_at=timezone.now(), bewerkversie=0,
        samenvatting=laatste.samenvatting if laatste else "",
        evaluatiedatum=laatste.evaluatiedatum if laatste else None)
    if laatste is not None:
        doelen = list(laatste.doelen.all())
        acties = list(laatste.acties.all())
        voorzieningen = list(laatste.voorzieningen.all())
        rijen: list[Doel | Actie | Voorziening] = [*doelen, *acties, *voorzieningen]
        for rij in rijen:
            rij.pk = None
            rij.versie = concept
        for actie in acties:
            actie.termijn = None  # a clock is started when the new version is shared
        Doel.objects.bulk_create(doelen)
        Actie.objects.bulk_create(acties)
        Voorziening.objects.bulk_create(voorzieningen)
    return concept


@transaction.atomic
def plan_sociale_kaart_add(*, user: User, casus: Casus, voorziening_id: int,
                           request: HttpRequest | None = None) -> PlanVersie:
    """Add free local help from the sociale kaart to the concept as an action for the
    resident ("Naar Buurthuis De Kroon (…)"), and count it as a suggestion. A colleague with
    the edit form open gets the usual conflict (the token moves on), so nothing is lost."""
    _check_open(casus)
    voorziening = sociale_kaart.voorzieningen_kiesbaar().filter(pk=voorziening_id).first()
    if voorziening is None:
        raise ValidationError(_("Kies hulp uit de lijst."), code="voorziening")
    plan = _plan_locked(casus, create=True)
    assert plan is not None
    concept = _concept_of_nieuw(plan, user)
    omschrijving = _("Naar %(naam)s (%(organisatie)s)") % {
        "naam": voorziening.naam, "organisatie": voorziening.organisatie}
    if voorziening.telefoon:
        omschrijving += ", " + _("tel. %(tel)s") % {"tel": voorziening.telefoon}
    omschrijving = omschrijving[:300]
    if concept.acties.filter(omschrijving=omschrijving).exists():
        raise ValidationError(_("Deze hulp staat al in het concept van het plan."),
                              code="dubbel")
    volgorde = concept.acties.aggregate(n=Max("volgorde"))["n"]
    Actie.objects.create(versie=concept, volgorde=0 if volgorde is None else volgorde + 1,
                         omschrijving=omschrijving, eigenaar=Verantwoordelijke.INWONER)
    concept.bewerkversie += 1
    concept.gewijzigd_door = user
    concept.gewijzigd_op = timezone.now()
    concept.save(update_fields=["bewerkversie", "gewijzigd_door", "gewijzigd_op"])
    sociale_kaart_services.suggesties_vastleggen(
        intake_id=casus.intake_id, voorzieningen=[voorziening],
        wijk_id=casus.intake.wijk_id, bron=SuggestieBron.PLAN)
    _log(user, casus, concept, request)
    return concept


def _termijnen_sync(*, plan: Ondersteuningsplan, versie: PlanVersie, casus: Casus,
                    now: datetime) -> None:
    """Clocks for the new version: the open clocks of earlier versions lapse (vervallen); each
    action with a date and the evaluation get a new one. An action that is unchanged and
    already done keeps its handled clock instead of getting a new one."""
    eerdere_acties = list(Actie.objects.filter(versie__plan=plan, termijn__isnull=False)
                          .exclude(versie=versie).select_related("termijn"))
    oude_ids: set[int] = {a.termijn_id for a in eerdere_acties if a.termijn_id} | {
        pk for pk in PlanVersie.objects.filter(plan=plan).exclude(pk=versie.pk)
        .values_list("evaluatie_termijn_id", flat=True) if pk}
    with translation.override("nl"):  # stored text, in the product's language
        reden = _("Het plan heeft een nieuwe versie.")
    termijnen_lapse(user=None, reden=reden, termijn_ids=list(oude_ids))
    afgehandeld = {(a.omschrijving, a.deadline): a.termijn for a in eerdere_acties
                   if a.termijn is not None and a.termijn.status == TermijnStatus.AFGEHANDELD}
    regie = regiehouder_current(casus=casus)

    def nieuw(soort: str, omschrijving: str, dag: date) -> Termijn:
        return termijn_create(
            intake=casus.intake, casus_id=casus.pk, soort=soort, omschrijving=omschrijving,
            start=now, deadline=einde_van_dag(dag), team_id=casus.team_id,
            verantwoordelijke=regie.user if regie else None)

    for actie in versie.acties.all():
        if actie.deadline is None:
            continue
        actie.termijn = (afgehandeld.get((actie.omschrijving, actie.deadline))
                         or nieuw(TermijnSoort.PLAN_ACTIE, actie.omschrijving, actie.deadline))
        actie.save(update_fields=["termijn"])
    assert versie.evaluatiedatum is not None
    with translation.override("nl"):
        omschrijving = _("Evaluatie van plan versie %(n)s") % {"n": versie.nummer}
    versie.evaluatie_termijn = nieuw(TermijnSoort.EVALUATIE, omschrijving, versie.evaluatiedatum)
    versie.save(update_fields=["evaluatie_termijn"])


def _tell_resident(casus: Casus, versie: PlanVersie) -> None:
    """The resident hears that the plan is ready: in the inbox; without an account, an e-mail
    saying who will discuss it with them."""
    with translation.override("nl"):
        regie = regiehouder_current(casus=casus)
        inwoner_tell(
            intake=casus.intake, soort="plan", onderwerp=_("Uw plan staat klaar om te lezen"),
            tekst=_("Lees uw plan in Mijn toegang. Vindt u het goed? Geef dan akkoord. "
                    "Wilt u iets anders? Schrijf dat erbij."),
            tekst_email=_("%(naam)s van %(team)s heeft uw plan klaargezet en bespreekt het met "
                          "u. Heeft u vragen? Bel dan %(telefoon)s.") % {
                "naam": regie.user.get_full_name() if regie else _("Uw contactpersoon"),
                "team": casus.team.naam,
                "telefoon": casus.team.telefoon or actief_thema().telefoonnummer},
            url=reverse("casussen_mijn:plan", args=[casus.pk]),
            sleutel=f"plan:{versie.pk}:{'inwoner' if casus.intake.inwoner_id else 'email'}")


@transaction.atomic
def plan_share(*, user: User, casus: Casus, nummer: int, bewerkversie: int,
               request: HttpRequest | None = None) -> PlanVersie:
    """Share the concept with the resident: it becomes fixed, the clocks follow it, the
    resident is told and the casus moves to 'plan opgesteld' when the life cycle allows."""
    _check_open(casus)
    plan = _plan_locked(casus, create=False)
    if plan is None:
        raise ValidationError(_("Er is nog geen plan om te delen."), code="geen_concept")
    concept = _check_token(plan, nummer=nummer, bewerkversie=bewerkversie)
    if concept is None:
        raise ValidationError(_("Er is geen concept om te delen."), code="geen_concept")
    if not concept.doelen.exists():
        raise ValidationError(_("Schrijf minstens één doel op voordat u het plan deelt."),
                              code="geen_doel")
    now = timezone.now()
    if concept.evaluatiedatum is not None and concept.evaluatiedatum < timezone.localdate(now):
        raise ValidationError(_("De evaluatiedatum ligt in het verleden. Kies eerst een nieuwe "
                                "datum."), code="evaluatie_verleden")
    concept.status = PlanStatus.TER_AKKOORD
    concept.gedeeld_op = now
    concept.gedeeld_door = user
    if concept.evaluatiedatum is None:
        concept.evaluatiedatum = timezone.localdate(now) + relativedelta(
            months=settings.PLAN_EVALUATIE_MAANDEN)
    concept.save(update_fields=["status", "gedeeld_op", "gedeeld_door", "evaluatiedatum"])
    _termijnen_sync(plan=plan, versie=concept, casus=casus, now=now)
    status = Casus.objects.values_list("status", flat=True).get(pk=casus.pk)
    if mag(status, CasusStatus.PLAN_OPGESTELD):
        with translation.override("nl"):
            reden = _("Plan versie %(n)s gedeeld met de inwoner.") % {"n": concept.nummer}
        casus_transition(user=user, casus=casus, naar=CasusStatus.PLAN_OPGESTELD, reden=reden,
                         request=request)
    _tell_resident(casus, concept)
    _log(user, casus, concept, request)
    return concept


def _versie_voor_antwoord(user: User, casus: Casus, versie_id: int) -> PlanVersie:
    """The version the resident answers, locked; only their own, and only the newest shared."""
    if casus.intake.inwoner_id != user.pk:
        raise ValidationError(_("Alleen de inwoner zelf kan op het plan reageren."),
                              code="geen_inwoner")
    versie = (PlanVersie.objects.select_for_update().select_related("plan")
              .filter(pk=versie_id, plan__casus_id=casus.pk)
              .exclude(status=PlanStatus.CONCEPT).first())
    if versie is None:
        raise ValidationError(_("Dit plan kunnen we niet vinden."), code="onbekend")
    nieuwste = (PlanVersie.objects.filter(plan_id=versie.plan_id)
                .exclude(status=PlanStatus.CONCEPT).order_by("-nummer")
                .values_list("pk", flat=True).first())
    if nieuwste != versie.pk:
        raise ValidationError(_("Er is intussen een nieuwere versie van uw plan. Lees die "
                                "eerst."), code="verouderd")
    return versie


def _tell_regiehouder(casus: Casus, versie: PlanVersie, onderwerp: str) -> None:
    regie = regiehouder_current(casus=casus)
    if regie is not None:
        notificatie_send(ontvanger=regie.user, soort="plan", onderwerp=onderwerp,
                         url=reverse("casussen:plan", args=[casus.pk]),
                         sleutel=f"plan:{versie.pk}:{versie.status}:{timezone.now():%Y%m%d%H%M%S%f}")


@transaction.atomic
def plan_agree(*, user: User, casus: Casus, versie_id: int,
                 request: HttpRequest | None = None) -> PlanVersie:
    """The resident agrees with the newest shared version; the casus moves to 'uitvoering'
    when the life cycle allows. Agreeing twice changes nothing."""
    versie = _versie_voor_antwoord(user, casus, versie_id)
    if versie.status == PlanStatus.AKKOORD:
        return versie
    versie.status = PlanStatus.AKKOORD
    versie.akkoord_op = timezone.now()
    versie.save(update_fields=["status", "akkoord_op"])
    status = Casus.objects.values_list("status", flat=True).get(pk=casus.pk)
    if mag(status, CasusStatus.UITVOERING):
        casus.grond = Grond.EIGEN  # type: ignore[attr-defined]  # the resident's own record
        with translation.override("nl"):
            reden = _("De inwoner is akkoord met plan versie %(n)s.") % {"n": versie.nummer}
        casus_transition(user=user, casus=casus, naar=CasusStatus.UITVOERING, reden=reden,
                         request=request)
    _tell_regiehouder(casus, versie, _("%(ref)s: de inwoner is akkoord met plan versie %(n)s")
                      % {"ref": casus.intake.referentie, "n": versie.nummer})
    _log(user, casus, versie, request, grond=Grond.EIGEN)
    return versie


@transaction.atomic
def plan_comment(*, user: User, casus: Casus, versie_id: int, opmerking: str,
                   request: HttpRequest | None = None) -> PlanVersie:
    """The resident comments on the newest shared version; the regiehouder is told. A second
    comment is added below the first, never over it."""
    tekst = opmerking.strip()
    if not tekst:
        raise ValidationError({"opmerking": _("Schrijf uw opmerking of vraag op.")})
    if len(tekst) > OPMERKING_MAX:
        raise ValidationError({"opmerking": _("Uw opmerking is te lang. Gebruik hoogstens "
                                              "%(n)s tekens.") % {"n": OPMERKING_MAX}})
    versie = _versie_voor_antwoord(user, casus, versie_id)
    if versie.status == PlanStatus.AKKOORD:
        raise ValidationError(_("U gaf al akkoord op dit plan. Wilt u toch iets veranderen? "
                                "Neem dan contact op met uw contactpersoon."),
                              code="al_akkoord")
    now = timezone.now()
    if versie.opmerking_inwoner:
        tekst = f"{versie.opmerking_inwoner}\n\n{_tijd(now)}:\n{tekst}"
    versie.status = PlanStatus.OPMERKINGEN
    versie.opmerking_inwoner = tekst
    versie.opmerking_op = now
    versie.save(update_fields=["status", "opmerking_inwoner", "opmerking_op"])
    _tell_regiehouder(casus, versie, _("%(ref)s: de inwoner heeft opmerkingen bij plan versie "
                                       "%(n)s") % {"ref": casus.intake.referentie,
                                                   "n": versie.nummer})
    _log(user, casus, versie, request, grond=Grond.EIGEN)
    return versie
