"""Rackspace CDN containers: publish a storage container on the CDN; its URIs, TTL and logs.

```python
cdn = await rackspace.new_object_cdn_v1(provider)
site = await cdncontainers.enable(cdn, "site", cdncontainers.EnableOpts(ttl=86400))
print(site.cdn_uri, site.cdn_ssl_uri)           # http://<hash>.r49.cf0.rackcdn.com, https://...
async for c in cdncontainers.list(cdn):          # the CDN-enabled containers, by name
    print(c.name, c.ttl, c.cdn_uri)
await cdncontainers.update(cdn, "site", cdncontainers.UpdateOpts(log_retention=True))
await cdncontainers.disable(cdn, "site")
```

Every call goes to the CDN management endpoint (catalog type ``rax:object-cdn``,
``https://cdn.clouddrive.com/v1/MossoCloudFS_...``), whose paths are those of
storage: a client of another type is refused before any request. The container
must exist in storage first. Objects of an enabled container are public at
``cdn_uri + "/" + name`` and stay in the CDN caches for the TTL (`MIN_TTL` to
`MAX_TTL` seconds; `DEFAULT_TTL` when none is set): disabling a container
does not empty the caches (`cdnobjects.purge()` does, one object at a time).
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

import attrs
import httpx

from ...._resource import require_one_of
from ....errors import InvalidOptions, ResponseFormatError
from ....models import Model, structure
from ....openstack.objectstorage.v1._base import (
    account_url,
    container_url,
    listing_entries,
    listing_pager,
    optional_bool,
    optional_int,
)
from ....pagination import Pager
from ....params import check_types, query, query_metadata
from ....service import ServiceClient

__all__ = [
    "CDN_SERVICE_TYPE",
    "DEFAULT_TTL",
    "MAX_TTL",
    "MIN_TTL",
    "CDNContainer",
    "EnableOpts",
    "ListOpts",
    "UpdateOpts",
    "check_cdn_client",
    "disable",
    "enable",
    "get",
    "list",
    "update",
]

CDN_SERVICE_TYPE = "rax:object-cdn"
"""The catalog type of the CDN management endpoint."""
MIN_TTL = 900
"""The shortest TTL Rackspace's CDN takes: 15 minutes."""
MAX_TTL = 31_536_000
"""The longest TTL Rackspace's CDN takes: one year."""
DEFAULT_TTL = 259_200
"""The TTL of a container enabled without one: 72 hours."""


@attrs.frozen
class CDNContainer(Model):
    """A container's CDN settings and URIs, from a listing entry or from the CDN headers.

    ``cdn_streaming_uri`` and ``cdn_ios_uri`` are None where the CDN no longer
    gives them (Rackspace stopped its streaming links in 2022).
    """

    name: str
    cdn_enabled: bool = attrs.field(default=False, converter=optional_bool)
    ttl: int | None = attrs.field(default=None, converter=optional_int)
    log_retention: bool = attrs.field(default=False, converter=optional_bool)
    cdn_uri: str | None = None
    cdn_ssl_uri: str | None = None
    cdn_streaming_uri: str | None = None
    cdn_ios_uri: str | None = None


_SETTINGS = (
    "cdn_enabled",
    "ttl",
    "log_retention",
    "cdn_uri",
    "cdn_ssl_uri",
    "cdn_streaming_uri",
    "cdn_ios_uri",
)


@attrs.frozen
class ListOpts:
    """Filters and paging of `list()`; ``enabled_only=False`` adds containers once enabled."""

    enabled_only: bool = attrs.field(default=True, metadata=query_metadata())
    limit: int | None = query()
    marker: str | None = query()
    end_marker: str | None = query()


@attrs.frozen
class EnableOpts:
    """How a container is published: its objects' TTL in the CDN caches, and access logs.

    ``ttl`` (seconds, `MIN_TTL` to `MAX_TTL`) is `DEFAULT_TTL` when not sent;
    ``log_retention=True`` stores the CDN access logs in the account
    (container ``.CDN_ACCESS_LOGS``).
    """

    ttl: int | None = None
    log_retention: bool | None = None

    def to_headers(self) -> dict[str, str]:
        return _headers(self, cdn_enabled=True)


@attrs.frozen
class UpdateOpts:
    """Changes to a CDN container's settings; None leaves a setting as it is."""

    cdn_enabled: bool | None = None
    ttl: int | None = None
    log_retention: bool | None = None

    def to_headers(self) -> dict[str, str]:
        require_one_of(self, "cdn_enabled", "ttl", "log_retention")
        return _headers(self, self.cdn_enabled)


def _headers(opts: EnableOpts | UpdateOpts, cdn_enabled: bool | None) -> dict[str, str]:
    """``X-Cdn-Enabled``, ``X-Ttl`` and ``X-Log-Retention`` as Rackspace writes them."""
    check_types(opts)
    headers: dict[str, str] = {}
    if cdn_enabled is not None:
        headers["X-Cdn-Enabled"] = _flag(cdn_enabled)
    if opts.ttl is not None:
        if not MIN_TTL <= opts.ttl <= MAX_TTL:
            raise InvalidOptions(
                "ttl", f"must be {MIN_TTL} to {MAX_TTL} seconds (15 minutes to a year): {opts.ttl}"
            )
        headers["X-Ttl"] = str(opts.ttl)
    if opts.log_retention is not None:
        headers["X-Log-Retention"] = _flag(opts.log_retention)
    return headers


def _flag(value: bool) -> str:
    return "True" if value else "False"


def check_cdn_client(client: ServiceClient) -> None:
    """Refuse a client of another catalog type than `CDN_SERVICE_TYPE` (a storage one).

    The CDN's paths are storage's: a purge sent to storage would delete the object.
    """
    if client.type is not None and client.type != CDN_SERVICE_TYPE:
        raise InvalidOptions(
            "client",
            f"a CDN call needs the {CDN_SERVICE_TYPE} endpoint (rackspace.new_object_cdn_v1), "
            f"not a {client.type!r} one",
        )


def _container(name: Any, values: Mapping[str, Any], raw: dict[str, Any]) -> CDNContainer:
    """A `CDNContainer` from ``values`` (lowercased keys): each setting under its
    own name (a listing) or its header's (``x-cdn-uri``); ``raw`` is kept."""
    settings: dict[str, Any] = {"name": name}
    for field in _SETTINGS:
        header = "x-" + field.replace("_", "-")
        if field in values:
            settings[field] = values[field]
        elif header in values:
            settings[field] = values[header]
    model = structure(settings, CDNContainer)
    object.__setattr__(model, "raw", raw)
    return model


def _from_answer(
    name: str, response: httpx.Response, sent: Mapping[str, str] | None = None
) -> CDNContainer:
    """The settings in the answer's headers, and those ``sent`` where it gives none."""
    headers = dict(response.headers.items())
    sent_headers = {key.lower(): value for key, value in (sent or {}).items()}
    return _container(name, {**sent_headers, **headers}, headers)


def _containers(body: Any) -> builtins.list[CDNContainer]:
    items = []
    for entry in listing_entries(body, "CDN container"):
        if not isinstance(entry, dict):
            raise ResponseFormatError(f"a CDN container entry is not a JSON object: {entry!r:.100}")
        values = {str(key).lower(): value for key, value in entry.items()}
        items.append(_container(values.get("name"), values, entry))
    return items


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[CDNContainer]:
    """The CDN-enabled containers (``GET ?format=json&enabled_only=true``), by name."""
    check_cdn_client(client)
    return listing_pager(client, account_url(client), _containers, opts or ListOpts(), max_items)


async def enable(
    client: ServiceClient, container: str, opts: EnableOpts | None = None
) -> CDNContainer:
    """Publish ``container`` on the CDN (``PUT`` with ``X-Cdn-Enabled: True``); its CDN URIs.

    Enabling an enabled container again sets its TTL and log retention.
    """
    check_cdn_client(client)
    headers = (opts or EnableOpts()).to_headers()
    response = await client.request(
        "PUT", container_url(client, container), headers=headers, ok_codes=(201, 202, 204)
    )
    return _from_answer(container, response, headers)


async def get(client: ServiceClient, container: str) -> CDNContainer:
    """A container's CDN settings and URIs (``HEAD``); NotFound if it was never enabled."""
    check_cdn_client(client)
    response = await client.request("HEAD", container_url(client, container), ok_codes=(200, 204))
    return _from_answer(container, response)


async def update(client: ServiceClient, container: str, opts: UpdateOpts) -> CDNContainer:
    """Change a CDN container's settings (``POST``); the settings the answer and `opts` give."""
    check_cdn_client(client)
    headers = opts.to_headers()
    response = await client.request(
        "POST", container_url(client, container), headers=headers, ok_codes=(202, 204)
    )
    return _from_answer(container, response, headers)


async def disable(client: ServiceClient, container: str) -> CDNContainer:
    """Stop publishing ``container`` (``POST`` with ``X-Cdn-Enabled: False``).

    Copies already in the CDN caches are served until their TTL ends.
    """
    return await update(client, container, UpdateOpts(cdn_enabled=False))
