"""Fixtures for the cross-cutting tests: the small municipality of the casework tests."""

from tests.casussen.conftest import Stad, stad  # noqa: F401  (fixture)
