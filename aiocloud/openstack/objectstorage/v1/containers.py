"""Object storage containers: list, create, get, update, delete.

```python
await containers.create(swift, "logs", containers.CreateOpts(read_acl=".r:*,.rlistings"))
async for name in containers.list(swift):                  # names
    ...
async for c in containers.list(swift, containers.ListOpts(full=True, prefix="log")):
    print(c.name, c.count, c.bytes)
info = await containers.get(swift, "logs")                 # counters, ACLs, metadata
await containers.update(swift, "logs", containers.UpdateOpts(metadata={"team": "ops"}))
await containers.delete(swift, "logs")   # raises ContainerNotEmpty while it holds objects
```

Listings page with ``?marker=<last name>``; pass ``limit`` (at most the
cluster's ``container_listing_limit``, 10000 by default) to spare the last,
empty request.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

import attrs

from .... import errors
from ....models import Model, json_key, structure_list
from ....pagination import Pager
from ....params import check_header, check_types
from ....service import ServiceClient
from ._base import (
    METADATA_KEY,
    ListingOpts,
    PseudoDirectory,
    account_url,
    container_url,
    entries_and_directories,
    header_model,
    listing_names,
    listing_pager,
    listing_time,
    metadata_headers,
    optional_bool,
    optional_float,
    optional_http_date,
    optional_int,
    to_int,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._base import ListingFilters

__all__ = [
    "Container",
    "ContainerInfo",
    "ContainerNotEmpty",
    "CreateOpts",
    "ListOpts",
    "UpdateOpts",
    "create",
    "delete",
    "get",
    "list",
    "update",
]


@attrs.frozen
class Container(Model):
    """One container of an account listing.

    ``last_modified`` is parsed from ``raw`` when read (long listings stay
    cheap); equality compares the other attributes.
    """

    name: str
    count: int = 0
    bytes: int = 0

    @property
    def last_modified(self) -> datetime | None:
        """When it last changed (UTC); None when the cluster does not say."""
        return listing_time(self.raw.get("last_modified"))


@attrs.frozen
class ContainerInfo(Model):
    """A container's headers: counters, ACLs, policy, versioning, sync, metadata.

    The sync key and temp URL keys are secrets: kept out of repr.
    """

    object_count: int = json_key("x-container-object-count", default=0, converter=to_int)
    bytes_used: int = json_key("x-container-bytes-used", default=0, converter=to_int)
    read_acl: str | None = json_key("x-container-read", default=None)
    write_acl: str | None = json_key("x-container-write", default=None)
    storage_policy: str | None = json_key("x-storage-policy", default=None)
    versions_location: str | None = json_key("x-versions-location", default=None)
    history_location: str | None = json_key("x-history-location", default=None)
    versions_enabled: bool = json_key("x-versions-enabled", default=False, converter=optional_bool)
    sync_to: str | None = json_key("x-container-sync-to", default=None)
    sync_key: str | None = json_key("x-container-sync-key", default=None, repr=False)
    quota_bytes: int | None = json_key(
        "x-container-meta-quota-bytes", default=None, converter=optional_int
    )
    quota_count: int | None = json_key(
        "x-container-meta-quota-count", default=None, converter=optional_int
    )
    metadata: dict[str, str] = json_key(METADATA_KEY, factory=dict)
    temp_url_key: str | None = json_key("x-container-meta-temp-url-key", default=None, repr=False)
    temp_url_key_2: str | None = json_key(
        "x-container-meta-temp-url-key-2", default=None, repr=False
    )
    last_modified: datetime | None = json_key(
        "last-modified", default=None, converter=optional_http_date
    )
    timestamp: float | None = json_key("x-timestamp", default=None, converter=optional_float)
    trans_id: str | None = json_key("x-trans-id", default=None)


class ContainerNotEmpty(errors.Conflict):
    """A container that still holds objects cannot be deleted (409)."""

    def __init__(self, container: str, cause: errors.HTTPError) -> None:
        super().__init__(
            method=cause.method,
            url=cause.url,
            status_code=cause.status_code,
            body=cause.body,
            headers=cause.headers,
            expected=cause.expected,
        )
        self.container = container
        self.message = (
            f"container {container!r} is not empty: delete its objects first "
            "(objects.bulk_delete), then the container"
        )
        self.args = (self._describe(),)


_Item = TypeVar("_Item", covariant=True)


class ListOpts(ListingOpts, Generic[_Item]):
    """Filters and paging of `list()`; ``full=False`` lists names only.

    For mypy, ``ListOpts[Item]`` lists ``Item``.
    """

    __slots__ = ()

    if TYPE_CHECKING:

        @overload
        def __new__(
            cls,
            *,
            full: Literal[False] = False,
            delimiter: str | None = None,
            **filters: Unpack[ListingFilters],
        ) -> ListOpts[str]: ...
        @overload
        def __new__(
            cls, *, full: Literal[True], delimiter: None = None, **filters: Unpack[ListingFilters]
        ) -> ListOpts[Container]: ...
        @overload
        def __new__(
            cls, *, full: Literal[True], delimiter: str, **filters: Unpack[ListingFilters]
        ) -> ListOpts[Container | PseudoDirectory]: ...
        @overload
        def __new__(
            cls, *, full: bool, delimiter: str | None = None, **filters: Unpack[ListingFilters]
        ) -> ListOpts[Container | PseudoDirectory | str]: ...
        def __new__(cls, **options: Any) -> ListOpts[Any]: ...


@attrs.frozen
class CreateOpts:
    """A new container's settings.

    ACLs: ``read_acl=".r:*,.rlistings"`` makes it public; ``write_acl="AUTH_x"``.
    Versioning: ``versions_enabled`` (object versioning) or the older
    ``versions_location``/``history_location`` (another container's name).
    """

    metadata: dict[str, str] | None = None
    read_acl: str | None = None
    write_acl: str | None = None
    storage_policy: str | None = None
    versions_location: str | None = None
    history_location: str | None = None
    versions_enabled: bool | None = None
    sync_to: str | None = None
    sync_key: str | None = attrs.field(default=None, repr=False)
    temp_url_key: str | None = attrs.field(default=None, repr=False)
    temp_url_key_2: str | None = attrs.field(default=None, repr=False)

    def to_headers(self) -> dict[str, str]:
        check_types(self)
        headers = metadata_headers("Container", self.metadata)
        headers.update(_settings(self))
        if self.storage_policy is not None:
            headers["X-Storage-Policy"] = check_header(
                "X-Storage-Policy", self.storage_policy, "storage_policy"
            )
        return headers


@attrs.frozen
class UpdateOpts:
    """Changes to a container; ``remove_*`` drop a setting, None leaves it alone."""

    metadata: dict[str, str] | None = None
    remove_metadata: builtins.list[str] | None = None
    read_acl: str | None = None
    write_acl: str | None = None
    versions_location: str | None = None
    history_location: str | None = None
    versions_enabled: bool | None = None
    sync_to: str | None = None
    sync_key: str | None = attrs.field(default=None, repr=False)
    temp_url_key: str | None = attrs.field(default=None, repr=False)
    temp_url_key_2: str | None = attrs.field(default=None, repr=False)
    remove_read_acl: bool = False
    remove_write_acl: bool = False
    remove_versions_location: bool = False
    remove_history_location: bool = False

    def to_headers(self) -> dict[str, str]:
        check_types(self)
        headers = metadata_headers("Container", self.metadata, self.remove_metadata)
        headers.update(_settings(self))
        for flag, header in (
            (self.remove_read_acl, "X-Remove-Container-Read"),
            (self.remove_write_acl, "X-Remove-Container-Write"),
            (self.remove_versions_location, "X-Remove-Versions-Location"),
            (self.remove_history_location, "X-Remove-History-Location"),
        ):
            if flag:
                headers[header] = "x"
        return headers


def _settings(opts: CreateOpts | UpdateOpts) -> dict[str, str]:
    headers: dict[str, str] = {}
    for field, header in (
        ("read_acl", "X-Container-Read"),
        ("write_acl", "X-Container-Write"),
        ("versions_location", "X-Versions-Location"),
        ("history_location", "X-History-Location"),
        ("sync_to", "X-Container-Sync-To"),
        ("sync_key", "X-Container-Sync-Key"),
        ("temp_url_key", "X-Container-Meta-Temp-URL-Key"),
        ("temp_url_key_2", "X-Container-Meta-Temp-URL-Key-2"),
    ):
        value = getattr(opts, field)
        if value is not None:
            headers[header] = check_header(header, value, field)
    if opts.versions_enabled is not None:
        headers["X-Versions-Enabled"] = "true" if opts.versions_enabled else "false"
    return headers


def _names(body: Any) -> builtins.list[str]:
    return listing_names(body, "container", subdirs=True)


def _containers(body: Any) -> builtins.list[Container]:
    return structure_list(body, Container)


def _containers_and_directories(body: Any) -> builtins.list[Container | PseudoDirectory]:
    return entries_and_directories(body, "container", Container)


@overload
def list(
    client: ServiceClient, opts: None = None, *, max_items: int | None = None
) -> Pager[str]: ...
@overload
def list(
    client: ServiceClient, opts: ListOpts[_Item], *, max_items: int | None = None
) -> Pager[_Item]: ...
def list(
    client: ServiceClient, opts: ListOpts[Any] | None = None, *, max_items: int | None = None
) -> Pager[Any]:
    """The account's containers: names, or `Container` with ``full=True``."""
    opts = opts or ListOpts()
    parse: Callable[[Any], builtins.list[Any]] = _names
    if opts.full:
        parse = _containers_and_directories if opts.delimiter else _containers
    return listing_pager(client, account_url(client), parse, opts, max_items)


async def create(client: ServiceClient, container: str, opts: CreateOpts | None = None) -> None:
    """Create a container (or update the settings of an existing one: ``PUT``)."""
    headers = opts.to_headers() if opts else None
    await client.request(
        "PUT", container_url(client, container), headers=headers, ok_codes=(201, 202)
    )


async def get(client: ServiceClient, container: str) -> ContainerInfo:
    """A container's counters, ACLs, policy and metadata (``HEAD``)."""
    response = await client.request("HEAD", container_url(client, container), ok_codes=(200, 204))
    return header_model(response, ContainerInfo, "x-container-meta-")


async def update(client: ServiceClient, container: str, opts: UpdateOpts) -> None:
    """Set or remove a container's metadata, ACLs and settings (``POST``)."""
    await client.request(
        "POST", container_url(client, container), headers=opts.to_headers(), ok_codes=(204,)
    )


async def delete(client: ServiceClient, container: str) -> None:
    """Delete an empty container; one with objects raises `ContainerNotEmpty`."""
    try:
        await client.request("DELETE", container_url(client, container), ok_codes=(204,))
    except errors.Conflict as exc:
        raise ContainerNotEmpty(container, exc) from exc
