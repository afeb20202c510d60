"""pagination: linked, marker and single pages; limit vs max_items; loops; prefetch."""

from __future__ import annotations

import gc
import tracemalloc
from typing import Any

import attrs
import httpx
import pytest

from aiocloud import errors
from aiocloud.models import Model, structure_list
from aiocloud.pagination import LinkedPage, MarkerPage, Pager, SinglePage, extract_next_url
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud

BASE = "https://cloud.test:8774/v2.1/"


@attrs.frozen
class Thing(Model):
    id: str


@attrs.frozen
class Named(Model):
    name: str


@pytest.fixture
async def compute(cloud: MockCloud) -> ServiceClient:
    return ServiceClient(cloud.provider, BASE, type="compute")


def _linked_pages(cloud: MockCloud, total: int, page_size: int) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        start = int(request.url.params.get("marker", "0"))
        limit = int(request.url.params.get("limit", str(page_size)))
        ids = range(start, min(start + limit, total))
        body: dict[str, Any] = {"things": [{"id": str(i)} for i in ids]}
        if start + limit < total:
            body["things_links"] = [
                {"rel": "next", "href": f"{BASE}things?limit={limit}&marker={start + limit}"}
            ]
        return httpx.Response(200, json=body)

    return cloud.router.get(f"{BASE}things").mock(side_effect=answer)


async def test_linked_pages_follow_next_until_absent(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = _linked_pages(cloud, total=25, page_size=10)
    pager = Pager(compute, f"{BASE}things", LinkedPage("things", Thing), params=[("limit", "10")])
    items = await pager.all()
    assert [t.id for t in items] == [str(i) for i in range(25)]
    assert route.call_count == 3


async def test_max_items_caps_total_and_shrinks_the_last_limit(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = _linked_pages(cloud, total=1000, page_size=10)
    pager = Pager(
        compute,
        f"{BASE}things",
        LinkedPage("things", Thing),
        params=[("limit", "100")],
        max_items=7,
    )
    assert len(await pager.all()) == 7
    assert route.call_count == 1
    assert route.calls.last.request.url.params["limit"] == "7"


async def test_pages_expose_headers(cloud: MockCloud, compute: ServiceClient) -> None:
    _linked_pages(cloud, total=3, page_size=10)
    pages = [p async for p in Pager(compute, f"{BASE}things", LinkedPage("things", Thing)).pages()]
    assert len(pages) == 1
    assert len(pages[0].items) == 3
    assert pages[0].headers["content-type"] == "application/json"


async def test_repeated_next_link_raises(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{BASE}things").respond(
        200,
        json={"things": [{"id": "1"}], "things_links": [{"rel": "next", "href": f"{BASE}things"}]},
    )
    with pytest.raises(errors.PaginationLoop):
        await Pager(compute, f"{BASE}things", LinkedPage("things", Thing)).all()


def _marker_pages(cloud: MockCloud, names: list[str]) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        marker = request.url.params.get("marker", "")
        limit = int(request.url.params.get("limit", "10000"))
        after = [n for n in names if n > marker][:limit]
        return httpx.Response(200, json=[{"name": n} for n in after])

    return cloud.router.get(f"{BASE}bucket").mock(side_effect=answer)


def _marker_strategy() -> MarkerPage[Named]:
    return MarkerPage(lambda body: structure_list(body, Named), lambda item: item.name)


async def test_marker_stops_at_short_page_without_extra_request(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    names = [f"obj-{i:03}" for i in range(25)]
    route = _marker_pages(cloud, names)
    pager = Pager(compute, f"{BASE}bucket", _marker_strategy(), params=[("limit", "10")])
    assert [n.name for n in await pager.all()] == names
    assert route.call_count == 3
    assert route.calls[1].request.url.params["marker"] == "obj-009"


async def test_marker_without_limit_ends_on_empty_page(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = _marker_pages(cloud, ["a", "b"])
    assert len(await Pager(compute, f"{BASE}bucket", _marker_strategy()).all()) == 2
    assert route.call_count == 2


async def test_marker_exact_multiple_needs_one_empty_page(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = _marker_pages(cloud, [f"o{i:02}" for i in range(20)])
    pager = Pager(compute, f"{BASE}bucket", _marker_strategy(), params=[("limit", "10")])
    assert len(await pager.all()) == 20
    assert route.call_count == 3


async def test_single_page(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{BASE}flat").respond(200, json={"things": [{"id": "x"}, {"id": "y"}]})
    pager = Pager(compute, f"{BASE}flat", SinglePage(Thing, key="things"))
    assert [t.id async for t in pager] == ["x", "y"]


async def test_malformed_page(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{BASE}things").respond(200, json={"other": []})
    with pytest.raises(errors.ResponseFormatError):
        await Pager(compute, f"{BASE}things", LinkedPage("things", Thing)).all()


async def test_prefetching_yields_everything_and_reports_errors(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    _linked_pages(cloud, total=35, page_size=10)
    pager = Pager(compute, f"{BASE}things", LinkedPage("things", Thing))
    async with pager.prefetching() as items:
        assert len([t async for t in items]) == 35

    cloud.router.get(f"{BASE}broken").respond(500)
    broken = Pager(compute, f"{BASE}broken", LinkedPage("things", Thing))

    async def drain() -> None:
        async with broken.prefetching() as items:
            async for _ in items:
                pass

    with pytest.raises(errors.InternalServerError):
        await drain()


async def test_prefetching_stops_cleanly_when_the_caller_breaks(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = _linked_pages(cloud, total=1000, page_size=10)
    async with Pager(compute, f"{BASE}things", LinkedPage("things", Thing)).prefetching() as items:
        async for thing in items:
            if thing.id == "3":
                break
    assert route.call_count <= 3


async def test_memory_stays_flat_over_many_pages(cloud: MockCloud, compute: ServiceClient) -> None:
    _linked_pages(cloud, total=20_000, page_size=500)
    pager = Pager(compute, f"{BASE}things", LinkedPage("things", Thing), params=[("limit", "500")])
    gc.collect()
    tracemalloc.start()
    count = 0
    async for _ in pager:
        count += 1
        if count == 1000:
            tracemalloc.reset_peak()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20_000
    assert peak < 8 * 1024 * 1024  # a couple of pages, not 20,000 items


def test_extract_next_url_shapes() -> None:
    assert extract_next_url([{"rel": "self", "href": "a"}, {"rel": "next", "href": "b"}]) == "b"
    assert extract_next_url({"next": "c", "self": "d"}) == "c"
    assert extract_next_url({"next": None}) is None
    assert extract_next_url(None) is None
    with pytest.raises(errors.ResponseFormatError):
        extract_next_url("next")
