"""Swift's own v1.0 authentication (tempauth, swauth) for Swift-only clusters.

```python
provider, swift = await tempauth.authenticate(
    "http://127.0.0.1:8080/auth/v1.0", "test:tester", "testing"
)
async with provider:
    await containers.create(swift, "logs")
```

``GET /auth/v1.0`` with ``X-Auth-User``/``X-Auth-Key`` answers a token
(``X-Auth-Token``) and the account's storage URL (``X-Storage-Url``). The
provider renews the token by itself on a 401 and before it expires (with
``allow_reauth``, the default); `aiocloud.openstack.new_object_storage_v1()`
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
    ``client_options`` go to `ProviderClient`. Close the
    provider when done (``async with provider:``).
    """
    authenticator = _TempAuth(auth_url, user, key, allow_reauth, storage_url)
    provider = ProviderClient(auth_url, authenticator=authenticator, **client_options)
    try:
        await provider.authenticate()
    except BaseException:
        await provider.aclose()
        raise
    endpoint = authenticator.locate(provider.token, EndpointOpts("object-store"))
    return provider, ServiceClient(provider, endpoint, type="object-store")


class _TempAuth:
    """Tokens from ``GET <auth_url>`` with ``X-Auth-User``/``X-Auth-Key``; one service."""

    def __init__(
        self, auth_url: str, user: str, key: str, allow_reauth: bool, storage_url: str | None
    ) -> None:
        if not auth_url:
            raise InvalidOptions("auth_url", "is required")
        if not user:
            raise InvalidOptions("user", "is required")
        if not key:
            raise InvalidOptions("key", "is required")
        self._credentials = {
            "X-Auth-User": check_header("X-Auth-User", user, "user"),
            "X-Auth-Key": check_header("X-Auth-Key", key, "key"),
        }
        self._storage_url = normalize_url(storage_url) if storage_url else None
        self.allow_reauth = allow_reauth
        self.identity_endpoint = auth_url
        self.identity_base: str | None = None

    def __repr__(self) -> str:
        return f"<tempauth {self.identity_endpoint!r}>"

    async def fetch_token(self, provider: ProviderClient) -> Token:
        """``GET`` the auth URL: the token, and the storage URL the server announces."""
        auth_url = self.identity_endpoint
        response = await provider.request(
            "GET", auth_url, headers=self._credentials, ok_codes=(200, 204), authenticated=False
        )
        token = response.headers.get("x-auth-token") or response.headers.get("x-storage-token")
        url = response.headers.get("x-storage-url")
        if not token or not url:
            raise ResponseFormatError(
                f"GET {auth_url}: the answer has no X-Auth-Token or X-Storage-Url"
            )
        if self._storage_url is None:
            self._storage_url = normalize_url(url)
        return Token(id=token, expires_at=_expiry(response.headers.get("x-auth-token-expires")))

    def locate(self, token: Token | None, opts: EndpointOpts) -> str:
        """The storage URL: v1.0 auth gives object storage only."""
        if opts.type not in (None, "object-store"):
            raise ServiceNotFound(f"v1.0 auth gives only object storage, not {opts.type!r}")
        if self._storage_url is None:
            raise ServiceNotFound("no storage URL before the first token")
        return self._storage_url


def _expiry(seconds: str | None) -> datetime | None:
    try:
        remaining = float(seconds) if seconds else None
    except ValueError:
        return None
    if remaining is None:
        return None
    return datetime.now(timezone.utc) + timedelta(seconds=remaining)
