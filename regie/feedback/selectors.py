"""Reads of resident feedback: an invitation by its link, and the teamleider's remarks."""

from collections.abc import Sequence

from django.db.models import QuerySet

from toegang.organisatie.models import Team

from .models import FeedbackAntwoord, FeedbackUitnodiging


def uitnodiging_by_token(*, token: str) -> FeedbackUitnodiging | None:
    """The invitation behind a link, or None. The token is the only key: no login."""
    if not token or len(token) > 64:
        return None
    return FeedbackUitnodiging.objects.filter(token=token).only(
        "pk", "token", "verloopt_op", "beantwoord").first()


def opmerkingen_for(*, teams: Sequence[Team]) -> QuerySet[FeedbackAntwoord]:
    """The remarks residents left for these teams, newest first: the month, the team and the
    text, nothing else (one query per page, with the team's name joined)."""
    return (FeedbackAntwoord.objects.filter(team__in=list(teams)).exclude(opmerking="")
            .select_related("team").only("pk", "maand", "opmerking", "team__naam")
            .order_by("-created_at", "-id"))
