"""The resource kit: the functions it makes, its verbs, metadata, actions and waiters."""

from __future__ import annotations

import inspect
import json
from typing import Any

import attrs
import httpx
import pytest

from aiocloud import errors
from aiocloud._resource import Collection
from aiocloud.models import Model
from aiocloud.params import build_body, query
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud

BASE = "https://svc.test/v1/"


@attrs.frozen
class Widget(Model):
    id: str
    status: str
    name: str = ""


@attrs.frozen
class ListOpts:
    name: str | None = query()
    limit: int | None = query()


@attrs.frozen
class CreateOpts:
    name: str

    def to_body(self) -> dict[str, Any]:
        return {"widget": build_body(self)}


async def _no_fault(client: ServiceClient, item_id: str, item: Any) -> str | None:
    return f"fault of {item_id}"


_widgets = Collection(Widget, "widget", "widgets", list_path=("detail",), fault=_no_fault)

list = _widgets.lister(ListOpts, "The widgets, page by page.")
create = _widgets.creator(CreateOpts, "Create a widget.")
get = _widgets.getter("One widget by id.")
update = _widgets.updater(CreateOpts, "Rename a widget.")
delete = _widgets.deleter("Delete a widget.")
start = _widgets.actor("start", {"os-start": None}, "Start a widget.")
wait_for_status = _widgets.status_waiter("Poll until the widget has the status.")
wait_for_delete = _widgets.delete_waiter("Poll until the widget is gone.")
(metadata, update_metadata, reset_metadata, metadatum, create_metadatum, delete_metadatum) = (
    _widgets.metadata.functions(
        "metadata",
        "update_metadata",
        "reset_metadata",
        "metadatum",
        "create_metadatum",
        "delete_metadatum",
    )
)


@pytest.fixture
async def mock() -> Any:
    async with MockCloud() as cloud:
        yield cloud


def _client(cloud: MockCloud) -> ServiceClient:
    return ServiceClient(cloud.provider, BASE, type="compute")


def _widget(status: str = "ACTIVE", **extra: Any) -> dict[str, Any]:
    return {"id": "w1", "status": status, "name": "a", **extra}


def test_made_functions_read_as_written_out() -> None:
    made: Any = get
    assert (made.__name__, made.__qualname__, made.__module__) == ("get", "get", __name__)
    assert made.__doc__ == "One widget by id."
    assert inspect.iscoroutinefunction(get)
    assert not inspect.iscoroutinefunction(list)
    assert (
        str(inspect.signature(get)) == "(client: aiocloud.service.ServiceClient, widget_id: str, /)"
    )
    listing = inspect.signature(list).parameters
    assert listing["opts"].default is None
    assert listing["max_items"].kind is inspect.Parameter.KEYWORD_ONLY
    waiting = inspect.signature(wait_for_status).parameters
    assert [name for name, p in waiting.items() if p.kind is p.KEYWORD_ONLY] == [
        "timeout",
        "interval",
        "backoff",
        "max_interval",
    ]
    assert waiting["timeout"].default == 600.0
    assert getattr(metadatum, "__name__", None) == "metadatum"
    assert metadatum.__doc__ == "One metadata value of the widget (NotFound if absent)."


async def test_verbs_send_the_dialect_and_read_the_envelope(mock: MockCloud) -> None:
    client = _client(mock)
    router = mock.router
    listed = router.get(BASE + "widgets/detail", params={"name": "a", "limit": "1"}).respond(
        json={"widgets": [_widget()], "widgets_links": []}
    )
    created = router.post(BASE + "widgets").respond(201, json={"widget": _widget("BUILD")})
    got = router.get(BASE + "widgets/w1").respond(json={"widget": _widget()})
    updated = router.put(BASE + "widgets/w1").respond(json={"widget": _widget(name="b")})
    deleted = router.delete(BASE + "widgets/w1").respond(204)
    started = router.post(BASE + "widgets/w1/action").respond(202)

    assert [w.id async for w in list(client, ListOpts(name="a", limit=1))] == ["w1"]
    assert (await create(client, CreateOpts(name="a"))).status == "BUILD"
    assert json.loads(created.calls.last.request.content) == {"widget": {"name": "a"}}
    assert (await get(client, "w1")).name == "a"
    assert (await update(client, "w1", CreateOpts(name="b"))).name == "b"
    assert json.loads(updated.calls.last.request.content) == {"widget": {"name": "b"}}
    await delete(client, "w1")
    await start(client, "w1")
    assert json.loads(started.calls.last.request.content) == {"os-start": None}
    for route in (listed, got, deleted):
        assert route.call_count == 1


async def test_an_empty_id_never_names_the_collection(mock: MockCloud) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await delete(_client(mock), "")
    assert caught.value.field == "widget_id"


async def test_an_unexpected_status_is_an_error(mock: MockCloud) -> None:
    mock.router.post(BASE + "widgets").respond(200, json={"widget": _widget()})
    with pytest.raises(errors.UnexpectedResponseCode):
        await create(_client(mock), CreateOpts(name="a"))


async def test_metadata_sub_resource(mock: MockCloud) -> None:
    client = _client(mock)
    router = mock.router
    router.get(BASE + "widgets/w1/metadata").respond(json={"metadata": {"a": "1"}})
    merged = router.post(BASE + "widgets/w1/metadata").respond(
        json={"metadata": {"a": "1", "b": "2"}}
    )
    router.put(BASE + "widgets/w1/metadata").respond(json={"metadata": {}})
    router.get(BASE + "widgets/w1/metadata/a").respond(json={"meta": {"a": "1"}})
    put_key = router.put(BASE + "widgets/w1/metadata/b").respond(json={"meta": {"b": "2"}})
    router.delete(BASE + "widgets/w1/metadata/a").respond(204)

    assert await metadata(client, "w1") == {"a": "1"}
    assert await update_metadata(client, "w1", {"b": "2"}) == {"a": "1", "b": "2"}
    assert json.loads(merged.calls.last.request.content) == {"metadata": {"b": "2"}}
    assert await reset_metadata(client, "w1", {}) == {}
    assert await metadatum(client, "w1", "a") == "1"
    assert await create_metadatum(client, "w1", "b", "2") == "2"
    assert json.loads(put_key.calls.last.request.content) == {"meta": {"b": "2"}}
    await delete_metadatum(client, "w1", "a")
    with pytest.raises(errors.InvalidOptions, match="key"):
        await metadatum(client, "w1", "")


async def test_metadata_answers_of_the_wrong_shape_are_format_errors(mock: MockCloud) -> None:
    mock.router.get(BASE + "widgets/w1/metadata").respond(json={"metadata": ["a"]})
    mock.router.get(BASE + "widgets/w1/metadata/a").respond(json={"meta": {"b": "1"}})
    with pytest.raises(errors.ResponseFormatError):
        await metadata(_client(mock), "w1")
    with pytest.raises(errors.ResponseFormatError, match="no metadata key 'a'"):
        await metadatum(_client(mock), "w1", "a")


async def test_the_waiter_reaches_the_status_or_reports_the_fault(mock: MockCloud) -> None:
    client = _client(mock)
    answers = iter(["BUILD", "ACTIVE"])
    mock.router.get(BASE + "widgets/w1").mock(
        side_effect=lambda request: httpx.Response(200, json={"widget": _widget(next(answers))})
    )
    found = await wait_for_status(client, "w1", "ACTIVE", interval=0.001)
    assert found.status == "ACTIVE"

    mock.router.get(BASE + "widgets/w2").respond(json={"widget": _widget("ERROR", id="w2")})
    with pytest.raises(errors.ResourceError) as caught:
        await wait_for_status(client, "w2", "ACTIVE", interval=0.001)
    assert str(caught.value) == "widget w2 went to ERROR (waiting for ACTIVE): fault of w2"
    assert caught.value.fault == "fault of w2"


async def test_the_delete_waiter_ends_on_404_and_times_out_otherwise(mock: MockCloud) -> None:
    client = _client(mock)
    mock.router.get(BASE + "widgets/gone").respond(404)
    await wait_for_delete(client, "gone", interval=0.001)
    mock.router.get(BASE + "widgets/w1").respond(json={"widget": _widget("DELETING")})
    with pytest.raises(errors.WaitTimeout, match="last status 'DELETING'"):
        await wait_for_delete(client, "w1", timeout=0.05, interval=0.01)


def test_service_client_microversion_gates() -> None:
    from aiocloud import ProviderClient

    provider = ProviderClient()
    compute = ServiceClient(provider, "https://nova.test/v2.1/", type="compute")
    assert compute.effective_microversion == "2.1"
    assert compute.at_least("2.1")
    assert not compute.at_least("2.47")
    assert compute.with_microversion("2.47").at_least("2.47")
    assert compute.with_microversion("latest").at_least("2.96")
    volume = ServiceClient(provider, "https://cinder.test/v3/p/", type="volumev3")
    assert volume.at_least("3.0")
    assert not volume.at_least("3.1")
    network = ServiceClient(provider, "https://neutron.test/", type="network")
    assert network.effective_microversion is None
    assert not network.at_least("1.0")
