"""Drafts of the online intake: save after every step, resume later, send once."""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpRequest, QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from toegang.accounts.models import User
from toegang.berichten.services import email_queue
from toegang.core.domein import Wet
from toegang.core.hooks import merged
from toegang.core.uploads import upload_check
from toegang.organisatie.models import Team
from toegang.organisatie.services import Routering, RoutingError, intake_route

from .. import hooks
from ..claim import intake_claim_url
from ..gegevens import HuishoudlidGegevens, IntakeGegevens, ToestemmingKeuze
from ..models import Bijlage, Intake, Kanaal, ToestemmingWijze, Urgentie
from ..services import (
    bevestiging_brief,
    intake_submit,
    per_brief,
    toestemming_doel_current,
    vereisten_voor,
)
from . import forms as stapforms
from .eigen_velden import (
    EigenAntwoordGegevens,
    Omstandigheden,
    actieve_vragen,
    eigen_antwoorden_uit,
    eigen_velden_toevoegen,
    omstandigheden_uit,
)
from .eigen_vragen import EigenAntwoord, EigenVraagVersie
from .models import ConceptBijlage, IntakeConcept
from .stappen import SLUGS

CONCEPT_DAGEN = 30
# How the resident answers the consent questions when a professional files the request.
WIJZE_BIJ_KANAAL: dict[str, str] = {Kanaal.TELEFOON: ToestemmingWijze.TELEFONISCH,
                                    Kanaal.BALIE: ToestemmingWijze.PERSOONLIJK,
                                    Kanaal.HUISBEZOEK: ToestemmingWijze.PERSOONLIJK}
SKIP_KEYS = {"csrfmiddlewaretoken", "actie"}


def token_digest(token: str) -> str:
    """What is stored of a resume token: its hash, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def concept_start(*, inwoner: User | None = None) -> IntakeConcept:
    """Start a draft; a logged-in resident continues their open draft if they have one."""
    if inwoner is not None:
        open_concept = (IntakeConcept.objects.filter(inwoner=inwoner, intake__isnull=True)
                        .order_by("-updated_at").first())
        if open_concept is not None:
            return open_concept
    return IntakeConcept.objects.create(token_hash=token_digest(secrets.token_urlsafe(32)),
                                        inwoner=inwoner)


def concept_new_token(*, concept: IntakeConcept) -> str:
    """A fresh secret for the resume link; earlier links stop working."""
    token = secrets.token_urlsafe(32)
    IntakeConcept.objects.filter(pk=concept.pk).update(token_hash=token_digest(token),
                                                       updated_at=timezone.now())
    return token


def concept_by_token(*, token: str) -> IntakeConcept | None:
    cutoff = timezone.now() - timedelta(days=CONCEPT_DAGEN)
    return IntakeConcept.objects.filter(token_hash=token_digest(token), intake__isnull=True,
                                        updated_at__gte=cutoff).first()


def concept_is_fresh(concept: IntakeConcept) -> bool:
    return concept.updated_at >= timezone.now() - timedelta(days=CONCEPT_DAGEN)


def concept_for(*, concept_id: int | None, inwoner: User | None) -> IntakeConcept | None:
    """The visitor's draft: the one in their session, or the resident's open draft. A draft
    of another account never shows up; an abandoned one (30 days) is gone."""
    found = IntakeConcept.objects.filter(pk=concept_id).first() if concept_id else None
    if found is not None and found.inwoner_id not in (None, getattr(inwoner, "pk", None)):
        found = None
    if found is None and inwoner is not None:
        found = (IntakeConcept.objects.filter(inwoner=inwoner, intake__isnull=True)
                 .order_by("-updated_at").first())
    if found is not None and not found.is_verstuurd and not concept_is_fresh(found):
        return None
    return found


def intake_sent(*, intake_id: int | None) -> Intake | None:
    """The intake this browser just sent (its id is kept in the session only)."""
    if not intake_id:
        return None
    return Intake.objects.filter(pk=intake_id).select_related("team").first()


def raw_from_post(post: QueryDict) -> dict[str, list[str]]:
    return {key: values for key, values in post.lists() if key not in SKIP_KEYS}


def _querydict(raw: dict[str, list[str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, values in raw.items():
        data.setlist(key, values)
    return data


@transaction.atomic
def concept_save(*, concept: IntakeConcept, stap: str, raw: dict[str, list[str]],
                 voltooid: bool) -> None:
    """Keep exactly what was typed on a step, valid or not, so nothing is lost."""
    concept.gegevens = {**concept.gegevens, stap: raw}
    done = [s for s in concept.voltooid if s != stap]
    if voltooid:
        done.append(stap)
    concept.voltooid = [s for s in SLUGS if s in done]
    concept.save(update_fields=["gegevens", "voltooid", "updated_at"])


def prefilled(form: Any) -> Any:
    """Show a bound form's values without running validation (for a step being revisited)."""
    if isinstance(form, forms.BaseFormSet):
        formset: Any = form
        for sub in formset.forms:
            sub._errors = ErrorDict()
        formset._non_form_errors = ErrorList()
        formset._errors = [ErrorDict() for _ in formset.forms]
    else:
        form._errors = ErrorDict()
    return form


# --- Building the form of a step ------------------------------------------------------------


@dataclass(frozen=True)
class ToestemmingVraag:
    wet: str
    vraag: str
    uitleg: str
    versie: int
    teams: str


FORMS: dict[str, type[forms.Form]] = {
    "over-u": stapforms.OverUForm, "vraag": stapforms.VraagForm,
    "onderwerpen": stapforms.LevensgebiedenForm, "wat-gaat-goed": stapforms.GoedForm,
    "wens": stapforms.WensForm, "veiligheid": stapforms.VeiligheidForm,
    "contact": stapforms.ContactForm,
}


def _valid_data(concept: IntakeConcept, stap: str) -> dict[str, Any] | None:
    """The cleaned data of an earlier step, or None when it is missing or not valid."""
    raw = concept.gegevens.get(stap)
    if raw is None or stap not in FORMS:
        return None
    form = FORMS[stap](_querydict(raw))
    return form.cleaned_data if form.is_valid() else None


def routing_preview(*, concept: IntakeConcept) -> Routering | None:
    """Where the intake would go with the answers so far (for the consent question)."""
    over_u = _valid_data(concept, "over-u") or {}
    vraag = _valid_data(concept, "vraag") or {}
    onderwerpen = _valid_data(concept, "onderwerpen") or {}
    try:
        return intake_route(postcode="" if over_u.get("geen_vast_adres")
                            else over_u.get("postcode", ""),
                            levensgebieden=onderwerpen.get("levensgebieden", []),
                            over_kind=vraag.get("over_kind") == "ja")
    except RoutingError:
        return None


def toestemming_vragen(*, concept: IntakeConcept) -> list[ToestemmingVraag]:
    """One question per wet whose teams would otherwise not see the intake."""
    route = routing_preview(concept=concept)
    if route is None:
        return []
    eigen = set(route.team.wetten.values_list("code", flat=True))
    taal = translation.get_language() or "nl"
    vragen = []
    for wet in Wet.values:
        if wet in eigen:
            continue
        teams = Team.objects.actief().voor_wet(wet)
        teams = teams.filter(wijken=route.wijk) if route.wijk else teams.filter(
            is_centrale_toegang=True)
        namen = ", ".join(teams.order_by("naam").values_list("naam", flat=True))
        if not namen:
            continue
        doel = toestemming_doel_current(wet=wet)
        vragen.append(ToestemmingVraag(wet=wet, vraag=doel.vraag_in(taal),
                                       uitleg=doel.uitleg_in(taal), versie=doel.versie,
                                       teams=namen))
    return vragen


def _leden(concept: IntakeConcept) -> list[dict[str, Any]]:
    raw = concept.gegevens.get("huishouden")
    if raw is None:
        return []
    formset: Any = stapforms.HuishoudenFormSet(_querydict(raw), prefix="lid")
    if not formset.is_valid():
        return []
    return [{"relatie": lid["relatie"], "naam": lid["naam"], "geboortejaar": lid["geboortejaar"],
             "vraag_gaat_over": lid["vraag_gaat_over"]} for lid in formset.leden()]


def omstandigheden_van(concept: IntakeConcept) -> Omstandigheden:
    """The life areas and age the conditions of the municipality's questions look at."""
    return omstandigheden_uit(onderwerpen=_valid_data(concept, "onderwerpen"),
                              over_u=_valid_data(concept, "over-u"))


def step_form(*, concept: IntakeConcept, stap: str, data: QueryDict | None = None,
              files: Any = None, eigen: dict[str, list[EigenVraagVersie]] | None = None) -> Any:
    """The form (or formset) of `stap`, bound to `data` or prefilled from the draft, with the
    municipality's own questions for this step after the built-in fields (`eigen`: the active
    questions when the caller already has them)."""
    raw = concept.gegevens.get(stap)
    bound = data if data is not None else (_querydict(raw) if raw is not None else None)
    if stap == "huishouden":
        form: Any = stapforms.HuishoudenFormSet(bound, prefix="lid") if bound is not None \
            else stapforms.HuishoudenFormSet(prefix="lid", initial=[{}, {}])
    elif stap == "toestemming":
        over_u = _valid_data(concept, "over-u") or {}
        vraag = _valid_data(concept, "vraag") or {}
        nodig = vereisten_voor(
            geboortedatum=over_u.get("geboortedatum") or timezone.localdate(),
            over_kind=vraag.get("over_kind") == "ja",
            huishouden=[HuishoudlidGegevens(**lid) for lid in _leden(concept)],
            today=timezone.localdate())
        form = stapforms.ToestemmingForm(
            bound, vragen=toestemming_vragen(concept=concept), nodig_kind=nodig.kind,
            nodig_ouder=nodig.ouder, namens=concept.ingevoerd_door_id is not None,
            wijze=WIJZE_BIJ_KANAAL.get(concept.kanaal, ""))
    elif stap == "verwijzer":  # only for a referral a professional types in (namens.py)
        form = stapforms.VerwijzingForm(bound, prefix="verwijzer")
    elif stap == "contact":
        over_u = _valid_data(concept, "over-u") or {}
        form = stapforms.ContactForm(bound, geen_adres=bool(over_u.get("geen_vast_adres")))
    else:
        form = FORMS[stap](bound, files) if stap == "vraag" else FORMS[stap](bound)
    if isinstance(form, forms.Form) and stap != "verwijzer":
        eigen_velden_toevoegen(form, stap=stap,
                               vragen=actieve_vragen() if eigen is None else eigen,
                               omstandigheden=lambda: omstandigheden_van(concept))
    if data is None and bound is not None:
        prefilled(form)
    return form


# --- Files -----------------------------------------------------------------------------------


@transaction.atomic
def concept_bijlage_add(*, concept: IntakeConcept, upload: UploadedFile) -> ConceptBijlage:
    if concept.bijlagen.count() >= settings.BIJLAGEN_MAX_AANTAL:
        raise ValidationError(_("U kunt bij één aanvraag maximaal %(n)s bestanden meesturen.")
                              % {"n": settings.BIJLAGEN_MAX_AANTAL}, code="te_veel")
    checked = upload_check(upload)
    bijlage = ConceptBijlage(concept=concept, naam=checked.naam,
                             content_type=checked.content_type, grootte=checked.grootte,
                             sha256=checked.sha256)
    bijlage.bestand.save("bijlage", upload, save=False)
    bijlage.save()
    return bijlage


@transaction.atomic
def concept_bijlage_remove(*, concept: IntakeConcept, bijlage_id: int) -> None:
    bijlage = concept.bijlagen.filter(pk=bijlage_id).first()
    if bijlage is not None:
        bijlage.bestand.delete(save=False)
        bijlage.delete()


# --- Sending ---------------------------------------------------------------------------------


@dataclass
class Controle:
    """The draft checked as a whole: what would be sent, or the first step to fix."""

    gegevens: IntakeGegevens | None
    toestemmingen: list[ToestemmingKeuze]
    fout_stap: str | None
    samenvatting: dict[str, Any]
    # Answers to the municipality's own questions that (still) apply, in wizard order.
    eigen: list[EigenAntwoordGegevens] = field(default_factory=list)


def concept_check(*, concept: IntakeConcept) -> Controle:
    """Validate every step again; the first invalid or missing step is where to go back."""
    data: dict[str, Any] = {}
    eigen = actieve_vragen()
    antwoorden: list[EigenAntwoordGegevens] = []
    for stap in SLUGS[:-1]:
        if stap not in concept.gegevens:
            return Controle(None, [], stap, data)
        form: Any = step_form(concept=concept, stap=stap,
                              data=_querydict(concept.gegevens[stap]), eigen=eigen)
        if not form.is_valid():
            return Controle(None, [], stap, data)
        data[stap] = form.leden() if stap == "huishouden" else form.cleaned_data
        if isinstance(form, forms.Form):
            antwoorden += eigen_antwoorden_uit(form, stap=stap)
    over_u, vraag, contact = data["over-u"], data["vraag"], data["contact"]
    veiligheid = data["veiligheid"]
    tijden = ", ".join(str(dict(contact_choices()).get(d, d)) for d in contact["dagdelen"])
    gegevens = IntakeGegevens(
        voornaam=over_u["voornaam"], achternaam=over_u["achternaam"],
        geboortedatum=over_u["geboortedatum"], bsn=over_u["bsn"],
        geen_vast_adres=over_u["geen_vast_adres"], straat=over_u["straat"],
        postcode=over_u["postcode"], woonplaats=over_u["woonplaats"],
        vraag=vraag["vraag"], over_kind=vraag["over_kind"] == "ja",
        levensgebieden=list(data["onderwerpen"]["levensgebieden"]),
        huishouden=[HuishoudlidGegevens(**lid) for lid in _leden(concept)],
        wat_gaat_goed=data["wat-gaat-goed"]["wat_gaat_goed"],
        wie_helpt=data["wat-gaat-goed"]["wie_helpt"], wens=data["wens"]["wens"],
        urgentie=veiligheid["urgentie"], veiligheid=veiligheid["veiligheid"],
        veiligheid_toelichting=veiligheid["veiligheid_toelichting"],
        telefoon=contact["telefoon"], email=contact["email"],
        contact_voorkeur=contact["contact_voorkeur"], contact_tijden=tijden)
    if concept.kanaal == Kanaal.VERWIJZING:  # who referred: a step of the staff pages
        verwijzer = step_form(concept=concept, stap="verwijzer",
                              data=_querydict(concept.gegevens.get("verwijzer", {})))
        if "verwijzer" not in concept.gegevens or not verwijzer.is_valid():
            return Controle(None, [], "verwijzer", data)
        gegevens.verwijzing = verwijzer.gegevens()
    toestemming = data["toestemming"]
    keuzes = []
    # Online the resident answers themselves; filed for them, they answered aloud.
    wijze = toestemming.get("wijze") or ToestemmingWijze.ONLINE
    for vraag_ in toestemming_vragen(concept=concept):
        if toestemming.get(f"versie_{vraag_.wet}") != vraag_.versie:
            return Controle(None, [], "toestemming", data)  # the text changed: ask again
        antwoord = toestemming.get(f"toestemming_{vraag_.wet}")
        if antwoord == stapforms.NIET_GEVRAAGD:
            continue  # the resident answers later in Mijn toegang
        keuzes.append(ToestemmingKeuze(
            wet=vraag_.wet, akkoord=antwoord == "ja",
            kind_akkoord=bool(toestemming.get("kind_akkoord")),
            ouder_akkoord=bool(toestemming.get("ouder_akkoord")),
            ouder_naam=toestemming.get("ouder_naam", ""), wijze=wijze))
    return Controle(gegevens, keuzes, None, data, antwoorden)


def contact_choices() -> list[tuple[str, Any]]:
    return list(stapforms.ContactForm.base_fields["dagdelen"].choices)  # type: ignore[attr-defined]


@transaction.atomic
def concept_submit(*, concept: IntakeConcept, inwoner: User | None,
                   request: HttpRequest | None = None) -> Intake:
    """Send the draft as the one Intake (idempotent on the draft's key) and confirm by mail."""
    concept = IntakeConcept.objects.select_for_update().get(pk=concept.pk)
    if concept.intake_id is not None:
        return concept.intake  # type: ignore[return-value]
    controle = concept_check(concept=concept)
    if controle.gegevens is None:
        raise ValidationError(_("Niet alles is goed ingevuld."), code=controle.fout_stap)
    intake = intake_submit(gegevens=controle.gegevens, kanaal=concept.kanaal, inwoner=inwoner,
                           ingevoerd_door=concept.ingevoerd_door,
                           indien_sleutel=concept.sleutel, toestemmingen=controle.toestemmingen,
                           request=request)
    for bijlage in concept.bijlagen.all():
        Bijlage.objects.create(intake=intake, bestand=bijlage.bestand.name, naam=bijlage.naam,
                               content_type=bijlage.content_type, grootte=bijlage.grootte,
                               sha256=bijlage.sha256, toegevoegd_door=inwoner)
    eigen_antwoorden_bewaren(intake=intake, antwoorden=controle.eigen)
    concept.bijlagen.all().delete()
    # What was typed now lives in the intake; the draft keeps no copy of it.
    concept.intake = intake
    concept.gegevens = {}
    concept.save(update_fields=["intake", "gegevens", "updated_at"])
    bevestiging_send(intake=intake)
    return intake


def eigen_antwoorden_bewaren(*, intake: Intake, antwoorden: list[EigenAntwoordGegevens]) -> None:
    """Copy the answers into the intake with the question as it was asked (a snapshot: the
    intake keeps showing it after the question changes or is switched off). Answers to
    questions whose conditions no longer held were already left out by `concept_check`."""
    EigenAntwoord.objects.bulk_create([
        EigenAntwoord(intake=intake, versie=a.versie, stap=a.stap, volgorde=i,
                      vraag_tekst=a.versie.tekst, soort=a.versie.soort, antwoord=a.antwoord)
        for i, a in enumerate(antwoorden)])


def bevestiging_send(*, intake: Intake) -> None:
    """The confirmation: reference, what happens next and by when, and the consents given
    (aloud: to whom and when) with where to change them. By e-mail, and on paper when the
    resident chose letters or has no e-mail address (`per_brief`): a letter is what they
    asked for, the e-mail only arrives sooner."""
    context = {"intake": intake, **merged(hooks.bevestiging_context(intake)),
               "toestemmingen": list(intake.toestemmingen.select_related(
                   "vastgelegd_door").order_by("wet")),
               "urgent": intake.urgentie == Urgentie.URGENT}
    if per_brief(intake):
        bevestiging_brief(intake=intake, context=context)
    if not intake.email:
        return
    email_queue(aan=intake.email,
                onderwerp=_("Wij hebben uw aanvraag ontvangen (%(ref)s)") % {
                    "ref": intake.referentie},
                template="intake/email/bevestiging",
                context={**context, "claim_url": intake_claim_url(intake=intake)
                         if intake.inwoner_id is None else ""},
                sleutel=f"bevestiging:{intake.pk}")


def resume_link_send(*, concept: IntakeConcept, email: str, url: str) -> None:
    email_queue(aan=email, onderwerp=_("Uw aanvraag verder invullen"),
                template="intake/email/hervatten", context={"url": url,
                                                            "dagen": CONCEPT_DAGEN})
