"""Reads for linking: who a new request may be (filtered by what the professional may see),
and a casus' household."""

from dataclasses import dataclass

from django.db.models import Q

from intake.matching import Kandidaat, kandidaten_voor
from intake.models import Intake
from intake.permissions import IntakeActie, intakes_visible_to
from toegang.accounts.models import User

from ..models import Casus, Regiehouderschap
from .models import Apartgehouden, GekoppeldeAanvraag, Huishouden, HuishoudenLid


@dataclass
class Bekend:
    """A request that is probably the same resident or a household member. Only what the
    professional may see is filled in; otherwise it is 'possible earlier contact' without
    any detail."""

    kandidaat: Kandidaat
    intake: Intake | None = None
    casus: Casus | None = None
    regiehouder: Regiehouderschap | None = None

    @property
    def zichtbaar(self) -> bool:
        return self.intake is not None


def bekend_for(*, user: User, intake: Intake) -> list[Bekend]:
    """The earlier contacts of the resident of `intake` and their household, best first; the
    ones `user` may not see carry no details. Six queries, whatever is found."""
    apart = set(Apartgehouden.objects.filter(intake=intake)
                .values_list("kandidaat_id", flat=True))
    kandidaten = [k for k in kandidaten_voor(intake=intake) if k.intake_id not in apart]
    ids = [k.intake_id for k in kandidaten]
    if not ids:
        return []
    zichtbaar = set(intakes_visible_to(user=user, action=IntakeActie.VIEW)
                    .filter(pk__in=ids).values_list("pk", flat=True))
    intakes = Intake.objects.select_related("team").in_bulk(zichtbaar)
    casussen = {c.intake_id: c for c in Casus.objects.filter(intake_id__in=zichtbaar)
                .select_related("team")}
    for koppeling in GekoppeldeAanvraag.objects.filter(intake_id__in=zichtbaar) \
            .select_related("casus__team", "casus__intake"):
        casussen[koppeling.intake_id] = koppeling.casus
    regie = {r.casus_id: r for r in Regiehouderschap.objects.actief()
             .filter(casus_id__in=[c.pk for c in casussen.values()])
             .select_related("user", "team")}
    result = []
    for kandidaat in kandidaten:
        gezien = intakes.get(kandidaat.intake_id)
        casus = casussen.get(kandidaat.intake_id) if gezien else None
        result.append(Bekend(kandidaat=kandidaat, intake=gezien, casus=casus,
                             regiehouder=regie.get(casus.pk) if casus else None))
    return result


def apart_gehouden_of(*, intake: Intake) -> list[Apartgehouden]:
    """The earlier requests kept apart from this one, with who decided so and why."""
    return list(Apartgehouden.objects.filter(intake=intake)
                .select_related("kandidaat", "door").order_by("-created_at", "-id"))


def huishouden_of(*, casus: Casus) -> Huishouden | None:
    return Huishouden.objects.filter(casus=casus).first()


def leden_of(*, casus: Casus) -> list[HuishoudenLid]:
    """The household's members, present and past, with their own request (one query)."""
    return list(HuishoudenLid.objects.filter(huishouden__casus=casus)
                .select_related("intake").order_by("einde", "begin", "id"))


def gekoppeld_of(*, casus: Casus) -> list[GekoppeldeAanvraag]:
    return list(GekoppeldeAanvraag.objects.filter(casus=casus).select_related("intake", "door"))


def koppeling_of(*, intake: Intake) -> GekoppeldeAanvraag | None:
    return (GekoppeldeAanvraag.objects.filter(intake=intake)
            .select_related("casus__intake").first())


def lid_of(*, casus: Casus, lid_id: int) -> HuishoudenLid | None:
    return HuishoudenLid.objects.filter(Q(huishouden__casus=casus), pk=lid_id).first()
