"""Log lines that carry the request id: a filter that adds it, and the JSON format of
production (python-json-logger, decision 33).

`RequestIdMiddleware` (middleware.py) puts the id of the request in hand into a context
variable until the response is closed; `RequestIdFilter` copies it onto every record written
meanwhile, from any logger, so one request's lines can be found together. Outside a request
the field is "-".
"""

import logging
from contextvars import ContextVar
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


def request_id_clear(**kwargs: Any) -> None:
    """After the response (Django's request_finished): lines written between requests carry
    no id."""
    request_id_var.set("-")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonLogFormatter(JsonFormatter):
    """One JSON object per line: time, level, logger, message, request_id, and the fields a
    caller passed as `extra` (the security log's `beveiliging`).

    Django passes the request object itself as `extra` on `django.request` and `django.server`
    lines; its text is the full path with the query string, which may hold a name typed in a
    search box, so it is left out. The path is in the message already.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "server_time"])
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level",
                                            "name": "logger"})
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                         *args, **kwargs)
