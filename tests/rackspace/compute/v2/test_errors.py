"""rackspace/compute/v2: Rackspace's error answers (404, 409, 413 over limit) and malformed JSON."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from aiocloud import Retry, errors
from aiocloud.rackspace.compute.v2 import (
    flavors,
    images,
    keypairs,
    networks,
    servers,
    virtualinterfaces,
)
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import RAX_COMPUTE, nova_error, rax_over_limit

SERVER_ID = "8c65cb68-0681-4c30-bc88-6b83a8a26aee"
NET_ID = "1f84c238-b05a-4374-a0cb-aa6140032cd1"
VIF_ID = "de7c6d53-b895-4b4a-963c-517ccb0f0775"

Call = Callable[[ServiceClient], Awaitable[Any]]


async def _all(pager: Any) -> Any:
    return await pager.all()


# (name, method, path below the endpoint, the call, whether it reads a JSON answer)
OPERATIONS: list[tuple[str, str, str, Call, bool]] = [
    (
        "servers.create",
        "POST",
        "servers",
        lambda c: servers.create(
            c, servers.CreateOpts(name="web", image_ref="img", flavor_ref="general1-1")
        ),
        True,
    ),
    ("servers.list", "GET", "servers/detail", lambda c: _all(servers.list(c)), True),
    ("servers.get", "GET", f"servers/{SERVER_ID}", lambda c: servers.get(c, SERVER_ID), True),
    (
        "servers.resize",
        "POST",
        f"servers/{SERVER_ID}/action",
        lambda c: servers.resize(c, SERVER_ID, servers.ResizeOpts(flavor_ref="general1-2")),
        False,
    ),
    ("flavors.list", "GET", "flavors/detail", lambda c: _all(flavors.list(c)), True),
    ("flavors.get", "GET", "flavors/general1-1", lambda c: flavors.get(c, "general1-1"), True),
    ("images.list", "GET", "images/detail", lambda c: _all(images.list(c)), True),
    ("keypairs.get", "GET", "os-keypairs/deploy", lambda c: keypairs.get(c, "deploy"), True),
    ("networks.list", "GET", "os-networksv2", lambda c: _all(networks.list(c)), True),
    (
        "networks.create",
        "POST",
        "os-networksv2",
        lambda c: networks.create(c, networks.CreateOpts(label="db", cidr="172.16.0.0/24")),
        True,
    ),
    ("networks.get", "GET", f"os-networksv2/{NET_ID}", lambda c: networks.get(c, NET_ID), True),
    (
        "networks.delete",
        "DELETE",
        f"os-networksv2/{NET_ID}",
        lambda c: networks.delete(c, NET_ID),
        False,
    ),
    (
        "virtualinterfaces.list",
        "GET",
        f"servers/{SERVER_ID}/os-virtual-interfacesv2",
        lambda c: _all(virtualinterfaces.list(c, SERVER_ID)),
        True,
    ),
    (
        "virtualinterfaces.create",
        "POST",
        f"servers/{SERVER_ID}/os-virtual-interfacesv2",
        lambda c: virtualinterfaces.create(c, SERVER_ID, NET_ID),
        True,
    ),
    (
        "virtualinterfaces.delete",
        "DELETE",
        f"servers/{SERVER_ID}/os-virtual-interfacesv2/{VIF_ID}",
        lambda c: virtualinterfaces.delete(c, SERVER_ID, VIF_ID),
        False,
    ),
]
IDS = [operation[0] for operation in OPERATIONS]


@pytest.fixture
async def cloud() -> AsyncIterator[MockCloud]:
    """A mocked cloud whose provider never retries: each answer is seen once."""
    async with MockCloud(retry=Retry.disabled()) as mock:
        yield mock


REQUEST_ID = "req-889f3f67-e02e-416c-9d91-9e3bb33e766d"
FAILURES: dict[str, tuple[Callable[[], httpx.Response], type[errors.HTTPError], str]] = {
    "404": (
        lambda: httpx.Response(
            404,
            json=nova_error(404, "itemNotFound", "Instance could not be found"),
            headers={"X-Compute-Request-Id": REQUEST_ID},
        ),
        errors.NotFound,
        "itemNotFound: Instance could not be found",
    ),
    "413": (
        lambda: rax_over_limit("20"),
        errors.RequestEntityTooLarge,
        "overLimit: OverLimit Retry...",
    ),
}


@pytest.mark.parametrize("failure", sorted(FAILURES))
@pytest.mark.parametrize(("name", "method", "path", "call", "parses"), OPERATIONS, ids=IDS)
async def test_error_answers(
    cloud: MockCloud,
    compute: ServiceClient,
    name: str,
    method: str,
    path: str,
    call: Call,
    parses: bool,
    failure: str,
) -> None:
    answer, kind, message = FAILURES[failure]
    route = cloud.router.route(method=method, url=f"{RAX_COMPUTE}/{path}")
    route.return_value = answer()
    with pytest.raises(kind) as caught:
        await call(compute)
    assert route.call_count == 1
    assert (caught.value.status_code, caught.value.message) == (int(failure), message)
    if failure == "404":
        assert caught.value.request_id == REQUEST_ID
    else:  # Rackspace's rate limit says when to come back
        assert errors.parse_retry_after(caught.value.headers.get("retry-after")) == 20.0


@pytest.mark.parametrize(
    ("name", "method", "path", "call"),
    [operation[:4] for operation in OPERATIONS if operation[4]],
    ids=[operation[0] for operation in OPERATIONS if operation[4]],
)
async def test_malformed_json(
    cloud: MockCloud, compute: ServiceClient, name: str, method: str, path: str, call: Call
) -> None:
    status = 202 if name == "servers.create" else 200
    cloud.router.route(method=method, url=f"{RAX_COMPUTE}/{path}").respond(
        status, content=b'{"truncated": [', headers={"Content-Type": "application/json"}
    )
    with pytest.raises(errors.ResponseFormatError):
        await call(compute)


@pytest.mark.parametrize(
    ("answer", "call"),
    [
        ({"network": {"id": 5, "label": "db"}}, lambda c: networks.get(c, NET_ID)),
        ({"networks": {"id": NET_ID}}, lambda c: _all(networks.list(c))),
        (
            {"virtual_interfaces": [{"mac_address": "BC:76"}]},
            lambda c: _all(virtualinterfaces.list(c, SERVER_ID)),
        ),
        (
            {"flavor": {"id": "x", "name": "y", "OS-FLV-WITH-EXT-SPECS:extra_specs": []}},
            lambda c: flavors.get(c, "general1-1"),
        ),
    ],
)
async def test_wrong_shapes(
    cloud: MockCloud, compute: ServiceClient, answer: dict[str, Any], call: Call
) -> None:
    cloud.router.route(host="dfw.servers.api.rackspacecloud.com").respond(200, json=answer)
    with pytest.raises(errors.ResponseFormatError):
        await call(compute)


@pytest.mark.parametrize(
    ("method", "path", "call", "kind", "message"),
    [
        (
            "POST",
            f"servers/{SERVER_ID}/action",
            lambda c: servers.revert_resize(c, SERVER_ID),
            "conflictingRequest",
            "Cannot 'revertResize' instance while it is in vm_state active",
        ),
        (
            "DELETE",
            f"os-networksv2/{NET_ID}",
            lambda c: networks.delete(c, NET_ID),
            "conflictingRequest",
            "Network in use: delete the virtual interfaces attached to it first",
        ),
        (
            "POST",
            "os-keypairs",
            lambda c: keypairs.create(c, keypairs.CreateOpts(name="deploy")),
            "conflictingRequest",
            "Key pair 'deploy' already exists.",
        ),
        (
            "POST",
            f"servers/{SERVER_ID}/os-virtual-interfacesv2",
            lambda c: virtualinterfaces.create(c, SERVER_ID, NET_ID),
            "conflictingRequest",
            "Server is already attached to that network",
        ),
    ],
)
async def test_conflict(
    cloud: MockCloud,
    compute: ServiceClient,
    method: str,
    path: str,
    call: Call,
    kind: str,
    message: str,
) -> None:
    cloud.router.route(method=method, url=f"{RAX_COMPUTE}/{path}").respond(
        409, json=nova_error(409, kind, message)
    )
    with pytest.raises(errors.Conflict) as caught:
        await call(compute)
    assert caught.value.message == f"{kind}: {message}"


async def test_over_limit_with_a_date(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.get(f"{RAX_COMPUTE}/servers/{SERVER_ID}")
    route.return_value = rax_over_limit("Fri, 31 Dec 1999 23:59:59 GMT")
    with pytest.raises(errors.RequestEntityTooLarge) as caught:
        await servers.get(compute, SERVER_ID)
    assert errors.parse_retry_after(caught.value.headers.get("retry-after")) == 0.0


async def test_a_server_answer_without_json(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(f"{RAX_COMPUTE}/servers/{SERVER_ID}").respond(
        200, content=b"<html>Service Unavailable</html>", headers={"Content-Type": "text/html"}
    )
    with pytest.raises(errors.ResponseFormatError):
        await servers.get(compute, SERVER_ID)
