"""pagination: loops of any length, empty pages, and next links that leave the endpoint."""

from __future__ import annotations

from typing import Any

import attrs
import httpx
import pytest

from aiocloud import errors
from aiocloud.models import Model
from aiocloud.pagination import LinkedPage, Pager
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud

BASE = "https://cloud.test:8774/v2.1/"
MAX_CALLS = 50


@attrs.frozen
class Thing(Model):
    id: str


@pytest.fixture
async def compute(cloud: MockCloud) -> ServiceClient:
    return ServiceClient(cloud.provider, BASE, type="compute")


def _page(ids: list[str], next_href: str | None) -> httpx.Response:
    body: dict[str, Any] = {"things": [{"id": i} for i in ids]}
    if next_href is not None:
        body["things_links"] = [{"rel": "next", "href": next_href}]
    return httpx.Response(200, json=body)


def _capped(answer: Any) -> Any:
    """``answer``, failing the test instead of looping forever."""
    calls = 0

    def capped(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls > MAX_CALLS:
            raise AssertionError("the listing did not stop")
        response: httpx.Response = answer(request)
        return response

    return capped


def _pager(compute: ServiceClient) -> Pager[Thing]:
    return Pager(compute, f"{BASE}things", LinkedPage("things", Thing))


async def test_a_loop_of_two_links_raises(cloud: MockCloud, compute: ServiceClient) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        page = request.url.params.get("page", "a")
        return _page([page], f"{BASE}things?page={'b' if page == 'a' else 'a'}")

    route = cloud.router.get(f"{BASE}things").mock(side_effect=_capped(answer))
    with pytest.raises(errors.PaginationLoop):
        await _pager(compute).all()
    assert route.call_count == 3  # first URL, ?page=b, ?page=a; ?page=b again is refused


async def test_an_empty_page_ends_the_listing_despite_a_next_link(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        n = int(request.url.params.get("n", "0"))
        return _page(["x"] if n == 0 else [], f"{BASE}things?n={n + 1}")

    route = cloud.router.get(f"{BASE}things").mock(side_effect=_capped(answer))
    assert [t.id for t in await _pager(compute).all()] == ["x"]
    assert route.call_count == 2


async def test_a_next_link_to_another_host_is_refused(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.get(f"{BASE}things").respond(
        200,
        json={
            "things": [{"id": "1"}],
            "things_links": [{"rel": "next", "href": "https://evil.test/steal?marker=1"}],
        },
    )
    pager = _pager(compute)
    with pytest.raises(errors.ResponseFormatError, match=r"evil\.test"):
        await pager.all()
    assert all(call.request.url.host == "cloud.test" for call in cloud.router.calls)


@pytest.mark.parametrize(
    "link",
    [
        "http://cloud.test:8774/v2.1/things?marker=1",  # downgrade behind a TLS terminator
        "http://nova-internal:8774/v2.1/things?marker=1",  # the service's internal host
        "https://cloud.test:9999/v2.1/things?marker=1",  # another port
        "/v2.1/things?marker=1",  # relative
        "things?marker=1",
    ],
)
async def test_next_links_under_the_endpoint_are_re_based_onto_its_origin(
    cloud: MockCloud, compute: ServiceClient, link: str
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if "marker" in request.url.params:
            return _page(["2"], None)
        return _page(["1"], link)

    route = cloud.router.get(f"{BASE}things").mock(side_effect=answer)
    assert [t.id for t in await _pager(compute).all()] == ["1", "2"]
    assert route.call_count == 2
    assert str(route.calls.last.request.url) == f"{BASE}things?marker=1"
    assert route.calls.last.request.headers["X-Auth-Token"] == FAKE_TOKEN


async def test_a_next_link_outside_the_endpoint_path_on_another_origin_is_refused(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.get(f"{BASE}things").mock(
        return_value=_page(["1"], "http://cloud.test:8774/other/things?marker=1")
    )
    with pytest.raises(errors.ResponseFormatError, match="not followed"):
        await _pager(compute).all()
    assert len(cloud.router.calls) == 1 + 1  # the token request and the first page


async def test_a_next_link_with_a_bad_port_is_a_format_error(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    cloud.router.get(f"{BASE}things").mock(
        return_value=_page(["1"], "https://cloud.test:port/v2.1/things?marker=1")
    )
    with pytest.raises(errors.ResponseFormatError, match="malformed next link"):
        await _pager(compute).all()
