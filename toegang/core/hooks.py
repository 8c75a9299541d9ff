"""Named extension points: how a lower layer starts work in a higher one without importing it.

The code has one direction (see docs/architecture.md): the intake record knows no casework,
casework knows no dashboards. When something in a lower layer must have an effect above it
(an intake arrives, so a clock starts), the lower layer declares a `Hook` in its `hooks.py`
and calls it; the higher app registers its function in its `AppConfig.ready()`. Both sides
name the hook, so `grep -rn "<hook name>"` finds the caller and every listener.
"""

from collections.abc import Callable
from typing import Any, Generic, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class Hook(Generic[P, R]):
    """A list of functions with one signature, called in the order they were registered."""

    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.__doc__ = doc
        self._functions: list[Callable[P, R]] = []

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._functions)} registered>"

    def register(self, function: Callable[P, R]) -> Callable[P, R]:
        """Add `function` (once, however often `ready()` runs); usable as a decorator."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    @property
    def functions(self) -> tuple[Callable[P, R], ...]:
        return tuple(self._functions)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> list[R]:
        """Call every registered function with the same arguments; their results in order."""
        return [function(*args, **kwargs) for function in self._functions]


def merged(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The dicts returned by a context hook as one (a later one wins on the same key)."""
    context: dict[str, Any] = {}
    for part in results:
        context.update(part)
    return context
