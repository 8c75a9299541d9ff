"""Reads on intakes: the intake page, the resident's own intakes, consents and access log.
(The staff queue, filtered by the gate's `intakes_visible_to`, is in casussen.selectors.)"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import (
    CharField,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone, translation

from toegang.accounts.models import Rol, User
from toegang.audit.models import Toegangslog
from toegang.audit.selectors import toegangslog_for_intakes
from toegang.core.bsn import bsn_decrypt
from toegang.core.domein import Wet
from toegang.organisatie.models import Team
from toegang.organisatie.selectors import teams_serving

from .models import (
    Aanvulling,
    Bijlage,
    Grond,
    Intake,
    IntakeGebeurtenis,
    IntakeStatus,
    Toestemming,
    ToestemmingStatus,
    Veiligheidsmelding,
)
from .services import toestemming_doel_current
from .wizard.models import IntakeConcept


def intake_with_details(*, intake: Intake) -> Intake:
    """Load everything the intake page shows in a fixed number of queries."""
    return (Intake.objects.filter(pk=intake.pk)
            .select_related("team", "wijk", "routing_regel", "duplicaat_van", "verwijzing")
            .prefetch_related("huishoudleden", "levensgebieden", "eigen_antwoorden",
                              Prefetch("gebeurtenissen",
                                       queryset=IntakeGebeurtenis.objects.select_related(
                                           "van_team", "naar_team", "door")),
                              Prefetch("aanvullingen",
                                       queryset=Aanvulling.objects.select_related(
                                           "toegevoegd_door").prefetch_related("bijlagen")),
                              Prefetch("bijlagen", queryset=Bijlage.objects.order_by("created_at")),
                              Prefetch("toestemmingen",
                                       queryset=Toestemming.objects.select_related("doel")
                                       .order_by("wet", "-created_at")))
            .get())


def intake_for_inwoner(*, intake: Intake) -> Intake:
    """The resident's page of one request: `intake` (from the gate, with its team and wijk)
    with what that page shows prefetched onto it (six queries; the intake is not read
    again)."""
    prefetch_related_objects(
        [intake], "huishoudleden", "levensgebieden", "eigen_antwoorden",
        Prefetch("gebeurtenissen", queryset=IntakeGebeurtenis.objects.select_related("naar_team")),
        Prefetch("aanvullingen", queryset=Aanvulling.objects.select_related("toegevoegd_door")),
        Prefetch("bijlagen", queryset=Bijlage.objects.order_by("created_at")))
    return intake


def bijlage_of(*, intake: Intake, bijlage_id: int) -> Bijlage | None:
    return Bijlage.objects.filter(intake=intake, pk=bijlage_id).first()


def intakes_of_inwoner(*, user: User) -> QuerySet[Intake]:
    return (Intake.objects.filter(inwoner=user).select_related("team", "wijk")
            .order_by("-ingediend_op"))


def toestemmingen_of_inwoner(*, user: User) -> QuerySet[Toestemming]:
    return (Toestemming.objects.filter(intake__inwoner=user)
            .select_related("doel", "intake", "vastgelegd_door")
            .order_by("intake_id", "wet", "-created_at"))


def toestemming_of_inwoner(*, user: User, toestemming_id: int) -> Toestemming | None:
    return (Toestemming.objects.filter(pk=toestemming_id, intake__inwoner=user)
            .select_related("intake", "doel").first())


def veiligheidsmeldingen_for_inwoner(*, user: User) -> QuerySet[Veiligheidsmelding]:
    """Overrides on the resident's intakes, except those it would be unsafe to show."""
    return (Veiligheidsmelding.objects.filter(intake__inwoner=user, tonen_aan_inwoner=True)
            .select_related("intake").prefetch_related("teams").order_by("-begin"))


def veiligheidsmelding_for_beoordeling(*, user: User, melding_id: int
                                        ) -> Veiligheidsmelding | None:
    """An override the teamleider `user` must review: reported by a member of their team."""
    return (Veiligheidsmelding.objects
            .filter(pk=melding_id,
                    gemeld_door__lidmaatschappen__team__teamlidmaatschap__user=user)
            .select_related("intake", "gemeld_door").prefetch_related("teams").first())


def toegangslog_of_inwoner(*, user: User) -> QuerySet[Toegangslog]:
    """Who looked at the resident's data: staff rows only.

    Rows on the basis of a safety override hidden from the resident are left out: they would
    reveal the override itself (for instance to a partner who reads along).
    """
    hidden = (Veiligheidsmelding.objects.filter(intake__inwoner=user, tonen_aan_inwoner=False)
              .annotate(grond=Concat(Value(f"{Grond.VEILIGHEID}:"),
                                     Cast("pk", output_field=CharField())))
              .values("grond"))
    return (toegangslog_for_intakes(intake_ids=Intake.objects.filter(inwoner=user).values("pk"))
            .exclude(grond__in=hidden))


def as_iso(value: datetime | date | None) -> str | None:
    """ISO 8601; moments in local time (Europe/Amsterdam) with their offset."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def toestemming_as_data(toestemming: Toestemming) -> dict[str, Any]:
    """One consent as plain values (its `doel` must be loaded)."""
    t = toestemming
    return {"wet": t.wet, "status": t.status, "doel_versie": t.doel.versie,
            "vraag": t.doel.vraag, "scope": t.scope, "gegeven_op": as_iso(t.given_at),
            "geldig_tot": as_iso(t.expires_at), "ingetrokken_op": as_iso(t.withdrawn_at)}


def intake_as_data(*, intake: Intake, include_bsn: bool = False) -> dict[str, Any]:
    """One intake as plain values, without queries when loaded as `intake_with_details` does.

    The BSN is masked unless `include_bsn` (only the resident's own export has it in full).
    """
    bsn = ""
    if intake.bsn_versleuteld:
        bsn = bsn_decrypt(intake.bsn_versleuteld) if include_bsn else intake.bsn_gemaskeerd
    return {
        "referentie": intake.referentie,
        "ingediend_op": as_iso(intake.ingediend_op),
        "kanaal": intake.kanaal,
        "status": intake.status,
        "aanvrager": {
            "voornaam": intake.voornaam, "achternaam": intake.achternaam,
            "geboortedatum": as_iso(intake.geboortedatum), "bsn": bsn,
            "straat": intake.straat, "postcode": intake.postcode,
            "woonplaats": intake.woonplaats, "geen_vast_adres": intake.geen_vast_adres,
            "telefoon": intake.telefoon, "email": intake.email,
            "contact_voorkeur": intake.contact_voorkeur, "contact_tijden": intake.contact_tijden,
        },
        "huishouden": [{"relatie": h.relatie, "naam": h.naam, "geboortejaar": h.geboortejaar,
                        "vraag_gaat_over": h.vraag_gaat_over} for h in intake.huishoudleden.all()],
        "vraag": intake.vraag,
        "levensgebieden": [g.levensgebied for g in intake.levensgebieden.all()],
        "over_kind": intake.over_kind,
        "wat_gaat_goed": intake.wat_gaat_goed, "wie_helpt": intake.wie_helpt,
        "wens": intake.wens, "urgentie": intake.urgentie, "veiligheid": intake.veiligheid,
        "veiligheid_toelichting": intake.veiligheid_toelichting,
        "wijk": intake.wijk.naam if intake.wijk else None,
        "team": intake.team.naam,
        "aanvullingen": [{"op": as_iso(a.created_at), "tekst": a.tekst,
                          "namens_inwoner": a.namens_inwoner} for a in intake.aanvullingen.all()],
        "bijlagen": [{"naam": b.naam, "soort": b.content_type, "grootte": b.grootte,
                      "op": as_iso(b.created_at)} for b in intake.bijlagen.all()],
        "toestemmingen": [toestemming_as_data(t) for t in intake.toestemmingen.all()],
        # The municipality's own questions, as they were asked.
        "eigen_vragen": [{"stap": a.stap, "vraag": a.vraag_tekst, "soort": a.soort,
                          "antwoord": a.antwoord} for a in intake.eigen_antwoorden.all()],
    }


def intake_export_data(*, intake: Intake, include_bsn: bool = False) -> dict[str, Any]:
    """All stored data of one intake as plain values (AVG inzage, export for the file)."""
    return intake_as_data(intake=intake_with_details(intake=intake), include_bsn=include_bsn)


def toestemming_mogelijk(*, intake: Intake) -> list[Any]:
    """Wetten the resident can give consent for now: other teams that serve their wijk and
    have no running consent. Each with the current text of the purpose."""

    eigen = set(intake.team.wetten.values_list("code", flat=True))
    lopend = set(Toestemming.objects.filter(intake=intake, status=ToestemmingStatus.GEGEVEN)
                 .values_list("wet", flat=True))
    taal = translation.get_language() or "nl"
    vragen = []
    for wet in Wet.values:
        if wet in eigen or wet in lopend:
            continue
        namen = ", ".join(teams_serving(wijk=intake.wijk, wet=wet).order_by("naam")
                          .values_list("naam", flat=True))
        if not namen:
            continue
        doel = toestemming_doel_current(wet=wet)
        vragen.append(ToestemmingOptie(wet=wet, wet_label=str(Wet(wet).label), teams=namen,
                                       vraag=doel.vraag_in(taal), uitleg=doel.uitleg_in(taal)))
    return vragen


@dataclass(frozen=True)
class ToestemmingOptie:
    wet: str
    wet_label: str
    teams: str
    vraag: str
    uitleg: str


def namens_concepten_of(*, user: User) -> list[IntakeConcept]:
    """The requests `user` started typing in for residents and did not send yet (newest
    first; the retention job removes them after 30 days)."""
    return list(IntakeConcept.objects.filter(ingevoerd_door=user, intake__isnull=True)
                .order_by("-updated_at")[:20])


def toestemmingen_of_intake(*, intake: Intake) -> list[Toestemming]:
    """Every consent answer on the intake, with who recorded an answer given aloud."""
    return list(Toestemming.objects.filter(intake=intake).select_related("vastgelegd_door")
                .order_by("wet", "-created_at"))


def intakes_to_claim(*, user: User) -> QuerySet[Intake]:
    """Requests filed under the resident's BSN (by a professional, a referrer, or online
    without an account) that are not linked to any account yet: a DigiD login proves the
    BSN, so they are offered to this resident to link."""
    if user.rol != Rol.INWONER or not user.bsn_hash:
        return Intake.objects.none()
    return (Intake.objects.filter(bsn_hash=user.bsn_hash, inwoner__isnull=True,
                                  geanonimiseerd_op__isnull=True)
            .select_related("team").order_by("-ingediend_op"))


def teams_to_forward_to(*, intake: Intake) -> QuerySet[Team]:
    """The active teams a request can go to: those serving its wijk (or the central ones for
    a request without a wijk), except the one that has it."""
    teams = Team.objects.filter(actief=True).exclude(pk=intake.team_id)
    teams = teams.filter(wijken=intake.wijk) if intake.wijk_id else teams.filter(
        is_centrale_toegang=True)
    return teams.distinct().order_by("naam")


@dataclass(frozen=True)
class TeamWachtend:
    """How many intakes wait in one team's queue: a count, never a person."""

    team_id: int
    team: str
    wachtend: int


def wachtend_per_team() -> list[TeamWachtend]:
    """Per active team, the intakes nobody picked up yet (status ingediend: the queue's "new"
    rows, the dashboard's "waiting"). One query; each team's count is an index range scan on
    (team, status), so it costs the waiting rows, not the million closed ones."""
    telling = (Intake.objects.filter(team_id=OuterRef("pk"), status=IntakeStatus.INGEDIEND)
               .order_by().values("team_id").annotate(n=Count("pk")).values("n"))
    return [TeamWachtend(team_id=pk, team=naam, wachtend=n) for pk, naam, n in (
        Team.objects.filter(actief=True)
        .annotate(n=Coalesce(Subquery(telling, output_field=IntegerField()), 0))
        .order_by("naam").values_list("pk", "naam", "n"))]
