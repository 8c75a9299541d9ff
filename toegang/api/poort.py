"""The API's gate: who is calling (a key), what it may do (scopes), how often (per client).

The key travels as `Authorization: Api-Key <key>`. A client acts as its account: views ask
the same permission functions as the pages, with that account, so a scope never opens more
than the account's own gate.
"""

from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from toegang.core import ratelimit

from .models import ApiClient
from .services import client_from_key

SCHEME = "Api-Key"


class ApiSleutelAuthenticatie(BaseAuthentication):
    """`Authorization: Api-Key <prefix>.<secret>` → (the client's account, the client)."""

    def authenticate(self, request: Request) -> tuple[Any, ApiClient] | None:
        delen = get_authorization_header(request).split()
        if not delen or delen[0].decode("latin-1").lower() != SCHEME.lower():
            return None
        if len(delen) != 2:
            raise exceptions.AuthenticationFailed("Geef één sleutel na 'Api-Key'.")
        try:
            sleutel = delen[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("De sleutel is niet geldig.") from exc
        client = client_from_key(sleutel)
        if client is None:
            raise exceptions.AuthenticationFailed("De sleutel is niet geldig of ingetrokken.")
        nu = timezone.now()
        vorige = client.laatst_gebruikt_op
        if vorige is None or (nu - vorige).total_seconds() > 60:
            ApiClient.objects.filter(pk=client.pk).update(laatst_gebruikt_op=nu)
        # The access log names the client as the actor (`toegangslog_write` reads this).
        request._request.toegang_api_client = client
        return client.account, client

    def authenticate_header(self, request: Request) -> str:
        return SCHEME


class ApiSleutelSchema(OpenApiAuthenticationExtension):
    target_class = "toegang.api.poort.ApiSleutelAuthenticatie"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "`Api-Key <sleutel>`: de sleutel die de functioneel beheerder "
                               "voor uw organisatie maakte."}


def client_of(request: Request) -> ApiClient:
    client = request.auth
    assert isinstance(client, ApiClient)
    return client


class HeeftScope(BasePermission):
    """The view's `scope` must be among the client's scopes. A client without it gets 403
    for the whole resource (it knows its own scopes); objects it may not see are 404."""

    message = "Deze client heeft geen recht op deze gegevens."

    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient) or not client.actief:
            return False
        return view.scope is None or client.mag(view.scope)


class PerClient(SimpleRateThrottle):
    """Fixed window per client and minute, on the shared cache; the limit is the client's."""

    def allow_request(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        self.wacht = 60 - int(timezone.now().timestamp()) % 60
        return ratelimit.hit(scope="api", ident=str(client.pk), limit=client.per_minuut,
                             window=60)

    def wait(self) -> float | None:
        return float(getattr(self, "wacht", 60))

    def get_rate(self) -> str:  # the rate is the client's, not a setting
        return "1/min"
