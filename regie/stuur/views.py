"""The management dashboard (/dashboard/) and its exports: aggregates only, never a person."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from toegang.accounts.models import AuthenticatedRequest, Rol
from toegang.accounts.permissions import management_required, role_required
from toegang.core.db_router import van_replica

from . import selectors
from .export import tabel_csv, tabel_xlsx
from .filters import Filters, maand_label, wet_label
from .forms import DashboardFilterForm
from .selectors import Keuzes
from .services import stuurinformatie_export_record, stuurinformatie_refresh_request
from .tabel import KLEIN, legenda, markering
from .weergave import TABELLEN, secties

FORMATEN = {"csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _form(request: AuthenticatedRequest, keuzes: Keuzes) -> DashboardFilterForm:
    data = request.GET if set(request.GET) & {"van", "tot", "wijk", "wet", "team"} else None
    return DashboardFilterForm(data, teams=keuzes.teams, wijken=keuzes.wijken,
                               alle_teams=keuzes.teams_toegestaan is None)


def _filters(form: DashboardFilterForm, keuzes: Keuzes) -> Filters | None:
    if not form.is_bound:
        return Filters.standaard(teams_toegestaan=keuzes.teams_toegestaan)
    return form.filters(teams_toegestaan=keuzes.teams_toegestaan) if form.is_valid() else None


def _omschrijving(filters: Filters, keuzes: Keuzes) -> str:
    delen = [_("Periode: %(van)s tot en met %(tot)s") % {"van": maand_label(filters.van),
                                                           "tot": maand_label(filters.tot)}]
    wijk = next((w.naam for w in keuzes.wijken if w.pk == filters.wijk), None)
    team = next((t.naam for t in keuzes.teams if t.pk == filters.team), None)
    delen.append(_("wijk: %(wijk)s") % {"wijk": wijk or _("alle")})
    delen.append(_("wet: %(wet)s") % {"wet": wet_label(filters.wet)
                                      if filters.wet else _("alle")})
    if team:
        delen.append(_("team: %(team)s") % {"team": team})
    elif keuzes.teams_toegestaan is not None:
        delen.append(_("teams: %(teams)s") % {"teams": ", ".join(t.naam for t in keuzes.teams)
                                              or _("geen")})
    else:
        delen.append(_("team: alle"))
    return "; ".join(delen)


def _interval_minuten() -> int:
    schedule = settings.CELERY_BEAT_SCHEDULE.get("stuurinformatie", {}).get("schedule", 900)
    return max(int(float(schedule) // 60), 1)


@never_cache
@management_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    keuzes = selectors.keuzes_voor(user=request.user)
    form = _form(request, keuzes)
    filters = _filters(form, keuzes)
    context: dict[str, Any] = {
        "form": form, "is_teamleider": request.user.rol == Rol.TEAMLEIDER,
        "geen_teams": keuzes.teams_toegestaan == (), "interval_minuten": _interval_minuten(),
        # The marks of hidden figures and what they mean, in the reader's language.
        "legenda": legenda(), "klein": markering(KLEIN)}
    if filters is None or keuzes.teams_toegestaan == ():
        context["bijgewerkt_op"] = selectors.bijgewerkt_op()
    else:
        overzicht = selectors.dashboard(filters)
        eigen_wijken = {str(w.pk) for w in keuzes.wijken}
        context.update(
            dashboard=overzicht, bijgewerkt_op=overzicht.bijgewerkt_op,
            omschrijving=_omschrijving(filters, keuzes),
            # The sections are the same for everyone with these filters (a teamleider's
            # scope is part of the filters), so the template caches them per rebuild; this
            # callable only runs when that cache is empty.
            secties=lambda: secties(overzicht, teamleider=context["is_teamleider"],
                                    eigen_wijken=eigen_wijken),
            secties_sleutel=f"{selectors.cache_sleutel(filters)}:{request.user.rol}:"
                            f"{','.join(sorted(eigen_wijken))}")
    return render(request, "regie/dashboard.html", context)


@never_cache
@management_required
def export(request: AuthenticatedRequest, tabel: str, formaat: str) -> HttpResponse:
    if tabel not in TABELLEN or formaat not in FORMATEN:
        raise Http404
    keuzes = selectors.keuzes_voor(user=request.user)
    form = _form(request, keuzes)
    filters = _filters(form, keuzes)
    if filters is None or keuzes.teams_toegestaan == ():
        return HttpResponseBadRequest(_("Deze filters kloppen niet. Kies ze opnieuw op het "
                                        "dashboard."), content_type="text/plain; charset=utf-8")
    # Aggregates of the last rebuild: the replica, when there is one, has them too. Who may
    # export what (above) is read from the primary.
    with van_replica():
        overzicht = selectors.dashboard(filters)
    gekozen = overzicht.tabellen[tabel]
    if formaat == "csv":
        inhoud = tabel_csv(gekozen)
    else:
        inhoud = tabel_xlsx(gekozen, omschrijving=_omschrijving(filters, keuzes),
                            bijgewerkt_op=overzicht.bijgewerkt_op)
    stuurinformatie_export_record(user=request.user, tabel=tabel, formaat=formaat,
                                      filters=filters)
    response = HttpResponse(inhoud, content_type=FORMATEN[formaat])
    naam = f"stuurinformatie-{tabel}-{filters.van:%Y-%m}-{filters.tot:%Y-%m}.{formaat}"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@role_required([Rol.BEHEERDER])
def verversen(request: AuthenticatedRequest) -> HttpResponse:
    """The functioneel beheerder sees when the figures were last computed and can ask for a
    new computation now."""
    if request.method == "POST":
        stuurinformatie_refresh_request(user=request.user)
        messages.success(request, _("De cijfers worden opnieuw berekend. Dat duurt meestal "
                                    "minder dan een minuut."))
        return redirect("regie:verversen")
    return render(request, "regie/verversen.html", {
        "bijgewerkt_op": selectors.bijgewerkt_op(), "interval_minuten": _interval_minuten()})
