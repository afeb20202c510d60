"""Bulk operations: delete many objects, or upload a tar archive Swift unpacks into objects.

```python
result = await bulk.bulk_delete(swift, "logs", ["a.txt", "b.txt"])   # or objects.bulk_delete
names = objects.list(swift, "logs", objects.ListOpts(prefix="2023/"))
result = await bulk.bulk_delete(swift, "logs", names, concurrency=4)  # a listing, read lazily
for failure in result.failures:
    print(failure.name, failure.status)

report = await bulk.extract_archive(swift, pathlib.Path("site.tar.gz"), container="www")
print(report.created, [(f.name, f.status) for f in report.failures])
```

Swift's bulk middleware deletes up to ``max_deletes_per_request`` names a
request; a cluster without it gets one ``DELETE`` an object. Either way the
`BulkDeleteResult` counts what was deleted and lists every failure by
name. `bulk_delete()` is re-exported by `objects`. `extract_archive()`
streams the archive (``bulk_upload`` in ``/info``) and reads the report
Swift sends back.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable
from urllib.parse import quote, urlsplit

import attrs
import httpx

from .... import errors
from ....errors import InvalidOptions
from ....models import Model, json_key, structure
from ....service import ServiceClient
from . import info
from ._base import (
    BulkDeleteFailure,
    BulkDeleteResult,
    account_url,
    check_container,
    check_object,
    container_url,
    object_url,
    parse_bulk_report,
    quote_name,
    read_bulk_report,
    run_bounded,
    status_code_of,
)
from ._body import Data, Progress, UploadBody, send

__all__ = [
    "ARCHIVE_FORMATS",
    "BULK_DELETE_CONCURRENCY",
    "BULK_DELETE_PER_REQUEST",
    "ONE_BY_ONE_CONCURRENCY",
    "BulkDeleteFailure",
    "BulkDeleteResult",
    "ExtractArchiveFailure",
    "ExtractArchiveResult",
    "bulk_delete",
    "extract_archive",
]


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
    most ``per_request`` names (`BULK_DELETE_PER_REQUEST`, or the
    cluster's ``max_deletes_per_request`` if lower), ``concurrency`` requests
    at a time (`BULK_DELETE_CONCURRENCY`). ``names`` may be an async
    iterable (a listing): it is read one request's worth at a time. A name the
    middleware cannot read, and every name of a request it refuses whole, is
    deleted on its own. Without the middleware, objects are deleted one by
    one, ``concurrency`` (`ONE_BY_ONE_CONCURRENCY`) at a time.
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
    results: list[BulkDeleteResult] = []

    async def request(chunk: list[str]) -> None:
        lines: list[bytes] = []
        alone: list[str] = []
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
) -> AsyncIterator[list[str]]:
    chunk: list[str] = []
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
    failures: list[BulkDeleteFailure] = []

    async def remove(name: str) -> None:
        nonlocal deleted, not_found
        try:
            # objects.delete's request (objects imports this module: it cannot be imported here)
            await client.request("DELETE", object_url(client, container, name), ok_codes=(204,))
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


# -- archive auto-extract ---------------------------------------------------------------


ARCHIVE_FORMATS = ("tar", "tar.gz", "tar.bz2")
"""The archive formats Swift's bulk middleware unpacks."""


@attrs.frozen
class ExtractArchiveFailure(Model):
    """A file of the archive (or a container for it) that could not be created.

    ``name`` is ``<container>/<object>`` (a container alone when creating it failed).
    """

    name: str
    status: str

    @property
    def status_code(self) -> int | None:
        """The HTTP status of the failure (``413`` from ``"413 Request Entity Too Large"``)."""
        return status_code_of(self.status)


@attrs.frozen
class ExtractArchiveResult(Model):
    """What an archive upload created: the count, every failure, and Swift's own status.

    Swift answers 200 whatever happened: ``status`` (``"201 Created"``, or
    ``"400 Bad Request"`` when some files failed) is the outcome.
    """

    created: int = json_key("Number Files Created", default=0)
    status: str = json_key("Response Status", default="201 Created")
    body: str = json_key("Response Body", default="")
    failures: list[ExtractArchiveFailure] = attrs.field(factory=list)

    @property
    def ok(self) -> bool:
        """True when every file of the archive was created."""
        return not self.failures

    @property
    def status_code(self) -> int | None:
        """``status`` as a number (``201``)."""
        return status_code_of(self.status)


async def extract_archive(
    client: ServiceClient,
    archive: Data,
    format: str = "tar.gz",
    *,
    container: str | None = None,
    prefix: str | None = None,
    content_length: int | None = None,
    progress: Progress | None = None,
) -> ExtractArchiveResult:
    """Upload a tar archive that Swift unpacks into objects (``PUT ?extract-archive=``), streamed.

    A file ``a/b.txt`` of the archive becomes ``<container>/<prefix>/a/b.txt``;
    without ``container`` the archive's top folders are the containers (created
    as needed; files at its root are skipped). ``archive`` is what
    `objects.create()` takes: bytes, a ``pathlib.Path``, a binary file or an
    async iterable of bytes (sent chunked unless ``content_length`` is given).
    Each file's type is guessed from its name (``X-Detect-Content-Type``:
    clusters that give every file the request's ``Content-Type``, as Cloud
    Files does, would otherwise give them all the archive's). Swift answers
    200 and reports in the body: files that failed are in ``failures``; a
    request that failed as a whole (not a tar of that ``format``, no file in
    it) raises the HTTPError of the reported status.
    """
    if format not in ARCHIVE_FORMATS:
        raise InvalidOptions("format", f"must be one of {', '.join(ARCHIVE_FORMATS)}: {format!r}")
    if content_length is not None and content_length < 0:
        raise InvalidOptions("content_length", "must be >= 0")
    url = _extract_url(client, container, (prefix or "").strip("/"))
    body = await UploadBody.prepare(
        archive, length=content_length, progress=progress, checksum=False
    )
    response = await send(
        client,
        url,
        body,
        {"Accept": "application/json", "X-Detect-Content-Type": "true"},
        verify=False,
        params=[("extract-archive", format)],
        ok_codes=(200,),
    )
    report, reported = read_bulk_report(response, "PUT", f"{url}?extract-archive={format}")
    account = urlsplit(account_url(client)).path + "/"
    failures = [
        ExtractArchiveFailure(name=_relative(path, account), status=status)
        for path, status in reported
    ]
    return attrs.evolve(structure(report, ExtractArchiveResult), failures=failures, raw=report)


def _extract_url(client: ServiceClient, container: str | None, prefix: str) -> str:
    """The account, the container or ``<container>/<prefix>`` the archive is unpacked under."""
    if not container:
        if prefix:
            raise InvalidOptions("prefix", "a prefix needs a container")
        return account_url(client)
    url = container_url(client, container)
    if not prefix:
        return url
    check_object(prefix, "prefix")
    return f"{url}/{quote_name(prefix)}"


def _relative(path: str, account: str) -> str:
    """A reported path without the ``/v1/<account>/`` some clusters put before it."""
    return (path[len(account) :] if path.startswith(account) else path).lstrip("/")
