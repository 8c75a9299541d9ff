"""Template access to the resident-facing team data, so pages of the layers above can show a
team's address and walk-in hours without each view wiring it."""

from django import template

from toegang.organisatie import selectors
from toegang.organisatie.models import Team

register = template.Library()


@register.simple_tag
def wijkteam_van_wijk(wijk_id: int | None) -> Team | None:
    """{% wijkteam_van_wijk intake.wijk_id as wijkteam %}: the wijkteam (or central team)
    with its walk-in hours, in two queries."""
    return selectors.team_voor_wijk(wijk_id=wijk_id)
