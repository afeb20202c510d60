"""Fixtures and bodies shaped like the Nova API reference, shared by the compute v2 tests."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from aiocloud import openstack
from aiocloud.service import ServiceClient
from aiocloud.testing import PROJECT_ID, MockCloud

COMPUTE = "https://cloud.test:8774/v2.1"
SERVER_ID = "9168b536-cd40-4630-b43f-b259807c6e87"
IMAGE_ID = "70a599e0-31e7-49b7-b260-868f441e862b"
USER_ID = "fake-user-8f7c"


def server_body(server_id: str = SERVER_ID, **changes: Any) -> dict[str, Any]:
    """A full ``GET /servers/{id}`` server at microversion 2.96 (every attribute)."""
    body: dict[str, Any] = {
        "id": server_id,
        "name": "new-server-test",
        "status": "ACTIVE",
        "tenant_id": PROJECT_ID,
        "user_id": USER_ID,
        "metadata": {"My Server Name": "Apache1"},
        "hostId": "2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6",
        "image": {
            "id": IMAGE_ID,
            "links": [{"href": f"https://cloud.test:8774/images/{IMAGE_ID}", "rel": "bookmark"}],
        },
        "flavor": {
            "vcpus": 1,
            "ram": 512,
            "disk": 1,
            "ephemeral": 0,
            "swap": 0,
            "original_name": "m1.tiny",
            "extra_specs": {"hw:cpu_policy": "shared"},
        },
        "created": "2019-04-23T15:19:09Z",
        "updated": "2019-04-23T15:19:15Z",
        "addresses": {
            "private": [
                {
                    "addr": "192.168.1.30",
                    "version": 4,
                    "OS-EXT-IPS:type": "fixed",
                    "OS-EXT-IPS-MAC:mac_addr": "00:0c:29:0d:11:74",
                },
                {
                    "addr": "172.24.4.13",
                    "version": 4,
                    "OS-EXT-IPS:type": "floating",
                    "OS-EXT-IPS-MAC:mac_addr": "00:0c:29:0d:11:74",
                },
            ],
            "ipv6-net": [
                {
                    "addr": "fd00::f816:3eff:fe4b:8b2a",
                    "version": 6,
                    "OS-EXT-IPS:type": "fixed",
                    "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:4b:8b:2a",
                }
            ],
        },
        "accessIPv4": "1.2.3.4",
        "accessIPv6": "80fe::",
        "links": [
            {"href": f"{COMPUTE}/servers/{server_id}", "rel": "self"},
            {"href": f"https://cloud.test:8774/servers/{server_id}", "rel": "bookmark"},
        ],
        "OS-DCF:diskConfig": "AUTO",
        "progress": 0,
        "OS-EXT-AZ:availability_zone": "nova",
        "config_drive": "",
        "key_name": "keypair-ab12",
        "OS-SRV-USG:launched_at": "2019-04-23T15:19:14.000000",
        "OS-SRV-USG:terminated_at": None,
        "security_groups": [{"name": "default"}, {"name": "web"}],
        "OS-EXT-SRV-ATTR:host": "compute-1",
        "OS-EXT-SRV-ATTR:instance_name": "instance-00000001",
        "OS-EXT-SRV-ATTR:hypervisor_hostname": "compute-1.example.org",
        "OS-EXT-SRV-ATTR:reservation_id": "r-fhfcfcpj",
        "OS-EXT-SRV-ATTR:launch_index": 0,
        "OS-EXT-SRV-ATTR:hostname": "new-server-test",
        "OS-EXT-SRV-ATTR:kernel_id": "",
        "OS-EXT-SRV-ATTR:ramdisk_id": "",
        "OS-EXT-SRV-ATTR:root_device_name": "/dev/sda",
        "OS-EXT-SRV-ATTR:user_data": "IyEvYmluL2Jhc2gKL2Jpbi9zdQplY2hvICJJIGFtIGluIHlvdSEiCg==",
        "OS-EXT-STS:task_state": None,
        "OS-EXT-STS:vm_state": "active",
        "OS-EXT-STS:power_state": 1,
        "os-extended-volumes:volumes_attached": [
            {"id": "a26887c6-c47b-4654-abb5-dfadf7d3f803", "delete_on_termination": False}
        ],
        "host_status": "UP",
        "locked": True,
        "locked_reason": "maintenance",
        "description": "a web server",
        "tags": ["web", "prod"],
        "trusted_image_certificates": None,
        "server_groups": ["2b3f4a2c-7e8b-4d47-9a6b-1f0c2d3e4f5a"],
        "pinned_availability_zone": "nova",
    }
    body.update(changes)
    return body


def error_server_body(server_id: str = SERVER_ID) -> dict[str, Any]:
    """A server in ERROR with Nova's fault record."""
    return server_body(
        server_id,
        status="ERROR",
        **{"OS-EXT-STS:vm_state": "error"},
        fault={
            "code": 500,
            "created": "2019-04-23T15:19:10Z",
            "message": "No valid host was found. There are not enough hosts available.",
            "details": '  File "/opt/stack/nova/nova/conductor/manager.py", line 1475',
        },
    )


def nova_error(status: int, kind: str, message: str) -> dict[str, Any]:
    """Nova's error body: ``{"itemNotFound": {"code": 404, "message": ...}}``."""
    return {kind: {"code": status, "message": message}}


@pytest.fixture
async def compute(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_compute_v2(cloud.provider)


def copy_of(body: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(body)
