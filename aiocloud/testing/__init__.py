"""Test your own code against aiocloud without a cloud (needs ``aiocloud[test]``).

`MockCloud` is a respx router with a canned identity service (v3 or
v2.0) whose catalog points every service at ``https://cloud.test``; you add
the routes your code calls and get a real, authenticated ProviderClient:

```python
async def test_reboot():
    async with MockCloud() as cloud:
        route = cloud.router.post(cloud.url("compute", "servers/abc/action")).respond(202)
        compute = await openstack.new_compute_v2(cloud.provider)
        await servers.reboot(compute, "abc", servers.RebootOpts(type="SOFT"))
        assert json.loads(route.calls.last.request.content) == {"reboot": {"type": "SOFT"}}
```
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

import httpx
import respx

from ..auth import AuthOptions
from ..provider import ProviderClient
from ..retry import Retry

__all__ = [
    "FAKE_TOKEN",
    "IDENTITY_URL",
    "PROJECT_ID",
    "SERVICE_URLS",
    "MockCloud",
    "catalog_v2",
    "catalog_v3",
    "token_v2_body",
    "token_v3_body",
]

FAKE_TOKEN = "gAAAAAB-fake-token"
PROJECT_ID = "fc394f2ab2df4114bde39905f800dc57"
IDENTITY_URL = "https://cloud.test:5000/"
REGION = "RegionOne"

SERVICE_URLS: Mapping[str, tuple[str, str]] = {
    "identity": ("keystone", "https://cloud.test:5000/v3"),
    "compute": ("nova", "https://cloud.test:8774/v2.1"),
    "network": ("neutron", "https://cloud.test:9696"),
    "volume": ("cinder", f"https://cloud.test:8776/v1/{PROJECT_ID}"),
    "volumev2": ("cinderv2", f"https://cloud.test:8776/v2/{PROJECT_ID}"),
    "volumev3": ("cinderv3", f"https://cloud.test:8776/v3/{PROJECT_ID}"),
    "object-store": ("swift", f"https://cloud.test:8080/v1/AUTH_{PROJECT_ID}"),
    "image": ("glance", "https://cloud.test:9292"),
}
"""Catalog type -> (name, URL) of the services a `MockCloud` announces."""


def catalog_v3(
    services: Mapping[str, tuple[str, str]] = SERVICE_URLS, region: str = REGION
) -> list[dict[str, Any]]:
    """A v3 token catalog with public/internal/admin endpoints for ``services``."""
    return [
        {
            "id": f"{name}-id",
            "type": service_type,
            "name": name,
            "endpoints": [
                {
                    "id": f"{name}-{interface}",
                    "interface": interface,
                    "region": region,
                    "region_id": region,
                    "url": url,
                }
                for interface in ("public", "internal", "admin")
            ],
        }
        for service_type, (name, url) in services.items()
    ]


def catalog_v2(
    services: Mapping[str, tuple[str, str]] = SERVICE_URLS, region: str = REGION
) -> list[dict[str, Any]]:
    """A v2.0 ``serviceCatalog`` for ``services``."""
    return [
        {
            "type": service_type,
            "name": name,
            "endpoints": [
                {
                    "region": region,
                    "publicURL": url,
                    "internalURL": url,
                    "adminURL": url,
                    "id": f"{name}-id",
                }
            ],
        }
        for service_type, (name, url) in services.items()
    ]


def _expiry(seconds: float) -> str:
    when = datetime.now(timezone.utc) + timedelta(seconds=seconds)
    return when.strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def token_v3_body(expires_in: float = 3600, **extra: Any) -> dict[str, Any]:
    """A ``POST /v3/auth/tokens`` answer body, shaped like Keystone's."""
    return {
        "token": {
            "methods": ["password"],
            "expires_at": _expiry(expires_in),
            "issued_at": _expiry(0),
            "user": {
                "id": "ee4dfb6e5540447cb3741905149d9b6e",
                "name": "demo",
                "domain": {"id": "default", "name": "Default"},
                "password_expires_at": None,
            },
            "project": {
                "id": PROJECT_ID,
                "name": "demo",
                "domain": {"id": "default", "name": "Default"},
            },
            "roles": [{"id": "51cc68287d524c759f47c811e6463340", "name": "member"}],
            "catalog": catalog_v3(),
            "audit_ids": ["3T2dc1CGQxyJsHdDu1xkcw"],
            **extra,
        }
    }


def token_v2_body(expires_in: float = 3600) -> dict[str, Any]:
    """A ``POST /v2.0/tokens`` answer body, shaped like Keystone v2.0's."""
    return {
        "access": {
            "token": {
                "id": FAKE_TOKEN,
                "expires": _expiry(expires_in),
                "issued_at": _expiry(0),
                "tenant": {"id": PROJECT_ID, "name": "demo", "enabled": True},
            },
            "serviceCatalog": catalog_v2(),
            "user": {
                "id": "ee4dfb6e5540447cb3741905149d9b6e",
                "name": "demo",
                "roles": [{"name": "member"}],
            },
        }
    }


class MockCloud:
    """A respx-mocked cloud with identity ``version`` and an authenticated provider.

    ``router`` is the respx router (add your routes to it); ``provider`` is
    ready inside ``async with``; ``url(type, path)`` builds a URL under a
    catalog service; ``token_route`` counts authentications.
    """

    def __init__(
        self,
        version: Literal["v3", "v2.0"] = "v3",
        *,
        expires_in: float = 3600,
        allow_reauth: bool = True,
        **client_options: Any,
    ) -> None:
        self.version = version
        self.router = respx.MockRouter(assert_all_called=False, assert_all_mocked=True)
        self.identity_url = IDENTITY_URL + version + "/"
        if version == "v3":
            self.token_route = self.router.post(self.identity_url + "auth/tokens").mock(
                side_effect=lambda request: httpx.Response(
                    201, json=token_v3_body(expires_in), headers={"X-Subject-Token": FAKE_TOKEN}
                )
            )
        else:
            self.token_route = self.router.post(self.identity_url + "tokens").mock(
                side_effect=lambda request: httpx.Response(200, json=token_v2_body(expires_in))
            )
        self.auth_options = AuthOptions(
            identity_endpoint=self.identity_url,
            username="demo",
            password="demo-secret",
            domain_name="Default" if version == "v3" else None,
            tenant_name="demo",
            allow_reauth=allow_reauth,
        )
        client_options.setdefault("retry", Retry(backoff_factor=0, backoff_jitter=0))
        self._client_options = client_options
        self._provider: ProviderClient | None = None

    @property
    def transport(self) -> httpx.MockTransport:
        """An httpx transport that answers from `router`."""
        return httpx.MockTransport(self.router.async_handler)

    @property
    def provider(self) -> ProviderClient:
        if self._provider is None:
            raise RuntimeError("use MockCloud inside 'async with'")
        return self._provider

    def url(self, service_type: str, path: str = "") -> str:
        """The URL of ``path`` under the catalog URL of ``service_type``."""
        return SERVICE_URLS[service_type][1] + "/" + path.lstrip("/")

    async def __aenter__(self) -> MockCloud:
        from .. import openstack

        provider = openstack.new_client(
            self.identity_url, transport=self.transport, **self._client_options
        )
        await openstack.authenticate(provider, self.auth_options)
        self._provider = provider
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._provider is not None:
            await self._provider.aclose()
