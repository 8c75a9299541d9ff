"""A small fixed-window rate limit on the shared cache (Redis in production)."""

import hashlib
import time

from django.core.cache import cache


def hit(*, scope: str, ident: str, limit: int, window: int) -> bool:
    """Count one attempt; True while at most `limit` attempts happened in this window."""
    bucket = int(time.time() // window)
    digest = hashlib.sha256(ident.lower().encode()).hexdigest()[:32]
    key = f"rl:{scope}:{digest}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit
