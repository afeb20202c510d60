"""Bulk delete: many objects of a container, in few requests, every failure reported.

```python
result = await bulk.bulk_delete(swift, "logs", ["a.txt", "b.txt"])   # or objects.bulk_delete
names = objects.list(swift, "logs", objects.ListOpts(prefix="2023/"))
result = await bulk.bulk_delete(swift, "logs", names, concurrency=4)  # a listing, read lazily
for failure in result.failures:
    print(failure.name, failure.status)
```

Swift's bulk middleware deletes up to ``max_deletes_per_request`` names a
request; a cluster without it gets one ``DELETE`` an object. Either way the
`BulkDeleteResult` counts what was deleted and lists every failure by
name. `bulk_delete()` is re-exported by `objects`.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable
from urllib.parse import quote

import httpx

from .... import errors
from ....errors import InvalidOptions
from ....service import ServiceClient
from . import info
from ._base import (
    BulkDeleteFailure,
    BulkDeleteResult,
    account_url,
    check_container,
    check_object,
    object_url,
    parse_bulk_report,
    run_bounded,
)

__all__ = [
    "BULK_DELETE_CONCURRENCY",
    "BULK_DELETE_PER_REQUEST",
    "ONE_BY_ONE_CONCURRENCY",
    "BulkDeleteFailure",
    "BulkDeleteResult",
    "bulk_delete",
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
