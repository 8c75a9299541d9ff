"""Reads of the berichtenverkeer, each in a fixed number of queries.

For the professional: the toewijzingen of a casus with their messages, and the providers'
open requests of the user's teams. For the functioneel beheerder (Diagnose): the state of the
outbox and the inbox, and a search that never looks at a message's content.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from toegang.accounts.models import User
from toegang.core.bsn import bsn_hash, bsn_is_valid
from toegang.core.domein import Wet
from toegang.organisatie.models import Teamlidmaatschap

from ..besluit.models import BeschikkingStatus, Besluit, Levering, Toekenning
from ..models import Casus
from .models import (
    OPEN_VERZOEKEN,
    Bericht,
    BerichtStatus,
    Quarantaine,
    Richting,
    Toewijzing,
    Verzoek,
)

# The columns a list of messages shows: never the (encrypted) content.
METADATA = ("id", "richting", "standaard", "code", "identificatie", "dagtekening", "afzender",
            "ontvanger", "agb", "aanbieder_id", "casus_id", "toewijzingnummers",
            "bestandsnaam", "status", "retour_op_id", "retourcodes", "fout", "pogingen",
            "volgende_poging_op", "retour_uiterlijk", "retour_klaar_op", "verstuurd_op",
            "verwerkt_op", "created_at")

# A message that waits longer than this to be sent is stuck: Diagnose says so.
TE_VERSTUREN_WACHT = timedelta(hours=1)
_SCHEIDING = re.compile(r"[\s.\-]")


def _metadata(rows: QuerySet[Bericht]) -> QuerySet[Bericht]:
    return rows.only(*METADATA)


# --- The professional's pages -------------------------------------------------------------


def toewijzingen_of(*, casus: Casus) -> QuerySet[Toewijzing]:
    return (Toewijzing.objects.filter(casus=casus)
            .select_related("product", "aanbieder", "toekenning__beschikking")
            .order_by("-ingangsdatum", "-id"))


def berichten_of(*, casus: Casus) -> QuerySet[Bericht]:
    """Every message about the casus, oldest first, without its content."""
    return (_metadata(Bericht.objects.filter(casus=casus)).select_related("aanbieder")
            .order_by("created_at", "id"))


def verzoeken_of(*, casus: Casus) -> QuerySet[Verzoek]:
    return (Verzoek.objects.filter(casus=casus)
            .select_related("aanbieder", "product", "termijn", "beschikking")
            .order_by("-created_at", "-id"))


def natura_zonder_toewijzing(*, casus: Casus) -> QuerySet[Toekenning]:
    """Granted natura lines of decisions in force (Wmo and Jeugdwet) that no toewijzing
    carries: no BSN known, no provider chosen, or a product without a productcode. They are
    arranged with the provider outside the berichtenverkeer."""
    return (Toekenning.objects
            .filter(beschikking__casus=casus, beschikking__status=BeschikkingStatus.GENOMEN,
                    beschikking__wet__in=(Wet.WMO, Wet.JEUGDWET), besluit=Besluit.TOEGEKEND,
                    levering=Levering.NATURA)
            .exclude(Exists(Toewijzing.objects.filter(toekenning=OuterRef("pk"))))
            .select_related("product", "aanbieder", "beschikking")
            .order_by("beschikking_id", "id"))


@dataclass(frozen=True)
class Telling:
    toewijzingen: int
    verzoeken: int
    verzoeken_open: int

    @property
    def iets(self) -> bool:
        return bool(self.toewijzingen or self.verzoeken)


def toewijzingen_telling(*, casus: Casus) -> Telling:
    """How many toewijzingen and provider requests the casus has, in one query."""
    def aantal(rows: QuerySet) -> Subquery:
        return Subquery(rows.order_by().values("casus_id").annotate(n=Count("pk")).values("n"))

    rij = (Casus.objects.filter(pk=casus.pk).values("pk").annotate(
        n_toewijzingen=aantal(Toewijzing.objects.filter(casus_id=OuterRef("pk"))),
        n_verzoeken=aantal(Verzoek.objects.filter(casus_id=OuterRef("pk"))),
        n_open=aantal(Verzoek.objects.filter(casus_id=OuterRef("pk"),
                                             status__in=OPEN_VERZOEKEN))).first())
    if rij is None:
        return Telling(0, 0, 0)
    return Telling(rij["n_toewijzingen"] or 0, rij["n_verzoeken"] or 0, rij["n_open"] or 0)


def _teams_van(user: User) -> QuerySet:
    return Teamlidmaatschap.objects.filter(user_id=user.pk).values("team_id")


def verzoeken_open_for(*, user: User) -> QuerySet[Verzoek]:
    """The open requests of providers for the user's teams, the nearest deadline first."""
    return (Verzoek.objects.filter(status__in=OPEN_VERZOEKEN, team_id__in=_teams_van(user))
            .select_related("aanbieder", "intake", "termijn", "product")
            .order_by(F("termijn__deadline").asc(nulls_last=True), "created_at", "id"))


def verzoek_in_team(*, user: User) -> Exists:
    """For a Verzoek query: whether `user` belongs to the team the request is for."""
    return Exists(Teamlidmaatschap.objects.filter(team_id=OuterRef("team_id"),
                                                  user_id=user.pk))


# --- The functioneel beheerder -------------------------------------------------------------


def _stand_filters(now: datetime) -> dict[str, Q]:
    uit = Q(richting=Richting.UIT)
    vandaag = timezone.localdate(now)
    return {
        "te_versturen": uit & Q(status=BerichtStatus.TE_VERSTUREN),
        "wacht_op_retour": uit & Q(status=BerichtStatus.VERSTUURD, retour_uiterlijk__isnull=False,
                                   retour_klaar_op__isnull=True),
        "retour_ok": Q(status=BerichtStatus.RETOUR_OK),
        "retour_fout": Q(status=BerichtStatus.RETOUR_FOUT),
        "mislukt": Q(status=BerichtStatus.MISLUKT),
        "ontvangen": Q(richting=Richting.IN, status=BerichtStatus.ONTVANGEN),
        "afgekeurd": Q(richting=Richting.IN, status=BerichtStatus.AFGEKEURD),
        "te_laat": Q(retour_uiterlijk__lt=vandaag, retour_klaar_op__isnull=True),
        "te_versturen_lang": uit & Q(status=BerichtStatus.TE_VERSTUREN,
                                     created_at__lt=now - TE_VERSTUREN_WACHT),
    }


# The states the beheerder can filter the list on (the keys of `_stand_filters`).
STANDEN = ("te_versturen", "wacht_op_retour", "retour_ok", "retour_fout", "mislukt",
           "ontvangen", "afgekeurd", "te_laat")


@dataclass(frozen=True)
class Berichtenstand:
    """Counts of the berichtenverkeer for Diagnose: no names, no content."""

    te_versturen: int
    wacht_op_retour: int
    retour_ok: int
    retour_fout: int
    mislukt: int
    ontvangen: int
    afgekeurd: int
    te_laat: int
    te_versturen_lang: int
    quarantaine_open: int

    @property
    def aandacht(self) -> bool:
        """Something the beheerder must look at."""
        return bool(self.mislukt or self.retour_fout or self.te_laat or self.quarantaine_open
                    or self.te_versturen_lang)


def berichtenstand(*, now: datetime | None = None) -> Berichtenstand:
    """The counts per state, in two queries (the messages, the quarantine)."""
    filters = _stand_filters(now or timezone.now())
    telling = Bericht.objects.aggregate(**{naam: Count("pk", filter=q)
                                           for naam, q in filters.items()})
    quarantaine = Quarantaine.objects.filter(opgelost_op__isnull=True).count()
    return Berichtenstand(**telling, quarantaine_open=quarantaine)


def _nummer(waarde: str) -> Q:
    """A ToewijzingNummer as one of the space-separated words of `toewijzingnummers`."""
    return (Q(toewijzingnummers=waarde) | Q(toewijzingnummers__startswith=f"{waarde} ")
            | Q(toewijzingnummers__endswith=f" {waarde}")
            | Q(toewijzingnummers__contains=f" {waarde} "))


def zoek_filter(zoek: str) -> Q:
    """What the beheerder typed: a ToewijzingNummer (up to 9 digits), a BSN (9 digits that
    pass the elfproef), an AGB code (8 digits), a BerichtIdentificatie, or part of a
    provider's name. A number matches every meaning it can have."""
    zoek = zoek.strip()
    cijfers = _SCHEIDING.sub("", zoek)  # a BSN may be typed as 1234.56.782
    if cijfers.isdigit() and cijfers.isascii():
        q = _nummer(cijfers.lstrip("0") or "0") if len(cijfers) <= 9 else Q(pk__in=[])
        if len(cijfers) in (8, 9) and bsn_is_valid(cijfers):  # 8: its leading 0 left off
            q |= Q(bsn_hash=bsn_hash(cijfers))
        if len(cijfers) == 8:
            q |= Q(agb=cijfers)
        return q | Q(identificatie=zoek)
    return Q(identificatie=zoek) | Q(aanbieder__naam__icontains=zoek)


def berichten_voor_beheer(*, stand: str = "", zoek: str = "",
                          now: datetime | None = None) -> QuerySet[Bericht]:
    """The messages for the beheerder's list, newest first, without their content."""
    rows = _metadata(Bericht.objects.all()).select_related("aanbieder")
    if stand in STANDEN:
        rows = rows.filter(_stand_filters(now or timezone.now())[stand])
    if zoek.strip():
        rows = rows.filter(zoek_filter(zoek))
    return rows.order_by("-created_at", "-id")


def bericht_voor_beheer(*, bericht_id: int) -> Bericht | None:
    return (_metadata(Bericht.objects.filter(pk=bericht_id))
            .select_related("aanbieder").first())


def retouren_van(*, bericht: Bericht) -> QuerySet[Bericht]:
    """The messages that answer this one (its retour)."""
    return _metadata(Bericht.objects.filter(retour_op=bericht)).order_by("created_at", "id")


def quarantaine_lijst() -> QuerySet[Quarantaine]:
    """Files in quarantine: the open ones first, then newest first."""
    return (Quarantaine.objects.select_related("opgelost_door")
            .order_by(F("opgelost_op").desc(nulls_first=True), "-created_at", "-id"))


def quarantaine_of(*, quarantaine_id: int) -> Quarantaine | None:
    return Quarantaine.objects.filter(pk=quarantaine_id).first()
