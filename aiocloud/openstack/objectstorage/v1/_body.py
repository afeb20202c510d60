"""Upload bodies: bytes, files and streams, hashed (MD5) while they are sent.

:class:`UploadBody` turns what a caller hands to ``objects.create`` into a
request body for :meth:`aiocloud.ProviderClient.request`. Bytes, paths and
seekable files are replayable (every attempt reads them again from the start,
so reauth and retries can resend them); an async iterator is sent once. Files
are read in worker threads and the MD5 is computed by a :class:`BackgroundSink`
thread, so the event loop keeps sending meanwhile; :func:`send` waits for that
digest once the server has answered and compares it with the stored ETag.
Memory stays at a few chunks.
"""

from __future__ import annotations

import hashlib
import io
import os
import queue
import threading
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Callable,
    Collection,
    Mapping,
)
from contextlib import aclosing
from typing import IO, Any, TypeAlias

import anyio
import anyio.to_thread
import httpx

from ....errors import ChecksumMismatch, InvalidOptions, UnprocessableEntity
from ....provider import Body
from ....service import ServiceClient

__all__ = [
    "CHUNK_SIZE",
    "BackgroundSink",
    "Data",
    "Progress",
    "UploadBody",
    "md5_of",
    "new_md5",
    "send",
    "unquote_etag",
]

CHUNK_SIZE = 4 << 20
"""Bytes read and sent at a time (each file read is a worker thread hop)."""

_THREAD_DIGEST = 256 << 10
"""Digests of buffers at least this large run in a worker thread."""

_BATCH = 4 << 20
"""Bytes a :class:`BackgroundSink` hands its thread at a time. Every hand-off
costs the thread a GIL round trip against a busy event loop, so few large ones
beat many small ones (download chunks are 16 KiB)."""

Data: TypeAlias = (
    "bytes | bytearray | memoryview | os.PathLike[str] | IO[bytes] | AsyncIterable[bytes]"
)
"""What can be uploaded: bytes, a path (``pathlib.Path``), a binary file or an
async iterable of bytes."""

Progress: TypeAlias = "Callable[[int], None]"
"""Called with the number of bytes just sent (negative when an attempt restarts)."""


def new_md5() -> Any:
    """An MD5 digest for checksums (allowed where FIPS forbids MD5 for security)."""
    return hashlib.md5(usedforsecurity=False)


async def md5_of(data: bytes | bytearray | memoryview) -> str:
    """The hex MD5 of a buffer (in a worker thread when it is large)."""
    digest = new_md5()
    if len(data) >= _THREAD_DIGEST:
        await anyio.to_thread.run_sync(digest.update, data)
    else:
        digest.update(data)
    return str(digest.hexdigest())


def _parallel() -> bool:
    """Whether this process may run on more than one CPU."""
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # no CPU affinity on this platform
        return (os.cpu_count() or 1) > 1


class BackgroundSink:
    """MD5 (and, optionally, a file write) of a byte stream, beside the event loop.

    The event loop hands chunks over with :meth:`feed` and keeps moving bytes
    while a worker thread hashes (the digest releases the GIL) and writes, in
    order, in batches of about ``batch`` bytes. At most ``max_backlog`` bytes
    wait; beyond that :meth:`feed` waits for the thread, so memory stays flat.
    Without a file, on a single CPU (or with ``threaded=False``) chunks are
    hashed inline: a thread that cannot run in parallel only adds hand-offs.
    A stream shorter than one batch is handled inline too. Call :meth:`finish`
    at the end (it raises the thread's errors) or :meth:`abort` when giving up.
    """

    def __init__(
        self,
        *,
        digest: bool = True,
        file: IO[bytes] | None = None,
        batch: int = _BATCH,
        max_backlog: int = 4 * _BATCH,
        threaded: bool | None = None,
    ) -> None:
        self._digest: Any = new_md5() if digest else None
        self._file = file
        self._inline = file is None and not (_parallel() if threaded is None else threaded)
        self._batch_limit = batch
        self._max_backlog = max_backlog
        self._batch: list[bytes] = []
        self._batch_size = 0
        self._queue: queue.SimpleQueue[list[bytes] | None] | None = None
        self._thread: threading.Thread | None = None
        self._backlog = 0
        self._drained = threading.Condition()
        self._error: BaseException | None = None

    async def feed(self, chunk: bytes) -> None:
        """Queue ``chunk``; waits only when the thread is ``max_backlog`` bytes behind."""
        if self._inline:
            if self._digest is not None:
                self._digest.update(chunk)
            return
        if self._error is not None:
            raise self._error
        self._batch.append(chunk)
        self._batch_size += len(chunk)
        if self._batch_size >= self._batch_limit:
            await self._flush()

    async def _flush(self) -> None:
        if not self._batch:
            return
        if self._queue is None:
            self._queue = queue.SimpleQueue()
            self._thread = threading.Thread(
                target=self._run,
                args=(self._queue,),
                name="aiocloud-objectstorage-sink",
                daemon=True,
            )
            self._thread.start()
        with self._drained:
            self._backlog += self._batch_size
            behind = self._backlog > self._max_backlog
        self._queue.put(self._batch)
        self._batch, self._batch_size = [], 0
        if behind:
            await anyio.to_thread.run_sync(self._wait_for_backlog)
        if self._error is not None:
            raise self._error

    def _wait_for_backlog(self) -> None:
        with self._drained:
            while self._backlog > self._max_backlog // 2 and self._error is None:
                self._drained.wait()

    def _run(self, batches: queue.SimpleQueue[list[bytes] | None]) -> None:
        while (batch := batches.get()) is not None:
            size = sum(len(chunk) for chunk in batch)
            try:
                if self._error is None:
                    self._consume(batch)
            except BaseException as exc:  # handed to the event loop by feed/finish
                self._error = exc
            with self._drained:
                self._backlog -= size
                self._drained.notify_all()

    def _consume(self, batch: list[bytes]) -> None:
        # one buffer: the digest releases the GIL once for the whole batch
        data = batch[0] if len(batch) == 1 else b"".join(batch)
        if self._digest is not None:
            self._digest.update(data)
        if self._file is not None:
            self._file.write(data)

    async def finish(self) -> str | None:
        """Wait for the thread to catch up; the hex MD5 (None without digest)."""
        if self._queue is None:
            batch, self._batch, size, self._batch_size = self._batch, [], self._batch_size, 0
            if batch and self._file is None and size < _THREAD_DIGEST:
                self._consume(batch)  # a short stream: cheaper than a thread hop
            elif batch:
                await anyio.to_thread.run_sync(self._consume, batch)
        else:
            await self._flush()
            self._queue.put(None)
            thread, self._thread = self._thread, None
            if thread is not None:
                await anyio.to_thread.run_sync(thread.join)
            self._queue = None
        if self._error is not None:
            raise self._error
        return None if self._digest is None else str(self._digest.hexdigest())

    def abort(self) -> None:
        """Stop the thread without waiting (the stream was abandoned)."""
        self._batch, self._batch_size = [], 0
        if self._queue is not None:
            self._queue.put(None)
            self._queue = None


class UploadBody:
    """One upload's body: knows its size when it can and the MD5 of what it sent.

    Build it with :meth:`prepare`; pass :meth:`content` to the request; once
    the server has answered, :meth:`finish` gives the MD5 of the bytes the
    last attempt sent (:attr:`md5`) and :attr:`sent` counts them;
    :meth:`aclose` closes any file or hashing thread an attempt left open.
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
    async def prepare(
        cls,
        data: Data,
        *,
        offset: int = 0,
        length: int | None = None,
        chunk_size: int = CHUNK_SIZE,
        progress: Progress | None = None,
        checksum: bool = True,
    ) -> UploadBody:
        """A body for ``data``, its size found (buffers are hashed now: their ETag is sent).

        ``checksum=False`` computes no MD5 at all (:attr:`md5` stays None).
        """
        body = cls(
            data,
            offset=offset,
            length=length,
            chunk_size=chunk_size,
            progress=progress,
            checksum=checksum,
        )
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
        """The hex MD5 of the bytes the last attempt sent (known after :meth:`finish`)."""
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


def unquote_etag(value: Any) -> str | None:
    """An ETag without the quotes Swift puts around large-object ones."""
    if value is None:
        return None
    text = str(value).strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1]
    return text


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
    stored object's ETag and the bytes sent raises :class:`ChecksumMismatch`.
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
