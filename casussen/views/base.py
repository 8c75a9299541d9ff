"""Shared view base for one casus: the gate first, then one access-log row."""

from typing import Any

from django.http import HttpResponseBase
from django.views import View

from toegang.accounts.models import AuthenticatedRequest
from toegang.audit.mixins import AccessLogMixin
from toegang.audit.models import grond_label

from ..models import Casus
from ..permissions import CasusActie, casus_access


class CasusObjectView(AccessLogMixin, View):
    """Base for a view on one casus: 404 for missing or not allowed (`action` decides)."""

    action = CasusActie.VIEW
    request: AuthenticatedRequest
    casus: Casus

    def dispatch(self, request: AuthenticatedRequest, *args: Any,  # type: ignore[override]
                 **kwargs: Any) -> HttpResponseBase:
        self.casus = casus_access(user=request.user, casus_id=kwargs["pk"], action=self.action)
        return super().dispatch(request, *args, **kwargs)

    @property
    def grond(self) -> str:
        return str(self.casus.grond)  # type: ignore[attr-defined]

    def log(self, actie: str, *, object_type: str = "casus", object_id: int | None = None
            ) -> None:
        self.log_access(actie=actie, grond=self.grond, object_type=object_type,
                        object_id=object_id or self.casus.pk, intake_id=self.casus.intake_id,
                        casus_id=self.casus.pk, inwoner_id=self.casus.intake.inwoner_id,
                        doel=grond_label(self.grond))
