"""A small HTTP client for the ZGW APIs: JWT authentication as the standard describes it,
JSON in and out, and errors that carry no personal data.

The `requests.Session` is injectable, so tests mount a test double as a transport adapter.
"""

import time
from typing import Any
from urllib.parse import urlsplit

import jwt
import requests

from toegang.core.bsn import tekst_decrypt

from .models import ZgwConfig

TIMEOUT = (5, 30)  # connect, read (seconds)
CRS = "EPSG:4326"
USER_ID = "toegang"
USER_REPRESENTATION = "Toegang (automatische registratie)"


class ZgwFout(Exception):
    """A call failed (network, time-out, an error status); worth trying again later."""


class ConfiguratieFout(ZgwFout):
    """The configuration or the catalogue does not fit; trying again will not help until the
    functioneel beheerder changes it."""


def secret_of(config: ZgwConfig) -> str:
    return tekst_decrypt(config.secret_versleuteld) if config.secret_versleuteld else ""


def jwt_token(*, client_id: str, secret: str, now: float | None = None) -> str:
    """The bearer token the ZGW APIs expect: HS256, signed with the shared secret, the client
    ID as issuer, and the user for the audit trail."""
    payload = {
        "iss": client_id,
        "iat": int(now if now is not None else time.time()),
        "client_id": client_id,
        "client_identifier": client_id,  # the older name, still read by some providers
        "user_id": USER_ID,
        "user_representation": USER_REPRESENTATION,
    }
    return jwt.encode(payload, secret, algorithm="HS256")


def _zonder_query(url: str) -> str:
    """The path of a URL without its query string (which could name a person)."""
    return urlsplit(url).path


def _foutmelding(response: requests.Response, methode: str) -> str:
    """Status, error code and the names of invalid fields: never the values sent back."""
    tekst = f"{methode} {_zonder_query(response.url)}: HTTP {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        return tekst
    if isinstance(body, dict):
        if body.get("code"):
            tekst += f" {body['code']}"
        velden = [f"{p.get('name')} ({p.get('code')})" for p in body.get("invalidParams") or []
                  if isinstance(p, dict)]
        if velden:
            tekst += "; " + ", ".join(velden)
    return tekst


class ZgwClient:
    """Calls to the four APIs of one configuration."""

    def __init__(self, config: ZgwConfig, session: requests.Session | None = None) -> None:
        self.config = config
        self.session = session or requests.Session()
        self._secret = secret_of(config)

    def _headers(self, url: str) -> dict[str, str]:
        headers = {
            "Authorization": "Bearer " + jwt_token(client_id=self.config.client_id,
                                                   secret=self._secret),
            "Accept": "application/json",
        }
        if url.startswith(self.config.zaken_api.rstrip("/") + "/"):
            headers["Accept-Crs"] = CRS
            headers["Content-Crs"] = CRS
        return headers

    def url(self, api: str, pad: str) -> str:
        root = {"zaken": self.config.zaken_api, "catalogi": self.config.catalogi_api,
                "besluiten": self.config.besluiten_api,
                "documenten": self.config.documenten_api}[api]
        if not root:
            raise ConfiguratieFout(f"De URL van de {api} API is niet ingevuld.")
        return root.rstrip("/") + "/" + pad.lstrip("/")

    def request(self, methode: str, url: str, *, params: dict[str, str] | None = None,
                json: dict[str, Any] | None = None) -> Any:
        try:
            response = self.session.request(methode, url, params=params, json=json,
                                            headers=self._headers(url), timeout=TIMEOUT)
        except requests.Timeout as exc:
            raise ZgwFout(f"{methode} {_zonder_query(url)}: time-out") from exc
        except requests.RequestException as exc:
            raise ZgwFout(f"{methode} {_zonder_query(url)}: {type(exc).__name__}") from exc
        if response.status_code >= 400:
            raise ZgwFout(_foutmelding(response, methode))
        return response.json() if response.content else None

    def get(self, api: str, pad: str, **params: str) -> Any:
        return self.request("GET", self.url(api, pad), params=params)

    def post(self, api: str, pad: str, body: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = self.request("POST", self.url(api, pad), json=body)
        return result

    def patch(self, url: str, body: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = self.request("PATCH", url, json=body)
        return result

    def lijst(self, api: str, pad: str, **params: str) -> list[dict[str, Any]]:
        """Every result of a list call, following `next` (a paginated list) or as given (the
        few calls that answer with a plain array)."""
        antwoord = self.get(api, pad, **params)
        if isinstance(antwoord, list):
            return antwoord
        resultaten: list[dict[str, Any]] = list(antwoord.get("results") or [])
        volgende = antwoord.get("next")
        while volgende:
            antwoord = self.request("GET", volgende)
            resultaten.extend(antwoord.get("results") or [])
            volgende = antwoord.get("next")
        return resultaten
