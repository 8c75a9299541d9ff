"""Reads on intakes. Lists are permission-filtered by the gate's `intakes_visible_to`."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import CharField, Prefetch, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation

from toegang.accounts.models import User
from toegang.audit.models import Toegangslog
from toegang.audit.selectors import toegangslog_for_intakes
from toegang.core.bsn import bsn_decrypt
from toegang.core.domein import Wet

from .models import (
    Aanvulling,
    Bijlage,
    Grond,
    Intake,
    Toestemming,
    ToestemmingStatus,
    Veiligheidsmelding,
)
from .permissions import IntakeActie, intakes_visible_to

# Only what a worker needs to choose: no BSN, no free text (data minimisation).
QUEUE_FIELDS = ("id", "referentie", "voornaam", "achternaam", "ingediend_op", "urgentie",
                "status", "veiligheid", "kanaal", "wijk__naam", "team__naam")


def intake_list_for(*, user: User) -> QuerySet[Intake]:
    """The intakes `user` may see, newest urgent first, with only the fields a list shows."""
    return (intakes_visible_to(user=user, action=IntakeActie.VIEW)
            .select_related("wijk", "team").only(*QUEUE_FIELDS)
            .order_by("-urgentie", "ingediend_op", "id"))


def intake_with_details(*, intake: Intake) -> Intake:
    """Load everything the intake page shows in a fixed number of queries."""
    return (Intake.objects.filter(pk=intake.pk)
            .select_related("team", "wijk", "routing_regel")
            .prefetch_related("huishoudleden", "levensgebieden",
                              Prefetch("aanvullingen",
                                       queryset=Aanvulling.objects.select_related(
                                           "toegevoegd_door").prefetch_related("bijlagen")),
                              Prefetch("bijlagen", queryset=Bijlage.objects.order_by("created_at")),
                              Prefetch("toestemmingen",
                                       queryset=Toestemming.objects.select_related("doel")
                                       .order_by("wet", "-created_at")))
            .get())


def bijlage_of(*, intake: Intake, bijlage_id: int) -> Bijlage | None:
    return Bijlage.objects.filter(intake=intake, pk=bijlage_id).first()


def intakes_of_inwoner(*, user: User) -> QuerySet[Intake]:
    return (Intake.objects.filter(inwoner=user).select_related("team", "wijk")
            .order_by("-ingediend_op"))


def toestemmingen_of_inwoner(*, user: User) -> QuerySet[Toestemming]:
    return (Toestemming.objects.filter(intake__inwoner=user)
            .select_related("doel", "intake").order_by("intake_id", "wet", "-created_at"))


def toestemming_of_inwoner(*, user: User, toestemming_id: int) -> Toestemming | None:
    return (Toestemming.objects.filter(pk=toestemming_id, intake__inwoner=user)
            .select_related("intake", "doel").first())


def actieve_toestemmingen(*, intake: Intake) -> QuerySet[Toestemming]:
    return Toestemming.objects.filter(intake=intake, status=ToestemmingStatus.GEGEVEN,
                                      withdrawn_at__isnull=True,
                                      expires_at__gt=timezone.now())


def veiligheidsmeldingen_voor_inwoner(*, user: User) -> QuerySet[Veiligheidsmelding]:
    """Overrides on the resident's intakes, except those it would be unsafe to show."""
    return (Veiligheidsmelding.objects.filter(intake__inwoner=user, tonen_aan_inwoner=True)
            .select_related("intake").prefetch_related("teams").order_by("-begin"))


def veiligheidsmelding_voor_beoordeling(*, user: User, melding_id: int
                                        ) -> Veiligheidsmelding | None:
    """An override the teamleider `user` must review: reported by a member of their team."""
    return (Veiligheidsmelding.objects
            .filter(pk=melding_id,
                    gemeld_door__lidmaatschappen__team__teamlidmaatschap__user=user)
            .select_related("intake", "gemeld_door").prefetch_related("teams").first())


def toegangslog_van_inwoner(*, user: User) -> QuerySet[Toegangslog]:
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
    }


def intake_export_data(*, intake: Intake, include_bsn: bool = False) -> dict[str, Any]:
    """All stored data of one intake as plain values (AVG inzage, export for the file)."""
    return intake_as_data(intake=intake_with_details(intake=intake), include_bsn=include_bsn)


def toestemming_mogelijk(*, intake: Intake) -> list[Any]:
    """Wetten the resident can give consent for now: other teams that serve their wijk and
    have no running consent. Each with the current text of the purpose."""
    from toegang.organisatie.selectors import teams_serving

    from .services import toestemming_doel_actueel

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
        doel = toestemming_doel_actueel(wet=wet)
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
