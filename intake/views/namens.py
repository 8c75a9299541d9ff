"""A professional files a request for the resident: 'Nieuwe aanvraag' in the staff menu.

Three pages of the online wizard's questions (who and where, the question, consent), a check
page and the send; the same draft, forms, check and service as the resident's own wizard
(`intake.wizard.namens`)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from toegang.accounts.models import AuthenticatedRequest
from toegang.accounts.permissions import casework_required
from toegang.core.domein import Levensgebied
from toegang.core.hooks import merged

from .. import hooks, selectors
from ..forms import KanaalForm
from ..models import OntvangenVia, Veiligheid, VerwijzerSoort
from ..permissions import IntakeActie, intake_may
from ..services import per_brief
from ..wizard import namens
from ..wizard import services as concept
from ..wizard.models import IntakeConcept

SENT_KEY = "namens_verstuurd"


def _concept(request: AuthenticatedRequest, concept_id: int) -> IntakeConcept:
    found = namens.namens_concept_of(user=request.user, concept_id=concept_id)
    if found is None:
        raise Http404
    return found


@casework_required
def nieuw(request: AuthenticatedRequest) -> HttpResponse:
    """Choose how the request came in, then start typing; open drafts can be picked up."""
    form = KanaalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        draft = namens.namens_concept_start(user=request.user,
                                           kanaal=form.cleaned_data["kanaal"])
        return redirect("intake:nieuw_deel", concept_id=draft.pk, deel=namens.DELEN[0].slug)
    return render(request, "intake/namens/nieuw.html", {
        "form": form, "open": selectors.namens_concepten_of(user=request.user)},
        status=400 if form.errors else 200)


def _deel_context(draft: IntakeConcept, deel: namens.Deel, forms: list[tuple[str, Any]]
                  ) -> dict[str, Any]:
    index = namens.DELEN.index(deel)
    return {
        "concept": draft, "deel": deel, "delen": namens.DELEN, "nummer": index + 1,
        "totaal": len(namens.DELEN) + 1,
        "stappen": [(namens.stap_info(stap), form) for stap, form in forms],
        "fouten": [(namens.stap_info(stap), form) for stap, form in forms if _fouten(form)],
        "vorige": namens.DELEN[index - 1] if index else None,
        "route": concept.routing_preview(concept=draft) if deel.slug == "toestemming" else None,
        "onveilig": any(getattr(form, "data", {}).get("veiligheid") == Veiligheid.ONVEILIG
                        for _stap, form in forms),
    }


def _fouten(form: Any) -> bool:
    return bool(form.total_error_count() if hasattr(form, "total_error_count")
                else form.errors)


@casework_required
def deel(request: AuthenticatedRequest, concept_id: int, deel: str) -> HttpResponse:
    draft = _concept(request, concept_id)
    if deel not in namens.DEEL_BY_SLUG:
        raise Http404
    if draft.is_verstuurd:
        return redirect("intake:nieuw_vastgelegd", concept_id=draft.pk)
    pagina = namens.DEEL_BY_SLUG[deel]
    if request.method != "POST":
        forms = namens.namens_deel_forms(concept=draft, deel=pagina)
        return render(request, "intake/namens/deel.html", _deel_context(draft, pagina, forms))
    actie = request.POST.get("actie", "verder")
    post = request.POST.copy()
    if actie == "meer":  # one more household member: the same page with an extra empty row
        post["lid-TOTAL_FORMS"] = str(int(post.get("lid-TOTAL_FORMS", "0")) + 1)
    forms = namens.namens_deel_save(concept=draft, deel=pagina, post=post)
    index = namens.DELEN.index(pagina)
    if actie == "vorige" and index:
        return redirect("intake:nieuw_deel", concept_id=draft.pk,
                        deel=namens.DELEN[index - 1].slug)
    if actie == "meer":
        return redirect("intake:nieuw_deel", concept_id=draft.pk, deel=pagina.slug)
    if actie == "bewaren":
        messages.success(request, _("De aanvraag is bewaard. U vindt hem onder 'Nog niet "
                                    "verstuurd'."))
        return redirect("intake:nieuw")
    if any(_fouten(form) for _stap, form in forms):
        return render(request, "intake/namens/deel.html", _deel_context(draft, pagina, forms),
                      status=400)
    if index + 1 < len(namens.DELEN):
        return redirect("intake:nieuw_deel", concept_id=draft.pk,
                        deel=namens.DELEN[index + 1].slug)
    return redirect("intake:nieuw_controleren", concept_id=draft.pk)


@casework_required
def controleren(request: AuthenticatedRequest, concept_id: int) -> HttpResponse:
    draft = _concept(request, concept_id)
    if draft.is_verstuurd:
        return redirect("intake:nieuw_vastgelegd", concept_id=draft.pk)
    controle = concept.concept_check(concept=draft)
    if controle.fout_stap is not None:
        messages.warning(request, _("Er ontbreekt nog iets. Vul dit eerst aan."))
        return redirect("intake:nieuw_deel", concept_id=draft.pk,
                        deel=namens.deel_van(concept=draft, stap=controle.fout_stap).slug)
    assert controle.gegevens is not None
    return render(request, "intake/namens/controleren.html", {
        "concept": draft, "g": controle.gegevens, "delen": namens.DELEN,
        "nummer": len(namens.DELEN) + 1, "totaal": len(namens.DELEN) + 1,
        "route": concept.routing_preview(concept=draft),
        "toestemmingen": list(zip(concept.toestemming_vragen(concept=draft),
                                  _antwoorden(draft), strict=False)),
        "levensgebieden": [Levensgebied(g).label for g in controle.gegevens.levensgebieden],
        "veiligheid": Veiligheid(controle.gegevens.veiligheid).label
        if controle.gegevens.veiligheid else "",
        "onveilig": controle.gegevens.veiligheid == Veiligheid.ONVEILIG,
        "verwijzing": controle.gegevens.verwijzing,
        "verwijzer_soort": VerwijzerSoort(controle.gegevens.verwijzing.soort).label
        if controle.gegevens.verwijzing else "",
        "ontvangen_via": OntvangenVia(controle.gegevens.verwijzing.ontvangen_via).label
        if controle.gegevens.verwijzing else "",
    })


def _antwoorden(draft: IntakeConcept) -> list[str]:
    raw = draft.gegevens.get("toestemming", {})
    return [(raw.get(f"toestemming_{v.wet}") or [""])[0]
            for v in concept.toestemming_vragen(concept=draft)]


@casework_required
def versturen(request: AuthenticatedRequest, concept_id: int) -> HttpResponse:
    draft = _concept(request, concept_id)  # someone else's draft: 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        namens.namens_submit(concept=draft, request=request)
    except ValidationError as exc:
        if exc.code == "al_vastgelegd":
            messages.error(request, exc.messages[0])
            return redirect("intake:nieuw_controleren", concept_id=draft.pk)
        messages.warning(request, _("Er ontbreekt nog iets. Vul dit eerst aan."))
        return redirect("intake:nieuw_controleren", concept_id=draft.pk)
    return redirect("intake:nieuw_vastgelegd", concept_id=draft.pk)


@casework_required
def vastgelegd(request: AuthenticatedRequest, concept_id: int) -> HttpResponse:
    draft = _concept(request, concept_id)
    if draft.intake is None:
        return redirect("intake:nieuw_controleren", concept_id=draft.pk)
    intake = draft.intake
    return render(request, "intake/namens/vastgelegd.html", {
        "intake": intake, "toestemmingen": selectors.toestemmingen_of_intake(intake=intake),
        "mag_openen": intake_may(user=request.user, intake_id=intake.pk,
                                 action=IntakeActie.VIEW),
        "per_brief": per_brief(intake), **merged(hooks.bevestiging_context(intake)),
    })
