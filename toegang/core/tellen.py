"""Several counts in one round trip to the database.

A page that shows a few badges ("3 besluiten wachten", "2 verzoeken", "1 ongelezen") asked the
database once per badge. `tellingen` sends one SELECT with a scalar subquery per count, so the
badges cost one query together. Each queryset keeps its own meaning (filters, DISTINCT): it is
counted as Django would count it, only not on its own.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def tellingen(querysets: dict[str, QuerySet], *, using: str = "default") -> dict[str, int]:
    """The number of rows of each queryset, by the same names (one query; none when every
    queryset is empty by construction, such as `.none()`)."""
    delen: list[str] = []
    params: list = []
    namen: list[str] = []
    uitkomst = dict.fromkeys(querysets, 0)
    for naam, queryset in querysets.items():
        try:
            sql, qs_params = queryset.order_by().query.sql_with_params()
        except EmptyResultSet:
            continue  # `.none()` and filters that can never match: zero, without asking
        delen.append(f"(SELECT COUNT(*) FROM ({sql}) AS deel_{len(delen)})")
        params.extend(qs_params)
        namen.append(naam)
    if not delen:
        return uitkomst
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(delen), params)
        rij = cursor.fetchone()
    uitkomst.update(zip(namen, rij, strict=True))
    return uitkomst
