"""Mechanics shared by the object storage v1 modules: URLs, names, metadata, header models.

```python
url = object_url(swift, "logs", "a.txt")       # names checked, percent-encoded
info = header_model(response, ObjectInfo, "x-object-meta-")
```

Swift answers most calls with headers only; `header_model()` turns them
into the typed models of `accounts`, `containers` and `objects`
through the models' builders (header names lowercased, user metadata
gathered into a ``metadata`` dict). Account and container listings page the
same way (`listing_pager()`).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar
from urllib.parse import quote, unquote

import anyio
import attrs
import httpx

from ....errors import InvalidOptions, ResponseFormatError, error_for_status
from ....models import Model, builder, json_key, parse_http_date, parse_timestamp, structure
from ....pagination import MarkerPage, Pager
from ....params import build_query_params, check_header, query
from ....service import ServiceClient

__all__ = [
    "METADATA_KEY",
    "BulkDeleteFailure",
    "BulkDeleteResult",
    "ListingOpts",
    "ObjectInfo",
    "PseudoDirectory",
    "account_url",
    "check_container",
    "check_object",
    "container_url",
    "entries_and_directories",
    "header_model",
    "http_date",
    "listing_entries",
    "listing_names",
    "listing_pager",
    "listing_time",
    "metadata_headers",
    "object_url",
    "optional_bool",
    "optional_float",
    "optional_http_date",
    "optional_int",
    "optional_unix_time",
    "parse_bulk_report",
    "quote_name",
    "read_bulk_report",
    "run_bounded",
    "status_code_of",
    "to_int",
    "unix_time",
    "unquote_etag",
]

T = TypeVar("T")
M = TypeVar("M", bound=Model)

METADATA_KEY = ":metadata"
"""Where `header_model()` puts the user metadata (no header can be named so)."""

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_SECRET_METADATA = frozenset({"temp-url-key", "temp-url-key-2"})
_DOT_SEGMENTS = frozenset({".", ".."})


# -- URLs and names -------------------------------------------------------------------


def account_url(client: ServiceClient) -> str:
    """The account URL (the catalog's ``.../v1/AUTH_<project>``, no trailing slash)."""
    return client.resource_base_url().rstrip("/")


def check_container(container: str, field: str = "container") -> None:
    """Reject a container name that is not one usable path segment before any request."""
    _check_name(container, field, "a container name")
    if "/" in container:
        raise InvalidOptions(field, f"a container name cannot contain '/': {container!r}")
    if container in _DOT_SEGMENTS:
        raise InvalidOptions(field, f"{container!r} would address the account, not a container")


def check_object(name: str, field: str = "name") -> None:
    """Reject an empty object name, or one with a ``.``/``..`` segment, before any request.

    URL layers collapse such segments (aiohttp even as ``%2E``), and a proxy
    that decodes ``%2F`` would too: the request would reach another object, the
    container or the account.
    """
    _check_name(name, field, "an object name")
    if "." in name and not _DOT_SEGMENTS.isdisjoint(name.split("/")):
        raise InvalidOptions(field, f"an object name cannot have a '.' or '..' segment: {name!r}")


def _check_name(name: object, field: str, what: str) -> None:
    if not isinstance(name, str):
        raise InvalidOptions(field, f"{what} must be a string, got {type(name).__name__}")
    if not name:
        raise InvalidOptions(field, f"{what} is required")


def quote_name(name: str) -> str:
    """``name`` percent-encoded for a URL path, ``/`` kept."""
    return quote(name, safe="/")


def container_url(client: ServiceClient, container: str) -> str:
    """``<account>/<container>``."""
    check_container(container)
    return f"{account_url(client)}/{quote_name(container)}"


def object_url(client: ServiceClient, container: str, name: str) -> str:
    """``<account>/<container>/<object name>``."""
    check_object(name)
    return f"{container_url(client, container)}/{quote_name(name)}"


@attrs.frozen
class ListingOpts:
    """The fields of ``containers.ListOpts`` and ``objects.ListOpts``."""

    full: bool = False
    limit: int | None = query()
    marker: str | None = query()
    end_marker: str | None = query()
    prefix: str | None = query()
    delimiter: str | None = query()
    reverse: bool | None = query()


if TYPE_CHECKING:

    class ListingFilters(TypedDict, total=False):
        """The ``ListingOpts`` fields every typed ``ListOpts`` constructor accepts."""

        limit: int | None
        marker: str | None
        end_marker: str | None
        prefix: str | None
        reverse: bool | None


def listing_pager(
    client: ServiceClient,
    url: str,
    parse: Callable[[Any], list[Any]],
    opts: Any,
    max_items: int | None,
) -> Pager[Any]:
    """The listing at ``url``: JSON arrays turned into items by ``parse``.

    ``opts`` gives the query (`ListingOpts`, or another listing's ``query()``
    fields: Rackspace's CDN). Each page asks for the names after the last
    item's (``?marker=``), a pseudo-directory's prefix included; a 204 is an
    empty page.
    """
    return Pager(
        client,
        url,
        MarkerPage(parse, _name_of),
        params=_listing_params(build_query_params(opts), max_items),
        max_items=max_items,
        ok_codes=(200, 204),
    )


def _name_of(item: Any) -> str:
    return item if isinstance(item, str) else str(item.name)


def _listing_params(query: list[tuple[str, str]], max_items: int | None) -> list[tuple[str, str]]:
    """``format=json`` and the listing's options; a small ``max_items`` becomes the limit.

    No limit is sent otherwise: the cluster's maximum page size is unknown
    (10000 by default, a larger limit is refused), so a listing without one
    ends on its first empty page instead of its first short one.
    """
    params = [("format", "json"), *query]
    if max_items and max_items <= _SAFE_LIMIT and all(key != "limit" for key, _ in query):
        params.append(("limit", str(max_items)))
    return params


_SAFE_LIMIT = 1000
"""A page size every Swift cluster accepts (the default maximum is 10000)."""


def listing_entries(body: Any, kind: str) -> list[Any]:
    """``body``, once it is known to be a JSON array; ``kind`` (``"object"``) names its entries."""
    if not isinstance(body, list):
        raise ResponseFormatError(f"expected a JSON array of {kind}s, got {type(body).__name__}")
    return body


def listing_names(body: Any, kind: str, *, subdirs: bool = False) -> list[str]:
    """The names of a name-only listing; with ``subdirs``, a ``subdir`` entry's prefix too."""
    entries = listing_entries(body, kind)
    try:
        names = [
            item["name"] if not subdirs or "name" in item else item["subdir"] for item in entries
        ]
    except (KeyError, TypeError) as exc:
        raise ResponseFormatError(f"an entry of the {kind} listing has no name: {exc!r}") from exc
    for name in names:
        if type(name) is not str:
            raise ResponseFormatError(f"an entry of the {kind} listing has a non-string name")
    return names


@attrs.frozen
class PseudoDirectory(Model):
    """A ``subdir`` entry of a listing with a delimiter: a common prefix (``photos/``)."""

    name: str = json_key("subdir")


def entries_and_directories(body: Any, kind: str, model: type[M]) -> list[M | PseudoDirectory]:
    """The entries of a listing with a delimiter: ``model`` items and `PseudoDirectory` ones."""
    entries = listing_entries(body, kind)
    directory = builder(PseudoDirectory)
    item = builder(model)
    try:
        return [directory(entry) if "subdir" in entry else item(entry) for entry in entries]
    except (KeyError, TypeError) as exc:
        raise ResponseFormatError(f"cannot read a {kind} listing entry: {exc!r}") from exc


# -- headers --------------------------------------------------------------------------


def metadata_headers(
    kind: str,
    metadata: Mapping[str, str] | None,
    remove: Iterable[str] | None = None,
    *,
    field: str = "metadata",
) -> dict[str, str]:
    """``X-<kind>-Meta-<key>`` for ``metadata`` and ``X-Remove-<kind>-Meta-<key>`` for ``remove``.

    Keys must be HTTP header tokens and values visible ASCII text
    (`aiocloud.params.check_header()`).
    """
    headers: dict[str, str] = {}
    for key, value in (metadata or {}).items():
        name = f"X-{kind}-Meta-{_meta_key(key, field)}"
        headers[name] = check_header(name, str(value), field)
    for key in remove or ():
        name = f"X-Remove-{kind}-Meta-{_meta_key(key, f'remove_{field}')}"
        headers[name] = "x"
    return headers


def _meta_key(key: str, field: str) -> str:
    if not isinstance(key, str) or not _TOKEN.fullmatch(key):
        raise InvalidOptions(field, f"{key!r} is not a valid metadata name (an HTTP header token)")
    return key


def unix_time(value: datetime | int | float) -> str:
    """A Unix timestamp for ``X-Delete-At`` and temp URLs (naive datetimes are UTC)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return str(int(value.timestamp()))
    return str(int(value))


def http_date(value: datetime) -> str:
    """An HTTP date (``If-Modified-Since``); naive datetimes are UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")


# -- header models --------------------------------------------------------------------


def to_int(value: Any) -> int:
    """Converter of counter header fields (``X-Container-Object-Count: 12``).

    Decimal digits only, with an optional ``-`` (Swift's counters can go
    below zero for a while): ``int()``'s spaces, ``+`` and ``_`` are refused.
    """
    if type(value) is int:
        return value
    if not isinstance(value, str) or not _INTEGER.fullmatch(value):
        raise ResponseFormatError(f"not an integer: {value!r:.100}")
    return int(value)


def optional_int(value: Any) -> int | None:
    """Converter of optional integer header fields."""
    return None if value is None else to_int(value)


def optional_float(value: Any) -> float | None:
    """Converter of optional number header fields (``X-Timestamp``)."""
    if value is None or type(value) is float:
        return value
    if not isinstance(value, str) or not _NUMBER.fullmatch(value):
        raise ResponseFormatError(f"not a number: {value!r:.100}")
    return float(value)


_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?")


def listing_time(value: Any) -> datetime | None:
    """Converter of a listing's ``last_modified`` (``2024-05-01T10:00:00.123456``, UTC).

    Swift sends it without a zone: reading it with ``+00:00`` appended is the
    cheapest way to an aware datetime (once per item of every listing); any
    other form goes through `aiocloud.models.parse_timestamp()`.
    """
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value + "+00:00")
    except (TypeError, ValueError):
        return parse_timestamp(value) if isinstance(value, str) else _not_a_time(value)


def _not_a_time(value: Any) -> datetime:
    raise ResponseFormatError(f"not a timestamp: {value!r}")


def optional_http_date(value: Any) -> datetime | None:
    """Converter of date header fields."""
    if value is None or isinstance(value, datetime):
        return value
    return parse_http_date(value)


def optional_unix_time(value: Any) -> datetime | None:
    """Converter of Unix-timestamp header fields (``X-Delete-At``)."""
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromtimestamp(float(value), timezone.utc)
    except (TypeError, ValueError, OverflowError):
        raise ResponseFormatError(f"not a Unix timestamp: {value!r}") from None


def optional_bool(value: Any) -> bool:
    """Converter of Swift's boolean headers (``True``, ``true``, ``yes``, ``1``)."""
    if isinstance(value, bool):
        return value
    return value is not None and str(value).strip().lower() in ("true", "yes", "on", "1", "t")


def unquote_etag(value: Any) -> str | None:
    """Converter of ETags: without the quotes Swift puts around large-object ones."""
    if value is None:
        return None
    text = str(value).strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1]
    return text


def header_model(
    response: httpx.Response,
    cls: type[T],
    meta_prefix: str,
    extra: Mapping[str, Any] | None = None,
) -> T:
    """A ``cls`` from the answer's headers; ``raw`` is the headers, lowercased.

    Headers starting with ``meta_prefix`` (``x-object-meta-``) become the
    ``metadata`` dict (keys lowercased, temp URL keys left out: they are secrets).
    """
    headers = dict(response.headers.items())
    cut = len(meta_prefix)
    metadata = {
        name[cut:]: value
        for name, value in headers.items()
        if name.startswith(meta_prefix) and name[cut:] not in _SECRET_METADATA
    }
    model = structure({**headers, **(extra or {}), METADATA_KEY: metadata}, cls)
    object.__setattr__(model, "raw", headers)
    return model


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


# -- concurrency ----------------------------------------------------------------------


async def run_bounded(
    items: AsyncIterable[T], work: Callable[[T], Awaitable[None]], concurrency: int
) -> None:
    """Run ``work`` on every item, at most ``concurrency`` at a time.

    The next item is read only when a slot is free, so a lazy source is read
    as fast as the work goes. The first error (of ``work`` or of ``items``)
    stops new work, lets the work in flight finish, and is raised as is.
    """
    if concurrency <= 0:
        raise InvalidOptions("concurrency", "must be > 0")
    limiter = anyio.Semaphore(concurrency)
    failures: list[Exception] = []

    async def run(item: T) -> None:
        try:
            await work(item)
        except Exception as exc:
            failures.append(exc)
        finally:
            limiter.release()

    iterator = aiter(items)
    try:
        async with anyio.create_task_group() as tasks:
            while True:
                await limiter.acquire()
                if failures:
                    limiter.release()
                    break
                try:
                    item = await anext(iterator)
                except StopAsyncIteration:
                    limiter.release()
                    break
                except Exception as exc:
                    limiter.release()
                    failures.append(exc)
                    break
                tasks.start_soon(run, item)
    finally:
        close = getattr(iterator, "aclose", None)
        if close is not None:
            await close()
    if failures:
        raise failures[0]


# -- bulk operation reports -----------------------------------------------------------


@attrs.frozen
class BulkDeleteFailure(Model):
    """One object (or container) a bulk delete could not remove."""

    container: str
    name: str | None
    status: str

    @property
    def status_code(self) -> int | None:
        """The HTTP status of the failure (``409`` from ``"409 Conflict"``)."""
        return status_code_of(self.status)


_STATUS = re.compile(r"[1-9][0-9]{2}")


def status_code_of(status: str) -> int | None:
    """The HTTP status at the start of ``status`` (``"409 Conflict"``), if there is one."""
    code = status.split(" ", 1)[0]
    return int(code) if _STATUS.fullmatch(code) else None


@attrs.frozen
class BulkDeleteResult(Model):
    """What a bulk delete did: counts, and every failure with its status."""

    deleted: int = json_key("Number Deleted", default=0)
    not_found: int = json_key("Number Not Found", default=0)
    failures: list[BulkDeleteFailure] = attrs.field(factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed (objects already gone count as deleted)."""
        return not self.failures

    def merge(self, other: BulkDeleteResult) -> BulkDeleteResult:
        """The sum of two results (one per request of a chunked bulk delete)."""
        return attrs.evolve(
            self,
            deleted=self.deleted + other.deleted,
            not_found=self.not_found + other.not_found,
            failures=[*self.failures, *other.failures],
        )


def read_bulk_report(
    response: httpx.Response, method: str, url: str
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The JSON report of a bulk middleware call and its per-item errors, ``(path, status)``.

    Swift answers 200 and puts the real outcome in the body (after any
    whitespace it sent to keep the connection alive); paths come
    percent-decoded. A failed request without per-item errors
    (``"Response Status": "400 Bad Request"``) raises the matching HTTPError.
    """
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError) as exc:  # RecursionError: nested too deep
        raise ResponseFormatError(f"{method} {url}: the report is not JSON ({exc})") from exc
    if not isinstance(body, dict):
        raise ResponseFormatError(f"{method} {url}: the report is not a JSON object")
    entries = body.get("Errors") or ()
    if not isinstance(entries, (list, tuple)):
        raise ResponseFormatError(f"{method} {url}: 'Errors' is not a JSON array")
    errors: list[tuple[str, str]] = []
    for item in entries:
        if not (isinstance(item, list) and len(item) == 2):
            raise ResponseFormatError(f"{method} {url}: unreadable error entry {item!r}")
        errors.append((unquote(str(item[0])), str(item[1])))
    status = str(body.get("Response Status") or "200 OK")
    code = status_code_of(status)
    if code is not None and code >= 400 and not errors:
        raise error_for_status(code)(
            method=method,
            url=url,
            status_code=code,
            body=str(body.get("Response Body") or status).encode(),
            headers=response.headers,
            expected=(200,),
        )
    return body, errors


def parse_bulk_report(response: httpx.Response, method: str, url: str) -> BulkDeleteResult:
    """The `BulkDeleteResult` of ``?bulk-delete`` / ``?multipart-manifest=delete``.

    Per-item errors (`read_bulk_report()`) become `BulkDeleteFailure`.
    """
    body, errors = read_bulk_report(response, method, url)
    failures = []
    for path, status in errors:
        container, _, name = path.lstrip("/").partition("/")
        failures.append(BulkDeleteFailure(container=container, name=name or None, status=status))
    result = structure(body, BulkDeleteResult)
    return attrs.evolve(result, failures=failures, raw=body)
