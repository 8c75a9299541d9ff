"""Reads on the organisation."""

from django.db.models import QuerySet

from toegang.accounts.models import User

from .models import Team, Wijk


def teams_serving(*, wijk: Wijk | None, wet: str) -> QuerySet[Team]:
    """Active teams that serve `wet` in `wijk` (for intakes without wijk: central teams)."""
    teams = Team.objects.actief().voor_wet(wet)
    if wijk is None:
        return teams.filter(is_centrale_toegang=True)
    return teams.filter(wijken=wijk)


def teams_of(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(teamlidmaatschap__user=user).order_by("naam")
