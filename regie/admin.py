"""Django's admin looks for `<app>.admin`; the clocks' admin lives with the clocks."""

from .termijnen import admin as termijnen_admin  # noqa: F401
