"""Swift's own v1.0 authentication (tempauth, swauth) for Swift-only clusters.

provider, swift = await tempauth.authenticate(
    "http://127.0.0.1:8080/auth/v1.0", "test:tester", "testing"
)
async with provider:
    await containers.create(swift, "logs")

``GET /auth/v1.0`` with ``X-Auth-User``/``X-Auth-Key`` answers a token
(``X-Auth-Token``) and the account's storage URL (``X-Storage-Url``). The
provider renews the token by itself on a 401 and before it expires (with
``allow_reauth``, the default); :func:`aiocloud.openstack.new_object_storage_v1`
works on it too. The key never appears in repr, logs or errors.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from ....auth import Token
from ....endpoints import EndpointOpts, normalize_url
from ....errors import InvalidOptions, ResponseFormatError, ServiceNotFound
from ....params import check_header
from ....provider import ProviderClient
from ....service import ServiceClient

__all__ = ["authenticate"]


async def authenticate(
    auth_url: str,
    user: str,
    key: str,
    *,
    allow_reauth: bool = True,
    storage_url: str | None = None,
    **client_options: Any,
) -> tuple[ProviderClient, ServiceClient]:
    """Authenticate at ``auth_url``; returns the provider and the object storage client.

    ``user`` is ``account:user`` for tempauth. ``storage_url`` replaces the
    URL the server announces (for instance an internal one).
    ``client_options`` go to :class:`~aiocloud.ProviderClient`. Close the
    provider when done (``async with provider:``).
    """
    if not auth_url:
        raise InvalidOptions("auth_url", "is required")
    if not user:
        raise InvalidOptions("user", "is required")
    if not key:
        raise InvalidOptions("key", "is required")
    credentials = {
        "X-Auth-User": check_header("X-Auth-User", user, "user"),
        "X-Auth-Key": check_header("X-Auth-Key", key, "key"),
    }
    provider = ProviderClient(auth_url, **client_options)
    announced: list[str] = []

    async def fetch_token() -> Token:
        response = await provider.request(
            "GET",
            auth_url,
            headers=credentials,
            ok_codes=(200, 204),
            authenticated=False,
        )
        token = response.headers.get("x-auth-token") or response.headers.get("x-storage-token")
        url = response.headers.get("x-storage-url")
        if not token or not url:
            raise ResponseFormatError(
                f"GET {auth_url}: the answer has no X-Auth-Token or X-Storage-Url"
            )
        announced[:] = [url]
        return Token(id=token, expires_at=_expiry(response.headers.get("x-auth-token-expires")))

    try:
        provider.set_token(await fetch_token())
    except BaseException:
        await provider.aclose()
        raise
    provider.reauth_func = fetch_token if allow_reauth else None
    endpoint = normalize_url(storage_url or announced[0])

    async def locate(eo: EndpointOpts) -> str:
        if eo.type not in (None, "object-store"):
            raise ServiceNotFound(f"v1.0 auth gives only object storage, not {eo.type!r}")
        return endpoint

    provider.endpoint_locator = locate
    return provider, ServiceClient(provider, endpoint, type="object-store")


def _expiry(seconds: str | None) -> datetime | None:
    try:
        remaining = float(seconds) if seconds else None
    except ValueError:
        return None
    if remaining is None:
        return None
    return datetime.now(timezone.utc) + timedelta(seconds=remaining)
