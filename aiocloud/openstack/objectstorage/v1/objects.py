"""Object storage objects: upload, download, list, metadata, copy, delete, bulk delete, temp URLs.

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

Uploads and downloads stream: memory does not grow with the object's size.
Every upload's MD5 is computed while it is sent and compared with the ETag
Swift stores; a whole-object download is checked the same way; a difference
raises :class:`~aiocloud.errors.ChecksumMismatch`. Bytes, paths and seekable
files are resent after a reauth or a dropped connection; an async iterator
is sent once. Large objects (over 5 GiB) are in :mod:`largeobjects`.
"""

from __future__ import annotations

import builtins
import os
import re
import uuid
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from contextlib import asynccontextmanager, suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload
from urllib.parse import quote

import anyio
import anyio.to_thread
import attrs
import httpx

from .... import errors
from ....errors import ChecksumMismatch, ConnectionFailed, InvalidOptions, ResponseFormatError
from ....models import Model, converter, json_key, structure_list
from ....pagination import MarkerPage, Pager
from ....params import build_headers, build_query_params, check_header, check_types, header, query
from ....provider import translate_transport_errors
from ....service import ServiceClient
from . import accounts, containers, info, tempurl
from ._base import (
    METADATA_KEY,
    BulkDeleteFailure,
    BulkDeleteResult,
    ListingOpts,
    account_url,
    check_container,
    check_object,
    checked_names,
    container_url,
    header_model,
    http_date,
    listing_params,
    listing_time,
    metadata_headers,
    object_url,
    optional_bool,
    optional_float,
    optional_http_date,
    optional_unix_time,
    parse_bulk_report,
    run_bounded,
    to_int,
    unix_time,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._base import ListingFilters
from ._body import BackgroundSink, Data, Progress, UploadBody, send, unquote_etag

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
    parsed from ``raw`` when read, which keeps long listings cheap (a
    timestamp costs less to parse than a cached property's first access on a
    slotted class). Equality compares the other attributes.
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
class PseudoDirectory(Model):
    """A ``subdir`` entry of a listing with a delimiter: a common prefix (``photos/``)."""

    name: str = json_key("subdir")


@attrs.frozen
class ObjectInfo(Model):
    """An object's headers: size, ETag, type, dates, metadata, large-object markers.

    For a ranged download ``content_length`` is the length of the part sent.
    """

    content_length: int = json_key("content-length", default=0, converter=to_int)
    content_type: str | None = json_key("content-type", default=None)
    etag: str | None = json_key("etag", default=None, converter=unquote_etag)
    last_modified: datetime | None = json_key(
        "last-modified", default=None, converter=optional_http_date
    )
    metadata: dict[str, str] = json_key(METADATA_KEY, factory=dict)
    content_encoding: str | None = json_key("content-encoding", default=None)
    content_disposition: str | None = json_key("content-disposition", default=None)
    content_range: str | None = json_key("content-range", default=None)
    delete_at: datetime | None = json_key("x-delete-at", default=None, converter=optional_unix_time)
    static_large_object: bool = json_key(
        "x-static-large-object", default=False, converter=optional_bool
    )
    object_manifest: str | None = json_key("x-object-manifest", default=None)
    symlink_target: str | None = json_key("x-symlink-target", default=None)
    timestamp: float | None = json_key("x-timestamp", default=None, converter=optional_float)
    trans_id: str | None = json_key("x-trans-id", default=None)

    @property
    def is_large_object(self) -> bool:
        """An SLO or DLO manifest: its ETag is not the MD5 of its bytes."""
        return self.static_large_object or self.object_manifest is not None


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
    """Filters and paging of :func:`list`; ``full=False`` lists names only.

    With a ``delimiter`` (``"/"``) the names below the next delimiter come
    back once, as a :class:`PseudoDirectory` (``full=True``) or a name ending
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
        headers = build_headers(self)
        headers.update(metadata_headers("Object", self.metadata))
        if self.delete_at is not None:
            headers["X-Delete-At"] = unix_time(self.delete_at)
        return headers


@attrs.frozen
class DownloadOpts:
    """What to download and on which conditions.

    ``range`` is ``"bytes=0-99"`` (or ``(0, 99)``, ``(100, None)`` for "from
    100 on", ``(-500, None)`` for the last 500 bytes). ``if_none_match`` /
    ``if_modified_since`` may answer 304: :attr:`Download.not_modified`.
    ``if_match`` / ``if_unmodified_since`` raise PreconditionFailed on a
    mismatch. ``multipart_manifest="get"`` reads an SLO's manifest itself.
    ``verify=False`` skips the ETag check of whole-object downloads.
    """

    range: str | tuple[int, int | None] | None = None
    if_match: str | None = header("If-Match")
    if_none_match: str | None = header("If-None-Match")
    if_modified_since: datetime | None = None
    if_unmodified_since: datetime | None = None
    newest: bool | None = header("X-Newest")
    multipart_manifest: str | None = query("multipart-manifest")
    verify: bool = True

    def to_headers(self) -> dict[str, str]:
        headers = build_headers(self)
        if self.range is not None:
            headers["Range"] = _range_header(self.range)
        if self.if_modified_since is not None:
            headers["If-Modified-Since"] = http_date(self.if_modified_since)
        if self.if_unmodified_since is not None:
            headers["If-Unmodified-Since"] = http_date(self.if_unmodified_since)
        return headers


def _range_header(value: str | tuple[int, int | None]) -> str:
    if isinstance(value, str):
        if not value.startswith("bytes="):
            raise InvalidOptions("range", f"expected 'bytes=<start>-<end>', got {value!r}")
        return check_header("Range", value, "range")
    start, end = value
    if start < 0:
        if end is not None:
            raise InvalidOptions("range", "a suffix range (negative start) has no end")
        return f"bytes={start}"
    if end is not None and end < start:
        raise InvalidOptions("range", f"the end {end} is before the start {start}")
    return f"bytes={start}-{'' if end is None else end}"


@attrs.frozen
class GetOpts:
    """Options of :func:`get`: ``newest`` asks every replica; ``multipart_manifest="get"``."""

    newest: bool | None = header("X-Newest")
    multipart_manifest: str | None = query("multipart-manifest")


@attrs.frozen
class UpdateOpts:
    """New metadata and settings (``POST``).

    Swift replaces ALL of an object's metadata with ``metadata``: keys left
    out are removed (read it with :func:`get` first to change one key).
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
        headers = build_headers(self)
        headers.update(metadata_headers("Object", self.metadata))
        if self.delete_at is not None:
            headers["X-Delete-At"] = unix_time(self.delete_at)
        if self.remove_delete_at:
            headers["X-Remove-Delete-At"] = "x"
        return headers


@attrs.frozen
class CopyOpts:
    """How a server-side copy is stored.

    The copy keeps the source's metadata, plus ``metadata``; with
    ``fresh_metadata=True`` it gets only ``metadata``. ``copy_manifest=True``
    copies an SLO's manifest instead of its assembled content.
    """

    metadata: dict[str, str] | None = None
    fresh_metadata: bool | None = header("X-Fresh-Metadata")
    content_type: str | None = header("Content-Type")
    content_encoding: str | None = header("Content-Encoding")
    content_disposition: str | None = header("Content-Disposition")
    delete_at: datetime | int | None = None
    delete_after: int | None = header("X-Delete-After")
    copy_manifest: bool = False

    def to_headers(self) -> dict[str, str]:
        headers = build_headers(self)
        headers.update(metadata_headers("Object", self.metadata))
        if self.delete_at is not None:
            headers["X-Delete-At"] = unix_time(self.delete_at)
        return headers


@attrs.frozen
class TempURLOpts:
    """A temporary URL: ``ttl`` (seconds) or ``expires_at``, and what it allows.

    ``temp_url_key`` skips fetching the account's (then the container's) key.
    See :func:`tempurl.generate` for ``prefix``, ``ip_range``, ``filename``.
    """

    method: str = "GET"
    ttl: int | None = None
    expires_at: datetime | None = None
    digest: tempurl.Digest = "sha256"
    temp_url_key: str | None = attrs.field(default=None, repr=False)
    prefix: str | None = None
    ip_range: str | None = None
    filename: str | None = None
    inline: bool = False


# -- listing --------------------------------------------------------------------------


def _names(body: Any) -> builtins.list[str]:
    if not isinstance(body, builtins.list):
        raise ResponseFormatError(f"expected a JSON array of objects, got {type(body).__name__}")
    try:
        names = [item["name"] if "name" in item else item["subdir"] for item in body]
    except (KeyError, TypeError) as exc:
        raise ResponseFormatError(f"an object listing entry has no name: {exc!r}") from exc
    return checked_names(names, "object")


def _objects(body: Any) -> builtins.list[Object]:
    return structure_list(body, Object)


def _objects_and_directories(body: Any) -> builtins.list[Object | PseudoDirectory]:
    if not isinstance(body, builtins.list):
        raise ResponseFormatError(f"expected a JSON array of objects, got {type(body).__name__}")
    directory = converter.get_structure_hook(PseudoDirectory)
    obj = converter.get_structure_hook(Object)
    try:
        return [
            directory(item, PseudoDirectory) if "subdir" in item else obj(item, Object)
            for item in body
        ]
    except (KeyError, TypeError) as exc:
        raise ResponseFormatError(f"cannot read an object listing entry: {exc!r}") from exc


def _name_of(item: Any) -> str:
    return item if isinstance(item, str) else str(item.name)


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
    """The container's objects: names, or :class:`Object` (and :class:`PseudoDirectory`).

    A missing container raises NotFound when the listing is iterated.
    """
    opts = opts or ListOpts()
    if not opts.full:
        parse: Any = _names
    elif opts.delimiter:
        parse = _objects_and_directories
    else:
        parse = _objects
    return Pager(
        client,
        container_url(client, container),
        MarkerPage(parse, _name_of),
        params=listing_params(build_query_params(opts), max_items),
        max_items=max_items,
    )


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
    MD5 of the bytes sent raises :class:`~aiocloud.errors.ChecksumMismatch`.
    """
    opts = opts or CreateOpts()
    url = object_url(client, container, name)
    headers = opts.to_headers()
    body = await UploadBody.prepare(
        data, length=opts.content_length, progress=progress, checksum=opts.verify
    )
    response = await send(client, url, body, headers, verify=opts.verify)
    return header_model(response, CreateResult, "x-object-meta-", {":size": body.sent})


# -- download -------------------------------------------------------------------------


class Download:
    """An object being downloaded: :attr:`info` is read, the body streams.

    Read the body once, with :meth:`aiter_bytes`, :meth:`read` or
    :meth:`download_to`. A whole-object download (no range, not a large
    object) is checked against the ETag when it ends: a difference raises
    ChecksumMismatch; a body shorter than announced raises ConnectionFailed.
    """

    def __init__(self, response: httpx.Response, *, url: str, verify: bool) -> None:
        self.response = response
        self.url = url
        self.info = header_model(response, ObjectInfo, "x-object-meta-")
        checkable = (
            verify
            and response.status_code == 200
            and not self.info.is_large_object
            and "multipart-manifest" not in response.request.url.params
        )
        self._expected_md5 = self.info.etag.lower() if checkable and self.info.etag else None
        self._consumed = False

    def __repr__(self) -> str:
        return f"<Download {self.url} status={self.status_code}>"

    @property
    def status_code(self) -> int:
        """200 (whole), 206 (a range) or 304 (not modified)."""
        return self.response.status_code

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to If-None-Match / If-Modified-Since (no body)."""
        return self.response.status_code == 304

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers."""
        return self.response.headers

    async def aiter_bytes(self) -> AsyncIterator[bytes]:
        """The body, chunk by chunk as it arrives; checked when it ends."""
        sink = BackgroundSink() if self._expected_md5 else None
        try:
            async for chunk in self._chunks():
                if sink is not None:
                    await sink.feed(chunk)
                yield chunk
            if sink is not None:
                self._check_md5(await sink.finish())
                sink = None
        finally:
            if sink is not None:
                sink.abort()

    async def read(self) -> bytes:
        """The whole body in memory (for small objects)."""
        return b"".join([chunk async for chunk in self.aiter_bytes()])

    async def download_to(
        self, path: str | os.PathLike[str], *, progress: Progress | None = None
    ) -> int:
        """Write the body to ``path``; returns the bytes written.

        The data goes to a temporary file next to ``path``, renamed into place
        only once complete and checked: ``path`` never holds a partial object.
        A 304 answer leaves ``path`` alone. ``progress`` is called with the
        number of bytes of each chunk received.
        """
        if self.not_modified:
            return 0
        target = Path(path)
        temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.part")
        file: IO[bytes] = await anyio.to_thread.run_sync(open, temporary, "wb")
        sink = BackgroundSink(digest=bool(self._expected_md5), file=file)
        finished = False
        written = 0
        try:
            async for chunk in self._chunks():
                await sink.feed(chunk)
                written += len(chunk)
                if progress is not None:
                    progress(len(chunk))
            computed = await sink.finish()
            finished = True
            await anyio.to_thread.run_sync(file.close)
            if computed is not None:
                self._check_md5(computed)
            await anyio.to_thread.run_sync(os.replace, temporary, target)
        except BaseException:
            if not finished:
                sink.abort()
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(_discard_file, file, temporary)
            raise
        return written

    async def _chunks(self) -> AsyncIterator[bytes]:
        if self._consumed:
            raise RuntimeError(f"{self.url}: the body was already read")
        self._consumed = True
        if self.not_modified:
            return
        received = 0
        try:
            read = self.response.content  # an answer built already read (mock transports)
        except httpx.ResponseNotRead:
            with translate_transport_errors("GET", self.url):
                async for chunk in self.response.aiter_raw():
                    received += len(chunk)
                    yield chunk
        else:
            received = len(read)
            if read:
                yield read
        announced = self.response.headers.get("content-length")
        if announced is not None and announced.isdigit() and received != int(announced):
            raise ConnectionFailed(
                f"the body ended after {received} of {announced} bytes",
                method="GET",
                url=self.url,
            )

    def _check_md5(self, computed: str | None) -> None:
        if computed != self._expected_md5:
            raise ChecksumMismatch(
                f"GET {self.url}: the bytes received have MD5 {computed}, "
                f"the object's ETag is {self._expected_md5}",
                expected=self._expected_md5,
                actual=computed,
            )


def _discard_file(file: IO[bytes], path: Path) -> None:
    file.close()
    with suppress(FileNotFoundError):
        path.unlink()


@asynccontextmanager
async def download(
    client: ServiceClient, container: str, name: str, opts: DownloadOpts | None = None
) -> AsyncIterator[Download]:
    """Stream an object (``GET``): ``async with objects.download(...) as dl``.

    The connection is released when the block ends, read or not. A part (206)
    is accepted only for a ``range``, and must be the one asked for; "not
    modified" (304) only for ``if_none_match`` / ``if_modified_since``.
    """
    opts = opts or DownloadOpts()
    url = object_url(client, container, name)
    headers = opts.to_headers()
    ok_codes = [200]
    if "Range" in headers:
        ok_codes.append(206)
    if opts.if_none_match is not None or opts.if_modified_since is not None:
        ok_codes.append(304)
    async with client.stream(
        "GET",
        url,
        params=build_query_params(opts) or None,
        headers=headers,
        ok_codes=ok_codes,
    ) as response:
        if response.status_code == 206:
            _check_part(headers["Range"], response, url)
        yield Download(response, url=url, verify=opts.verify)


_ONE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


def _check_part(requested: str, response: httpx.Response, url: str) -> None:
    """A 206 answer must be the range asked for (several ranges come multipart: not checked)."""
    wanted = _ONE_RANGE.fullmatch(requested.strip())
    if wanted is None:
        return
    answered = response.headers.get("content-range")
    sent = _CONTENT_RANGE.fullmatch(answered.strip()) if answered else None
    if sent is not None:
        first, last = int(sent[1]), int(sent[2])
        size = None if sent[3] == "*" else int(sent[3])
        length = response.headers.get("content-length")
        consistent = length is None or length == str(last - first + 1)
        if consistent and (first, last) == _span(wanted[1], wanted[2], size, last):
            return
    raise ResponseFormatError(
        f"GET {url}: asked for {requested}, the server sent a part with Content-Range {answered!r}"
    )


def _span(start: str, end: str, size: int | None, last: int) -> tuple[int, int] | None:
    """The first and last byte ``bytes=<start>-<end>`` selects in ``size`` bytes."""
    final = last if size is None else size - 1  # an unknown size: the part's end is the limit
    if not start:
        return None if size is None or not end else (max(0, size - int(end)), final)
    return int(start), min(int(end), final) if end else final


async def download_to(
    client: ServiceClient,
    container: str,
    name: str,
    path: str | os.PathLike[str],
    opts: DownloadOpts | None = None,
) -> ObjectInfo:
    """Download an object into the file ``path`` (see :meth:`Download.download_to`)."""
    async with download(client, container, name, opts) as dl:
        await dl.download_to(path)
        return dl.info


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
    """Replace an object's metadata and settings (``POST``; see :class:`UpdateOpts`)."""
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
    """Delete an object (a large object's segments stay: see :func:`largeobjects.delete`)."""
    await client.request("DELETE", object_url(client, container, name), ok_codes=(204,))


# -- bulk delete ----------------------------------------------------------------------


BULK_DELETE_PER_REQUEST = 100
"""Names per ``?bulk-delete`` request by default (capped by the cluster's maximum)."""
BULK_DELETE_CONCURRENCY = 8
"""``?bulk-delete`` requests in flight by default."""
ONE_BY_ONE_CONCURRENCY = 16
"""DELETEs in flight by default when a cluster has no bulk middleware."""


async def bulk_delete(
    client: ServiceClient,
    container: str,
    names: Iterable[str] | AsyncIterable[str],
    *,
    per_request: int | None = None,
    concurrency: int | None = None,
) -> BulkDeleteResult:
    """Delete many objects of ``container``; every failure is in the result, by name.

    Uses Swift's bulk middleware (``POST ?bulk-delete``), in requests of at
    most ``per_request`` names (:data:`BULK_DELETE_PER_REQUEST`, or the
    cluster's ``max_deletes_per_request`` if lower), ``concurrency`` requests
    at a time (:data:`BULK_DELETE_CONCURRENCY`). ``names`` may be an async
    iterable (a listing): it is read one request's worth at a time. A name the
    middleware cannot read, and every name of a request it refuses whole, is
    deleted on its own. Without the middleware, objects are deleted one by
    one, ``concurrency`` (:data:`ONE_BY_ONE_CONCURRENCY`) at a time.
    """
    check_container(container)
    limits = await info.get(client)
    if limits.bulk_delete is None:
        return await _delete_one_by_one(
            client, container, names, concurrency or ONE_BY_ONE_CONCURRENCY
        )
    if per_request is None:
        per_request = min(BULK_DELETE_PER_REQUEST, limits.bulk_delete.max_deletes_per_request)
    if per_request <= 0:
        raise InvalidOptions("per_request", "must be > 0")
    max_line = _bulk_max_line(limits)
    results: builtins.list[BulkDeleteResult] = []

    async def request(chunk: builtins.list[str]) -> None:
        lines: builtins.list[bytes] = []
        alone: builtins.list[str] = []
        for name in chunk:
            line = _bulk_line(container, name)
            if len(line) <= max_line:
                lines.append(line)
            else:
                alone.append(name)
        if lines:
            try:
                results.append(await _bulk_delete_request(client, b"\n".join(lines)))
            except errors.BadRequest:
                alone = chunk
        if alone:
            results.append(await _delete_one_by_one(client, container, alone, len(alone)))

    await run_bounded(_chunked(names, per_request), request, concurrency or BULK_DELETE_CONCURRENCY)
    total = BulkDeleteResult()
    for result in results:
        total = total.merge(result)
    return total


def _bulk_line(container: str, name: str) -> bytes:
    """``/<container>/<name>`` as Swift's bulk middleware reads a line: it
    percent-decodes and strips each line, so only ``%``, whitespace and control
    characters are encoded (a UTF-8 name stays as long as it is)."""
    return f"/{_bulk_quote(container)}/{_bulk_quote(name)}".encode()


def _bulk_quote(text: str) -> str:
    if text.isprintable() and " " not in text and "%" not in text:
        return text
    return "".join(
        quote(char, safe="") if char == "%" or char.isspace() or not char.isprintable() else char
        for char in text
    )


def _bulk_max_line(limits: info.Info) -> int:
    """The longest line the bulk middleware reads (its ``max_path_length``)."""
    object_length = limits.swift.max_object_name_length or 1024
    container_length = limits.swift.max_container_name_length or 256
    return object_length + container_length + 2


async def _aiter(names: Iterable[str] | AsyncIterable[str]) -> AsyncIterator[str]:
    if isinstance(names, str):
        raise InvalidOptions("names", "expected several names, got one str")
    if isinstance(names, AsyncIterable):
        async for name in names:
            check_object(name, "names")
            yield name
    else:
        for name in names:
            check_object(name, "names")
            yield name


async def _chunked(
    names: Iterable[str] | AsyncIterable[str], size: int
) -> AsyncIterator[builtins.list[str]]:
    chunk: builtins.list[str] = []
    async for name in _aiter(names):
        chunk.append(name)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


async def _bulk_delete_request(client: ServiceClient, body: bytes) -> BulkDeleteResult:
    url = account_url(client)
    response = await client.request(
        "POST",
        url,
        params=[("bulk-delete", "")],
        content=body,
        headers={"Content-Type": "text/plain", "Accept": "application/json"},
        ok_codes=(200,),
    )
    return parse_bulk_report(response, "POST", url + "?bulk-delete")


async def _delete_one_by_one(
    client: ServiceClient,
    container: str,
    names: Iterable[str] | AsyncIterable[str],
    concurrency: int,
) -> BulkDeleteResult:
    deleted = not_found = 0
    failures: builtins.list[BulkDeleteFailure] = []

    async def remove(name: str) -> None:
        nonlocal deleted, not_found
        try:
            await delete(client, container, name)
            deleted += 1
        except errors.NotFound:
            not_found += 1
        except errors.HTTPError as exc:
            reason = httpx.codes.get_reason_phrase(exc.status_code)
            failures.append(
                BulkDeleteFailure(
                    container=container, name=name, status=f"{exc.status_code} {reason}"
                )
            )

    await run_bounded(_aiter(names), remove, concurrency)
    return BulkDeleteResult(deleted=deleted, not_found=not_found, failures=failures)


# -- temporary URLs -------------------------------------------------------------------


async def create_temp_url(
    client: ServiceClient, container: str, name: str, opts: TempURLOpts
) -> str:
    """A temporary URL for ``container/name`` (see :mod:`tempurl`).

    Offline when ``opts.temp_url_key`` is given; otherwise the account's key
    is read (then the container's), and a cluster with neither raises
    InvalidOptions.
    """
    if (opts.ttl is None) == (opts.expires_at is None):
        raise InvalidOptions("ttl", "give exactly one of ttl (seconds) and expires_at")
    if opts.ttl is not None and opts.ttl <= 0:
        raise InvalidOptions("ttl", "must be > 0")
    url = object_url(client, container, name)
    key = opts.temp_url_key or await _temp_url_key(client, container)
    return tempurl.generate(
        key,
        url,
        expires=opts.expires_at
        if opts.expires_at is not None
        else timedelta(seconds=opts.ttl or 0),
        method=opts.method,
        digest=opts.digest,
        prefix=opts.prefix,
        ip_range=opts.ip_range,
        filename=opts.filename,
        inline=opts.inline,
    )


async def _temp_url_key(client: ServiceClient, container: str) -> str:
    account = await accounts.get(client)
    key = account.temp_url_key or account.temp_url_key_2
    if key:
        return key
    found = await containers.get(client, container)
    key = found.temp_url_key or found.temp_url_key_2
    if key:
        return key
    raise InvalidOptions(
        "temp_url_key",
        f"not given, and neither the account nor container {container!r} has a Temp-URL-Key",
    )
