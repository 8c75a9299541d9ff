"""The online intake: one page per step, saved after each, sent once."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from toegang.core.domein import Levensgebied
from toegang.core.hooks import merged
from toegang.core.ratelimit import hit
from toegang.core.verzoek import client_ip
from toegang.socialekaart import selectors as sociale_kaart
from toegang.socialekaart import services as sociale_kaart_services

from .. import hooks
from ..models import Veiligheid
from ..wizard import services as concept
from ..wizard.forms import BewaarLinkForm
from ..wizard.models import IntakeConcept
from ..wizard.stappen import BY_SLUG, SLUGS, STAPPEN, nummer, volgende, vorige

SESSION_KEY = "intake_concept"
SENT_KEY = "intake_verstuurd"


def _inwoner(request: HttpRequest) -> Any:
    user = request.user
    return user if user.is_authenticated and getattr(user, "rol", "") == "inwoner" else None


def _current(request: HttpRequest) -> IntakeConcept | None:
    return concept.concept_for(concept_id=request.session.get(SESSION_KEY),
                               inwoner=_inwoner(request))


def start(request: HttpRequest) -> HttpResponse:
    current = _current(request)
    return render(request, "intake/wizard/start.html", {
        "bezig": current is not None and not current.is_verstuurd and bool(current.gegevens),
        "stappen": STAPPEN,
    })


@require_POST
def begin(request: HttpRequest) -> HttpResponse:
    current = _current(request)
    if current is None or current.is_verstuurd or request.POST.get("opnieuw"):
        if not hit(scope="concept", ident=client_ip(request) or "?",
                   limit=settings.CONCEPT_LIMIET_IP_PER_UUR, window=3600):
            return render(request, "intake/wizard/te_vaak.html", status=429)
        current = concept.concept_start(inwoner=_inwoner(request))
    request.session[SESSION_KEY] = current.pk
    first_open = next((s for s in SLUGS if s not in current.voltooid), SLUGS[0])
    return redirect("intake:stap", slug=first_open)


def _context(request: HttpRequest, current: IntakeConcept, slug: str, form: Any) -> dict:
    stap = BY_SLUG[slug]
    ctx: dict[str, Any] = {
        "stap": stap, "nummer": nummer(slug), "totaal": len(STAPPEN), "form": form,
        "stappen": [(s, s.slug in current.voltooid or s.slug == slug) for s in STAPPEN],
        "vorige": vorige(slug), "terug_naar": request.GET.get("terug") == "controleren",
        "onveilig": _onveilig(current, form),
    }
    if slug == "vraag":
        ctx["bijlagen"] = list(current.bijlagen.all())
    if slug == "toestemming":
        ctx["route"] = concept.routing_preview(concept=current)
    return ctx


def _onveilig(current: IntakeConcept, form: Any) -> bool:
    raw = current.gegevens.get("veiligheid", {})
    answer = raw.get("veiligheid", [""])[0] if raw else ""
    if getattr(form, "data", None) and "veiligheid" in form.data:
        answer = form.data.get("veiligheid")
    return answer == Veiligheid.ONVEILIG


def stap(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in BY_SLUG:
        raise Http404
    current = _current(request)
    if current is None:
        return redirect("intake:wizard_start")
    if current.is_verstuurd:
        messages.info(request, _("Deze aanvraag is al verstuurd. U hoeft niets meer te doen."))
        return redirect("intake:verstuurd")
    if slug == "controleren":
        return _controleren(request, current)
    if request.method == "POST":
        return _stap_post(request, current, slug)
    form = concept.step_form(concept=current, stap=slug)
    return render(request, "intake/wizard/stap.html", _context(request, current, slug, form))


def _stap_post(request: HttpRequest, current: IntakeConcept, slug: str) -> HttpResponse:
    actie = request.POST.get("actie", "volgende")
    raw = concept.raw_from_post(request.POST)
    if actie.startswith("verwijder-") and slug == "vraag":
        concept.concept_bijlage_remove(concept=current, bijlage_id=int(actie.split("-")[1]))
        concept.concept_save(concept=current, stap=slug, raw=raw, voltooid=False)
        return redirect("intake:stap", slug=slug)
    if actie == "meer" and slug == "huishouden":
        raw["lid-TOTAL_FORMS"] = [str(int(raw.get("lid-TOTAL_FORMS", ["0"])[0]) + 1)]
        concept.concept_save(concept=current, stap=slug, raw=raw, voltooid=False)
        nieuw = int(raw["lid-TOTAL_FORMS"][0]) - 1
        return redirect(f"{reverse('intake:stap', args=[slug])}#id_lid-{nieuw}-relatie")
    form = concept.step_form(concept=current, stap=slug, data=request.POST,
                             files=request.FILES)
    valid = form.is_valid()
    if valid and slug == "vraag":
        for upload in request.FILES.getlist("bestanden"):
            try:
                concept.concept_bijlage_add(concept=current, upload=upload)
            except ValidationError as exc:
                form.add_error("bestanden", exc)
                valid = False
    concept.concept_save(concept=current, stap=slug, raw=raw, voltooid=valid)
    if actie == "vorige":
        return redirect("intake:stap", slug=vorige(slug) or slug)
    if actie == "bewaren":
        return redirect("intake:opgeslagen")
    if not valid:
        return render(request, "intake/wizard/stap.html",
                      _context(request, current, slug, form), status=400)
    if request.GET.get("terug") == "controleren" or request.POST.get("terug") == "controleren":
        return redirect("intake:stap", slug="controleren")
    return redirect("intake:stap", slug=volgende(slug) or slug)


def _controleren(request: HttpRequest, current: IntakeConcept) -> HttpResponse:
    controle = concept.concept_check(concept=current)
    if controle.fout_stap is not None:
        messages.warning(request, _("Er ontbreekt nog iets. Vul deze stap eerst aan."))
        return redirect("intake:stap", slug=controle.fout_stap)
    route = concept.routing_preview(concept=current)
    return render(request, "intake/wizard/controleren.html", {
        "stap": BY_SLUG["controleren"], "nummer": len(STAPPEN), "totaal": len(STAPPEN),
        "stappen": [(s, True) for s in STAPPEN], "g": controle.gegevens, "route": route,
        "toestemmingen": list(zip(concept.toestemming_vragen(concept=current),
                                  controle.toestemmingen, strict=False)),
        "bijlagen": list(current.bijlagen.all()),
        "levensgebieden": [Levensgebied(g).label for g in controle.gegevens.levensgebieden]
        if controle.gegevens else [],
        "veiligheid": Veiligheid(controle.gegevens.veiligheid).label
        if controle.gegevens and controle.gegevens.veiligheid else "",
        "onveilig": controle.gegevens is not None
        and controle.gegevens.veiligheid == Veiligheid.ONVEILIG,
        "eigen": _eigen_per_stap(controle.eigen),
    })


def _eigen_per_stap(antwoorden: list[Any]) -> dict[str, list[Any]]:
    """The answers to the municipality's own questions, per step (a template key: '_', not
    '-')."""
    per_stap: dict[str, list[Any]] = {}
    for antwoord in antwoorden:
        per_stap.setdefault(antwoord.stap.replace("-", "_"), []).append(antwoord)
    return per_stap


@require_POST
def versturen(request: HttpRequest) -> HttpResponse:
    current = _current(request)
    if current is None:
        return redirect("intake:wizard_start")
    if current.is_verstuurd:  # double click, resend, back button
        request.session[SENT_KEY] = current.intake_id
        return redirect("intake:verstuurd")
    if request.POST.get("website"):
        messages.error(request, _("Er ging iets mis. Probeer het opnieuw."))
        return redirect("intake:stap", slug="controleren")
    email = (current.gegevens.get("contact", {}).get("email") or [""])[0]
    allowed = hit(scope="intake-ip", ident=client_ip(request) or "?",
                  limit=settings.INTAKE_LIMIET_IP_PER_UUR, window=3600)
    if allowed and email:
        allowed = hit(scope="intake-email", ident=email, limit=settings.INTAKE_LIMIET_EMAIL_PER_DAG,
                      window=86400)
    if not allowed:
        return render(request, "intake/wizard/te_vaak.html", status=429)
    try:
        intake = concept.concept_submit(concept=current, inwoner=_inwoner(request),
                                        request=request)
    except ValidationError as exc:
        messages.warning(request, _("Er ontbreekt nog iets. Vul deze stap eerst aan."))
        return redirect("intake:stap", slug=exc.code or "controleren")
    request.session[SENT_KEY] = intake.pk
    return redirect("intake:verstuurd")


def verstuurd(request: HttpRequest) -> HttpResponse:
    intake = concept.intake_sent(intake_id=request.session.get(SENT_KEY))
    if intake is None:
        return redirect("intake:wizard_start")
    onveilig = intake.veiligheid == Veiligheid.ONVEILIG
    return render(request, "intake/wizard/verstuurd.html", {
        "intake": intake,
        "onveilig": onveilig,
        "suggesties": [] if onveilig else _suggesties(intake),
        # The date by which the team makes contact comes from the clocks (`deadline`).
        **merged(hooks.bevestiging_context(intake)),
    })


def _suggesties(intake: Any) -> list:
    """Free help in the sociale kaart for the life areas the resident ticked ("U kunt ook
    direct terecht bij…"); recorded once per intake so the dashboard can count them."""
    gevonden = sociale_kaart.suggesties_voor(
        levensgebieden=[g.levensgebied for g in intake.levensgebieden.all()],
        wijk_id=intake.wijk_id)
    sociale_kaart_services.suggesties_vastleggen(intake_id=intake.pk, voorzieningen=gevonden,
                                                 wijk_id=intake.wijk_id)
    return gevonden


def opgeslagen(request: HttpRequest) -> HttpResponse:
    current = _current(request)
    if current is None or current.is_verstuurd:
        return redirect("intake:wizard_start")
    form = BewaarLinkForm(request.POST or None, initial={
        "email": (current.gegevens.get("contact", {}).get("email") or [""])[0]})
    if request.method == "POST" and form.is_valid():
        if hit(scope="hervat-mail", ident=str(current.pk), limit=5, window=3600):
            token = concept.concept_new_token(concept=current)
            url = request.build_absolute_uri(reverse("intake:verder", args=[token]))
            concept.resume_link_send(concept=current, email=form.cleaned_data["email"], url=url)
        messages.success(request, _("We hebben de link naar %(email)s gestuurd.")
                         % {"email": form.cleaned_data["email"]})
        return redirect("intake:opgeslagen")
    token = concept.concept_new_token(concept=current)
    return render(request, "intake/wizard/opgeslagen.html", {
        "form": form, "link": request.build_absolute_uri(reverse("intake:verder", args=[token])),
        "dagen": concept.CONCEPT_DAGEN})


def verder(request: HttpRequest, token: str) -> HttpResponse:
    found = concept.concept_by_token(token=token)
    if found is None or (found.inwoner_id and found.inwoner_id != getattr(
            _inwoner(request), "pk", None)):
        return render(request, "intake/wizard/link_verlopen.html", status=404)
    request.session[SESSION_KEY] = found.pk
    first_open = next((s for s in SLUGS if s not in found.voltooid), "controleren")
    messages.success(request, _("Welkom terug. U kunt verder waar u gebleven was."))
    return redirect("intake:stap", slug=first_open)
