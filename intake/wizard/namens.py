"""A professional files the request for the resident (phone, desk, home visit, referral).

The same draft, the same step forms and validation, the same check and the same
`intake_submit` as the online wizard (`services.py`): only the pages differ. Three pages
instead of ten steps, so a phone call can be typed in as it goes; the consent texts are read
out and the answers given aloud are recorded with how and by whom.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from toegang.accounts.models import User
from toegang.core.bsn import bsn_hash
from toegang.core.namen import naam_sleutel

from ..gegevens import IntakeGegevens
from ..models import STAFF_KANALEN, Intake, IntakeStatus, Kanaal
from .models import IntakeConcept
from .services import (
    concept_check,
    concept_save,
    concept_submit,
    raw_from_post,
    step_form,
    token_digest,
)
from .stappen import BY_SLUG, Stap


@dataclass(frozen=True)
class Deel:
    slug: str
    titel: Promise
    stappen: tuple[str, ...]


# The online wizard's steps, grouped on three pages.
DELEN = (
    Deel("persoon", gettext_lazy("Wie en waar"), ("over-u", "huishouden", "contact")),
    Deel("vraag", gettext_lazy("De vraag"),
         ("vraag", "onderwerpen", "wat-gaat-goed", "wens", "veiligheid")),
    Deel("toestemming", gettext_lazy("Toestemming en versturen"), ("toestemming",)),
)
DEEL_BY_SLUG = {deel.slug: deel for deel in DELEN}
# A referral received by phone or post: who referred comes first on the first page.
VERWIJZER = Stap("verwijzer", gettext_lazy("Wie verwijst"),
                 gettext_lazy("Wie stuurde de inwoner naar ons, en hoe kwam de verwijzing "
                              "binnen?"))


def stappen_van(*, concept: IntakeConcept, deel: Deel) -> tuple[str, ...]:
    """The steps on one page of this draft (the referrer's step for a referral)."""
    if deel.slug == DELEN[0].slug and concept.kanaal == Kanaal.VERWIJZING:
        return (VERWIJZER.slug, *deel.stappen)
    return deel.stappen


def stap_info(slug: str) -> Stap:
    """Title and explanation of a step on the staff pages."""
    return VERWIJZER if slug == VERWIJZER.slug else BY_SLUG[slug]


def deel_van(*, concept: IntakeConcept, stap: str) -> Deel:
    """The page a step is on."""
    return next(d for d in DELEN if stap in stappen_van(concept=concept, deel=d))
# A second professional typing in the same call within this time finds the first one's.
DUBBEL_VENSTER = timedelta(hours=2)


@transaction.atomic
def namens_concept_start(*, user: User, kanaal: str) -> IntakeConcept:
    """A new draft typed in by `user` for a resident who phoned, came by, was visited or
    was referred (`kanaal`)."""
    if kanaal not in STAFF_KANALEN:
        raise ValidationError({"kanaal": _("Kies hoe de aanvraag binnenkwam.")})
    return IntakeConcept.objects.create(token_hash=token_digest(secrets.token_urlsafe(32)),
                                        ingevoerd_door=user, kanaal=kanaal)


def namens_concept_of(*, user: User, concept_id: int) -> IntakeConcept | None:
    """`user`'s own draft (a colleague's draft is not found)."""
    return IntakeConcept.objects.filter(pk=concept_id, ingevoerd_door=user).first()


def _stap_data(post: QueryDict, form: Any) -> QueryDict:
    """The part of a page's POST that belongs to one step's form."""
    data = QueryDict(mutable=True)
    prefix = getattr(form, "prefix", None)
    # `fields`, not `base_fields`: the municipality's own questions are added per form.
    names = set(getattr(form, "fields", {}) or getattr(form, "base_fields", {}))
    for key, values in post.lists():
        if key in names or (prefix and key.startswith(f"{prefix}-")):
            data.setlist(key, values)
    return data


def namens_deel_forms(*, concept: IntakeConcept, deel: Deel,
                      post: QueryDict | None = None) -> list[tuple[str, Any]]:
    """The step forms of one page, bound to the posted data or prefilled from the draft."""
    forms = []
    for stap in stappen_van(concept=concept, deel=deel):
        empty = step_form(concept=concept, stap=stap)
        data = _stap_data(post, empty) if post is not None else None
        forms.append((stap, step_form(concept=concept, stap=stap, data=data)
                      if data is not None else empty))
    return forms


def namens_deel_save(*, concept: IntakeConcept, deel: Deel, post: QueryDict
                     ) -> list[tuple[str, Any]]:
    """Keep what was typed on a page, step by step, valid or not (nothing is lost); returns
    the bound forms, whose errors the page shows. Step by step, so a later step of the page
    is checked against what was just typed in an earlier one (no fixed address: no letters)."""
    forms = []
    for stap in stappen_van(concept=concept, deel=deel):
        data = _stap_data(post, step_form(concept=concept, stap=stap))
        form = step_form(concept=concept, stap=stap, data=data)
        concept_save(concept=concept, stap=stap, raw=raw_from_post(data),
                     voltooid=form.is_valid())
        forms.append((stap, form))
    return forms


def _zelfde_persoon(gegevens: IntakeGegevens) -> Q:
    if gegevens.bsn:
        return Q(bsn_hash=bsn_hash(gegevens.bsn))
    return Q(zoeknaam=naam_sleutel(gegevens.achternaam), geboortedatum=gegevens.geboortedatum,
             voornaam__iexact=gegevens.voornaam.strip())


def dubbel_ingevoerd(*, concept: IntakeConcept, gegevens: IntakeGegevens) -> Intake | None:
    """A request for the same person that a professional typed in in the last two hours and
    nobody picked up yet: the same phone call entered twice."""
    return (Intake.objects.filter(_zelfde_persoon(gegevens), kanaal__in=STAFF_KANALEN,
                                  status=IntakeStatus.INGEDIEND,
                                  ingediend_op__gte=timezone.now() - DUBBEL_VENSTER)
            .exclude(concept=concept).select_related("ingevoerd_door").first())


@transaction.atomic
def namens_submit(*, concept: IntakeConcept, request: HttpRequest | None = None) -> Intake:
    """Send the draft as the one Intake, as the online wizard does. A double click returns
    the stored intake; the same call typed in by a colleague a moment ago is refused with
    their reference (the draft stays, so nothing typed is lost)."""
    concept = IntakeConcept.objects.select_for_update().get(pk=concept.pk)
    if concept.intake_id is None:
        controle = concept_check(concept=concept)
        if controle.gegevens is not None:
            eerder = dubbel_ingevoerd(concept=concept, gegevens=controle.gegevens)
            if eerder is not None:
                door = eerder.ingevoerd_door
                raise ValidationError(
                    _("Deze aanvraag is net al vastgelegd door %(naam)s, met referentie "
                      "%(ref)s. Voeg wat u nog weet daar toe in plaats van een tweede "
                      "aanvraag te maken.") % {
                        "naam": door.get_full_name() if door else _("een collega"),
                        "ref": eerder.referentie}, code="al_vastgelegd")
    return concept_submit(concept=concept, inwoner=None, request=request)
