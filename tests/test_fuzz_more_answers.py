"""Fuzzing the operations test_fuzz_answers leaves out with hostile answers.

Security group rules, LBaaS v1, identity v3 services/endpoints, identity v2
tenants and extensions, API version documents, shared extensions, Swift
``/info``, large objects and bulk-delete reports, compute server actions that
answer bodies, flavor extra specs, generated keypairs, block storage actions
and Cinder's user messages. As there: a realistic answer is mutated and
served, and the operation must give a value of its annotated type (every
attrs field and property of every model checked) or an aiocloud error.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiocloud import errors, openstack
from aiocloud.openstack.blockstorage.v1 import apiversions as cinder_versions_v1
from aiocloud.openstack.blockstorage.v2 import apiversions as cinder_versions_v2
from aiocloud.openstack.blockstorage.v3 import apiversions as cinder_versions_v3
from aiocloud.openstack.blockstorage.v3 import volumes as volumes_v3
from aiocloud.openstack.common import extensions
from aiocloud.openstack.compute.v2 import flavors, servers
from aiocloud.openstack.compute.v2.extensions import keypairs
from aiocloud.openstack.identity.v2 import extensions as extensions_v2
from aiocloud.openstack.identity.v2 import tenants
from aiocloud.openstack.identity.v3 import endpoints, services
from aiocloud.openstack.networking.v2 import apiversions as network_versions
from aiocloud.openstack.networking.v2.extensions.lbaas import members, monitors, pools, vips
from aiocloud.openstack.networking.v2.extensions.security import rules
from aiocloud.openstack.objectstorage.v1 import info, largeobjects, objects
from aiocloud.openstack.objectstorage.v1._base import BulkDeleteResult, parse_bulk_report
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import (
    _CINDER,
    _COMPUTE,
    _NETWORK,
    _SWIFT,
    _all_pages,
    _check,
    _mutated,
    _run_fuzz,
    _sample,
    volume_body,
)

Call = Callable[[MockCloud], Awaitable[Any]]
Answer = dict[str, Any]
"""``json`` (a body), ``headers``, ``status``; ``routes`` maps URL parts to other answers."""


# -- the runner -------------------------------------------------------------------------


def _run(answers: Callable[[st.DataObject], Answer], call: Call, returns: Any) -> None:
    """Fuzz ``call`` with the drawn answers; its result must be a ``returns``."""
    _run_fuzz(answers, call, returns=returns, max_examples=40)


def _json(body: Any) -> Callable[[st.DataObject], Answer]:
    return lambda data: {"json": _mutated(data, body)}


# -- the cases ---------------------------------------------------------------------------

Case = tuple[str, Callable[[st.DataObject], Answer], Call, Any]


def _neutron(
    name: str, module: Any, key: str, model: type, create: Any, plural: str | None = None
) -> list[Case]:
    body = _sample(model)

    async def get(cloud: MockCloud) -> Any:
        return await module.get(await _NETWORK(cloud), "id-1")

    async def list_(cloud: MockCloud) -> Any:
        return await _all_pages(module.list(await _NETWORK(cloud)))

    async def create_(cloud: MockCloud) -> Any:
        return await module.create(await _NETWORK(cloud), create)

    return [
        (f"{name}.get", _json({key: body}), get, model),
        (f"{name}.list", _json({plural or key + "s": [body, body]}), list_, list[model]),  # type: ignore[valid-type]
        (f"{name}.create", _json({key: body}), create_, model),
    ]


def _network_cases() -> list[Case]:
    async def versions(cloud: MockCloud) -> Any:
        return await _all_pages(network_versions.list_versions(await _NETWORK(cloud)))

    async def resources(cloud: MockCloud) -> Any:
        return await _all_pages(network_versions.list_version_resources(await _NETWORK(cloud)))

    async def network_extensions(cloud: MockCloud) -> Any:
        return await _all_pages(extensions.list(await _NETWORK(cloud)))

    async def network_extension(cloud: MockCloud) -> Any:
        return await extensions.get(await _NETWORK(cloud), "router")

    extension = _sample(extensions.Extension)
    link = [{"href": "https://cloud.test:9696/v2.0/", "rel": "self"}]
    return [
        *_neutron(
            "rules",
            rules,
            "security_group_rule",
            rules.SecGroupRule,
            rules.CreateOpts(security_group_id="g", direction="ingress"),
        ),
        *_neutron(
            "pools",
            pools,
            "pool",
            pools.Pool,
            pools.CreateOpts(subnet_id="s", protocol="HTTP", lb_method="ROUND_ROBIN"),
        ),
        *_neutron(
            "members",
            members,
            "member",
            members.Member,
            members.CreateOpts(pool_id="p", address="10.0.0.5", protocol_port=80),
        ),
        *_neutron(
            "monitors",
            monitors,
            "health_monitor",
            monitors.Monitor,
            monitors.CreateOpts(type="PING", delay=5, timeout=5, max_retries=3),
        ),
        *_neutron(
            "vips",
            vips,
            "vip",
            vips.VIP,
            vips.CreateOpts(
                name="v", subnet_id="s", protocol="HTTP", protocol_port=80, pool_id="p"
            ),
        ),
        (
            "network versions",
            _json({"versions": [{"id": "v2.0", "status": "CURRENT", "links": link}]}),
            versions,
            list[network_versions.APIVersion],
        ),
        (
            "network version resources",
            _json({"resources": [{"name": "network", "collection": "networks", "links": link}]}),
            resources,
            list[network_versions.APIVersionResource],
        ),
        (
            "network extensions",
            _json({"extensions": [extension]}),
            network_extensions,
            list[extensions.Extension],
        ),
        (
            "network extension",
            _json({"extension": extension}),
            network_extension,
            extensions.Extension,
        ),
    ]


async def _identity_v3(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_identity_v3(cloud.provider)


def _identity_v2(cloud: MockCloud) -> ServiceClient:
    return ServiceClient(cloud.provider, "https://cloud.test:5000/v2.0/", type="identity")


def _identity_cases() -> list[Case]:
    service = {"id": "s", "type": "compute", "name": "nova", "description": "d", "enabled": True}
    endpoint = {
        "id": "e",
        "interface": "public",
        "service_id": "s",
        "url": "https://nova.test/v2.1",
        "region": "RegionOne",
        "region_id": "RegionOne",
        "enabled": True,
    }
    tenant = {"id": "t", "name": "demo", "description": "d", "enabled": True}
    extension = _sample(extensions.Extension)

    async def service_get(cloud: MockCloud) -> Any:
        return await services.get(await _identity_v3(cloud), "s")

    async def service_list(cloud: MockCloud) -> Any:
        return await _all_pages(services.list(await _identity_v3(cloud)))

    async def service_create(cloud: MockCloud) -> Any:
        opts = services.CreateOpts(type="compute", extra={"x": 1})
        return await services.create(await _identity_v3(cloud), opts)

    async def endpoint_get(cloud: MockCloud) -> Any:
        return await endpoints.get(await _identity_v3(cloud), "e")

    async def endpoint_list(cloud: MockCloud) -> Any:
        return await _all_pages(endpoints.list(await _identity_v3(cloud)))

    async def endpoint_update(cloud: MockCloud) -> Any:
        return await endpoints.update(
            await _identity_v3(cloud), "e", endpoints.UpdateOpts(name="n")
        )

    async def tenant_list(cloud: MockCloud) -> Any:
        return await _all_pages(tenants.list(_identity_v2(cloud)))

    async def extension_list(cloud: MockCloud) -> Any:
        return await _all_pages(extensions_v2.list(_identity_v2(cloud)))

    async def extension_get(cloud: MockCloud) -> Any:
        return await extensions_v2.get(_identity_v2(cloud), "OS-KSADM")

    next_link = [{"href": "https://cloud.test:5000/v2.0/tenants?marker=t", "rel": "next"}]
    return [
        ("services.get", _json({"service": service}), service_get, services.Service),
        ("services.list", _json({"services": [service]}), service_list, list[services.Service]),
        ("services.create", _json({"service": service}), service_create, services.Service),
        ("endpoints.get", _json({"endpoint": endpoint}), endpoint_get, endpoints.Endpoint),
        (
            "endpoints.list",
            _json({"endpoints": [endpoint]}),
            endpoint_list,
            list[endpoints.Endpoint],
        ),
        ("endpoints.update", _json({"endpoint": endpoint}), endpoint_update, endpoints.Endpoint),
        (
            "tenants.list",
            _json({"tenants": [tenant], "tenants_links": next_link}),
            tenant_list,
            list[tenants.Tenant],
        ),
        (
            "identity v2 extensions",
            _json({"extensions": {"values": [extension]}}),
            extension_list,
            list[extensions.Extension],
        ),
        (
            "identity v2 extension",
            _json({"extension": extension}),
            extension_get,
            extensions.Extension,
        ),
    ]


_CINDER_VERSION = {
    "id": "v3.0",
    "status": "CURRENT",
    "version": "3.70",
    "min_version": "3.0",
    "updated": "2023-08-31T00:00:00Z",
    "links": [{"href": "https://cloud.test:8776/v3/", "rel": "self"}],
    "media-types": [{"base": "application/json", "type": "application/vnd.openstack"}],
}


def _block_storage_version_cases() -> list[Case]:
    cases: list[Case] = []
    for name, module in (
        ("v1", cinder_versions_v1),
        ("v2", cinder_versions_v2),
        ("v3", cinder_versions_v3),
    ):

        async def list_(cloud: MockCloud, module: Any = module, name: str = name) -> Any:
            return await module.list(await _CINDER[name](cloud))

        async def get(cloud: MockCloud, module: Any = module, name: str = name) -> Any:
            return await module.get(await _CINDER[name](cloud), name)

        version = {**_CINDER_VERSION, "id": f"{name}.0"}
        cases += [
            (
                f"cinder {name} versions.list",
                _json({"versions": [version, version]}),
                list_,
                list[cinder_versions_v3.APIVersion],
            ),
            (
                f"cinder {name} versions.get (one)",
                _json({"version": version}),
                get,
                cinder_versions_v3.APIVersion,
            ),
            (
                f"cinder {name} versions.get (several)",
                _json({"versions": [version]}),
                get,
                cinder_versions_v3.APIVersion,
            ),
        ]
    return cases


_INFO = {
    "swift": {
        "version": "2.31.0",
        "max_file_size": 5368709122,
        "max_object_name_length": 1024,
        "max_container_name_length": 256,
        "container_listing_limit": 10000,
        "account_listing_limit": 10000,
        "max_meta_count": 90,
        "max_meta_name_length": 128,
        "max_meta_value_length": 256,
        "max_meta_overall_size": 4096,
        "max_header_size": 8192,
        "policies": [{"name": "gold", "default": True}],
    },
    "slo": {
        "max_manifest_segments": 1000,
        "max_manifest_size": 8388608,
        "min_segment_size": 1,
        "allow_async_delete": True,
    },
    "bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000},
    "tempurl": {
        "methods": ["GET", "HEAD", "PUT"],
        "allowed_digests": ["sha256"],
        "deprecated_digests": ["sha1"],
    },
}
_REPORT = {
    "Number Deleted": 1,
    "Number Not Found": 1,
    "Response Status": "400 Bad Request",
    "Response Body": "",
    "Errors": [["/c/o", "409 Conflict"], ["/c%20d", "401 Unauthorized"]],
}
_SLO_HEADERS = {"X-Static-Large-Object": "True", "Content-Length": "3"}
_MANIFEST = [
    {"name": "/c_segments/o/1", "hash": "900150983cd24fb0d6963f7d28e17f72", "bytes": 3},
    {"name": "/c_segments/o/2", "hash": "d41d8cd98f00b204e9800998ecf8427e", "bytes": 0},
]


def _object_storage_cases() -> list[Case]:
    async def info_get(cloud: MockCloud) -> Any:
        caps = await info.get(await _SWIFT(cloud))
        caps.supports("slo")
        return caps

    async def segments(cloud: MockCloud) -> Any:
        return await largeobjects.get_segments(await _SWIFT(cloud), "c", "o")

    async def delete_slo(cloud: MockCloud) -> Any:
        return await largeobjects.delete(await _SWIFT(cloud), "c", "o")

    async def bulk_delete(cloud: MockCloud) -> Any:
        return await objects.bulk_delete(await _SWIFT(cloud), "c", ["o", "p q", "r%"])

    def slo_delete(data: st.DataObject) -> Answer:
        return {"json": _mutated(data, _REPORT), "headers": _SLO_HEADERS}

    def bulk(data: st.DataObject) -> Answer:
        return {
            "json": _mutated(data, _REPORT),
            "routes": {"/info": {"json": _mutated(data, _INFO)}},
        }

    return [
        ("swift info", _json(_INFO), info_get, info.Info),
        (
            "largeobjects.get_segments",
            lambda data: {"json": _mutated(data, _MANIFEST), "headers": _SLO_HEADERS},
            segments,
            list[largeobjects.Segment],
        ),
        ("largeobjects.delete SLO", slo_delete, delete_slo, BulkDeleteResult),
        ("objects.bulk_delete", bulk, bulk_delete, BulkDeleteResult),
    ]


def _server_action(call: Callable[[ServiceClient], Awaitable[Any]], microversion: str = "") -> Call:
    async def run(cloud: MockCloud) -> Any:
        compute = await _COMPUTE(cloud)
        return await call(compute.with_microversion(microversion or None))

    return run


def _compute_cases() -> list[Case]:
    attachment = {
        "volumeId": "v",
        "serverId": "s",
        "device": "/dev/vdb",
        "id": "v",
        "tag": "t",
        "delete_on_termination": False,
        "attachment_id": "a",
        "bdm_uuid": "b",
    }
    interface = {
        "port_id": "p",
        "net_id": "n",
        "mac_addr": "fa:16:3e:00:00:01",
        "port_state": "ACTIVE",
        "fixed_ips": [{"ip_address": "10.0.0.5", "subnet_id": "sn"}],
        "tag": None,
    }
    console = {"protocol": "vnc", "type": "novnc", "url": "https://cloud.test:6080/?token=x"}
    keypair = {**_sample(keypairs.KeyPair), "private_key": "-----BEGIN RSA PRIVATE KEY-----"}

    def image(data: st.DataObject) -> Answer:
        location = data.draw(
            st.sampled_from(["https://cloud.test/images/abc", "/", "", "x/", "//", "a b"])
        )
        answer: Answer = {"headers": {"Location": location}}
        if data.draw(st.booleans()):
            answer["json"] = _mutated(data, {"image_id": "abc"})
        return answer

    opts = servers.AttachInterfaceOpts(net_id="n")
    return [
        (
            "servers.create_image",
            image,
            _server_action(lambda c: servers.create_image(c, "s", servers.CreateImageOpts("i"))),
            str,
        ),
        (
            "servers.rescue",
            _json({"adminPass": "secret"}),
            _server_action(lambda c: servers.rescue(c, "s")),
            str | None,
        ),
        (
            "servers.get_console_output",
            _json({"output": "boot\nlogin:"}),
            _server_action(lambda c: servers.get_console_output(c, "s", 10)),
            str,
        ),
        (
            "servers.get_remote_console",
            _json({"remote_console": console}),
            _server_action(lambda c: servers.get_remote_console(c, "s", "vnc", "novnc"), "2.6"),
            servers.RemoteConsole,
        ),
        (
            "servers.get_vnc_console (legacy)",
            _json({"console": {"type": "novnc", "url": console["url"]}}),
            _server_action(lambda c: servers.get_vnc_console(c, "s")),
            servers.RemoteConsole,
        ),
        (
            "servers.list_volume_attachments",
            _json({"volumeAttachments": [attachment, attachment]}),
            _server_action(lambda c: _all_pages(servers.list_volume_attachments(c, "s"))),
            list[servers.VolumeAttachment],
        ),
        (
            "servers.attach_volume",
            _json({"volumeAttachment": attachment}),
            _server_action(
                lambda c: servers.attach_volume(c, "s", servers.AttachVolumeOpts(volume_id="v"))
            ),
            servers.VolumeAttachment,
        ),
        (
            "servers.get_volume_attachment",
            _json({"volumeAttachment": attachment}),
            _server_action(lambda c: servers.get_volume_attachment(c, "s", "v")),
            servers.VolumeAttachment,
        ),
        (
            "servers.list_interfaces",
            _json({"interfaceAttachments": [interface]}),
            _server_action(lambda c: _all_pages(servers.list_interfaces(c, "s"))),
            list[servers.Interface],
        ),
        (
            "servers.attach_interface",
            _json({"interfaceAttachment": interface}),
            _server_action(lambda c: servers.attach_interface(c, "s", opts)),
            servers.Interface,
        ),
        (
            "servers.get_interface",
            _json({"interfaceAttachment": interface}),
            _server_action(lambda c: servers.get_interface(c, "s", "p")),
            servers.Interface,
        ),
        (
            "servers.metadatum",
            _json({"meta": {"k": "v"}}),
            _server_action(lambda c: servers.metadatum(c, "s", "k")),
            str,
        ),
        (
            "servers.list_addresses",
            _json({"addresses": {"net": [{"addr": "10.0.0.5", "version": 4}]}}),
            _server_action(lambda c: servers.list_addresses(c, "s")),
            dict[str, tuple[servers.Address, ...]],
        ),
        (
            "flavors.list_extra_specs",
            _json({"extra_specs": {"hw:cpu_policy": "dedicated", "a": "b"}}),
            _server_action(lambda c: flavors.list_extra_specs(c, "f")),
            dict[str, str],
        ),
        (
            "flavors.get_extra_spec",
            _json({"hw:cpu_policy": "dedicated"}),
            _server_action(lambda c: flavors.get_extra_spec(c, "f", "hw:cpu_policy")),
            str,
        ),
        (
            "flavors.create_extra_specs",
            _json({"extra_specs": {"a": "b"}}),
            _server_action(lambda c: flavors.create_extra_specs(c, "f", {"a": "b"})),
            dict[str, str],
        ),
        (
            "flavors.update_extra_spec",
            _json({"a": "b"}),
            _server_action(lambda c: flavors.update_extra_spec(c, "f", "a", "b")),
            dict[str, str],
        ),
        (
            "flavors.list_access",
            _json({"flavor_access": [{"flavor_id": "f", "tenant_id": "t"}]}),
            _server_action(lambda c: flavors.list_access(c, "f")),
            list[flavors.FlavorAccess],
        ),
        (
            "keypairs.create (generated)",
            _json({"keypair": keypair}),
            _server_action(lambda c: keypairs.create(c, keypairs.CreateOpts("k")), "2.92"),
            keypairs.KeyPair,
        ),
        (
            "keypairs.list",
            _json({"keypairs": [{"keypair": keypair}]}),
            _server_action(lambda c: _all_pages(keypairs.list(c))),
            list[keypairs.KeyPair],
        ),
    ]


async def _cinder_v3(cloud: MockCloud) -> ServiceClient:
    return await _CINDER["v3"](cloud)


def _block_storage_cases() -> list[Case]:
    connection = {
        "driver_volume_type": "iscsi",
        "data": {"target_iqn": "iqn.x", "auth_password": "p", "target_lun": 1},
    }
    image = {
        "id": "v",
        "image_id": "i",
        "image_name": "img",
        "status": "uploading",
        "size": 1,
        "container_format": "bare",
        "disk_format": "raw",
        "visibility": "private",
        "protected": False,
        "display_description": None,
        "volume_type": {"name": "lvm"},
        "updated_at": "2024-05-01T10:00:00.000000",
    }
    message = {
        "id": "m",
        "user_message": "extend volume:Volume Driver reports insufficient space",
        "resource_uuid": "v",
    }

    async def initialize(cloud: MockCloud) -> Any:
        connector = volumes_v3.Connector(host="h", initiator="iqn.h", extra={"x": 1})
        return await volumes_v3.initialize_connection(await _cinder_v3(cloud), "v", connector)

    async def upload(cloud: MockCloud) -> Any:
        opts = volumes_v3.UploadImageOpts(image_name="img")
        return await volumes_v3.upload_to_image(await _cinder_v3(cloud), "v", opts)

    async def metadata(cloud: MockCloud) -> Any:
        return await volumes_v3.get_metadata(await _cinder_v3(cloud), "v")

    async def metadatum(cloud: MockCloud) -> Any:
        return await volumes_v3.get_metadatum(await _cinder_v3(cloud), "v", "k")

    async def wait(cloud: MockCloud) -> Any:
        return await volumes_v3.wait_for_status(
            await _cinder_v3(cloud), "v", "available", timeout=1, interval=0.001
        )

    def failed_volume(data: st.DataObject) -> Answer:
        return {
            "json": {"volume": {**volume_body("v3"), "status": "error_extending"}},
            "routes": {"/messages": {"json": _mutated(data, {"messages": [message]})}},
        }

    return [
        (
            "volumes.initialize_connection",
            _json({"connection_info": connection}),
            initialize,
            volumes_v3.ConnectionInfo,
        ),
        (
            "volumes.upload_to_image",
            _json({"os-volume_upload_image": image}),
            upload,
            volumes_v3.VolumeImage,
        ),
        ("volumes.get_metadata", _json({"metadata": {"k": "v"}}), metadata, dict[str, str]),
        ("volumes.get_metadatum", _json({"meta": {"k": "v"}}), metadatum, str),
        ("volumes.wait_for_status (messages)", failed_volume, wait, volumes_v3.Volume),
    ]


_CASES = [
    *_network_cases(),
    *_identity_cases(),
    *_block_storage_version_cases(),
    *_object_storage_cases(),
    *_compute_cases(),
    *_block_storage_cases(),
]


@pytest.mark.parametrize(
    ("answers", "call", "returns"), [case[1:] for case in _CASES], ids=[case[0] for case in _CASES]
)
def test_hostile_answers_to_more_operations(
    answers: Callable[[st.DataObject], Answer], call: Call, returns: Any
) -> None:
    _run(answers, call, returns)


# -- the bulk-delete report, alone ----------------------------------------------------------


def _report(body: bytes) -> httpx.Response:
    request = httpx.Request("POST", "https://cloud.test:8080/v1/AUTH_x?bulk-delete")
    return httpx.Response(200, content=body, request=request)


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_hostile_bulk_delete_reports(data: st.DataObject) -> None:
    body = json.dumps(_mutated(data, _REPORT)).encode()
    try:
        result = parse_bulk_report(_report(body), "POST", "https://cloud.test/?bulk-delete")
    except errors.AiocloudError:
        return
    _check(result)
    for failure in result.failures:
        assert failure.status_code is None or isinstance(failure.status_code, int)


@pytest.mark.parametrize(
    "body",
    [
        {"Errors": 5},
        {"Errors": True},
        {"Response Status": "\u00b2\u00b3 Bad"},
        {"Response Status": "9" * 5000},
        {"Errors": [["/c/o", "\u00b2 Conflict"]]},
        {"Errors": [["/c/o", "9" * 5000 + " Conflict"]]},
    ],
)
def test_odd_bulk_delete_reports(body: Any) -> None:
    try:
        result = parse_bulk_report(_report(json.dumps(body).encode()), "POST", "https://x/")
    except errors.AiocloudError:
        return
    for failure in result.failures:
        assert failure.status_code is None or 100 <= failure.status_code <= 999


def test_deeply_nested_json_answer_is_a_format_error() -> None:
    async def run() -> None:
        async with MockCloud() as cloud:
            cloud.router.get(cloud.url("compute", "servers/s")).respond(
                content=b"[" * 100_000, headers={"Content-Type": "application/json"}
            )
            with pytest.raises(errors.ResponseFormatError):
                await servers.get(await openstack.new_compute_v2(cloud.provider), "s")

    asyncio.run(run())


def test_deeply_nested_json_error_body_is_an_http_error() -> None:
    async def run() -> None:
        async with MockCloud() as cloud:
            cloud.router.get(cloud.url("compute", "servers/s")).respond(
                404, content=b"[" * 100_000, headers={"Content-Type": "application/json"}
            )
            with pytest.raises(errors.NotFound):
                await servers.get(await openstack.new_compute_v2(cloud.provider), "s")

    asyncio.run(run())
