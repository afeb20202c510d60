"""MD5 of byte streams, computed beside the event loop.

```python
sink = BackgroundSink(file=open_file)      # hash and write, in a worker thread
for chunk in received:
    await sink.feed(chunk)                 # waits only when the thread lags far behind
md5 = await sink.finish()                  # or sink.abort() when giving up
```

Uploads (`_body`) and downloads (`download`) hash every byte they
move to compare it with the ETag Swift stores; hashing in a thread (the digest
releases the GIL) keeps the event loop moving bytes meanwhile.
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from typing import IO, Any

import anyio
import anyio.to_thread

__all__ = ["BackgroundSink", "md5_of", "new_md5"]

_THREAD_DIGEST = 256 << 10
"""Digests of buffers at least this large run in a worker thread."""

_BATCH = 4 << 20
"""Bytes a `BackgroundSink` hands its thread at a time. Every hand-off
costs the thread a GIL round trip against a busy event loop, so few large ones
beat many small ones (download chunks are 16 KiB).
"""


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

    The event loop hands chunks over with `feed()` and keeps moving bytes
    while a worker thread hashes (the digest releases the GIL) and writes, in
    order, in batches of about ``batch`` bytes. At most ``max_backlog`` bytes
    wait; beyond that `feed()` waits for the thread, so memory stays flat.
    Without a file, on a single CPU (or with ``threaded=False``) chunks are
    hashed inline: a thread that cannot run in parallel only adds hand-offs.
    A stream shorter than one batch is handled inline too. Call `finish()`
    at the end (it raises the thread's errors) or `abort()` when giving up.
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
