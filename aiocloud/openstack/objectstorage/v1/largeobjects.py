"""Large objects: Static (SLO) and Dynamic (DLO) Large Objects, and their deletion.

```python
result = await largeobjects.create_slo(
    swift, "backups", "db.tar", pathlib.Path("db.tar"),
    largeobjects.LargeObjectOpts(segment_size=100 * 2**20, concurrency=4),
)
segments = await largeobjects.get_segments(swift, "backups", "db.tar")
await largeobjects.create_dlo_manifest(swift, "logs", "all.log", "logs_segments", "all.log/")
await largeobjects.delete(swift, "backups", "db.tar")        # the manifest and its segments
```

An object over the cluster's ``max_file_size`` (5 GiB by default) must be
stored as segments plus a manifest. `create_slo()` splits the data into
``segment_size`` pieces, uploads them ``concurrency`` at a time (each checked
against its MD5), then writes the manifest, whose ETag Swift checks too. A
path or bytes is split without copying; a file object or an async iterator
is read one segment at a time (memory: about ``concurrency`` segments). If
anything fails, the segments already uploaded are deleted and the error is
raised.
"""

from __future__ import annotations

import builtins
import json
import os
import time
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import IO
from urllib.parse import quote, unquote

import anyio
import anyio.to_thread
import attrs
import httpx

from .... import errors
from ....errors import InvalidOptions
from ....models import Model, json_key, structure_list
from ....service import ServiceClient, parse_json
from . import bulk, containers, info, objects
from ._base import (
    BulkDeleteResult,
    check_container,
    check_object,
    header_model,
    object_url,
    optional_http_date,
    parse_bulk_report,
    run_bounded,
    unquote_etag,
)
from ._body import UploadBody, send
from ._sink import new_md5

__all__ = [
    "LargeObjectOpts",
    "LargeObjectResult",
    "Segment",
    "create_dlo",
    "create_dlo_manifest",
    "create_slo",
    "delete",
    "get_segments",
]

_MiB = 1 << 20


@attrs.frozen
class Segment(Model):
    """One segment of a large object: where it is, its ETag (MD5) and size."""

    path: str
    etag: str
    size_bytes: int

    @property
    def container(self) -> str:
        return self.path.lstrip("/").partition("/")[0]

    @property
    def name(self) -> str:
        return self.path.lstrip("/").partition("/")[2]


@attrs.frozen
class _ManifestEntry(Model):
    """An entry of ``GET ?multipart-manifest=get`` (Swift's stored form)."""

    name: str
    hash: str
    bytes: int


@attrs.frozen
class LargeObjectResult(Model):
    """A stored large object: its ETag, total size and segments."""

    etag: str | None = json_key("etag", default=None, converter=unquote_etag)
    last_modified: datetime | None = json_key(
        "last-modified", default=None, converter=optional_http_date
    )
    size: int = 0
    segments: list[Segment] = attrs.field(factory=list)
    trans_id: str | None = json_key("x-trans-id", default=None)


@attrs.frozen
class LargeObjectOpts:
    """How a large object is split and stored.

    ``segment_container`` defaults to ``<container>_segments`` (created if
    missing) and ``segment_prefix`` to ``<name>/slo/<time>/<segment_size>/``
    (``dlo`` for DLOs). ``create_opts`` (content type, metadata, expiry) apply
    to the manifest; its expiry (``delete_at``/``delete_after``) to the segments
    too. ``keep_segments_on_failure`` leaves uploaded segments in place when the
    upload fails.
    """

    segment_size: int = 100 * _MiB
    segment_container: str | None = None
    segment_prefix: str | None = None
    concurrency: int = 4
    create_opts: objects.CreateOpts | None = None
    keep_segments_on_failure: bool = False


# -- SLO ------------------------------------------------------------------------------


async def create_slo(
    client: ServiceClient,
    container: str,
    name: str,
    data: objects.Data,
    opts: LargeObjectOpts | None = None,
) -> LargeObjectResult:
    """Upload ``data`` as a Static Large Object: segments in parallel, then the manifest."""
    opts = opts or LargeObjectOpts()
    url = object_url(client, container, name)
    segment_container, prefix = _placement(container, name, opts, "slo")
    max_segments, min_segment_size = await _slo_limits(client)
    if opts.segment_size < min_segment_size:
        raise InvalidOptions(
            "segment_size", f"the cluster's minimum segment size is {min_segment_size} bytes"
        )
    segments = await _upload_segments(
        client, data, opts, segment_container, prefix, max_segments=max_segments
    )

    async def put_manifest() -> httpx.Response:
        manifest = [{"path": s.path, "etag": s.etag, "size_bytes": s.size_bytes} for s in segments]
        slo_etag = new_md5()
        for segment in segments:
            slo_etag.update(segment.etag.encode())
        headers = (opts.create_opts or objects.CreateOpts()).to_headers()
        headers.pop("X-Object-Manifest", None)
        headers["ETag"] = slo_etag.hexdigest()
        body = await UploadBody.prepare(json.dumps(manifest).encode())
        params = [("multipart-manifest", "put")]
        return await send(client, url, body, headers, verify=False, params=params)

    return await _with_manifest(client, segment_container, segments, opts, put_manifest)


async def _slo_limits(client: ServiceClient) -> tuple[int, int]:
    """(max segments per manifest, min segment size) from /info, defaults without it."""
    try:
        caps = await info.get(client)
    except (errors.HTTPError, errors.ResponseFormatError):  # no /info: Swift's defaults
        return 1000, 1
    if caps.raw and not caps.supports("slo"):
        raise InvalidOptions("create_slo", "the cluster does not announce SLO support (/info)")
    slo = caps.slo
    return (slo.max_manifest_segments, slo.min_segment_size) if slo else (1000, 1)


async def get_segments(client: ServiceClient, container: str, name: str) -> builtins.list[Segment]:
    """The segments of an SLO, from its manifest (``GET ?multipart-manifest=get``)."""
    response = await client.request(
        "GET",
        object_url(client, container, name),
        params=[("multipart-manifest", "get")],
        ok_codes=(200,),
    )
    if response.headers.get("x-static-large-object", "").lower() != "true":
        raise InvalidOptions("name", f"{container}/{name} is not a Static Large Object")
    entries = structure_list(parse_json(response), _ManifestEntry)
    return [Segment(path=e.name, etag=e.hash, size_bytes=e.bytes) for e in entries]


# -- DLO ------------------------------------------------------------------------------


async def create_dlo(
    client: ServiceClient,
    container: str,
    name: str,
    data: objects.Data,
    opts: LargeObjectOpts | None = None,
) -> LargeObjectResult:
    """Upload ``data`` as a Dynamic Large Object: segments, then an ``X-Object-Manifest``.

    A DLO is whatever objects share the prefix when it is read: prefer SLOs,
    whose segments are fixed and checked.
    """
    opts = opts or LargeObjectOpts()
    check_container(container)
    check_object(name)
    segment_container, prefix = _placement(container, name, opts, "dlo")
    segments = await _upload_segments(client, data, opts, segment_container, prefix)

    async def put_manifest() -> httpx.Response:
        return await _put_dlo_manifest(
            client, container, name, segment_container, prefix, opts.create_opts
        )

    return await _with_manifest(client, segment_container, segments, opts, put_manifest)


async def create_dlo_manifest(
    client: ServiceClient,
    container: str,
    name: str,
    segment_container: str,
    segment_prefix: str,
    opts: objects.CreateOpts | None = None,
) -> LargeObjectResult:
    """Write a DLO manifest: ``name`` reads as every ``segment_container/segment_prefix*``."""
    check_container(segment_container, "segment_container")
    response = await _put_dlo_manifest(
        client, container, name, segment_container, segment_prefix, opts
    )
    return header_model(response, LargeObjectResult, "x-object-meta-")


async def _put_dlo_manifest(
    client: ServiceClient,
    container: str,
    name: str,
    segment_container: str,
    segment_prefix: str,
    opts: objects.CreateOpts | None,
) -> httpx.Response:
    headers = (opts or objects.CreateOpts()).to_headers()
    headers["X-Object-Manifest"] = (
        quote(segment_container, safe="") + "/" + quote(segment_prefix, safe="/")
    )
    body = await UploadBody.prepare(b"")
    return await send(client, object_url(client, container, name), body, headers, verify=False)


# -- deletion -------------------------------------------------------------------------


async def delete(client: ServiceClient, container: str, name: str) -> BulkDeleteResult:
    """Delete an object and, for a large object, its segments.

    An SLO is deleted by Swift with its segments (``?multipart-manifest=delete``);
    a DLO's segments are listed and bulk-deleted, then the manifest. The
    result counts what was deleted and lists every failure.
    """
    url = object_url(client, container, name)
    found = await objects.get(client, container, name)
    if found.static_large_object:
        response = await client.request(
            "DELETE",
            url,
            params=[("multipart-manifest", "delete")],
            headers={"Accept": "application/json"},
            ok_codes=(200,),
        )
        return parse_bulk_report(response, "DELETE", url)
    result = BulkDeleteResult()
    if found.object_manifest is not None:
        segment_container, _, prefix = found.object_manifest.partition("/")
        segment_container, prefix = unquote(segment_container), unquote(prefix)
        names = objects.list(client, segment_container, objects.ListOpts(prefix=prefix))
        result = await bulk.bulk_delete(client, segment_container, names)
    await objects.delete(client, container, name)
    return result.merge(BulkDeleteResult(deleted=1))


# -- segments -------------------------------------------------------------------------


async def _with_manifest(
    client: ServiceClient,
    segment_container: str,
    segments: builtins.list[Segment],
    opts: LargeObjectOpts,
    put_manifest: Callable[[], Awaitable[httpx.Response]],
) -> LargeObjectResult:
    """Store the manifest of the uploaded ``segments``; if that fails, delete them."""
    try:
        response = await put_manifest()
    except Exception:
        await _discard(client, segment_container, [s.name for s in segments], opts)
        raise
    # read once the manifest is stored: an unreadable answer must not delete its segments
    result = header_model(response, LargeObjectResult, "x-object-meta-")
    return attrs.evolve(result, size=sum(s.size_bytes for s in segments), segments=segments)


def _placement(container: str, name: str, opts: LargeObjectOpts, kind: str) -> tuple[str, str]:
    if opts.segment_size <= 0:
        raise InvalidOptions("segment_size", "must be > 0")
    if opts.concurrency <= 0:
        raise InvalidOptions("concurrency", "must be > 0")
    segment_container = opts.segment_container or f"{container}_segments"
    check_container(segment_container, "segment_container")
    prefix = opts.segment_prefix
    if prefix is None:
        prefix = f"{name}/{kind}/{time.time():.6f}/{opts.segment_size}/"
    return segment_container, prefix


async def _upload_segments(
    client: ServiceClient,
    data: objects.Data,
    opts: LargeObjectOpts,
    segment_container: str,
    prefix: str,
    *,
    max_segments: int | None = None,
) -> builtins.list[Segment]:
    """Upload ``data`` in segments, ``opts.concurrency`` at a time, in order of index."""
    if isinstance(data, str):
        raise InvalidOptions("data", "a str is ambiguous: pass bytes or a pathlib.Path")
    await containers.create(client, segment_container)
    done: dict[int, Segment] = {}
    started: builtins.list[str] = []
    # segments expire with their manifest, or they would be left behind
    manifest_headers = (opts.create_opts or objects.CreateOpts()).to_headers()
    segment_headers = {
        name: value
        for name, value in manifest_headers.items()
        if name in ("X-Delete-At", "X-Delete-After")
    }

    async def upload(item: tuple[int, tuple[objects.Data, int, int | None]]) -> None:
        index, (piece, offset, length) = item
        segment_name = f"{prefix}{index:08d}"
        started.append(segment_name)
        body = await UploadBody.prepare(piece, offset=offset, length=length)
        url = object_url(client, segment_container, segment_name)
        response = await send(client, url, body, segment_headers, verify=True)
        etag = unquote_etag(response.headers.get("etag")) or body.md5 or ""
        done[index] = Segment(
            path=f"/{segment_container}/{segment_name}", etag=etag, size_bytes=body.sent
        )

    pieces = _numbered(_split(data, opts.segment_size), opts.segment_size, max_segments)
    try:
        # on a failure no new segment starts and those in flight finish: every name
        # tried is in ``started``, for the cleanup, whatever its outcome
        await run_bounded(pieces, upload, opts.concurrency)
    except Exception:
        await _discard(client, segment_container, started, opts)
        raise
    if not done:
        raise InvalidOptions("data", "there is nothing to upload (0 bytes)")
    return [done[i] for i in sorted(done)]


async def _numbered(
    pieces: AsyncGenerator[tuple[objects.Data, int, int | None], None],
    segment_size: int,
    max_segments: int | None,
) -> AsyncGenerator[tuple[int, tuple[objects.Data, int, int | None]], None]:
    """The pieces with their index; more than ``max_segments`` raises."""
    index = 0
    try:
        async for piece in pieces:
            if max_segments is not None and index >= max_segments:
                raise InvalidOptions(
                    "segment_size",
                    f"the data needs more than the cluster's {max_segments} segments "
                    f"of {segment_size} bytes: use larger segments",
                )
            yield index, piece
            index += 1
    finally:
        await pieces.aclose()


async def _split(
    data: objects.Data, segment_size: int
) -> AsyncGenerator[tuple[objects.Data, int, int | None], None]:
    """(data, offset, length) of each segment; streams and files are read into memory."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        total = memoryview(data).nbytes
        for offset in range(0, total, segment_size):
            yield data, offset, min(segment_size, total - offset)
        return
    if isinstance(data, os.PathLike):
        total = (await anyio.Path(os.fspath(data)).stat()).st_size
        for offset in range(0, total, segment_size):
            yield data, offset, min(segment_size, total - offset)
        return
    if isinstance(data, AsyncIterable):
        async for piece in _rechunk(data, segment_size):
            yield piece, 0, None
        return
    if callable(getattr(data, "read", None)):
        file: IO[bytes] = data
        while True:
            piece = await anyio.to_thread.run_sync(_read_exactly, file, segment_size)
            if not piece:
                return
            yield piece, 0, None
        return
    raise InvalidOptions("data", f"cannot upload a {type(data).__name__}")


async def _rechunk(stream: AsyncIterable[bytes], size: int) -> AsyncIterator[bytes]:
    """The stream's bytes in pieces of exactly ``size`` (the last one shorter)."""
    buffer = bytearray()
    async for chunk in stream:
        buffer += chunk
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        yield bytes(buffer)


def _read_exactly(file: IO[bytes], size: int) -> bytes:
    parts: builtins.list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = file.read(remaining)
        if not chunk:
            break
        if not isinstance(chunk, bytes):
            raise InvalidOptions("data", "the file must be opened in binary mode ('rb')")
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


async def _discard(
    client: ServiceClient,
    segment_container: str,
    names: builtins.list[str],
    opts: LargeObjectOpts,
) -> None:
    """Delete the segments of a failed upload, every one that was tried (best effort)."""
    if opts.keep_segments_on_failure or not names:
        return
    try:
        with anyio.CancelScope(shield=True):
            await bulk.bulk_delete(client, segment_container, names)
    except Exception:  # cleanup must not hide the error that caused it
        return
