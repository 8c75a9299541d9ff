"""When a session started and was last used, stamped at login (see middleware.py)."""

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

SESSIE_START = "toegang_sessie_start"
SESSIE_LAATST = "toegang_sessie_laatst"


@receiver(user_logged_in, dispatch_uid="toegang_sessie_stempel")
def sessie_stempel(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSIE_START] = now
        request.session[SESSIE_LAATST] = now
