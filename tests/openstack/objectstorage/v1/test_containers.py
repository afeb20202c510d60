"""objectstorage/v1/containers: listing pages, headers sent, header models, errors."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.objectstorage.v1 import containers, objects
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import ACCOUNT, last_request


def listing(*names: str) -> list[dict[str, object]]:
    return [
        {"name": n, "count": i, "bytes": 100 * i, "last_modified": "2024-05-01T10:00:00.123456"}
        for i, n in enumerate(names)
    ]


async def test_list_names_pages_with_the_last_name_as_marker(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    first = cloud.router.get(ACCOUNT, params__eq={"format": "json"}).respond(
        200, json=listing("a", "b")
    )
    second = cloud.router.get(ACCOUNT, params__eq={"format": "json", "marker": "b"}).respond(
        200, json=listing("c")
    )
    third = cloud.router.get(ACCOUNT, params__eq={"format": "json", "marker": "c"}).respond(
        200, json=[]
    )

    names = await containers.list(swift).all()

    assert names == ["a", "b", "c"]
    assert (first.call_count, second.call_count, third.call_count) == (1, 1, 1)


async def test_list_with_a_limit_stops_on_the_short_page(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    first = cloud.router.get(ACCOUNT, params__eq={"format": "json", "limit": "2"}).respond(
        200, json=listing("a", "b")
    )
    second = cloud.router.get(
        ACCOUNT, params__eq={"format": "json", "limit": "2", "marker": "b"}
    ).respond(200, json=listing("c"))

    found = await containers.list(swift, containers.ListOpts(full=True, limit=2)).all()

    assert [c.name for c in found] == ["a", "b", "c"]
    assert found[1] == containers.Container(name="b", count=1, bytes=100)
    assert found[1].last_modified == datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=timezone.utc)
    assert first.call_count == second.call_count == 1


async def test_list_with_a_delimiter_gives_the_common_prefixes(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    body = [*listing("app"), {"subdir": "logs-"}]
    query = {"format": "json", "delimiter": "-"}
    cloud.router.get(ACCOUNT, params__eq=query).respond(200, json=body)
    cloud.router.get(ACCOUNT, params__eq={**query, "marker": "logs-"}).respond(200, json=[])

    names = await containers.list(swift, containers.ListOpts(delimiter="-")).all()
    found = await containers.list(swift, containers.ListOpts(full=True, delimiter="-")).all()

    assert names == ["app", "logs-"]
    assert [type(entry).__name__ for entry in found] == ["Container", "PseudoDirectory"]
    assert found[1] == objects.PseudoDirectory(name="logs-")


async def test_list_sends_every_option(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.get(ACCOUNT).respond(200, json=[])

    await containers.list(
        swift,
        containers.ListOpts(
            limit=10, marker="m", end_marker="z", prefix="log", delimiter="-", reverse=True
        ),
    ).all()

    assert dict(last_request(route).url.params) == {
        "format": "json",
        "limit": "10",
        "marker": "m",
        "end_marker": "z",
        "prefix": "log",
        "delimiter": "-",
        "reverse": "true",
    }


async def test_list_max_items_caps_the_request(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.get(ACCOUNT).respond(200, json=listing("a", "b", "c"))
    assert await containers.list(swift, max_items=2).all() == ["a", "b"]
    assert last_request(route).url.params["limit"] == "2"


async def test_list_rejects_a_body_that_is_not_a_listing(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.get(ACCOUNT).respond(200, json={"containers": []})
    with pytest.raises(errors.ResponseFormatError):
        await containers.list(swift).all()
    with pytest.raises(errors.ResponseFormatError):
        await containers.list(swift, containers.ListOpts(full=True)).all()


async def test_create_sends_the_settings(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.put(f"{ACCOUNT}/logs").respond(201)

    await containers.create(
        swift,
        "logs",
        containers.CreateOpts(
            metadata={"Team": "ops"},
            read_acl=".r:*,.rlistings",
            write_acl="AUTH_other",
            storage_policy="gold",
            versions_location="logs-versions",
            sync_to="https://peer/v1/AUTH_x/logs",
            sync_key="sync-secret",
            temp_url_key="tk",
        ),
    )

    headers = last_request(route).headers
    assert headers["X-Container-Meta-Team"] == "ops"
    assert headers["X-Container-Read"] == ".r:*,.rlistings"
    assert headers["X-Container-Write"] == "AUTH_other"
    assert headers["X-Storage-Policy"] == "gold"
    assert headers["X-Versions-Location"] == "logs-versions"
    assert headers["X-Container-Sync-To"] == "https://peer/v1/AUTH_x/logs"
    assert headers["X-Container-Sync-Key"] == "sync-secret"
    assert headers["X-Container-Meta-Temp-URL-Key"] == "tk"
    assert "sync-secret" not in repr(containers.CreateOpts(sync_key="sync-secret"))


async def test_create_of_an_existing_container_is_accepted(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.put(f"{ACCOUNT}/logs").respond(202)
    await containers.create(swift, "logs", containers.CreateOpts(versions_enabled=True))
    assert last_request(route).headers["X-Versions-Enabled"] == "true"


async def test_names_are_quoted(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.put(f"{ACCOUNT}/my%20logs%3F").respond(201)
    await containers.create(swift, "my logs?")
    assert last_request(route).url.raw_path.endswith(b"/my%20logs%3F")


@pytest.mark.parametrize("name", ["", "a/b"])
async def test_bad_container_names_are_refused(
    cloud: MockCloud, swift: ServiceClient, name: str
) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await containers.create(swift, name)
    assert caught.value.field == "container"


async def test_get_reads_the_container_headers(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.head(f"{ACCOUNT}/logs").respond(
        204,
        headers={
            "X-Container-Object-Count": "7",
            "X-Container-Bytes-Used": "700",
            "X-Container-Read": ".r:*",
            "X-Container-Write": "AUTH_x",
            "X-Storage-Policy": "Policy-0",
            "X-Versions-Enabled": "True",
            "X-History-Location": "old",
            "X-Container-Sync-Key": "sync-secret",
            "X-Container-Meta-Quota-Count": "100",
            "X-Container-Meta-Team": "ops",
            "X-Container-Meta-Temp-Url-Key": "container-key",
            "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
            "X-Timestamp": "1714555555.00000",
            "X-Trans-Id": "tx9",
        },
    )

    info = await containers.get(swift, "logs")

    assert info.object_count == 7
    assert info.bytes_used == 700
    assert (info.read_acl, info.write_acl) == (".r:*", "AUTH_x")
    assert info.storage_policy == "Policy-0"
    assert info.versions_enabled is True
    assert info.history_location == "old"
    assert info.quota_count == 100
    assert info.metadata == {"team": "ops", "quota-count": "100"}
    assert info.temp_url_key == "container-key"
    assert info.last_modified == datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)
    assert info.trans_id == "tx9"
    assert "sync-secret" not in repr(info)
    assert "container-key" not in repr(info)


async def test_get_missing_container_raises_not_found(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.head(f"{ACCOUNT}/nope").respond(404, headers={"X-Trans-Id": "tx404"})
    with pytest.raises(errors.NotFound) as caught:
        await containers.get(swift, "nope")
    assert caught.value.request_id == "tx404"


async def test_update_sets_and_removes(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.post(f"{ACCOUNT}/logs").respond(204)

    await containers.update(
        swift,
        "logs",
        containers.UpdateOpts(
            metadata={"Team": "dev"},
            remove_metadata=["Old"],
            write_acl="AUTH_y",
            remove_read_acl=True,
            remove_versions_location=True,
            versions_enabled=False,
        ),
    )

    headers = last_request(route).headers
    assert headers["X-Container-Meta-Team"] == "dev"
    assert headers["X-Remove-Container-Meta-Old"] == "x"
    assert headers["X-Container-Write"] == "AUTH_y"
    assert headers["X-Remove-Container-Read"] == "x"
    assert headers["X-Remove-Versions-Location"] == "x"
    assert headers["X-Versions-Enabled"] == "false"
    assert "X-Container-Read" not in headers


async def test_delete(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.delete(f"{ACCOUNT}/logs").respond(204)
    await containers.delete(swift, "logs")
    assert route.called


async def test_delete_non_empty_raises_a_clear_conflict(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.delete(f"{ACCOUNT}/logs").respond(
        409,
        text="<html><h1>Conflict</h1><p>There was a conflict when trying to complete "
        "your request.</p></html>",
        headers={"X-Trans-Id": "tx409"},
    )

    with pytest.raises(containers.ContainerNotEmpty) as caught:
        await containers.delete(swift, "logs")

    assert isinstance(caught.value, errors.Conflict)
    assert caught.value.status_code == 409
    assert caught.value.container == "logs"
    assert caught.value.request_id == "tx409"
    assert "container 'logs' is not empty" in str(caught.value)


async def test_delete_missing_container(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.delete(f"{ACCOUNT}/nope").respond(404)
    with pytest.raises(errors.NotFound):
        await containers.delete(swift, "nope")


async def test_listing_errors(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.get(ACCOUNT).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(errors.TimedOut):
        await containers.list(swift).all()
