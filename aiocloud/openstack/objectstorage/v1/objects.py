"""Object storage objects: upload, list, metadata, copy, delete; downloads and more re-exported.

```python
await objects.create(swift, "logs", "a.txt", b"hello")                   # bytes
await objects.create(swift, "logs", "big.iso", pathlib.Path("big.iso"),  # a file, streamed
                     objects.CreateOpts(content_type="application/x-iso9660-image"))
await objects.create(swift, "logs", "feed", some_async_iterator_of_bytes)
async with objects.download(swift, "logs", "big.iso") as dl:
    async for chunk in dl.aiter_bytes():                  # ETag checked at the end
        ...
await objects.download_to(swift, "logs", "big.iso", "/tmp/big.iso")
async for item in objects.list(swift, "logs", objects.ListOpts(full=True, delimiter="/")):
    ...                                                   # Object or PseudoDirectory
info = await objects.get(swift, "logs", "a.txt")          # size, etag, metadata (HEAD)
await objects.copy(swift, "logs", "a.txt", "archive", "2024/a.txt")
result = await objects.bulk_delete(swift, "logs", names)
url = await objects.create_temp_url(swift, "logs", "a.txt", objects.TempURLOpts(ttl=3600))
```

Uploads and downloads stream: memory does not grow with the object's size.
Every upload's MD5 is computed while it is sent and compared with the ETag
Swift stores; a whole-object download is checked the same way; a difference
raises `ChecksumMismatch`. Bytes, paths and seekable
files are resent after a reauth or a dropped connection; an async iterator
is sent once. Downloads are in `download`, bulk delete in `bulk`
and temporary URLs in `tempurl`; their API is re-exported here, so this
module alone covers every object verb. Large objects (over 5 GiB) are in
`largeobjects`.
"""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload
from urllib.parse import quote

import attrs

from ....errors import InvalidOptions
from ....models import Model, json_key, structure_list
from ....pagination import Pager
from ....params import build_headers, build_query_params, check_types, header, query
from ....service import ServiceClient
from ._base import (
    ListingOpts,
    ObjectInfo,
    PseudoDirectory,
    check_container,
    check_object,
    container_url,
    entries_and_directories,
    header_model,
    listing_names,
    listing_pager,
    listing_time,
    metadata_headers,
    object_url,
    optional_http_date,
    unix_time,
    unquote_etag,
)
from ._body import Data, Progress, UploadBody, send
from .bulk import BULK_DELETE_CONCURRENCY as BULK_DELETE_CONCURRENCY
from .bulk import BULK_DELETE_PER_REQUEST as BULK_DELETE_PER_REQUEST
from .bulk import ONE_BY_ONE_CONCURRENCY as ONE_BY_ONE_CONCURRENCY
from .bulk import BulkDeleteFailure, BulkDeleteResult, bulk_delete
from .download import Download, DownloadOpts, download, download_to
from .tempurl import TempURLOpts, create_temp_url

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._base import ListingFilters

__all__ = [
    "BulkDeleteFailure",
    "BulkDeleteResult",
    "CopyOpts",
    "CreateOpts",
    "CreateResult",
    "Data",
    "Download",
    "DownloadOpts",
    "GetOpts",
    "ListOpts",
    "Object",
    "ObjectInfo",
    "PseudoDirectory",
    "TempURLOpts",
    "UpdateOpts",
    "bulk_delete",
    "copy",
    "create",
    "create_temp_url",
    "delete",
    "download",
    "download_to",
    "get",
    "list",
    "update",
]


# -- models ---------------------------------------------------------------------------


@attrs.frozen
class Object(Model):
    """One object of a container listing (``full=True``).

    Its JSON values are read when the page arrives; ``last_modified`` is
    parsed from ``raw`` each time it is read, so that listings that never
    read it never parse it. Equality compares the other attributes.
    """

    name: str
    bytes: int = 0
    hash: str | None = None
    content_type: str | None = None
    symlink_path: str | None = None

    @property
    def last_modified(self) -> datetime | None:
        """When it last changed (UTC)."""
        return listing_time(self.raw.get("last_modified"))


@attrs.frozen
class CreateResult(Model):
    """What an upload or copy stored: the ETag (MD5), when, and the bytes sent (not for copies)."""

    etag: str | None = json_key("etag", default=None, converter=unquote_etag)
    last_modified: datetime | None = json_key(
        "last-modified", default=None, converter=optional_http_date
    )
    size: int | None = json_key(":size", default=None)
    trans_id: str | None = json_key("x-trans-id", default=None)


# -- options --------------------------------------------------------------------------


_Item = TypeVar("_Item", covariant=True)


class ListOpts(ListingOpts, Generic[_Item]):
    """Filters and paging of `list()`; ``full=False`` lists names only.

    With a ``delimiter`` (``"/"``) the names below the next delimiter come
    back once, as a `PseudoDirectory` (``full=True``) or a name ending
    with the delimiter. For mypy, ``ListOpts[Item]`` lists ``Item``.
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
        ) -> ListOpts[Object]: ...
        @overload
        def __new__(
            cls, *, full: Literal[True], delimiter: str, **filters: Unpack[ListingFilters]
        ) -> ListOpts[Object | PseudoDirectory]: ...
        @overload
        def __new__(
            cls, *, full: bool, delimiter: str | None = None, **filters: Unpack[ListingFilters]
        ) -> ListOpts[Object | PseudoDirectory | str]: ...
        def __new__(cls, **options: Any) -> ListOpts[Any]: ...


@attrs.frozen
class CreateOpts:
    """How an object is stored.

    ``content_length`` is needed only for an async iterator of known size (it
    is found for bytes, paths and seekable files); a stream that ends sooner,
    or goes on longer, raises InvalidOptions and stores nothing. ``etag`` (the data's MD5)
    lets the server refuse corrupted bytes; it is computed and sent for bytes.
    ``delete_at`` (a moment) or ``delete_after`` (seconds) make the object
    expire. ``if_none_match="*"`` uploads only if no such object exists.
    ``verify=False`` computes no MD5: no ETag is sent (unless given) and the
    stored one is not compared with the bytes sent.
    """

    content_type: str | None = header("Content-Type")
    content_encoding: str | None = header("Content-Encoding")
    content_disposition: str | None = header("Content-Disposition")
    content_length: int | None = None
    etag: str | None = header("ETag")
    metadata: dict[str, str] | None = None
    delete_at: datetime | int | None = None
    delete_after: int | None = header("X-Delete-After")
    detect_content_type: bool | None = header("X-Detect-Content-Type")
    if_none_match: str | None = header("If-None-Match")
    object_manifest: str | None = header("X-Object-Manifest")
    verify: bool = True

    def to_headers(self) -> dict[str, str]:
        check_types(self)
        if self.content_length is not None and self.content_length < 0:
            raise InvalidOptions("content_length", "must be >= 0")
        return _stored_headers(self)


@attrs.frozen
class GetOpts:
    """Options of `get()`: ``newest`` asks every replica; ``multipart_manifest="get"``."""

    newest: bool | None = header("X-Newest")
    multipart_manifest: str | None = query("multipart-manifest")


@attrs.frozen
class UpdateOpts:
    """New metadata and settings (``POST``).

    Swift replaces ALL of an object's metadata with ``metadata``: keys left
    out are removed (read it with `get()` first to change one key).
    """

    metadata: dict[str, str] | None = None
    content_type: str | None = header("Content-Type")
    content_encoding: str | None = header("Content-Encoding")
    content_disposition: str | None = header("Content-Disposition")
    delete_at: datetime | int | None = None
    delete_after: int | None = header("X-Delete-After")
    remove_delete_at: bool | None = None
    detect_content_type: bool | None = header("X-Detect-Content-Type")

    def to_headers(self) -> dict[str, str]:
        headers = _stored_headers(self)
        if self.remove_delete_at:
            headers["X-Remove-Delete-At"] = "x"
        return headers


@attrs.frozen
class CopyOpts:
    """How a server-side copy is stored.

    The copy keeps the source's metadata, plus ``metadata``; with
    ``fresh_metadata=True`` it gets only ``metadata``. ``copy_manifest=True``
    copies an SLO's manifest instead of its assembled content;
    ``detect_content_type=True`` guesses the copy's type from its name.
    """

    metadata: dict[str, str] | None = None
    fresh_metadata: bool | None = header("X-Fresh-Metadata")
    content_type: str | None = header("Content-Type")
    content_encoding: str | None = header("Content-Encoding")
    content_disposition: str | None = header("Content-Disposition")
    delete_at: datetime | int | None = None
    delete_after: int | None = header("X-Delete-After")
    copy_manifest: bool = False
    detect_content_type: bool | None = header("X-Detect-Content-Type")

    def to_headers(self) -> dict[str, str]:
        return _stored_headers(self)


def _stored_headers(opts: CreateOpts | UpdateOpts | CopyOpts) -> dict[str, str]:
    """The headers of what Swift stores with an object: fields, metadata, expiry."""
    headers = build_headers(opts)
    headers.update(metadata_headers("Object", opts.metadata))
    if opts.delete_at is not None:
        headers["X-Delete-At"] = unix_time(opts.delete_at)
    return headers


# -- listing --------------------------------------------------------------------------


def _names(body: Any) -> builtins.list[str]:
    return listing_names(body, "object", subdirs=True)


def _objects(body: Any) -> builtins.list[Object]:
    return structure_list(body, Object)


def _objects_and_directories(body: Any) -> builtins.list[Object | PseudoDirectory]:
    return entries_and_directories(body, "object", Object)


@overload
def list(
    client: ServiceClient, container: str, opts: None = None, *, max_items: int | None = None
) -> Pager[str]: ...
@overload
def list(
    client: ServiceClient,
    container: str,
    opts: ListOpts[_Item],
    *,
    max_items: int | None = None,
) -> Pager[_Item]: ...
def list(
    client: ServiceClient,
    container: str,
    opts: ListOpts[Any] | None = None,
    *,
    max_items: int | None = None,
) -> Pager[Any]:
    """The container's objects: names, or `Object` (and `PseudoDirectory`).

    A missing container raises NotFound when the listing is iterated.
    """
    opts = opts or ListOpts()
    if not opts.full:
        parse: Any = _names
    elif opts.delimiter:
        parse = _objects_and_directories
    else:
        parse = _objects
    return listing_pager(client, container_url(client, container), parse, opts, max_items)


# -- upload ---------------------------------------------------------------------------


async def create(
    client: ServiceClient,
    container: str,
    name: str,
    data: Data,
    opts: CreateOpts | None = None,
    *,
    progress: Progress | None = None,
) -> CreateResult:
    """Upload ``data`` as ``container/name`` (``PUT``), streamed; returns the stored ETag.

    ``data``: bytes, a ``pathlib.Path``, a binary file (read from its current
    position) or an async iterable of bytes. ``progress`` is called with the
    number of bytes of each chunk sent. A stored ETag that differs from the
    MD5 of the bytes sent raises `ChecksumMismatch`.
    """
    opts = opts or CreateOpts()
    url = object_url(client, container, name)
    headers = opts.to_headers()
    body = await UploadBody.prepare(
        data, length=opts.content_length, progress=progress, checksum=opts.verify
    )
    response = await send(client, url, body, headers, verify=opts.verify)
    return header_model(response, CreateResult, "x-object-meta-", {":size": body.sent})


# -- metadata, copy, delete -----------------------------------------------------------


async def get(
    client: ServiceClient, container: str, name: str, opts: GetOpts | None = None
) -> ObjectInfo:
    """An object's size, ETag, content type, dates and metadata (``HEAD``)."""
    response = await client.request(
        "HEAD",
        object_url(client, container, name),
        params=build_query_params(opts) or None,
        headers=build_headers(opts) or None,
        ok_codes=(200, 204),
    )
    return header_model(response, ObjectInfo, "x-object-meta-")


async def update(client: ServiceClient, container: str, name: str, opts: UpdateOpts) -> None:
    """Replace an object's metadata and settings (``POST``; see `UpdateOpts`)."""
    await client.request(
        "POST",
        object_url(client, container, name),
        headers=opts.to_headers(),
        ok_codes=(202, 204),
    )


async def copy(
    client: ServiceClient,
    container: str,
    name: str,
    destination_container: str,
    destination_name: str | None = None,
    opts: CopyOpts | None = None,
) -> CreateResult:
    """Copy an object on the server (``PUT`` with ``X-Copy-From``); no bytes travel.

    ``destination_name`` defaults to ``name``.
    """
    opts = opts or CopyOpts()
    check_container(container)
    check_object(name)
    url = object_url(client, destination_container, destination_name or name)
    headers = opts.to_headers()
    headers["X-Copy-From"] = "/" + quote(container, safe="") + "/" + quote(name, safe="/")
    response = await client.request(
        "PUT",
        url,
        content=b"",
        headers=headers,
        params=[("multipart-manifest", "get")] if opts.copy_manifest else None,
        ok_codes=(201,),
    )
    return header_model(response, CreateResult, "x-object-meta-")


async def delete(client: ServiceClient, container: str, name: str) -> None:
    """Delete an object (a large object's segments stay: see `largeobjects.delete()`)."""
    await client.request("DELETE", object_url(client, container, name), ok_codes=(204,))
