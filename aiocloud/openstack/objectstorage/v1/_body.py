"""Upload bodies: bytes, files and streams, hashed (MD5) while they are sent.

:class:`UploadBody` turns what a caller hands to ``objects.create`` into a
request body for :meth:`aiocloud.ProviderClient.request`. Bytes, paths and
seekable files are replayable (every attempt reads them again from the start,
so reauth and retries can resend them); an async iterator is sent once. File
reads and large digests run in a worker thread, so the event loop keeps
sending while the next chunk is read and hashed. Memory stays at one chunk.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import AsyncIterable, AsyncIterator, Callable, Collection, Mapping
from typing import IO, Any, TypeAlias

import anyio
import anyio.to_thread
import httpx

from ....errors import ChecksumMismatch, InvalidOptions, UnprocessableEntity
from ....provider import Body
from ....service import ServiceClient

__all__ = [
    "CHUNK_SIZE",
    "Data",
    "Progress",
    "UploadBody",
    "md5_of",
    "new_md5",
    "send",
    "unquote_etag",
]

CHUNK_SIZE = 1 << 20
"""Bytes read and sent at a time."""

_THREAD_DIGEST = 256 << 10
"""Digests of buffers at least this large run in a worker thread."""

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


class UploadBody:
    """One upload's body: knows its size when it can and the MD5 of what it sent.

    Build it with :meth:`prepare`; pass :meth:`content` to the request; read
    :attr:`md5` (of the bytes of the last attempt) and :attr:`sent` afterwards;
    :meth:`aclose` closes any file an interrupted attempt left open.
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
        self._buffer: memoryview | None = None
        self._file_start = 0
        self._digest: Any = None
        self._prehashed: str | None = None
        self._iterators: list[AsyncIterator[bytes]] = []
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
    ) -> UploadBody:
        """A body for ``data``, its size found (buffers are hashed now: their ETag is sent)."""
        body = cls(data, offset=offset, length=length, chunk_size=chunk_size, progress=progress)
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
        """The hex MD5 of the bytes the last attempt sent."""
        if self._digest is None:
            return self._prehashed
        return str(self._digest.hexdigest())

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
        self._digest = new_md5()
        iterator = self._iterate(self._digest)
        self._iterators.append(iterator)
        return iterator

    async def aclose(self) -> None:
        """Close what interrupted attempts left open (files)."""
        iterators, self._iterators = self._iterators, []
        for iterator in iterators:
            await iterator.aclose()  # type: ignore[attr-defined]

    def _count(self, n: int) -> None:
        self.sent += n
        if self._progress is not None:
            self._progress(n)

    def _iterate(self, digest: Any) -> AsyncIterator[bytes]:
        if self._buffer is not None:
            return self._from_buffer(self._buffer, digest)
        data = self._data
        if isinstance(data, os.PathLike):
            return self._from_path(os.fspath(data), digest)
        if _is_file(data):
            return self._from_file(data, digest)  # type: ignore[arg-type]
        return self._from_stream(data, digest)  # type: ignore[arg-type]

    async def _from_buffer(self, view: memoryview, digest: Any) -> AsyncIterator[bytes]:
        step = self._chunk_size
        for start in range(0, len(view), step):
            chunk = bytes(view[start : start + step])
            digest.update(chunk)
            self._count(len(chunk))
            yield chunk

    async def _from_path(self, path: str, digest: Any) -> AsyncIterator[bytes]:
        file = await anyio.to_thread.run_sync(_open_at, path, self._offset)
        try:
            async for chunk in self._read_file(file, digest):
                yield chunk
        finally:
            file.close()

    async def _from_file(self, file: IO[bytes], digest: Any) -> AsyncIterator[bytes]:
        if self.replayable:
            await anyio.to_thread.run_sync(file.seek, self._file_start)
        async for chunk in self._read_file(file, digest):
            yield chunk

    async def _read_file(self, file: IO[bytes], digest: Any) -> AsyncIterator[bytes]:
        remaining = self.size
        step = self._chunk_size
        while remaining is None or remaining > 0:
            wanted = step if remaining is None else min(step, remaining)
            chunk = await anyio.to_thread.run_sync(_read_and_hash, file, wanted, digest)
            if not chunk:
                if remaining:
                    raise InvalidOptions(
                        "data", f"the file ended {remaining} bytes early (did it shrink?)"
                    )
                return
            if remaining is not None:
                remaining -= len(chunk)
            self._count(len(chunk))
            yield chunk

    async def _from_stream(self, stream: AsyncIterable[bytes], digest: Any) -> AsyncIterator[bytes]:
        async for chunk in stream:
            if not isinstance(chunk, bytes):
                if not isinstance(chunk, (bytearray, memoryview)):
                    raise InvalidOptions(
                        "data", f"the stream yielded a {type(chunk).__name__}, not bytes"
                    )
                chunk = bytes(chunk)
            if not chunk:
                continue
            if len(chunk) >= _THREAD_DIGEST:
                await anyio.to_thread.run_sync(digest.update, chunk)
            else:
                digest.update(chunk)
            self._count(len(chunk))
            yield chunk


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


def _read_and_hash(file: IO[bytes], size: int, digest: Any) -> bytes:
    chunk = file.read(size)
    if not isinstance(chunk, bytes):
        if isinstance(chunk, (bytearray, memoryview)):
            chunk = bytes(chunk)
        elif chunk is None:  # a non-blocking raw file with nothing to read yet
            raise InvalidOptions("data", "the file is non-blocking: pass a blocking binary file")
        else:
            raise InvalidOptions("data", "the file must be opened in binary mode ('rb')")
    if chunk:
        digest.update(chunk)
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
        computed = body.md5
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
    finally:
        await body.aclose()
    body.finished()
    if verify:
        stored = unquote_etag(response.headers.get("etag"))
        computed = body.md5
        if stored and computed and stored.lower() != computed:
            raise ChecksumMismatch(
                f"PUT {url}: the server stored an object with ETag {stored}, "
                f"but the MD5 of the bytes sent is {computed}",
                expected=computed,
                actual=stored,
            )
    return response
