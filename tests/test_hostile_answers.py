"""Hostile answers named in issue 9: each gives ResponseFormatError, never a bare Python error."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from aiocloud import errors, openstack
from aiocloud.endpoints import ServiceCatalog
from aiocloud.models import structure
from aiocloud.openstack.compute.v2 import flavors, servers
from aiocloud.openstack.identity.v2 import tokens as tokens_v2
from aiocloud.openstack.identity.v3 import tokens as tokens_v3
from aiocloud.openstack.objectstorage.v1 import containers, objects
from aiocloud.testing import FAKE_TOKEN, MockCloud, token_v2_body, token_v3_body
from aiocloud.timestamps import parse_timestamp


@pytest.mark.parametrize(
    "changes",
    [
        {"addresses": 0},
        {"metadata": 0},
        {"metadata": {"a": 1}},
        {"security_groups": [{}]},
        {"security_groups": True},
        {"created": 5.0e20},
        {"created": []},
    ],
)
async def test_wrong_shapes_of_lazy_server_attributes(cloud: MockCloud, changes: Any) -> None:
    cloud.router.get(cloud.url("compute", "servers/x")).respond(
        json={"server": {"id": "x", **changes}}
    )
    server = await servers.get(await openstack.new_compute_v2(cloud.provider), "x")
    name = next(iter(changes))
    with pytest.raises(errors.ResponseFormatError):
        getattr(server, "created" if name == "created" else name)


@pytest.mark.parametrize(
    "server",
    [{"id": None}, {"id": {}}, {"id": "x", "name": ["n"]}, {"id": "x", "progress": True}, {}],
)
async def test_required_and_typed_fields_are_checked(server: Any) -> None:
    with pytest.raises(errors.ResponseFormatError, match=r"Server\.(id|name|progress)"):
        structure(server, servers.Server)


def test_float_fields_take_integers_and_int_fields_refuse_floats() -> None:
    flavor = structure({"id": "f", "name": "n", "rxtx_factor": 2}, flavors.Flavor)
    assert flavor.rxtx_factor == 2.0
    with pytest.raises(errors.ResponseFormatError, match=r"Flavor\.ram"):
        structure({"id": "f", "name": "n", "ram": 1.5}, flavors.Flavor)


@pytest.mark.parametrize("extra_specs", [0, [], {"a": 1}])
def test_flavor_extra_specs_of_the_wrong_shape(extra_specs: Any) -> None:
    with pytest.raises(errors.ResponseFormatError, match=r"Flavor\.extra_specs"):
        structure({"id": "f", "name": "n", "extra_specs": extra_specs}, flavors.Flavor)


@pytest.mark.parametrize("body", [[{"name": 0}], None, [1], {}, [{"subdir": None}]])
async def test_name_only_swift_listings(cloud: MockCloud, body: Any) -> None:
    swift = await openstack.new_object_storage_v1(cloud.provider)
    cloud.router.get(url__startswith=cloud.url("object-store", "c")).respond(json=body)
    cloud.router.get(url__regex=r"/AUTH_[0-9a-f]+(\?.*)?$").respond(json=body)
    with pytest.raises(errors.ResponseFormatError):
        await objects.list(swift, "c").all()
    with pytest.raises(errors.ResponseFormatError):
        await containers.list(swift).all()


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Container-Object-Count": "abc"},
        {"X-Container-Bytes-Used": " 12"},
        {"X-Timestamp": "x"},
        {"X-Timestamp": "nan"},
        {"Last-Modified": "yesterday"},
    ],
)
async def test_garbage_swift_headers(cloud: MockCloud, headers: dict[str, str]) -> None:
    swift = await openstack.new_object_storage_v1(cloud.provider)
    cloud.router.head(cloud.url("object-store", "c")).respond(204, headers=headers)
    with pytest.raises(errors.ResponseFormatError):
        await containers.get(swift, "c")


def _v3_token(**changes: Any) -> dict[str, Any]:
    body = token_v3_body()
    body["token"].update(changes)
    return body


@pytest.mark.parametrize(
    "body",
    [
        _v3_token(methods=5),
        _v3_token(roles=[0]),
        _v3_token(roles=[{"name": 1}]),
        _v3_token(expires_at=12.5e20),
        _v3_token(expires_at=[]),
        _v3_token(catalog=[{"type": []}]),
        _v3_token(catalog={"type": "x"}),
        _v3_token(catalog=[{"type": "x", "endpoints": [{"url": 1, "interface": "public"}]}]),
        _v3_token(user=7),
        {"token": 1},
    ],
)
async def test_hostile_v3_token_answers(cloud: MockCloud, body: Any) -> None:
    identity = await openstack.new_identity_v3(cloud.provider)
    cloud.token_route.side_effect = lambda request: httpx.Response(
        201, json=body, headers={"X-Subject-Token": FAKE_TOKEN}
    )
    with pytest.raises(errors.ResponseFormatError):
        await tokens_v3.create(identity, cloud.auth_options)


async def test_a_v3_token_answer_without_a_token_id(cloud: MockCloud) -> None:
    identity = await openstack.new_identity_v3(cloud.provider)
    cloud.token_route.side_effect = lambda request: httpx.Response(201, json=token_v3_body())
    with pytest.raises(errors.ResponseFormatError, match="X-Subject-Token"):
        await tokens_v3.create(identity, cloud.auth_options)


def _v2_access(**changes: Any) -> dict[str, Any]:
    body = token_v2_body()
    body["access"].update(changes)
    return body


@pytest.mark.parametrize(
    "body",
    [
        _v2_access(token={"id": 5}),
        _v2_access(token={"id": "t", "expires": 3.0e20}),
        _v2_access(user={"roles": [0]}),
        _v2_access(serviceCatalog=[{"type": []}]),
        _v2_access(serviceCatalog=[{"type": "x", "endpoints": [{"publicURL": 1}]}]),
        {"access": []},
    ],
)
async def test_hostile_v2_token_answers(body: Any) -> None:
    async with MockCloud("v2.0") as cloud:
        identity = await openstack.new_identity_v2(cloud.provider)
        cloud.token_route.side_effect = lambda request: httpx.Response(200, json=body)
        with pytest.raises(errors.ResponseFormatError):
            await tokens_v2.create(identity, cloud.auth_options)


@pytest.mark.parametrize("catalog", [None, 5, [None], [{"type": "x", "endpoints": None}]])
def test_malformed_catalogs(catalog: Any) -> None:
    with pytest.raises(errors.ResponseFormatError):
        ServiceCatalog.from_v3(catalog)
    with pytest.raises(errors.ResponseFormatError):
        ServiceCatalog.from_v2(catalog)


@pytest.mark.parametrize("value", [5, None, ["2024"], "0001-01-01T00:00:00+01:00"])
def test_parse_timestamp_refuses_what_is_no_timestamp(value: Any) -> None:
    with pytest.raises(errors.ResponseFormatError):
        parse_timestamp(value)
