"""API clients for the API tests: a client with a key, and `api` that calls with it."""

from collections.abc import Iterable
from typing import Any

import pytest
from rest_framework.test import APIClient

from toegang.api.models import ApiClient
from toegang.api.services import client_create


class Api:
    """Calls the API with one client's key (or none)."""

    def __init__(self, sleutel: str = "") -> None:
        self.http = APIClient()
        if sleutel:
            self.http.credentials(HTTP_AUTHORIZATION=f"Api-Key {sleutel}")

    def get(self, pad: str, **params: Any) -> Any:
        return self.http.get(f"/api/v1/{pad}", params)

    def post(self, pad: str, data: Any, **headers: str) -> Any:
        return self.http.post(f"/api/v1/{pad}", data, format="json", headers=headers)

    def delete(self, pad: str) -> Any:
        return self.http.delete(f"/api/v1/{pad}")


def api_client_make(*, account: Any, scopes: Iterable[str], naam: str = "Koppeling",
                    per_minuut: int = 1000) -> tuple[ApiClient, Api]:
    client, sleutel = client_create(naam=naam, organisatie="Organisatie", account=account,
                                    scopes=scopes, per_minuut=per_minuut)
    return client, Api(sleutel)


@pytest.fixture
def anoniem() -> Api:
    return Api()
