"""Listings: `Pager` and the ways services split them into pages.

A Pager is an async iterator of items that fetches one page at a time, so
memory stays flat however long the listing:

```python
async for server in servers.list(compute, servers.ListOpts(limit=200)):
    ...                                     # limit = page size
names = await objects.list(swift, "logs").all()
async for page in servers.list(compute).pages():
    print(len(page.items), page.headers.get("x-openstack-request-id"))
first_50 = await servers.list(compute, max_items=50).all()   # max_items caps the total
```

``limit`` (an option of the listing) is how many items one request asks for;
``max_items`` (an argument of the Pager) is how many items you want in all.

Strategies: `LinkedPage` follows ``<resource>_links`` ``rel=next``
(Nova, Neutron, Cinder, Keystone), `MarkerPage` asks for the items after
the last one seen (Swift), `SinglePage` is one request.
"""

from __future__ import annotations

from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Callable,
    Collection,
    Mapping,
    Sequence,
)
from contextlib import aclosing, asynccontextmanager
from typing import Any, Generic, Protocol, TypeVar
from urllib.parse import SplitResult, urljoin, urlsplit

import anyio
import attrs
import httpx

from .errors import PaginationLoop, ResponseFormatError
from .models import structure_list
from .service import ServiceClient, parse_json

__all__ = [
    "Link",
    "LinkedPage",
    "MarkerPage",
    "Page",
    "PageStrategy",
    "Pager",
    "SinglePage",
    "extract_next_url",
]

T = TypeVar("T")
Params = Sequence[tuple[str, str]]
_DEFAULT_PORTS = {"http": 80, "https": 443}


@attrs.frozen
class Link:
    """A ``{"href": ..., "rel": ...}`` link of an OpenStack answer."""

    href: str
    rel: str


def extract_next_url(links: Any) -> str | None:
    """The ``rel=next`` href of a links list (gophercloud's ExtractNextURL).

    Keystone's ``{"next": url, "self": url}`` mapping is understood too.
    """
    if not links:
        return None
    if isinstance(links, Mapping):
        href = links.get("next")
        return href if isinstance(href, str) and href else None
    if not isinstance(links, list):
        raise ResponseFormatError(f"expected a list of links, got {type(links).__name__}")
    for link in links:
        if isinstance(link, Mapping) and link.get("rel") == "next":
            href = link.get("href")
            return href if isinstance(href, str) and href else None
    return None


@attrs.frozen
class Page(Generic[T]):
    """One page: its items, the answer's headers and its parsed body."""

    items: list[T]
    headers: httpx.Headers
    body: Any = attrs.field(repr=False, eq=False)


class PageStrategy(Protocol[T]):
    """How a listing is split: the page in an answer, and the request for the next one."""

    def parse(self, response: httpx.Response) -> Page[T]: ...

    def next(self, url: str, params: Params, page: Page[T]) -> tuple[str, Params] | None: ...


def _pairs_without(params: Params, *keys: str) -> list[tuple[str, str]]:
    return [(k, v) for k, v in params if k not in keys]


@attrs.frozen
class LinkedPage(Generic[T]):
    """Pages whose body has ``key`` (the items) and ``<key>_links`` with rel=next.

    Keystone's ``links: {"next": ...}`` works too. The listing ends when an
    answer has no next link.
    """

    key: str
    model: type[T]
    links_key: str | None = None

    def parse(self, response: httpx.Response) -> Page[T]:
        body = parse_json(response)
        if not isinstance(body, dict) or self.key not in body:
            raise ResponseFormatError(
                f"{response.request.url}: expected a JSON object with {self.key!r}"
            )
        return Page(structure_list(body[self.key], self.model), response.headers, body)

    def next(self, url: str, params: Params, page: Page[T]) -> tuple[str, Params] | None:
        links_key = self.links_key or f"{self.key}_links"
        links = page.body.get(links_key if links_key in page.body else "links")
        next_url = extract_next_url(links)
        if next_url is None:
            return None
        return next_url, ()


@attrs.frozen
class MarkerPage(Generic[T]):
    """Pages of a JSON array continued with ``?marker=<key of the last item>`` (Swift).

    ``parse_items`` turns the array into items and ``marker_of`` gives an
    item's key. The listing ends on an empty page, or on a page shorter than
    the ``limit`` the request asked for (Swift never sends a short page before
    the end).
    """

    parse_items: Callable[[Any], list[T]]
    marker_of: Callable[[T], str]

    def parse(self, response: httpx.Response) -> Page[T]:
        body = parse_json(response)
        if body is None and response.status_code == 204:
            body = []
        return Page(self.parse_items(body), response.headers, body)

    def next(self, url: str, params: Params, page: Page[T]) -> tuple[str, Params] | None:
        if not page.items:
            return None
        limit = next((v for k, v in params if k == "limit"), None)
        if limit is not None and len(page.items) < int(limit):
            return None
        return url, [*_pairs_without(params, "marker"), ("marker", self.marker_of(page.items[-1]))]


@attrs.frozen
class SinglePage(Generic[T]):
    """A listing that comes whole in one answer, under ``key`` (or the body itself)."""

    model: type[T]
    key: str | None = None

    def parse(self, response: httpx.Response) -> Page[T]:
        body = parse_json(response)
        items = body
        if self.key is not None:
            if not isinstance(body, dict) or self.key not in body:
                raise ResponseFormatError(
                    f"{response.request.url}: expected a JSON object with {self.key!r}"
                )
            items = body[self.key]
        return Page(structure_list(items, self.model), response.headers, body)

    def next(self, url: str, params: Params, page: Page[T]) -> None:
        return None


class Pager(Generic[T]):
    """An async iterator over a listing's items, fetched page by page.

    ``max_items`` stops the listing after that many items (and shrinks the last
    request's ``limit`` when the listing has one, so no item is fetched in vain).
    An empty page ends the listing, even with a next link. A next link or
    marker already fetched raises `PaginationLoop`.

    Every request carries the token, so next links are followed only to the
    listing's origin (scheme, host and port of its first URL). A relative link
    is resolved against the current page's URL. A link to another origin whose
    path lies under the endpoint's path (a service behind a proxy that names its
    internal host, or ``http://`` behind a TLS terminator) is re-based onto the
    listing's origin; any other link to another origin raises
    `ResponseFormatError` and is never requested. ``ok_codes`` are the
    statuses a page may come with (200 by default).
    """

    def __init__(
        self,
        client: ServiceClient,
        url: str,
        strategy: PageStrategy[T],
        *,
        params: Params = (),
        headers: Mapping[str, str] | None = None,
        max_items: int | None = None,
        ok_codes: Collection[int] | None = None,
    ) -> None:
        if max_items is not None and max_items < 0:
            raise ValueError("max_items must be >= 0")
        self.client = client
        self.url = url
        self.strategy = strategy
        self.params = params
        self.headers = headers
        self.max_items = max_items
        self.ok_codes = ok_codes

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async with aclosing(self.pages()) as pages:
            async for page in pages:
                for item in page.items:
                    yield item

    async def pages(self) -> AsyncGenerator[Page[T], None]:
        """The pages one by one (the last one trimmed to ``max_items``)."""
        remaining = self.max_items
        if remaining == 0:
            return
        request: tuple[str, Params] | None = (self.url, self.params)
        seen: set[int] = set()
        while request is not None:
            url, params = request
            key = hash((url, tuple(params)))
            if key in seen:
                raise PaginationLoop(f"{self.url}: the server sent a page already fetched ({url})")
            seen.add(key)
            if remaining is not None:
                params = _capped_limit(params, remaining)
            page = await self._fetch(url, params)
            if remaining is not None:
                if len(page.items) >= remaining:
                    yield attrs.evolve(page, items=page.items[:remaining])
                    return
                remaining -= len(page.items)
            yield page
            if not page.items:
                return
            request = self.strategy.next(url, params, page)
            if request is not None:
                request = self._on_origin(request[0], url), request[1]

    def _on_origin(self, link: str, current: str) -> str:
        """``link`` resolved against ``current``, on the listing's origin (see the class doc)."""
        target = urlsplit(urljoin(current, link))
        home = urlsplit(self.url)
        try:
            same_origin = _origin(target) == _origin(home)
        except ValueError as exc:  # a port that is not a number
            raise ResponseFormatError(f"{self.url}: malformed next link {link!r}") from exc
        if same_origin:
            return target.geturl()
        if target.path.startswith(urlsplit(self.client.endpoint).path):
            return target._replace(scheme=home.scheme, netloc=home.netloc, fragment="").geturl()
        raise ResponseFormatError(
            f"{self.url}: next link {link!r} leaves {home.scheme}://{home.netloc} and the "
            "endpoint's path; not followed (the request would carry the token there)"
        )

    async def _fetch(self, url: str, params: Params) -> Page[T]:
        response = await self.client.request(
            "GET", url, params=list(params) or None, headers=self.headers, ok_codes=self.ok_codes
        )
        return self.strategy.parse(response)

    async def all(self) -> list[T]:
        """Every item of the listing in one list (mind the memory for huge ones)."""
        return [item async for item in self]

    @asynccontextmanager
    async def prefetching(self) -> AsyncIterator[AsyncIterator[T]]:
        """Items, with the next page fetched while the caller works on the current one.

        ```python
        async with servers.list(compute).prefetching() as items:
            async for server in items:
                await slow_work(server)
        ```
        """
        send, receive = anyio.create_memory_object_stream[Page[T] | Exception](max_buffer_size=1)

        async def produce() -> None:
            async with send, aclosing(self.pages()) as pages:
                try:
                    async for page in pages:
                        await send.send(page)
                except Exception as exc:  # handed to the consumer, raised where it reads
                    await send.send(exc)

        async def consume() -> AsyncGenerator[T, None]:
            async with receive:
                async for page in receive:
                    if isinstance(page, Exception):
                        raise page
                    for item in page.items:
                        yield item

        failure: Exception | None = None
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(produce)
            items = consume()
            try:
                yield items
            except Exception as exc:  # re-raised below, outside the task group, unwrapped
                failure = exc
            finally:
                tasks.cancel_scope.cancel()
                await items.aclose()
        if failure is not None:
            raise failure


def _origin(url: SplitResult) -> tuple[str, str | None, int | None]:
    """Scheme, host and port (the scheme's default if none is given) of a URL."""
    scheme = url.scheme.lower()
    return scheme, url.hostname, url.port or _DEFAULT_PORTS.get(scheme)


def _capped_limit(params: Params, remaining: int) -> Params:
    """``params`` with ``limit`` lowered to ``remaining`` when it asks for more."""
    for key, value in params:
        if key == "limit":
            if int(value) > remaining:
                return [*_pairs_without(params, "limit"), ("limit", str(remaining))]
            return params
    return params
