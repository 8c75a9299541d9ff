"""Reads on the organisation."""

from django.db.models import QuerySet, prefetch_related_objects

from toegang.accounts.models import Rol, User

from .models import Team, Teamlidmaatschap, TeamSoort, Wijk, WijkPostcode, postcode_parse


def teams_serving(*, wijk: Wijk | None, wet: str) -> QuerySet[Team]:
    """Active teams that serve `wet` in `wijk` (for intakes without wijk: central teams)."""
    teams = Team.objects.actief().voor_wet(wet)
    if wijk is None:
        return teams.filter(is_centrale_toegang=True)
    return teams.filter(wijken=wijk)


def teams_of(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(teamlidmaatschap__user=user).order_by("naam")


def teamleiders_of(*, team_ids: set[int] | list[int]) -> dict[int, list[User]]:
    """The active teamleiders of each of these teams, in one query (team id → people)."""
    result: dict[int, list[User]] = {}
    for lid in Teamlidmaatschap.objects.filter(team_id__in=team_ids, user__rol=Rol.TEAMLEIDER,
                                               user__is_active=True).select_related("user"):
        result.setdefault(lid.team_id, []).append(lid.user)
    return result


def teamleiders_of_user(*, user: User) -> list[User]:
    """The active teamleiders of every team `user` belongs to (each once)."""
    team_ids = list(Teamlidmaatschap.objects.filter(user=user).values_list("team_id", flat=True))
    seen: dict[int, User] = {}
    for leiders in teamleiders_of(team_ids=team_ids).values():
        for leider in leiders:
            seen.setdefault(leider.pk, leider)
    return list(seen.values())


def _met_contact(teams: QuerySet[Team]) -> QuerySet[Team]:
    return teams.prefetch_related("inlooptijden")


def centrale_toegang() -> Team | None:
    """The active central team, with its walk-in hours."""
    return _met_contact(Team.objects.actief().filter(is_centrale_toegang=True)
                        .order_by("id")).first()


def team_voor_wijk(*, wijk_id: int | None) -> Team | None:
    """The active wijkteam of the wijk with its walk-in hours; the central team when the wijk
    is unknown or has no active wijkteam (the same team that gets intakes without a wijk)."""
    if wijk_id is not None:
        team = _met_contact(Team.objects.actief().filter(wijken=wijk_id)
                            .filter(soort=TeamSoort.WIJKTEAM).order_by("id")).first()
        if team is not None:
            return team
    return centrale_toegang()


def wijk_voor_postcode(postcode: str) -> Wijk | None:
    """The wijk of a postcode ('1234AB', '1234 ab' or '1234'); None if invalid or unknown."""
    parsed = postcode_parse(postcode)
    if parsed is None:
        return None
    hit = WijkPostcode.objects.select_related("wijk").filter(pc4=parsed[0]).first()
    return hit.wijk if hit else None


def team_voor_postcode(postcode: str) -> Team | None:
    """The wijkteam residents of `postcode` can walk in to: PC4 → wijk → its active wijkteam,
    else the central team. None when the postcode is invalid or in no wijk of the gemeente."""
    wijk = wijk_voor_postcode(postcode)
    if wijk is None:
        return None
    return team_voor_wijk(wijk_id=wijk.pk)


def teams_met_inloop(*, teams: list[Team]) -> list[Team]:
    """Load the walk-in hours of these teams in one query (for pages that got them elsewhere)."""
    prefetch_related_objects([t for t in teams if t is not None], "inlooptijden")
    return teams
