"""Object downloads: stream an object, read it, or write it to a file, checked.

```python
async with download.download(swift, "logs", "big.iso") as dl:   # or objects.download
    print(dl.info.content_length, dl.info.metadata)
    async for chunk in dl.aiter_bytes():                         # ETag checked at the end
        ...
await download.download_to(swift, "logs", "big.iso", "/tmp/big.iso")
part = download.DownloadOpts(range=(0, 99), if_none_match=etag)
```

The body streams: memory does not grow with the object's size. A whole-object
download is hashed (MD5) as it arrives and compared with the ETag; a file is
written under a temporary name and renamed only once complete and checked.
Every name here is re-exported by `objects`.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import IO

import anyio
import anyio.to_thread
import attrs
import httpx

from ....errors import ChecksumMismatch, ConnectionFailed, InvalidOptions, ResponseFormatError
from ....params import build_headers, build_query_params, check_header, header, query
from ....provider import translate_transport_errors
from ....service import ServiceClient
from ._base import ObjectInfo, header_model, http_date, object_url
from ._body import Progress
from ._sink import BackgroundSink

__all__ = ["Download", "DownloadOpts", "download", "download_to"]


@attrs.frozen
class DownloadOpts:
    """What to download and on which conditions.

    ``range`` is ``"bytes=0-99"`` (or ``(0, 99)``, ``(100, None)`` for "from
    100 on", ``(-500, None)`` for the last 500 bytes). ``if_none_match`` /
    ``if_modified_since`` may answer 304: `Download.not_modified`.
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


class Download:
    """An object being downloaded: `info` is read, the body streams.

    Read the body once, with `aiter_bytes()`, `read()` or
    `download_to()`. A whole-object download (no range, not a large
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


async def download_to(
    client: ServiceClient,
    container: str,
    name: str,
    path: str | os.PathLike[str],
    opts: DownloadOpts | None = None,
) -> ObjectInfo:
    """Download an object into the file ``path`` (see `Download.download_to()`)."""
    async with download(client, container, name, opts) as dl:
        await dl.download_to(path)
        return dl.info


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
