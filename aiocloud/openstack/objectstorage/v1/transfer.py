"""Bulk transfers: a directory tree up to a container, a container (or prefix) down to a directory.

```python
def show(p: transfer.Progress) -> None:
    print(f"{p.objects_done}/{p.objects_total} objects, {p.bytes_done}/{p.bytes_total} bytes")

result = await transfer.upload_directory(
    swift, "backups", "/srv/data", transfer.UploadOpts(prefix="2024/", concurrency=16,
                                                       progress=show))
for failure in result.failures:
    print(failure.name, failure.error)
result = await transfer.download_container(
    swift, "backups", "/restore", transfer.DownloadOpts(prefix="2024/", strip_prefix=True))
```

Files and objects are streamed (memory does not grow with their size) and
moved ``concurrency`` at a time. Totals are counted by a second walk (or
listing) running alongside the transfer: they grow until
``Progress.totals_final``. Every object that fails is in
``TransferResult.failures`` with its error; the others go on. Object names
that would land outside the target directory (``../x``, ``/etc/x``) are
refused, as failures.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path, PurePosixPath

import anyio
import anyio.from_thread
import anyio.to_thread
import attrs
from anyio.streams.memory import MemoryObjectSendStream

from ....errors import InvalidOptions
from ....service import ServiceClient
from . import containers, largeobjects, objects
from ._base import run_bounded

__all__ = [
    "DownloadOpts",
    "Failure",
    "Progress",
    "TransferResult",
    "UploadOpts",
    "download_container",
    "upload_directory",
]


@attrs.frozen
class Progress:
    """Where a transfer stands; totals are final once ``totals_final`` is True."""

    bytes_done: int
    bytes_total: int
    objects_done: int
    objects_failed: int
    objects_total: int
    totals_final: bool


@attrs.frozen
class Failure:
    """One object that could not be transferred, and why."""

    name: str
    path: str
    error: Exception


@attrs.frozen
class TransferResult:
    """What a transfer did: objects and bytes moved, and every failure."""

    objects_done: int
    bytes_done: int
    failures: list[Failure]

    @property
    def ok(self) -> bool:
        return not self.failures


@attrs.frozen
class UploadOpts:
    """How a directory is uploaded.

    Object names are ``prefix`` + the path relative to the directory, with
    ``/`` separators. ``create_opts`` apply to every object. Files larger than
    ``segment_size`` (when set) become Static Large Objects of that segment
    size. Symbolic links are followed only with ``follow_symlinks``.
    """

    prefix: str = ""
    concurrency: int = 8
    progress: Callable[[Progress], None] | None = None
    create_opts: objects.CreateOpts | None = None
    segment_size: int | None = None
    follow_symlinks: bool = False
    create_container: bool = True


@attrs.frozen
class DownloadOpts:
    """How a container (or the objects under ``prefix``) is downloaded.

    Files are ``directory/<object name>``, or without ``prefix`` with
    ``strip_prefix``. Objects whose name ends with ``/`` (pseudo-directory
    markers) become directories.
    """

    prefix: str | None = None
    strip_prefix: bool = False
    concurrency: int = 8
    progress: Callable[[Progress], None] | None = None
    verify: bool = True


class _Tracker:
    """Counts what is done and calls the progress callback."""

    def __init__(self, callback: Callable[[Progress], None] | None) -> None:
        self.callback = callback
        self.bytes_done = self.bytes_total = 0
        self.objects_done = self.objects_failed = self.objects_total = 0
        self.totals_final = False
        self.failures: builtins.list[Failure] = []

    def report(self) -> None:
        if self.callback is not None:
            self.callback(
                Progress(
                    self.bytes_done,
                    self.bytes_total,
                    self.objects_done,
                    self.objects_failed,
                    self.objects_total,
                    self.totals_final,
                )
            )

    def moved(self, n: int) -> None:
        self.bytes_done += n
        self.report()

    def counted(self, n: int, size: int) -> None:
        self.objects_total += n
        self.bytes_total += size

    def finished_counting(self) -> None:
        self.totals_final = True
        self.report()

    def succeeded(self) -> None:
        self.objects_done += 1
        self.report()

    def failed(self, name: str, path: str, error: Exception) -> None:
        self.objects_failed += 1
        self.failures.append(Failure(name=name, path=path, error=error))
        self.report()

    def result(self) -> TransferResult:
        return TransferResult(self.objects_done, self.bytes_done, self.failures)

    async def attempt(
        self, name: str, path: str, move: Callable[[_Attempt], Awaitable[None]]
    ) -> None:
        """Move one object: done, or failed with its error and its bytes taken back."""
        attempt = _Attempt(self, path)
        try:
            await move(attempt)
        except Exception as exc:
            self.moved(-attempt.bytes_moved)
            self.failed(name, attempt.path, exc)
        else:
            self.succeeded()


class _Attempt:
    """One object being moved: its local path (once known) and the bytes moved so far."""

    def __init__(self, tracker: _Tracker, path: str) -> None:
        self.tracker = tracker
        self.path = path
        self.bytes_moved = 0

    def progress(self, n: int) -> None:
        self.bytes_moved += n
        self.tracker.moved(n)


Item = tuple[str, str, int]
"""(object name, local path, size) of one object to move."""


async def _transfer(
    produce: Callable[[MemoryObjectSendStream[Item]], Awaitable[None]],
    count: Callable[[], Awaitable[None]],
    work: Callable[[Item], Awaitable[None]],
    concurrency: int,
) -> None:
    """Run ``work`` on every item ``produce`` sends, ``concurrency`` at a time.

    ``count`` runs alongside. An error of ``produce`` or ``count`` (a listing
    that fails) stops everything and is raised as is; ``work`` records its own.
    """
    if concurrency <= 0:
        raise InvalidOptions("concurrency", "must be > 0")
    send, receive = anyio.create_memory_object_stream[Item](max_buffer_size=256)
    errors: builtins.list[Exception] = []

    async def guarded(job: Callable[[], Awaitable[None]]) -> None:
        try:
            await job()
        except Exception as exc:
            errors.append(exc)
            tasks.cancel_scope.cancel()

    async def producer() -> None:
        async with send:
            await produce(send)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(guarded, count)
        tasks.start_soon(guarded, producer)
        async with receive:
            await run_bounded(receive, work, concurrency)
    if errors:
        raise errors[0]


# -- upload ---------------------------------------------------------------------------


async def upload_directory(
    client: ServiceClient,
    container: str,
    directory: str | os.PathLike[str],
    opts: UploadOpts | None = None,
) -> TransferResult:
    """Upload every file under ``directory`` to ``container``; failures are in the result."""
    opts = opts or UploadOpts()
    root = Path(directory)
    if not await anyio.Path(root).is_dir():
        raise InvalidOptions("directory", f"{str(root)!r} is not a directory")
    if opts.segment_size is not None and opts.segment_size <= 0:
        raise InvalidOptions("segment_size", "must be > 0")
    if opts.create_container:
        await containers.create(client, container)
    tracker = _Tracker(opts.progress)

    async def count() -> None:
        def walk() -> None:
            batch_objects = batch_bytes = 0
            for _, _, size in _files(root, opts.prefix, opts.follow_symlinks):
                batch_objects += 1
                batch_bytes += size
                if batch_objects >= 1000:
                    anyio.from_thread.run_sync(tracker.counted, batch_objects, batch_bytes)
                    batch_objects = batch_bytes = 0
            anyio.from_thread.run_sync(tracker.counted, batch_objects, batch_bytes)

        await anyio.to_thread.run_sync(walk)
        tracker.finished_counting()

    async def produce(send: MemoryObjectSendStream[Item]) -> None:
        def walk() -> None:
            for item in _files(root, opts.prefix, opts.follow_symlinks):
                anyio.from_thread.run(send.send, item)

        await anyio.to_thread.run_sync(walk)

    async def upload(item: Item) -> None:
        name, path, size = item

        async def move(attempt: _Attempt) -> None:
            if opts.segment_size is not None and size > opts.segment_size:
                await largeobjects.create_slo(
                    client,
                    container,
                    name,
                    Path(path),
                    largeobjects.LargeObjectOpts(
                        segment_size=opts.segment_size, create_opts=opts.create_opts
                    ),
                )
                attempt.progress(size)
            else:
                await objects.create(
                    client, container, name, Path(path), opts.create_opts, progress=attempt.progress
                )

        await tracker.attempt(name, path, move)

    await _transfer(produce, count, upload, opts.concurrency)
    return tracker.result()


def _files(root: Path, prefix: str, follow_symlinks: bool) -> Iterator[tuple[str, str, int]]:
    for folder, dirs, files in os.walk(root, followlinks=follow_symlinks):
        dirs.sort()
        relative = Path(folder).relative_to(root)
        for filename in sorted(files):
            path = os.path.join(folder, filename)
            if not follow_symlinks and os.path.islink(path):
                continue
            try:
                size = os.stat(path).st_size
            except OSError:
                size = 0
            name = (
                prefix + (relative / filename).as_posix() if relative.parts else prefix + filename
            )
            yield name, path, size


# -- download -------------------------------------------------------------------------


async def download_container(
    client: ServiceClient,
    container: str,
    directory: str | os.PathLike[str],
    opts: DownloadOpts | None = None,
) -> TransferResult:
    """Download the objects of ``container`` (under ``opts.prefix``) into ``directory``."""
    opts = opts or DownloadOpts()
    root = Path(directory)
    await anyio.Path(root).mkdir(parents=True, exist_ok=True)
    root = Path(await anyio.Path(root).resolve())
    tracker = _Tracker(opts.progress)
    listing = objects.ListOpts(full=True, prefix=opts.prefix)

    async def count() -> None:
        async for page in objects.list(client, container, listing).pages():
            tracker.counted(len(page.items), sum(obj.bytes for obj in page.items))
        tracker.finished_counting()

    async def produce(send: MemoryObjectSendStream[Item]) -> None:
        async for obj in objects.list(client, container, listing):
            await send.send((obj.name, "", obj.bytes))

    async def download(item: Item) -> None:
        name = item[0]

        async def move(attempt: _Attempt) -> None:
            target = _target(root, name, opts)
            attempt.path = str(target)
            if name.endswith("/"):
                await anyio.Path(target).mkdir(parents=True, exist_ok=True)
            else:
                await anyio.Path(target.parent).mkdir(parents=True, exist_ok=True)
                async with objects.download(
                    client, container, name, objects.DownloadOpts(verify=opts.verify)
                ) as dl:
                    await dl.download_to(target, progress=attempt.progress)

        await tracker.attempt(name, "", move)

    await _transfer(produce, count, download, opts.concurrency)
    return tracker.result()


def _target(root: Path, name: str, opts: DownloadOpts) -> Path:
    """Where ``name`` goes under ``root``; names that would escape it are refused."""
    relative = name
    if opts.strip_prefix and opts.prefix:
        relative = name[len(opts.prefix) :]
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or ".." in parts or "\x00" in relative:
        raise InvalidOptions("name", f"{name!r} cannot be a path under {str(root)!r}")
    target = root.joinpath(*parts)
    if os.path.commonpath([root, target]) != str(root):
        raise InvalidOptions("name", f"{name!r} would be written outside {str(root)!r}")
    return target
