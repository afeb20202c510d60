"""Fuzzing Rackspace's own models with hostile answers: a correct model or an aiocloud error.

The OpenStack models Rackspace re-exports are fuzzed in tests/test_fuzz_answers.py;
these are what Rackspace adds: flavor extra specs, isolated networks, virtual
interfaces, numeric volume type ids, CDN containers and the token's default region.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud.rackspace.blockstorage.v1 import volumetypes
from aiocloud.rackspace.compute.v2 import flavors, networks, virtualinterfaces
from aiocloud.rackspace.identity.v2 import tokens
from aiocloud.rackspace.objectstorage.v1 import cdncontainers
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud, token_v2_body
from tests.helpers import Call, _all_pages, _mutated, _run_fuzz

# The fuzz runner answers every request to cloud.test with the drawn answer.
_COMPUTE = "https://cloud.test:8774/v2/864477/"
_CBS = "https://cloud.test:8776/v1/864477/"
_CDN = "https://cloud.test:8081/v1/MossoCloudFS_1/"

_FLAVOR = {
    "id": "performance1-1",
    "name": "1 GB Performance",
    "ram": 1024,
    "disk": 20,
    "vcpus": 1,
    "swap": "",
    "rxtx_factor": 200.0,
    "OS-FLV-EXT-DATA:ephemeral": 0,
    "OS-FLV-WITH-EXT-SPECS:extra_specs": {
        "class": "performance1",
        "policy_class": "performance_flavor",
        "resize_policy_class": "performance_flavor",
        "number_of_data_disks": "0",
        "disk_io_index": "40",
    },
    "links": [],
}
_NETWORK = {
    "id": "1c1b8b8e-52c8-4c07-9ff2-2bd5d6c9a3f2",
    "label": "backend",
    "cidr": "192.168.3.0/24",
}
_INTERFACE = {
    "id": "a3ba1e9e-9b4a-4e5d-9c83-5ff9e1a7b1d2",
    "mac_address": "BC:76:4E:11:22:33",
    "ip_addresses": [
        {"address": "192.168.3.2", "network_id": _NETWORK["id"], "network_label": "backend"}
    ],
}
_CDN_CONTAINER = {
    "name": "site",
    "cdn_enabled": True,
    "ttl": 259200,
    "log_retention": False,
    "cdn_uri": "http://a1.cf1.rackcdn.com",
    "cdn_ssl_uri": "https://a1.ssl.cf1.rackcdn.com",
    "cdn_streaming_uri": "http://a1.r1.stream.cf1.rackcdn.com",
    "cdn_ios_uri": "http://a1.iosr.cf1.rackcdn.com",
}


def _compute(call: Any) -> Call:
    async def run(cloud: MockCloud) -> Any:
        return await call(ServiceClient(cloud.provider, _COMPUTE, type="compute"))

    return run


def _client(url: str, service_type: str, call: Any) -> Call:
    async def run(cloud: MockCloud) -> Any:
        return await call(ServiceClient(cloud.provider, url, type=service_type))

    return run


def _rax_token_body() -> dict[str, Any]:
    body = token_v2_body()
    body["access"]["user"]["RAX-AUTH:defaultRegion"] = "DFW"
    return body


async def _default_region(cloud: MockCloud) -> Any:
    identity = ServiceClient(cloud.provider, "https://cloud.test:5000/v2.0/", type="identity")
    token = await tokens.get(identity, "other-token")
    return tokens.default_region(token)


_CASES = [
    ("flavors.get", {"flavor": _FLAVOR}, _compute(lambda c: flavors.get(c, "performance1-1"))),
    (
        "flavors.list",
        {"flavors": [_FLAVOR]},
        _compute(lambda c: _all_pages(flavors.list(c))),
    ),
    ("networks.get", {"network": _NETWORK}, _compute(lambda c: networks.get(c, "n1"))),
    ("networks.list", {"networks": [_NETWORK]}, _compute(lambda c: _all_pages(networks.list(c)))),
    (
        "virtualinterfaces.list",
        {"virtual_interfaces": [_INTERFACE]},
        _compute(lambda c: _all_pages(virtualinterfaces.list(c, "s1"))),
    ),
    (
        "virtualinterfaces.create",
        {"virtual_interfaces": [_INTERFACE]},
        _compute(lambda c: virtualinterfaces.create(c, "s1", _NETWORK["id"])),
    ),
    (
        "volumetypes.list",
        {"volume_types": [{"id": 1, "name": "SATA", "extra_specs": {}}]},
        _client(
            _CBS,
            "volume",
            lambda c: _all_pages(volumetypes.list(c)),
        ),
    ),
    (
        "cdncontainers.list",
        [_CDN_CONTAINER],
        _client(
            _CDN,
            "rax:object-cdn",
            lambda c: _all_pages(cdncontainers.list(c)),
        ),
    ),
    ("tokens.default_region", _rax_token_body(), _default_region),
]


@pytest.mark.parametrize(("body", "call"), [c[1:] for c in _CASES], ids=[c[0] for c in _CASES])
def test_hostile_json_answers(body: Any, call: Call) -> None:
    _run_fuzz(lambda data: {"json": _mutated(data, body)}, call)
