"""Reads for casework: the queue (werkvoorraad), team views, handovers."""

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from intake.grants import groups_reading, intake_dekking
from intake.models import Intake, IntakeStatus, Urgentie, Veiligheidsmelding
from intake.permissions import IntakeActie, intakes_visible_to, werkvoorraad_sleutels
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from toegang.accounts.models import User
from toegang.core.werkdagen import is_werkdag
from toegang.organisatie.models import Team

from .models import (
    Betrokkenheid,
    Casus,
    CasusStatus,
    Overdracht,
    OverdrachtStatus,
    Regiehouderschap,
    WerkvoorraadFilter,
)

NIEUW = "nieuw"
STATUS_KEUZES = [NIEUW, *CasusStatus.values]
REFERENTIE = re.compile(r"^(TG-?)?\d{4}-?\d{1,6}$", re.IGNORECASE)


@dataclass
class Filters:
    team: int | None = None
    wijk: int | None = None
    wet: str = ""
    status: str = ""
    urgent: bool = False
    veiligheid: bool = False
    wachtend: int | None = None  # waiting longer than this many working days
    mijn: bool = False
    zonder_regiehouder: bool = False
    zoek: str = ""
    afgerond: bool = False


def werkdagen_terug(dag: Any, aantal: int) -> Any:
    """The date `aantal` working days before `dag`."""
    while aantal > 0:
        dag -= timedelta(days=1)
        if is_werkdag(dag):
            aantal -= 1
    return dag


def _search(rows: QuerySet[Any], zoek: str) -> QuerySet[Any]:
    zoek = zoek.strip()
    if not zoek:
        return rows
    if REFERENTIE.match(zoek):
        digits = re.sub(r"\D", "", zoek)
        return rows.filter(referentie__endswith=f"{int(digits[4:]):06d}") if len(digits) > 4 \
            else rows.filter(referentie__icontains=zoek)
    if connection.vendor == "postgresql":
        # Trigram similarity on lower(name), served by the GIN trigram indexes.
        return rows.extra(
            where=["(lower(intake_intake.achternaam) %%> lower(%s) "
                   "OR lower(intake_intake.voornaam) %%> lower(%s) "
                   "OR lower(intake_intake.achternaam) LIKE lower(%s))"],
            params=[zoek, zoek, f"%{zoek}%"])
    parts = zoek.split()
    query = Q()
    for part in parts:
        query &= Q(voornaam__icontains=part) | Q(achternaam__icontains=part)
    return rows.filter(query)


def _rij_details(rows: QuerySet[Intake], now: datetime) -> QuerySet[Any]:
    """What a queue row shows besides the intake: casus, regiehouder, first-contact clock,
    an active safety override; one subquery each, on the rows of one page."""
    regie = Regiehouderschap.objects.actief().filter(casus__intake=OuterRef("pk"))
    eerste_contact = Termijn.objects.filter(intake=OuterRef("pk"),
                                            soort=TermijnSoort.EERSTE_CONTACT)
    # The nearest other running clock (a promise, a legal term, a plan date), for its badge.
    andere = (Termijn.objects.filter(intake=OuterRef("pk"), status=TermijnStatus.LOPEND)
              .exclude(soort=TermijnSoort.EERSTE_CONTACT).order_by("deadline", "id"))
    return rows.annotate(
        casus_pk=F("casus__id"), casus_status=F("casus__status"),
        regie_user_id=Subquery(regie.values("user_id")[:1]),
        regie_voornaam=Subquery(regie.values("user__first_name")[:1]),
        regie_achternaam=Subquery(regie.values("user__last_name")[:1]),
        contact_deadline=Subquery(eerste_contact.values("deadline")[:1]),
        contact_status=Subquery(eerste_contact.values("status")[:1]),
        volgende_deadline=Subquery(andere.values("deadline")[:1]),
        volgende_soort=Subquery(andere.values("soort")[:1]),
        melding=Exists(Veiligheidsmelding.objects.filter(intake=OuterRef("pk"), einde__gt=now)),
        is_urgent=Case(When(urgentie=Urgentie.URGENT, then=Value(1)), default=Value(0),
                       output_field=IntegerField()),
        urgent_op=Case(When(urgentie=Urgentie.URGENT, then=F("ingediend_op")), default=None),
    ).select_related("team", "wijk").only(
        "id", "referentie", "voornaam", "achternaam", "ingediend_op", "urgentie", "status",
        "veiligheid", "kanaal", "team__naam", "wijk__naam")


def werkvoorraad_for(*, user: User, filters: Filters) -> QuerySet[Any]:
    """The queue of `user`: every intake and case their teams may see, with what a row shows,
    filtered in the database. Urgent ones first (newest first), then the longest waiting."""
    now = timezone.now()
    if filters.afgerond or filters.status == CasusStatus.AFGESLOTEN:
        rows = _rij_details(intakes_visible_to(user=user, action=IntakeActie.VIEW), now)
    else:  # only open intakes: start from the permission rows' queue index
        rows = _rij_details(Intake.objects.filter(pk__in=werkvoorraad_sleutels(
            user=user, alleen_urgent=filters.urgent, alleen_ids=True)), now)
        rows = rows.exclude(status=IntakeStatus.AFGEROND)
    if filters.team:
        rows = rows.filter(Q(team_id=filters.team) | Q(casus__team_id=filters.team))
    if filters.wijk:
        rows = rows.filter(wijk_id=filters.wijk)
    if filters.wet:
        rows = rows.filter(team__wetten=filters.wet)
    if filters.status == NIEUW:
        rows = rows.filter(casus__isnull=True)
    elif filters.status:
        rows = rows.filter(casus__status=filters.status)
    if filters.urgent:
        rows = rows.filter(urgentie=Urgentie.URGENT)
    if filters.veiligheid:
        rows = rows.filter(Q(veiligheid__in=["onveilig", "zorgen"]) | Q(melding=True))
    if filters.wachtend is not None:
        grens = werkdagen_terug(timezone.localdate(now), filters.wachtend)
        rows = rows.filter(casus__isnull=True, ingediend_op__lt=timezone.make_aware(
            datetime.combine(grens, time.min)))
    if filters.mijn:
        rows = rows.filter(Q(regie_user_id=user.pk) | Q(casus__betrokkenen__user=user,
                                                        casus__betrokkenen__einde__isnull=True))
    if filters.zonder_regiehouder:
        rows = rows.filter(regie_user_id__isnull=True)
    rows = _search(rows, filters.zoek)
    return rows.order_by("-is_urgent", F("urgent_op").desc(nulls_last=True), "ingediend_op",
                         "id")


def _alleen_volgorde(filters: Filters) -> bool:
    """True when nothing but (perhaps) "urgent" narrows the queue: then the permission rows'
    own index answers it (see `werkvoorraad_sleutels`)."""
    return not any(v for k, v in filters.__dict__.items() if k != "urgent")


def _sleutels_page(sleutels: QuerySet, *, pagina: Any, per_pagina: int) -> Page:
    """One page of queue keys and their total in one pass over the permission rows: the total
    rides along as a window count (`count(*) OVER ()`), so the union is not read twice (once
    for the paginator's count, once for the page). A page past the end falls back to the
    paginator, which shows the last page."""
    try:
        # Capped, so a made-up huge number cannot overflow PostgreSQL's OFFSET (it shows the
        # last page, as any number past the end does).
        nummer = min(max(int(pagina or 1), 1), 10**9)
    except (TypeError, ValueError):
        nummer = 1
    sql, params = sleutels.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT content_object_id, volgorde, count(*) OVER () FROM ({sql}) "
                       "sleutels ORDER BY volgorde, content_object_id LIMIT %s OFFSET %s",
                       [*params, per_pagina, (nummer - 1) * per_pagina])
        rows = cursor.fetchall()
    if not rows:
        return Paginator(sleutels, per_pagina).get_page(pagina)
    paginator = Paginator(sleutels, per_pagina)
    paginator.__dict__["count"] = rows[0][2]  # the cached_property, filled from the window
    return Page([(intake_id, volgorde) for intake_id, volgorde, _n in rows], nummer, paginator)


def werkvoorraad_page(*, user: User, filters: Filters, pagina: Any, per_pagina: int = 25
                      ) -> Page:
    """One page of the queue, with its total. The plain queue (the usual case, also with only
    "urgent") is counted and ordered on the permission rows' partial index and only the rows
    of the page are read; any other filter goes through `werkvoorraad_for`."""
    if not _alleen_volgorde(filters):
        return Paginator(werkvoorraad_for(user=user, filters=filters), per_pagina) \
            .get_page(pagina)
    sleutels = werkvoorraad_sleutels(user=user, alleen_urgent=filters.urgent)
    page = _sleutels_page(sleutels, pagina=pagina, per_pagina=per_pagina)
    ids = [intake_id for intake_id, _volgorde in page.object_list]
    by_id = {row.pk: row for row in _rij_details(Intake.objects.filter(pk__in=ids),
                                                 timezone.now())}
    page.object_list = [by_id[i] for i in ids if i in by_id]
    return page


def filters_saved(*, user: User) -> dict[str, Any]:
    saved = WerkvoorraadFilter.objects.filter(user=user).values_list("filters", flat=True)
    return dict(saved.first() or {})


def filter_keuzes(*, user: User) -> dict[str, Any]:
    """Choices for the queue filters: the user's teams and the wijken they serve (two
    queries)."""
    teams = list(Team.objects.filter(teamlidmaatschap__user=user).prefetch_related("wijken")
                 .order_by("naam"))
    wijken = {w.pk: w for t in teams for w in t.wijken.all()}
    return {"teams": teams, "wijken": sorted(wijken.values(), key=lambda w: w.naam)}


# --- Team views for the teamleider --------------------------------------------------------------


@dataclass
class Caseload:
    user: User
    regiehouder: int = 0
    betrokken: int = 0
    urgent: int = 0
    escalaties: int = 0
    teams: list[str] = field(default_factory=list)


def caseload_per_professional(*, teams: list[Team]) -> list[Caseload]:
    """Open cases per member of these teams, in a fixed number of queries."""
    members = list(User.objects.filter(lidmaatschappen__team__in=teams, is_active=True)
                   .distinct().order_by("last_name", "first_name"))
    open_regie = (Regiehouderschap.objects.actief().filter(user__in=members)
                  .exclude(casus__status=CasusStatus.AFGESLOTEN)
                  .values("user_id").annotate(
                      n=Count("id"),
                      urgent=Count("id", filter=Q(casus__intake__urgentie=Urgentie.URGENT)),
                      esc=Count("id", filter=Q(casus__ave_fase__gte=3))))
    by_user: dict[int, dict[str, Any]] = {row["user_id"]: {**row} for row in open_regie}
    betrokken = dict(Betrokkenheid.objects.filter(einde__isnull=True, user__in=members)
                     .exclude(casus__status=CasusStatus.AFGESLOTEN)
                     .values("user_id").annotate(n=Count("id")).values_list("user_id", "n"))
    return [Caseload(user=m, regiehouder=by_user.get(m.pk, {}).get("n", 0),
                     betrokken=betrokken.get(m.pk, 0),
                     urgent=by_user.get(m.pk, {}).get("urgent", 0),
                     escalaties=by_user.get(m.pk, {}).get("esc", 0)) for m in members]


def open_overdrachten(*, teams: list[Team]) -> QuerySet[Overdracht]:
    return (Overdracht.objects.filter(status=OverdrachtStatus.VOORGESTELD,
                                      casus__team__in=teams)
            .select_related("casus__intake", "van", "naar", "naar_team")
            .order_by("voorgesteld_op"))


def escalaties(*, teams: list[Team]) -> QuerySet[Casus]:
    return (Casus.objects.filter(team__in=teams, ave_fase__gte=3)
            .exclude(status=CasusStatus.AFGESLOTEN).select_related("intake")
            .order_by("-ave_fase", "geopend_op"))


def overdrachten_for(*, user: User) -> QuerySet[Overdracht]:
    """Handovers proposed to `user` that wait for their answer."""
    return (Overdracht.objects.filter(naar=user, status=OverdrachtStatus.VOORGESTELD)
            .select_related("casus__intake", "van").order_by("voorgesteld_op"))


def overdracht_for(*, user: User, overdracht_id: int) -> Overdracht | None:
    """A handover `user` may see: as proposer or receiver."""
    return (Overdracht.objects.filter(Q(naar=user) | Q(van=user), pk=overdracht_id)
            .select_related("casus__intake", "van", "naar", "naar_team").first())


def casus_details(*, casus: Casus) -> dict[str, Any]:
    """What the casus page shows besides the timeline, in a fixed number of queries."""
    regiehouders = list(Regiehouderschap.objects.filter(casus=casus)
                        .select_related("user", "team").order_by("begin"))
    betrokkenen = list(Betrokkenheid.objects.filter(casus=casus)
                       .select_related("user", "team").order_by("begin"))
    return {
        "regiehouder": next((r for r in regiehouders if r.einde is None), None),
        "regiehouders": regiehouders,
        "betrokkenen": [b for b in betrokkenen if b.einde is None],
        "oud_betrokken": [b for b in betrokkenen if b.einde is not None],
        "open_overdracht": Overdracht.objects.filter(
            casus=casus, status=OverdrachtStatus.VOORGESTELD).select_related("naar").first(),
        "termijnen": list(Termijn.objects.filter(intake_id=casus.intake_id,
                                                 status__in=[TermijnStatus.LOPEND,
                                                             TermijnStatus.OPGESCHORT])
                          .order_by("deadline")),
    }


def betrokkenheid_of(*, casus: Casus, betrokkenheid_id: int) -> Betrokkenheid | None:
    return Betrokkenheid.objects.filter(casus=casus, pk=betrokkenheid_id,
                                        einde__isnull=True).first()


def gedekte_groepen(*, intake: Intake, now: datetime | None = None) -> dict[int, str]:
    """The group ids of the teams that may read the intake now (routing, consent, safety
    override), each with its basis (grond)."""
    dekking = intake_dekking(intake, now or timezone.now())
    return {group_id: grant.grond for group_id, grant in groups_reading(dekking).items()}


def collegas_for_overdracht(*, casus: Casus, user: User,
                             groepen: list[int] | None = None) -> QuerySet[User]:
    """Professionals of teams that may see this casus (routing, consent or override).
    `groepen`: `gedekte_groepen` when the caller has them already."""
    groups = list(gedekte_groepen(intake=casus.intake)) if groepen is None else groepen
    return (User.objects.filter(groups__in=groups, rol__in=["professional", "teamleider"],
                                is_active=True).exclude(pk=user.pk).distinct()
            .order_by("last_name", "first_name"))


def teams_for_betrokkenheid(*, casus: Casus, groepen: list[int] | None = None
                             ) -> QuerySet[Team]:
    groups = list(gedekte_groepen(intake=casus.intake)) if groepen is None else groepen
    return Team.objects.filter(group_id__in=groups, actief=True).order_by("naam")


def regiehouder_current(*, casus: Casus) -> Regiehouderschap | None:
    """The casus' one regiehouder now, with their team (None only in a broken state)."""
    return casus.regiehouders.actief().select_related("user", "team").first()


def _van_intake(intake: Intake) -> Q:
    """The casus of this request: its own, or the one it is linked to. A subquery: the same
    OR across the join to the linked requests gave every row once per linked request."""
    return Q(casus__in=Casus.objects.filter(
        Q(intake=intake) | Q(gekoppelde_aanvragen__intake=intake)).values("pk"))


def contactpersoon(*, intake: Intake) -> Regiehouderschap | None:
    """The current regiehouder of the casus handling this request (its own or the one it is
    linked to) with their team, or None while nobody has picked it up (what the resident
    sees as their contact person)."""
    return (Regiehouderschap.objects.filter(_van_intake(intake)).actief()
            .select_related("user", "team", "casus").first())


def contactpersonen_of_intakes(*, intake_ids: Collection[int]) -> dict[int, Regiehouderschap]:
    """Per request id: the current regiehouder of the casus handling it (its own or the one it
    is linked to), with their team and its walk-in hours; requests nobody picked up are left
    out. Three queries however many requests (none for no requests)."""
    if not intake_ids:
        return {}
    casus_van: dict[int, int] = {}
    for casus_id, eigen, gekoppeld in (
            Casus.objects.filter(Q(intake_id__in=intake_ids)
                                 | Q(gekoppelde_aanvragen__intake_id__in=intake_ids))
            .values_list("pk", "intake_id", "gekoppelde_aanvragen__intake_id")):
        # A row per linked request of the casus (the join): keep the pairs these ids are in.
        for intake_id in (eigen, gekoppeld):
            if intake_id in intake_ids:
                casus_van[intake_id] = casus_id
    rollen = {rol.casus_id: rol for rol in (
        Regiehouderschap.objects.filter(casus_id__in=set(casus_van.values())).actief()
        .select_related("user", "team").prefetch_related("team__inlooptijden"))}
    return {intake_id: rollen[casus_id] for intake_id, casus_id in casus_van.items()
            if casus_id in rollen}


def regiehouderschappen_of_intake(*, intake: Intake) -> list[Regiehouderschap]:
    """Every regiehouder the casus handling this request had, first to last, each with the
    casus (one query)."""
    return list(Regiehouderschap.objects.filter(_van_intake(intake))
                .select_related("user", "team", "casus").order_by("begin", "id"))
