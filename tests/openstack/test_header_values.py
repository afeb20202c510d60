"""Header values from options that HTTP stacks cannot send as is are refused before any request.

A line break could inject a header; non-ASCII text fails inside httpx
(``UnicodeEncodeError``) and aiohttp; NUL and other control characters fail
inside h11 or aiohttp (a bare ``ValueError`` or a misleading ``ConnectionFailed``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from aiocloud import errors, openstack
from aiocloud.openstack.identity.v3 import tokens
from aiocloud.openstack.objectstorage.v1 import accounts, containers, objects, tempauth
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud

BAD_VALUES = ["x\r\nY: z", "x\ny", "x\rY", "a\x00b", "a\x7fb", "caf\u00e9", " x", "x "]

Operation = Callable[[ServiceClient, str], Awaitable[Any]]

SWIFT: dict[str, tuple[str, Operation]] = {
    "object metadata": (
        "metadata",
        lambda s, v: objects.update(s, "logs", "a", objects.UpdateOpts(metadata={"k": v})),
    ),
    "object content_type": (
        "content_type",
        lambda s, v: objects.update(s, "logs", "a", objects.UpdateOpts(content_type=v)),
    ),
    "create content_disposition": (
        "content_disposition",
        lambda s, v: objects.create(
            s, "logs", "a", b"x", objects.CreateOpts(content_disposition=v)
        ),
    ),
    "copy metadata": (
        "metadata",
        lambda s, v: objects.copy(s, "logs", "a", "logs", "b", objects.CopyOpts(metadata={"k": v})),
    ),
    "download if_match": (
        "if_match",
        lambda s, v: objects.download(
            s, "logs", "a", objects.DownloadOpts(if_match=v)
        ).__aenter__(),
    ),
    "container read_acl": (
        "read_acl",
        lambda s, v: containers.update(s, "logs", containers.UpdateOpts(read_acl=v)),
    ),
    "container storage_policy": (
        "storage_policy",
        lambda s, v: containers.create(s, "logs", containers.CreateOpts(storage_policy=v)),
    ),
    "container metadata": (
        "metadata",
        lambda s, v: containers.update(s, "logs", containers.UpdateOpts(metadata={"k": v})),
    ),
    "account temp_url_key": (
        "temp_url_key",
        lambda s, v: accounts.update(s, accounts.UpdateOpts(temp_url_key=v)),
    ),
    "account metadata": (
        "metadata",
        lambda s, v: accounts.update(s, accounts.UpdateOpts(metadata={"k": v})),
    ),
}


@pytest.fixture
async def swift(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_object_storage_v1(cloud.provider)


async def _refused(cloud: MockCloud, call: Awaitable[Any]) -> errors.InvalidOptions:
    anything = cloud.router.route().respond(204)
    with pytest.raises(errors.InvalidOptions) as caught:
        await call
    assert anything.call_count == 0
    return caught.value


@pytest.mark.parametrize("value", BAD_VALUES, ids=repr)
@pytest.mark.parametrize("operation", SWIFT)
async def test_swift_options_refuse_unsendable_values(
    cloud: MockCloud, swift: ServiceClient, operation: str, value: str
) -> None:
    field, call = SWIFT[operation]
    error = await _refused(cloud, call(swift, value))
    assert error.field == field


async def test_a_range_with_a_line_break_is_refused(cloud: MockCloud, swift: ServiceClient) -> None:
    opts = objects.DownloadOpts(range="bytes=0-1\r\nX-Evil: 1")
    error = await _refused(cloud, objects.download(swift, "logs", "a", opts).__aenter__())
    assert error.field == "range"


@pytest.mark.parametrize("key", ["a b", "a\r\nb", "caf\u00e9", "", "a:b"], ids=repr)
async def test_metadata_names_must_be_header_tokens(
    cloud: MockCloud, swift: ServiceClient, key: str
) -> None:
    opts = objects.UpdateOpts(metadata={key: "v"})
    error = await _refused(cloud, objects.update(swift, "logs", "a", opts))
    assert error.field == "metadata"


async def test_a_secret_is_not_repeated_in_the_error(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    opts = accounts.UpdateOpts(temp_url_key="s3cret\r\n")
    error = await _refused(cloud, accounts.update(swift, opts))
    assert "s3cret" not in str(error)


async def test_metadata_values_with_inner_spaces_and_tabs_are_sent(
    cloud: MockCloud, swift: ServiceClient
) -> None:
    route = cloud.router.post(url__regex=r"/logs/a$").respond(202)
    opts = objects.UpdateOpts(metadata={"k": "a b\tc", "empty": ""})
    await objects.update(swift, "logs", "a", opts)
    sent = route.calls.last.request.headers
    assert sent["x-object-meta-k"] == "a b\tc"
    assert sent["x-object-meta-empty"] == ""


@pytest.mark.parametrize("token_id", ["a\r\nX-Evil: 1", "caf\u00e9"], ids=repr)
async def test_identity_token_ids_are_checked(cloud: MockCloud, token_id: str) -> None:
    identity = await openstack.new_identity_v3(cloud.provider)
    error = await _refused(cloud, tokens.validate(identity, token_id))
    assert error.field == "token_id"


async def test_tempauth_credentials_are_checked() -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        await tempauth.authenticate("https://swift.test/auth/v1.0", "test:tester", "k\r\ney")
    assert caught.value.field == "key"
    assert "k\r\ney" not in str(caught.value)
