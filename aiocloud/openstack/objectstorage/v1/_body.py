"""Upload bodies: bytes, files and streams, hashed (MD5) while they are sent.

```python
body = await UploadBody.prepare(pathlib.Path("big.iso"), progress=print)
response = await send(swift, url, body, {"Content-Type": "application/x-iso9660-image"})
```

`UploadBody` turns what a caller hands to ``objects.create`` into a
request body for `aiocloud.ProviderClient.request()`. Bytes, paths and
seekable files are replayable (every attempt reads them again from the start,
so reauth and retries can resend them); an async iterator is sent once. Files
are read in worker threads and the MD5 is computed by a
``_sink.BackgroundSink`` thread, so the event loop keeps sending meanwhile;
`send()` waits for that digest once the server has answered and compares
it with the stored ETag. Memory stays at a few chunks.
"""

from __future__ import annotations

import io
import os
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Callable,
    Collection,
    Mapping,
)
from contextlib import aclosing
from typing import IO, TYPE_CHECKING, Any, TypeAlias, TypedDict

import anyio
import anyio.to_thread
import httpx

from ....errors import ChecksumMismatch, InvalidOptions, UnprocessableEntity
from ....provider import Body
from ....service import ServiceClient
from ._base import unquote_etag
from ._sink import BackgroundSink, md5_of

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "CHUNK_SIZE",
    "Data",
    "Progress",
    "UploadBody",
    "send",
]

CHUNK_SIZE = 4 << 20
"""Bytes read and sent at a time (each file read is a worker thread hop)."""

Data: TypeAlias = (
    "bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes] | AsyncIterable[bytes]"
)
"""What can be uploaded: bytes, a path (``pathlib.Path``), a binary file or an
async iterable of bytes."""

Progress: TypeAlias = "Callable[[int], None]"
"""Called with the number of bytes just sent (negative when an attempt restarts)."""


class _BodyOptions(TypedDict, total=False):
    """The keyword options of `UploadBody` and `UploadBody.prepare()`."""

    offset: int
    length: int | None
    chunk_size: int
    progress: Progress | None
    checksum: bool


class UploadBody:
    """One upload's body: knows its size when it can and the MD5 of what it sent.

    Build it with `prepare()`; pass `content()` to the request; once
    the server has answered, `finish()` gives the MD5 of the bytes the
    last attempt sent (`md5`) and `sent` counts them;
    `aclose()` closes any file or hashing thread an attempt left open.
    ``offset``/``length`` select a byte range of a path or a buffer (large
    object segments).
    """

    def __init__(
        self,
        data: Data,
        *,
        offset: int = 0,
        length: int | None = None,
        chunk_size: int = CHUNK_SIZE,
        progress: Progress | None = None,
        checksum: bool = True,
    ) -> None:
        if isinstance(data, str):
            raise InvalidOptions(
                "data",
                "a str is ambiguous: pass bytes (the content) or a pathlib.Path (a file to send)",
            )
        if chunk_size <= 0:
            raise InvalidOptions("chunk_size", "must be > 0")
        self._data = data
        self._offset = offset
        self._length = length
        self._chunk_size = chunk_size
        self._progress = progress
        self._checksum = checksum
        self._buffer: memoryview | None = None
        self._file_start = 0
        self._md5: str | None = None
        self._prehashed: str | None = None
        self._sink: BackgroundSink | None = None
        self._iterators: list[AsyncGenerator[bytes, None]] = []
        self._whole: bytes | None = None
        self.size: int | None = length
        self.sent = 0
        self.replayable = True

    @classmethod
    async def prepare(cls, data: Data, **options: Unpack[_BodyOptions]) -> UploadBody:
        """A body for ``data``, its size found (buffers are hashed now: their ETag is sent).

        ``options`` are those of the constructor; ``checksum=False`` computes
        no MD5 at all (`md5` stays None).
        """
        body = cls(data, **options)
        await body._inspect()
        return body

    async def _inspect(self) -> None:
        data = self._data
        if isinstance(data, (bytes, bytearray, memoryview)):
            view = memoryview(data).cast("B")
            end = len(view) if self._length is None else self._offset + self._length
            if end > len(view):
                raise InvalidOptions("length", f"the data has only {len(view)} bytes")
            self._buffer = view[self._offset : end]
            self.size = len(self._buffer)
            if self._checksum:
                self._prehashed = await md5_of(self._buffer)
        elif isinstance(data, os.PathLike):
            stat = await anyio.Path(os.fspath(data)).stat()
            available = max(0, stat.st_size - self._offset)
            self.size = available if self._length is None else min(self._length, available)
        elif _is_file(data):
            file: IO[bytes] = data  # type: ignore[assignment]
            if _seekable(file):
                self._file_start = file.tell()
                if self.size is None:
                    self.size = await anyio.to_thread.run_sync(_remaining, file)
            else:
                self.replayable = False
        elif isinstance(data, AsyncIterable):
            self.replayable = False
        else:
            raise InvalidOptions(
                "data",
                f"cannot upload a {type(data).__name__}: pass bytes, a pathlib.Path, "
                "a binary file or an async iterable of bytes",
            )

    @property
    def etag(self) -> str | None:
        """The MD5 known before sending (buffers), to send as ``ETag``."""
        return self._prehashed

    @property
    def md5(self) -> str | None:
        """The hex MD5 of the bytes the last attempt sent (known after `finish()`)."""
        return self._prehashed if self._md5 is None else self._md5

    def content(self) -> Body:
        """The request body: bytes, a replayable callable or a one-shot iterator."""
        data = self._data
        if isinstance(data, bytes) and self._buffer is not None and self.size == len(data):
            self._whole = data
            return data
        if self.replayable:
            return self
        return self()

    def finished(self) -> None:
        """Count a body sent whole (bytes): iterators count as they go."""
        if self._whole is not None:
            self.sent = len(self._whole)
            if self._progress is not None:
                self._progress(self.sent)

    def __call__(self) -> AsyncIterator[bytes]:
        """A fresh iterator over the body (a new attempt starts from the beginning)."""
        if self.sent and self._progress is not None:
            self._progress(-self.sent)
        self.sent = 0
        self._md5 = None
        if self._sink is not None:
            self._sink.abort()
        # always a thread: hashed inline, a chunk would hold the event loop for milliseconds
        hashed = self._checksum and self._prehashed is None
        self._sink = BackgroundSink(threaded=True) if hashed else None
        iterator = self._iterate(self._sink)
        self._iterators.append(iterator)
        return iterator

    async def finish(self) -> str | None:
        """The MD5 of the bytes the last attempt sent, once its digest caught up.

        Called when the server has answered, not at the end of the iteration:
        the transport may stop iterating (or be cancelled) as soon as the
        answer comes, which is as soon as the last byte arrived.
        """
        sink, self._sink = self._sink, None
        if sink is not None:
            self._md5 = await sink.finish()
        return self.md5

    async def aclose(self) -> None:
        """Close what attempts left open (files, hashing threads).

        An iterator still running belongs to the transport's writer task (aiohttp
        sends bodies from a task of its own, which it cancels): that task closes it.
        """
        if self._sink is not None:
            self._sink.abort()
            self._sink = None
        iterators, self._iterators = self._iterators, []
        for iterator in iterators:
            if not getattr(iterator, "ag_running", False):
                await iterator.aclose()

    async def _iterate(self, sink: BackgroundSink | None) -> AsyncGenerator[bytes, None]:
        data = self._data
        if self._buffer is not None:
            chunks = self._from_buffer(self._buffer)
        elif isinstance(data, os.PathLike):
            chunks = self._from_path(os.fspath(data))
        elif _is_file(data):
            chunks = self._from_file(data)  # type: ignore[arg-type]
        else:
            chunks = self._from_stream(data)  # type: ignore[arg-type]
        try:
            async for chunk in chunks:
                if sink is not None:
                    await sink.feed(chunk)  # before it is sent: fed when the server has it
                self.sent += len(chunk)
                if self._progress is not None:
                    self._progress(len(chunk))
                yield chunk
        finally:
            await chunks.aclose()

    async def _from_buffer(self, view: memoryview) -> AsyncGenerator[bytes, None]:
        step = self._chunk_size
        for start in range(0, len(view), step):
            yield bytes(view[start : start + step])

    async def _from_path(self, path: str) -> AsyncGenerator[bytes, None]:
        file = await anyio.to_thread.run_sync(_open_at, path, self._offset)
        try:
            async with aclosing(self._read_file(file)) as chunks:
                async for chunk in chunks:
                    yield chunk
        finally:
            file.close()

    async def _from_file(self, file: IO[bytes]) -> AsyncGenerator[bytes, None]:
        if self.replayable:
            await anyio.to_thread.run_sync(file.seek, self._file_start)
        async with aclosing(self._read_file(file)) as chunks:
            async for chunk in chunks:
                yield chunk

    async def _read_file(self, file: IO[bytes]) -> AsyncGenerator[bytes, None]:
        remaining = self.size
        step = self._chunk_size
        while remaining is None or remaining > 0:
            wanted = step if remaining is None else min(step, remaining)
            chunk = await anyio.to_thread.run_sync(_read_chunk, file, wanted)
            if not chunk:
                if remaining:
                    raise InvalidOptions(
                        "data", f"the file ended {remaining} bytes early (did it shrink?)"
                    )
                return
            if remaining is not None:
                remaining -= len(chunk)
            yield chunk

    async def _from_stream(self, stream: AsyncIterable[bytes]) -> AsyncGenerator[bytes, None]:
        """The stream's chunks, exactly the declared ``content_length`` bytes if one is.

        The chunk that completes the declared length is held back until the
        stream ends: a longer stream fails before the server has a whole object.
        """
        declared = self.size
        count = 0
        last: bytes | None = None
        async for chunk in stream:
            if not isinstance(chunk, bytes):
                if not isinstance(chunk, (bytearray, memoryview)):
                    raise InvalidOptions(
                        "data", f"the stream yielded a {type(chunk).__name__}, not bytes"
                    )
                chunk = bytes(chunk)
            if not chunk:
                continue
            count += len(chunk)
            if declared is None:
                yield chunk
            elif last is not None or count > declared:
                raise InvalidOptions("content_length", f"the stream has more than {declared} bytes")
            elif count == declared:
                last = chunk
            else:
                yield chunk
        if declared is not None and count < declared:
            raise InvalidOptions(
                "content_length", f"the stream ended after {count} of {declared} bytes"
            )
        if last is not None:
            yield last


def _is_file(data: object) -> bool:
    return isinstance(data, io.IOBase) or (
        callable(getattr(data, "read", None)) and not isinstance(data, AsyncIterable)
    )


def _seekable(file: IO[bytes]) -> bool:
    try:
        return bool(file.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _remaining(file: IO[bytes]) -> int:
    start = file.tell()
    try:
        return max(0, os.fstat(file.fileno()).st_size - start)
    except (AttributeError, OSError, io.UnsupportedOperation):
        end = file.seek(0, os.SEEK_END)
        file.seek(start)
        return max(0, end - start)


def _open_at(path: str, offset: int) -> IO[bytes]:
    file = open(path, "rb")  # noqa: SIM115 - closed by the iterator that reads it
    if offset:
        file.seek(offset)
    return file


def _read_chunk(file: IO[bytes], size: int) -> bytes:
    chunk = file.read(size)
    if not isinstance(chunk, bytes):
        if isinstance(chunk, (bytearray, memoryview)):
            chunk = bytes(chunk)
        elif chunk is None:  # a non-blocking raw file with nothing to read yet
            raise InvalidOptions("data", "the file is non-blocking: pass a blocking binary file")
        else:
            raise InvalidOptions("data", "the file must be opened in binary mode ('rb')")
    return chunk


async def send(
    client: ServiceClient,
    url: str,
    body: UploadBody,
    headers: Mapping[str, str],
    *,
    verify: bool = True,
    params: Any = None,
    ok_codes: Collection[int] = (201,),
) -> httpx.Response:
    """PUT ``body`` at ``url``; check the server's ETag against the MD5 of what was sent.

    The ETag is sent when known (buffers, or given by the caller), so that the
    server refuses corrupted bytes (422); either way a difference between the
    stored object's ETag and the bytes sent raises `ChecksumMismatch`.
    """
    request_headers = dict(headers)
    if body.size is not None and "Content-Length" not in request_headers:
        request_headers["Content-Length"] = str(body.size)
    if "ETag" not in request_headers and body.etag is not None:
        request_headers["ETag"] = body.etag
    sent_etag = request_headers.get("ETag")
    try:
        try:
            response = await client.request(
                "PUT",
                url,
                content=body.content(),
                headers=request_headers,
                params=params,
                ok_codes=ok_codes,
            )
        except UnprocessableEntity as exc:
            if sent_etag is None:
                raise
            computed = await body.finish()
            why = (
                "the bytes were corrupted on the way"
                if computed == sent_etag
                else f"the data's MD5 is {computed}"
            )
            raise ChecksumMismatch(
                f"PUT {url}: the server refused the upload: its MD5 differs from the ETag "
                f"{sent_etag} that was sent ({why})",
                expected=sent_etag,
                actual=computed,
            ) from exc
        computed = await body.finish()
    finally:
        await body.aclose()
    body.finished()
    if verify:
        stored = unquote_etag(response.headers.get("etag"))
        if stored and stored.lower() != computed:
            raise ChecksumMismatch(
                f"PUT {url}: the server stored an object with ETag {stored}, "
                f"but the MD5 of the bytes sent is {computed}",
                expected=computed,
                actual=stored,
            )
    return response
