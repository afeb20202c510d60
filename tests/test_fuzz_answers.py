"""Fuzzing every service with hostile answers: a correct model or an aiocloud error, nothing else.

Each case takes a realistic answer, mutates it (values replaced by random
JSON, keys deleted, values wrapped in arrays), serves it for every request
but the token's, runs the operation, and checks that what comes back holds
values of its annotated types, every property of every model included.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import pytest
from hypothesis import strategies as st

from aiocloud import EndpointOpts, errors, openstack
from aiocloud.auth import AuthOptions
from aiocloud.openstack.blockstorage.v1 import snapshots as snapshots_v1
from aiocloud.openstack.blockstorage.v1 import volumes as volumes_v1
from aiocloud.openstack.blockstorage.v1 import volumetypes as volumetypes_v1
from aiocloud.openstack.blockstorage.v2 import snapshots as snapshots_v2
from aiocloud.openstack.blockstorage.v2 import volumes as volumes_v2
from aiocloud.openstack.blockstorage.v2 import volumetypes as volumetypes_v2
from aiocloud.openstack.blockstorage.v3 import snapshots as snapshots_v3
from aiocloud.openstack.blockstorage.v3 import volumes as volumes_v3
from aiocloud.openstack.blockstorage.v3 import volumetypes as volumetypes_v3
from aiocloud.openstack.compute.v2 import flavors, images, servers
from aiocloud.openstack.compute.v2.extensions import keypairs
from aiocloud.openstack.identity.v2 import tokens as tokens_v2
from aiocloud.openstack.identity.v3 import tokens as tokens_v3
from aiocloud.openstack.networking.v2 import networks, ports, subnets
from aiocloud.openstack.networking.v2.extensions.layer3 import floatingips, routers
from aiocloud.openstack.networking.v2.extensions.security import groups
from aiocloud.openstack.objectstorage.v1 import accounts, containers, objects
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud, token_v2_body, token_v3_body
from tests.helpers import (
    _CINDER,
    _COMPUTE,
    _NETWORK,
    _SWIFT,
    Call,
    _all_pages,
    _mutated,
    _run_fuzz,
    _sample,
    server_body,
    snapshot_body,
    type_body,
    volume_body,
)

# -- hostile headers ------------------------------------------------------------------


def _hostile_headers(data: st.DataObject, headers: Mapping[str, str]) -> dict[str, str]:
    """``headers`` with values replaced by random (header-safe) text, some removed."""
    text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12)
    changed = dict(headers)
    for name in data.draw(st.lists(st.sampled_from(sorted(headers)), min_size=1, max_size=3)):
        if data.draw(st.booleans()):
            changed[name] = data.draw(text | st.sampled_from(["-1", "1e999", "nan", "", "x"]))
        else:
            changed.pop(name, None)
    return changed


# -- the cases ------------------------------------------------------------------------


def _crud(
    name: str,
    client: Callable[[MockCloud], Awaitable[ServiceClient]],
    module: Any,
    key: str,
    body: dict[str, Any],
    create: Any,
    item_id: str = "id-1",
) -> list[tuple[str, Any, Call]]:
    """get, list and create cases of a JSON resource whose object is under ``key``."""

    async def get(cloud: MockCloud) -> Any:
        return await module.get(await client(cloud), item_id)

    async def list_(cloud: MockCloud) -> Any:
        return await _all_pages(module.list(await client(cloud)))

    async def create_(cloud: MockCloud) -> Any:
        return await module.create(await client(cloud), create)

    cases: list[tuple[str, Any, Call]] = [
        (f"{name}.get", {key: body}, get),
        (f"{name}.list", {key + "s": [body, body]}, list_),
    ]
    if create is not None:
        cases.append((f"{name}.create", {key: body}, create_))
    return cases


def _network_cases() -> list[tuple[str, Any, Call]]:
    return [
        *_crud(
            "networks",
            _NETWORK,
            networks,
            "network",
            _sample(networks.Network),
            networks.CreateOpts(name="n"),
        ),
        *_crud(
            "subnets",
            _NETWORK,
            subnets,
            "subnet",
            _sample(subnets.Subnet),
            subnets.CreateOpts(network_id="n", cidr="10.0.0.0/24", ip_version=4),
        ),
        *_crud(
            "ports", _NETWORK, ports, "port", _sample(ports.Port), ports.CreateOpts(network_id="n")
        ),
        *_crud(
            "routers",
            _NETWORK,
            routers,
            "router",
            _sample(routers.Router),
            routers.CreateOpts(name="r"),
        ),
        *_crud(
            "floatingips",
            _NETWORK,
            floatingips,
            "floatingip",
            _sample(floatingips.FloatingIP),
            floatingips.CreateOpts(floating_network_id="n"),
        ),
        *_crud(
            "security_groups",
            _NETWORK,
            groups,
            "security_group",
            _sample(groups.SecGroup),
            groups.CreateOpts(name="g"),
        ),
    ]


def _compute_cases() -> list[tuple[str, Any, Call]]:
    flavor = {**_sample(flavors.Flavor), "swap": "", "rxtx_factor": 1.0, "extra_specs": {"a": "b"}}
    return [
        *_crud(
            "servers",
            _COMPUTE,
            servers,
            "server",
            server_body(),
            servers.CreateOpts(name="s", image_ref="i", flavor_ref="f"),
        ),
        *_crud(
            "flavors",
            _COMPUTE,
            flavors,
            "flavor",
            flavor,
            flavors.CreateOpts(name="f", ram=1, vcpus=1, disk=1),
        ),
        *_crud("images", _COMPUTE, images, "image", _sample(images.Image), None),
        *_crud(
            "keypairs",
            _COMPUTE,
            keypairs,
            "keypair",
            _sample(keypairs.KeyPair),
            keypairs.CreateOpts(name="k"),
        ),
    ]


def _block_storage_cases() -> list[tuple[str, Any, Call]]:
    cases = []
    for version, (volumes, snapshots, volumetypes) in {
        "v1": (volumes_v1, snapshots_v1, volumetypes_v1),
        "v2": (volumes_v2, snapshots_v2, volumetypes_v2),
        "v3": (volumes_v3, snapshots_v3, volumetypes_v3),
    }.items():
        client = _CINDER[version]
        cases += _crud(
            f"volumes {version}",
            client,
            volumes,
            "volume",
            volume_body(version),
            volumes.CreateOpts(size=1),
        )
        cases += _crud(
            f"snapshots {version}",
            client,
            snapshots,
            "snapshot",
            snapshot_body(version),
            snapshots.CreateOpts(volume_id="v"),
        )
        cases += _crud(
            f"volumetypes {version}", client, volumetypes, "volume_type", type_body(), None
        )
    return cases


_OBJECT = {
    "name": "a/b",
    "bytes": 3,
    "hash": "h",
    "content_type": "text/plain",
    "last_modified": "2024-05-01T10:00:00.123456",
}
_CONTAINER = {"name": "c", "count": 1, "bytes": 3, "last_modified": "2024-05-01T10:00:00.123456"}


def _listing(call: Callable[[ServiceClient], Any]) -> Call:
    async def run(cloud: MockCloud) -> Any:
        return await _all_pages(call(await _SWIFT(cloud)))

    return run


def _object_storage_cases() -> list[tuple[str, Any, Call]]:
    return [
        (
            "objects.list names",
            [_OBJECT, {"subdir": "d/"}],
            _listing(lambda c: objects.list(c, "c")),
        ),
        (
            "objects.list full",
            [_OBJECT],
            _listing(lambda c: objects.list(c, "c", objects.ListOpts(full=True))),
        ),
        (
            "objects.list dirs",
            [_OBJECT, {"subdir": "d/"}],
            _listing(lambda c: objects.list(c, "c", objects.ListOpts(full=True, delimiter="/"))),
        ),
        ("containers.list names", [_CONTAINER], _listing(lambda c: containers.list(c))),
        (
            "containers.list full",
            [_CONTAINER],
            _listing(lambda c: containers.list(c, containers.ListOpts(full=True))),
        ),
    ]


async def _token_v3(cloud: MockCloud) -> Any:
    identity = await openstack.new_identity_v3(cloud.provider)
    token = await tokens_v3.create(identity, cloud.auth_options)
    await _locate(token)
    return token


async def _token_v3_get(cloud: MockCloud) -> Any:
    token = await tokens_v3.get(await openstack.new_identity_v3(cloud.provider), "other")
    await _locate(token)
    return token


async def _locate(token: Any) -> None:
    with contextlib.suppress(errors.ServiceNotFound, errors.EndpointNotFound):
        token.catalog.locate(EndpointOpts(type="compute"))


async def _token_v2(cloud: MockCloud) -> Any:
    identity = ServiceClient(cloud.provider, "https://cloud.test:5000/v2.0/", type="identity")
    options = AuthOptions(
        identity_endpoint="https://cloud.test:5000/v2.0/", username="u", password="p"
    )
    token = await tokens_v2.create(identity, options)
    await _locate(token)
    return token


_JSON_CASES = [
    ("tokens v3 create", token_v3_body(), _token_v3),
    ("tokens v3 get", token_v3_body(), _token_v3_get),
    ("tokens v2 create", token_v2_body(), _token_v2),
    *_compute_cases(),
    *_network_cases(),
    *_block_storage_cases(),
    *_object_storage_cases(),
]


@pytest.mark.parametrize(
    ("body", "call"), [case[1:] for case in _JSON_CASES], ids=[case[0] for case in _JSON_CASES]
)
def test_hostile_json_answers(body: Any, call: Call) -> None:
    _run_fuzz(lambda data: {"json": _mutated(data, body)}, call)


_ACCOUNT_HEADERS = {
    "X-Account-Container-Count": "2",
    "X-Account-Object-Count": "10",
    "X-Account-Bytes-Used": "1024",
    "X-Account-Meta-Color": "blue",
    "X-Timestamp": "1714557600.12345",
    "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
}
_CONTAINER_HEADERS = {
    "X-Container-Object-Count": "10",
    "X-Container-Bytes-Used": "1024",
    "X-Container-Meta-Quota-Bytes": "100",
    "X-Versions-Enabled": "true",
    "X-Timestamp": "1714557600.12345",
    "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
}
_OBJECT_HEADERS = {
    "Content-Length": "3",
    "Content-Type": "text/plain",
    "ETag": '"900150983cd24fb0d6963f7d28e17f72"',
    "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
    "X-Delete-At": "1714557600",
    "X-Static-Large-Object": "True",
    "X-Timestamp": "1714557600.12345",
}


async def _head_account(cloud: MockCloud) -> Any:
    return await accounts.get(await _SWIFT(cloud))


async def _head_container(cloud: MockCloud) -> Any:
    return await containers.get(await _SWIFT(cloud), "c")


async def _head_object(cloud: MockCloud) -> Any:
    return await objects.get(await _SWIFT(cloud), "c", "o")


@pytest.mark.parametrize(
    ("headers", "call"),
    [
        (_ACCOUNT_HEADERS, _head_account),
        (_CONTAINER_HEADERS, _head_container),
        (_OBJECT_HEADERS, _head_object),
    ],
    ids=["account", "container", "object"],
)
def test_hostile_swift_headers(headers: dict[str, str], call: Call) -> None:
    _run_fuzz(lambda data: {"status": 204, "headers": _hostile_headers(data, headers)}, call)
