"""Rackspace's own operations refuse ids and names that would reach another resource."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from aiocloud import errors
from aiocloud.rackspace.blockstorage.v1 import volumetypes
from aiocloud.rackspace.compute.v2 import networks, virtualinterfaces
from aiocloud.rackspace.identity.v2 import tokens
from aiocloud.rackspace.objectstorage.v1 import cdncontainers, cdnobjects
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud

Operation = Callable[[Callable[[str], ServiceClient], Any], Awaitable[Any]]

OPERATIONS: dict[str, Operation] = {
    "networks.delete": lambda c, v: networks.delete(c("compute"), v),
    "virtualinterfaces.delete server": lambda c, v: virtualinterfaces.delete(c("compute"), v, "i"),
    "virtualinterfaces.delete": lambda c, v: virtualinterfaces.delete(c("compute"), "s", v),
    "virtualinterfaces.create": lambda c, v: virtualinterfaces.create(c("compute"), v, "n"),
    "volumetypes.get": lambda c, v: volumetypes.get(c("volume"), v),
    "tokens.validate": lambda c, v: tokens.validate(c("identity"), v),
    "tokens.revoke": lambda c, v: tokens.revoke(c("identity"), v),
    "cdncontainers.get": lambda c, v: cdncontainers.get(c("rax:object-cdn"), v),
    "cdncontainers.disable": lambda c, v: cdncontainers.disable(c("rax:object-cdn"), v),
    "cdnobjects.purge container": lambda c, v: cdnobjects.purge(c("rax:object-cdn"), v, "a"),
    "cdnobjects.purge object": lambda c, v: cdnobjects.purge(c("rax:object-cdn"), "site", v),
}


_LEGITIMATE = {
    ("tokens.revoke", None),  # revoke the provider's own token
    ("cdnobjects.purge object", "a/b"),  # an object name may hold slashes
}


BAD = [".", "..", "", "a/..", "../x", "a/b", 123, None]
CASES = [(op, bad) for op in OPERATIONS for bad in BAD if (op, bad) not in _LEGITIMATE]


@pytest.mark.parametrize(("operation", "bad"), CASES, ids=[f"{op}-{bad!r}" for op, bad in CASES])
async def test_bad_ids_send_nothing(cloud: MockCloud, operation: str, bad: Any) -> None:
    def client(service_type: str) -> ServiceClient:
        return ServiceClient(
            cloud.provider, f"https://{service_type[-3:]}.test/v1/", type=service_type
        )

    anything = cloud.router.route().respond(204)
    with pytest.raises(errors.InvalidOptions):
        await OPERATIONS[operation](client, bad)
    assert anything.call_count == 0
