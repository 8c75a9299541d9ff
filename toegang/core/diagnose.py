"""Parts of the Diagnose page that apps contribute without Diagnose importing them.

An app with an outbox of its own registers a function on `diagnose_onderdelen` in its
`AppConfig.ready()` (or its handlers module); the function returns an `Onderdeel` (a template
and its context: counts and states, never case content) or None to show nothing. Diagnose
shows them in registration order; the template gets `stand=context["stand"]`.
"""

from dataclasses import dataclass, field
from typing import Any

from .hooks import Hook


@dataclass(frozen=True)
class Onderdeel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


diagnose_onderdelen: Hook[[], Onderdeel | None] = Hook(
    "diagnose_onderdelen", "Extra sections of the Diagnose page, in registration order.")


def onderdelen() -> list[Onderdeel]:
    """The sections to show now."""
    return [o for o in diagnose_onderdelen() if o is not None]
