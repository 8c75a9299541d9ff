"""Writes around the management information: asking for a rebuild, recording an export."""

import logging

from toegang.accounts.models import User
from toegang.core.taken import enqueue_on_commit

from .filters import Filters
from .tasks import stuurinformatie_refresh

logger = logging.getLogger(__name__)


def stuurinformatie_refresh_request(*, user: User) -> None:
    """Queue a rebuild of the summary tables now (the beat schedule also runs it)."""
    logger.info("Rebuild of the management information requested by user %s", user.pk)
    enqueue_on_commit(stuurinformatie_refresh)


def stuurinformatie_export_record(*, user: User, tabel: str, formaat: str,
                                      filters: Filters) -> None:
    """Record who exported which table with which filters. The export holds aggregates only,
    no personal data, so it is not an access-log (Toegangslog) row: see docs/decisions.md."""
    logger.info("Management information exported: user %s (%s), table %s, format %s, "
                "months %s to %s, wijk %s, wet %s, team %s, teams allowed %s",
                user.pk, user.rol, tabel, formaat, filters.van.isoformat(),
                filters.tot.isoformat(), filters.wijk, filters.wet or None, filters.team,
                "all" if filters.teams_toegestaan is None else list(filters.teams_toegestaan))
