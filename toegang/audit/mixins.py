"""The view side of the access log: every object view logs what it showed, once."""

from typing import Any

from django.http import HttpRequest

from toegang.accounts.models import User

from .services import toegangslog_write


class AccessLogMixin:
    """For views that show personal data. Call `log_access` once the gate has let the user in;
    the request id and address come from the request."""

    request: HttpRequest

    def log_access(self, *, actie: str, grond: str, object_type: str, object_id: int | None,
                   intake_id: int | None = None, casus_id: int | None = None,
                   inwoner_id: int | None = None, doel: str = "") -> None:
        user = self.request.user
        assert isinstance(user, User)
        toegangslog_write(user=user, actie=actie, grond=grond, object_type=object_type,
                          object_id=object_id, intake_id=intake_id, casus_id=casus_id,
                          inwoner_id=inwoner_id, doel=doel, request=self.request)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs)  # type: ignore[misc]
