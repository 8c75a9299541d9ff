"""Reads on the organisation."""

from django.db.models import QuerySet

from toegang.accounts.models import Rol, User

from .models import Team, Teamlidmaatschap, Wijk


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
