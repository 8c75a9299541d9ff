"""Walk every URL pattern of the project: the routes, their parameters, and URLs made from
them. Used by the manager walk (tests/regie/test_manager_toegang.py) and the IDOR walk
(tests/beveiliging/test_idor.py)."""

import itertools
import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
# Routes that take only a POST and answer a GET with 405 before they ask who is there (the
# method is checked before the gate): picking up an intake, marking a message read.
ALLEEN_POST = {"werk/intakes/<int:pk>/oppakken/", "berichten/<int:notificatie_id>/gelezen/"}


def routes(patterns: list | None = None, prefix: str = "") -> list[str]:  # type: ignore[type-arg]
    """Every route of the project as a string (`werk/casussen/<int:pk>/plan/`)."""
    found = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if not isinstance(p.pattern, RoutePattern):
            continue  # regex patterns (Django's own admin catch-alls) have no object ids
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            found += routes(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            found.append(route)
    return found


def params(route: str) -> list[tuple[str, str]]:
    """(converter, name) of each parameter of `route`."""
    return PARAM.findall(route)


def is_id(converter: str, name: str) -> bool:
    """A parameter that names an object by its number."""
    return converter in ("int", "path", "") and name.endswith(("id", "pk"))


def fill(route: str, values: dict[str, object]) -> str:
    """The URL of `route` with each parameter replaced by `values[name]`."""
    url = route
    for _converter, name in params(route):
        url = PARAM.sub(str(values[name]), url, count=1)
    return "/" + url


def urls(route: str, objecten: dict[str, set[int]]) -> list[str]:
    """Every URL of `route` with its id parameters filled from `objecten` (by name, or
    everything under "*") and other parameters with a token that matches nothing."""
    keuzes = []
    for converter, naam in params(route):
        if is_id(converter, naam):
            keuzes.append(sorted(objecten.get(naam, objecten["*"])))
        else:
            keuzes.append(["onbekend-token"])
    made = []
    for waarden in itertools.product(*keuzes):
        url = route
        for waarde in waarden:
            url = PARAM.sub(str(waarde), url, count=1)
        made.append("/" + url)
    return made
