"""Django's cache backends with django-prometheus' hit and miss counters.

django-prometheus ships such backends, but its one for Django's own Redis cache lives in a
module that needs django-redis, and its file-based one reads a cached 0 or "" as a miss. These
count the same metrics (`django_cache_get_total`, `…_hits_total`, `…_misses_total`, label
`backend`) and return exactly what Django's backends return.
"""

from typing import Any

from django.core.cache.backends import filebased, locmem, redis
from django_prometheus.cache.metrics import (
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)

_MISSING = object()


class _Counted:
    backend_label = ""

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        django_cache_get_total.labels(backend=self.backend_label).inc()
        value = super().get(key, _MISSING, version)  # type: ignore[misc]
        if value is _MISSING:
            django_cache_misses_total.labels(backend=self.backend_label).inc()
            return default
        django_cache_hits_total.labels(backend=self.backend_label).inc()
        return value


class RedisCache(_Counted, redis.RedisCache):
    backend_label = "redis"


class FileBasedCache(_Counted, filebased.FileBasedCache):
    backend_label = "filebased"


class LocMemCache(_Counted, locmem.LocMemCache):
    backend_label = "locmem"
