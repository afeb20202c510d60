"""Fixtures of the block storage unit tests: Cinder v1/v2/v3 clients on the MockCloud.

``cinder`` is parametrised over the three versions: a test taking it runs
once per version, with the version's modules, base URL and field names.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import attrs
import pytest

from aiocloud import openstack
from aiocloud.openstack.blockstorage.v1 import snapshots as snapshots_v1
from aiocloud.openstack.blockstorage.v1 import volumes as volumes_v1
from aiocloud.openstack.blockstorage.v1 import volumetypes as volumetypes_v1
from aiocloud.openstack.blockstorage.v2 import snapshots as snapshots_v2
from aiocloud.openstack.blockstorage.v2 import volumes as volumes_v2
from aiocloud.openstack.blockstorage.v2 import volumetypes as volumetypes_v2
from aiocloud.openstack.blockstorage.v3 import snapshots as snapshots_v3
from aiocloud.openstack.blockstorage.v3 import volumes as volumes_v3
from aiocloud.openstack.blockstorage.v3 import volumetypes as volumetypes_v3
from aiocloud.service import ServiceClient
from aiocloud.testing import PROJECT_ID, MockCloud

ROOT = "https://cloud.test:8776"
V1 = f"{ROOT}/v1/{PROJECT_ID}"
V2 = f"{ROOT}/v2/{PROJECT_ID}"
V3 = f"{ROOT}/v3/{PROJECT_ID}"

VOLUME_ID = "d32019d3-bc6e-4319-9c1d-6722fc136a22"
SNAPSHOT_ID = "2bb856e1-b3d8-4432-a858-09e4ce939389"
TYPE_ID = "6685584b-1eac-4da6-b5c3-555430cf68ff"
SERVER_ID = "83ec2e3b-4321-422b-8706-a84185f52a0a"


@attrs.frozen
class Cinder:
    """One block storage version under test."""

    version: str
    client: ServiceClient
    base: str
    volumes: ModuleType
    snapshots: ModuleType
    volumetypes: ModuleType

    @property
    def name_key(self) -> str:
        return "display_name" if self.version == "v1" else "name"

    @property
    def description_key(self) -> str:
        return "display_description" if self.version == "v1" else "description"

    def named(self, body: dict[str, Any]) -> dict[str, Any]:
        """``body`` with ``name``/``description`` renamed the way this version sends them."""
        renamed = dict(body)
        for key, wire in (("name", self.name_key), ("description", self.description_key)):
            if key in renamed:
                renamed[wire] = renamed.pop(key)
        return renamed


_MODULES = {
    "v1": (V1, volumes_v1, snapshots_v1, volumetypes_v1, openstack.new_block_storage_v1),
    "v2": (V2, volumes_v2, snapshots_v2, volumetypes_v2, openstack.new_block_storage_v2),
    "v3": (V3, volumes_v3, snapshots_v3, volumetypes_v3, openstack.new_block_storage_v3),
}


async def _make(cloud: MockCloud, version: str) -> Cinder:
    base, volumes, snapshots, volumetypes, new_client = _MODULES[version]
    client = await new_client(cloud.provider)
    return Cinder(version, client, base, volumes, snapshots, volumetypes)


@pytest.fixture(params=["v1", "v2", "v3"])
async def cinder(request: pytest.FixtureRequest, cloud: MockCloud) -> Cinder:
    """Each Cinder version in turn."""
    return await _make(cloud, request.param)


@pytest.fixture(params=["v2", "v3"])
async def cinder_v2plus(request: pytest.FixtureRequest, cloud: MockCloud) -> Cinder:
    """The versions with paging, cascade and the ``os-*`` actions."""
    return await _make(cloud, request.param)


@pytest.fixture
async def cinder_v1(cloud: MockCloud) -> Cinder:
    return await _make(cloud, "v1")


@pytest.fixture
async def cinder_v2(cloud: MockCloud) -> Cinder:
    return await _make(cloud, "v2")


@pytest.fixture
async def cinder_v3(cloud: MockCloud) -> Cinder:
    return await _make(cloud, "v3")


def cinder_error(kind: str, code: int, message: str) -> dict[str, Any]:
    """An error body the way Cinder sends it: ``{"itemNotFound": {"code": 404, ...}}``."""
    return {kind: {"code": code, "message": message}}


def volume_body(version: str, **changes: Any) -> dict[str, Any]:
    """One volume as ``GET /volumes/{id}`` shows it in ``version`` (API reference shapes)."""
    if version == "v1":
        body: dict[str, Any] = {
            "id": VOLUME_ID,
            "display_name": "vol-001",
            "display_description": "Another volume.",
            "status": "available",
            "size": 30,
            "availability_zone": "nova",
            "volume_type": "lvmdriver-1",
            "bootable": "false",
            "snapshot_id": None,
            "source_volid": None,
            "metadata": {"contents": "junk"},
            "attachments": [],
            "created_at": "2014-02-14T20:53:07.000000",
            "encrypted": False,
            "os-vol-tenant-attr:tenant_id": PROJECT_ID,
            "os-vol-host-attr:host": "ip-10-168-107-25",
        }
    else:
        body = {
            "id": VOLUME_ID,
            "name": "vol-001",
            "description": "Another volume.",
            "status": "in-use",
            "size": 30,
            "availability_zone": "nova",
            "created_at": "2015-09-17T03:32:29.000000",
            "updated_at": "2015-09-17T03:35:03.000000",
            "volume_type": "lvmdriver-1",
            "snapshot_id": None,
            "source_volid": None,
            "metadata": {"contents": "junk"},
            "links": [
                {"rel": "self", "href": f"{ROOT}/v3/{PROJECT_ID}/volumes/{VOLUME_ID}"},
                {"rel": "bookmark", "href": f"{ROOT}/{PROJECT_ID}/volumes/{VOLUME_ID}"},
            ],
            "user_id": "32779452fcd34ae1a53a797ac8a1e064",
            "bootable": "true",
            "encrypted": False,
            "replication_status": None,
            "consistencygroup_id": None,
            "multiattach": False,
            "migration_status": None,
            "attachments": [
                {
                    "id": VOLUME_ID,
                    "attachment_id": "05551600-a936-4d4a-ba42-79a037c1c91a",
                    "volume_id": VOLUME_ID,
                    "server_id": SERVER_ID,
                    "host_name": "compute-1",
                    "device": "/dev/vdb",
                    "attached_at": "2016-08-06T14:48:20.000000",
                }
            ],
            "volume_image_metadata": {"image_name": "cirros", "checksum": "443b7623e27ecf03"},
            "os-vol-tenant-attr:tenant_id": PROJECT_ID,
            "os-vol-host-attr:host": "peer@fake#fake",
            "os-vol-mig-status-attr:migstat": None,
            "os-vol-mig-status-attr:name_id": None,
        }
        if version == "v3":
            body.update(
                {
                    "group_id": None,
                    "provider_id": None,
                    "service_uuid": "408d8a7a-d15f-43cf-8b37-6f8fe1a78c15",
                    "shared_targets": False,
                    "cluster_name": None,
                    "volume_type_id": "4830cbcd-a137-4033-a3db-430644554563",
                    "consumes_quota": True,
                }
            )
    body.update(changes)
    return body


def snapshot_body(version: str, **changes: Any) -> dict[str, Any]:
    """One snapshot as ``GET /snapshots/{id}`` shows it in ``version``."""
    body: dict[str, Any] = {
        "id": SNAPSHOT_ID,
        "status": "available",
        "size": 30,
        "volume_id": VOLUME_ID,
        "created_at": "2013-02-25T04:13:17.000000",
        "metadata": {"key": "v1"},
        "os-extended-snapshot-attributes:progress": "100%",
        "os-extended-snapshot-attributes:project_id": PROJECT_ID,
    }
    if version == "v1":
        body["display_name"] = "snap-001"
        body["display_description"] = "Daily backup"
    else:
        body["name"] = "snap-001"
        body["description"] = "Daily backup"
        body["updated_at"] = "2013-02-25T04:13:20.000000"
    if version == "v3":
        body.update(
            {
                "group_snapshot_id": None,
                "user_id": "40c2102f4a554b848d96b14f3eec39ed",
                "consumes_quota": True,
            }
        )
    body.update(changes)
    return body


def type_body(**changes: Any) -> dict[str, Any]:
    """One volume type as ``GET /types/{id}`` shows it (v2/v3)."""
    body: dict[str, Any] = {
        "id": TYPE_ID,
        "name": "vol-type-001",
        "description": "volume type 0001",
        "is_public": True,
        "extra_specs": {"capabilities": "gpu"},
        "qos_specs_id": None,
        "os-volume-type-access:is_public": True,
    }
    body.update(changes)
    return body
