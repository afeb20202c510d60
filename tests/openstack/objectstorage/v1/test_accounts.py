"""objectstorage/v1/accounts: exact requests and parsed header models."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest

from aiocloud import errors
from aiocloud.openstack.objectstorage.v1 import accounts
from aiocloud.service import ServiceClient
from aiocloud.testing import FAKE_TOKEN, MockCloud
from tests.helpers import ACCOUNT, last_request

ACCOUNT_HEADERS = {
    "Content-Type": "text/plain; charset=utf-8",
    "X-Account-Container-Count": "3",
    "X-Account-Object-Count": "12",
    "X-Account-Bytes-Used": "4096",
    "X-Account-Meta-Quota-Bytes": "1000000",
    "X-Account-Meta-Owner": "ops",
    "X-Account-Meta-Temp-Url-Key": "s3cret-key",
    "X-Account-Meta-Temp-Url-Key-2": "other-key",
    "X-Account-Storage-Policy-Policy-0-Bytes-Used": "4096",
    "X-Timestamp": "1714555555.12345",
    "X-Trans-Id": "tx123",
    "Date": "Wed, 01 May 2024 10:00:00 GMT",
    "Content-Length": "0",
}


async def test_get_reads_the_account_headers(cloud: MockCloud, swift: ServiceClient) -> None:
    route = cloud.router.head(ACCOUNT).respond(204, headers=ACCOUNT_HEADERS)

    account = await accounts.get(swift)

    assert last_request(route).method == "HEAD"
    assert last_request(route).headers["X-Auth-Token"] == FAKE_TOKEN
    assert account.container_count == 3
    assert account.object_count == 12
    assert account.bytes_used == 4096
    assert account.quota_bytes == 1000000
    assert account.metadata == {"owner": "ops", "quota-bytes": "1000000"}
    assert account.temp_url_key == "s3cret-key"
    assert account.temp_url_key_2 == "other-key"
    assert account.timestamp == 1714555555.12345
    assert account.trans_id == "tx123"
    assert account.date == datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc)
    assert account.raw["x-account-storage-policy-policy-0-bytes-used"] == "4096"
    assert "s3cret-key" not in repr(account)
    assert "other-key" not in repr(account)


async def test_get_of_a_new_account_has_zero_counters(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.head(ACCOUNT).respond(204, headers={"X-Account-Container-Count": "0"})
    account = await accounts.get(swift)
    assert (account.container_count, account.object_count, account.bytes_used) == (0, 0, 0)
    assert account.temp_url_key is None
    assert account.metadata == {}


async def test_get_rejects_a_counter_that_is_not_a_number(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    cloud.router.head(ACCOUNT).respond(204, headers={"X-Account-Object-Count": "many"})
    with pytest.raises(errors.ResponseFormatError):
        await accounts.get(swift)


async def test_update_sets_and_removes_metadata_and_keys(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.post(ACCOUNT).respond(204)

    await accounts.update(
        swift,
        accounts.UpdateOpts(
            metadata={"Owner": "ops", "Cost-Center": "42"},
            remove_metadata=["Old"],
            temp_url_key="k1",
            temp_url_key_2="k2",
        ),
    )

    headers = last_request(route).headers
    assert headers["X-Account-Meta-Owner"] == "ops"
    assert headers["X-Account-Meta-Cost-Center"] == "42"
    assert headers["X-Remove-Account-Meta-Old"] == "x"
    assert headers["X-Account-Meta-Temp-URL-Key"] == "k1"
    assert headers["X-Account-Meta-Temp-URL-Key-2"] == "k2"
    assert "k1" not in repr(accounts.UpdateOpts(temp_url_key="k1"))


@pytest.mark.parametrize(
    ("opts", "field"),
    [
        (accounts.UpdateOpts(metadata={"bad name": "x"}), "metadata"),
        (accounts.UpdateOpts(metadata={"Owner": "caf\u00e9"}), "metadata"),
        (accounts.UpdateOpts(metadata={"Owner": "a\r\nX-Evil: 1"}), "metadata"),
        (accounts.UpdateOpts(remove_metadata=["a:b"]), "remove_metadata"),
    ],
)
async def test_update_rejects_bad_metadata_before_any_request(
    cloud: MockCloud, swift: ServiceClient, opts: accounts.UpdateOpts, field: str
) -> None:
    route = cloud.router.post(ACCOUNT).respond(204)
    with pytest.raises(errors.InvalidOptions) as caught:
        await accounts.update(swift, opts)
    assert caught.value.field == field
    assert not route.called


async def test_forbidden_and_server_errors(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.post(ACCOUNT).respond(403, text="<html><h1>Forbidden</h1></html>")
    with pytest.raises(errors.Forbidden):
        await accounts.update(swift, accounts.UpdateOpts(metadata={"a": "b"}))
    cloud.router.head(ACCOUNT).respond(500)
    with pytest.raises(errors.InternalServerError):
        await accounts.get(swift)


async def test_get_reauthenticates_on_a_stale_token(cloud: MockCloud, swift: ServiceClient) -> None:
    answers = iter([httpx.Response(401), httpx.Response(204, headers=ACCOUNT_HEADERS)])
    route = cloud.router.head(ACCOUNT).mock(side_effect=lambda request: next(answers))

    account = await accounts.get(swift)

    assert account.object_count == 12
    assert route.call_count == 2
    assert cloud.token_route.call_count == 2


async def test_dropped_connection_and_timeout(cloud: MockCloud, swift: ServiceClient) -> None:
    cloud.router.head(ACCOUNT).mock(side_effect=httpx.RemoteProtocolError("peer closed"))
    with pytest.raises(errors.ConnectionFailed):
        await accounts.get(swift)
    cloud.router.post(ACCOUNT).mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(errors.TimedOut):
        await accounts.update(swift, accounts.UpdateOpts(metadata={"a": "b"}))
