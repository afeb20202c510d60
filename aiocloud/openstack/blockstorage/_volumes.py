"""Volumes, shared by block storage v1, v2 and v3 (private: use the versions' modules).

The models and options here have the v2 shape, the one the versions differ
from: v1 calls ``name``/``description`` ``display_name``/``display_description``,
v3 adds the fields of its microversions. Each version makes the operations that
return its model from its own `collection()`; the ones that do not (delete,
metadata, the ``os-*`` actions) are made here once. ``__all__`` names what the
v2 and v3 modules take from here as is (v1 makes its own and has no actions).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar, TypeVar

import attrs

from ..._resource import Collection, check_microversions
from ...errors import InvalidOptions
from ...models import Model, extract, json_key
from ...params import body, build_body, build_query_params, check_types, query
from ...service import ServiceClient
from . import _base
from ._base import METADATA_FUNCTIONS, to_bool

__all__ = [
    "AttachOpts",
    "Attachment",
    "ConnectionInfo",
    "Connector",
    "ListOpts",
    "ResetStatusOpts",
    "RetypeOpts",
    "UpdateOpts",
    "VolumeImage",
    "attach",
    "begin_detaching",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "detach",
    "extend",
    "force_delete",
    "get_metadata",
    "get_metadatum",
    "initialize_connection",
    "reserve",
    "reset_metadata",
    "reset_status",
    "retype",
    "roll_detaching",
    "set_bootable",
    "set_readonly",
    "terminate_connection",
    "unreserve",
    "update_metadata",
    "upload_to_image",
    "wait_for_delete",
]

V = TypeVar("V", bound="Volume")

# -- models ----------------------------------------------------------------------------------


@attrs.frozen
class Attachment(Model):
    """Where a volume is attached: the fields and types of Nova's ``VolumeAttachment``.

    ``id`` repeats the volume's id (as Nova's does before 2.89);
    ``attachment_id`` names the attachment record itself; ``server_id`` is None
    for an attachment to a host; ``host_name`` is only shown to admins.
    """

    volume_id: str
    server_id: str | None = None
    id: str | None = None
    attachment_id: str | None = None
    device: str | None = None
    host_name: str | None = None
    attached_at: datetime | None = None


@attrs.frozen
class Volume(Model):
    """A block storage volume (the v2 shape; v1 and v3 modules adjust it).

    ``bootable`` is a real boolean (Cinder sends the string ``"true"``);
    ``host`` and ``project_id`` come from the admin-visible extension
    attributes ``os-vol-host-attr:host`` and ``os-vol-tenant-attr:tenant_id``.
    """

    id: str
    status: str
    size: int
    name: str | None = None
    description: str | None = None
    availability_zone: str | None = None
    volume_type: str | None = None
    bootable: bool = attrs.field(default=False, converter=to_bool)
    encrypted: bool = False
    multiattach: bool = False
    attachments: tuple[Attachment, ...] = ()
    metadata: dict[str, str] = attrs.field(factory=dict)
    snapshot_id: str | None = None
    source_volid: str | None = None
    user_id: str | None = None
    consistencygroup_id: str | None = None
    replication_status: str | None = None
    migration_status: str | None = None
    volume_image_metadata: dict[str, str] | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    host: str | None = json_key("os-vol-host-attr:host", default=None)
    project_id: str | None = json_key("os-vol-tenant-attr:tenant_id", default=None)


@attrs.frozen
class VolumeImage(Model):
    """The answer of `upload_to_image()`: the new image and the volume it copies.

    ``id`` is the volume's id; the upload goes on while the volume is
    ``uploading`` and the image is ``queued``/``saving``.
    """

    id: str
    image_id: str
    image_name: str | None = None
    status: str | None = None
    size: int | None = None
    container_format: str | None = None
    disk_format: str | None = None
    visibility: str | None = None
    protected: bool | None = None
    description: str | None = json_key("display_description", default=None)
    volume_type: dict[str, Any] | None = None
    updated_at: datetime | None = None


@attrs.frozen
class ConnectionInfo(Model):
    """What `initialize_connection()` answers: the driver type and its connection data.

    ``data`` may hold CHAP credentials, so it is kept out of the repr.
    """

    driver_volume_type: str
    data: dict[str, Any] = attrs.field(factory=dict, repr=False)


# -- options ---------------------------------------------------------------------------------


@attrs.frozen
class FilterOpts:
    """The filters every version's volume listing takes (v1's whole ``ListOpts``).

    ``metadata`` matches volumes having all those key/value pairs;
    ``all_tenants`` (admin) lists every project's volumes.
    """

    name: str | None = query()
    status: str | None = query()
    all_tenants: bool | None = query()
    metadata: Mapping[str, str] | None = None

    def to_query(self) -> list[tuple[str, str]]:
        pairs = build_query_params(self)
        if self.metadata:
            pairs.append(("metadata", json.dumps(dict(self.metadata), sort_keys=True)))
        return pairs


@attrs.frozen
class ListOpts(FilterOpts):
    """Filters, sorting and paging for the v2/v3 listing (``limit`` is the page size).

    ``sort`` is ``"key[:asc|desc],..."`` (``"created_at:desc,name"``);
    ``project_id`` needs ``all_tenants``.
    """

    project_id: str | None = query()
    sort: str | None = query()
    limit: int | None = query()
    offset: int | None = query()
    marker: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new volume: its ``size`` in GiB and where it comes from.

    ``size`` may be left out when the volume copies a snapshot or a volume
    (it then takes their size). ``volume_type`` is a type's name or id;
    ``image_ref`` an image id to copy (a bootable volume).
    """

    MICROVERSIONS: ClassVar[Mapping[str, str]] = {}

    size: int | None = None
    name: str | None = None
    description: str | None = None
    volume_type: str | None = None
    availability_zone: str | None = None
    snapshot_id: str | None = None
    source_volid: str | None = None
    image_ref: str | None = body("imageRef")
    metadata: Mapping[str, str] | None = None

    def to_body(self) -> dict[str, Any]:
        inner = build_body(self)
        copies = ("snapshot_id", "source_volid", "backup_id")
        if self.size is None and not any(getattr(self, f, None) for f in copies):
            raise InvalidOptions(
                "size", "is required unless the volume copies a snapshot, volume or backup"
            )
        return {"volume": inner}


@attrs.frozen
class UpdateOpts:
    """Changes to a volume; fields left None are not sent (``metadata`` replaces all)."""

    name: str | None = None
    description: str | None = None
    metadata: Mapping[str, str] | None = None

    def to_body(self) -> dict[str, Any]:
        inner = build_body(self)
        if not inner:
            raise InvalidOptions("name", "set at least one of name, description, metadata")
        return {"volume": inner}


@attrs.frozen
class DeleteOpts:
    """How to delete a volume: ``cascade`` deletes its snapshots too (v2+)."""

    cascade: bool | None = query()


@attrs.frozen
class AttachOpts:
    """Record an attachment (``os-attach``) to a server (``instance_uuid``) or a host.

    Give exactly one of ``instance_uuid`` and ``host_name``; ``mode`` is
    ``"rw"`` (Cinder's default) or ``"ro"``.
    """

    mountpoint: str
    instance_uuid: str | None = None
    host_name: str | None = None
    mode: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if (self.instance_uuid is None) == (self.host_name is None):
            raise InvalidOptions("instance_uuid", "give exactly one of instance_uuid, host_name")
        if self.mode not in (None, "rw", "ro"):
            raise InvalidOptions("mode", f"must be 'rw' or 'ro', not {self.mode!r}")
        return {"os-attach": build_body(self)}


@attrs.frozen
class ResetStatusOpts:
    """What an admin forces a volume's state to (``os-reset_status``); None: unchanged."""

    status: str | None = None
    attach_status: str | None = None
    migration_status: str | None = None

    def to_body(self) -> dict[str, Any]:
        inner = build_body(self)
        if not inner:
            raise InvalidOptions(
                "status", "set at least one of status, attach_status, migration_status"
            )
        return {"os-reset_status": inner}


@attrs.frozen
class RetypeOpts:
    """The new volume type (name or id); ``migration_policy`` ``"never"`` or ``"on-demand"``."""

    new_type: str
    migration_policy: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if self.migration_policy not in (None, "never", "on-demand"):
            raise InvalidOptions(
                "migration_policy", f"must be 'never' or 'on-demand', not {self.migration_policy!r}"
            )
        return {"os-retype": build_body(self)}


@attrs.frozen
class UploadImageOpts:
    """The image a volume is copied to (``os-volume_upload_image``).

    ``force`` uploads an attached (in-use) volume. Cinder defaults the formats
    to ``raw``/``bare``.
    """

    MICROVERSIONS: ClassVar[Mapping[str, str]] = {}

    image_name: str
    force: bool | None = None
    disk_format: str | None = None
    container_format: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"os-volume_upload_image": build_body(self)}


@attrs.frozen
class Connector:
    """The host a volume is exported to (``os-initialize_connection`` / ``terminate``).

    The fields a driver needs vary (``initiator`` for iSCSI, ``wwpns`` for
    Fibre Channel); ``extra`` carries any others.
    """

    host: str | None = None
    ip: str | None = None
    initiator: str | None = None
    wwpns: tuple[str, ...] | None = None
    wwnns: str | None = None
    multipath: bool | None = None
    platform: str | None = None
    os_type: str | None = None
    extra: Mapping[str, Any] | None = None

    def to_body(self) -> dict[str, Any]:
        connector = build_body(self)
        extra = connector.pop("extra", None) or {}
        return {**extra, **connector}


# -- the collection, and the operations v2 and v3 share --------------------------------------


def collection(model: type[V]) -> Collection[V]:
    """The volumes of one version, read as ``model``."""
    return _base.collection(model, "volume", "volumes")


_volumes = collection(Volume)

delete = _volumes.query_deleter(
    DeleteOpts, "Delete a volume (202: it goes ``deleting``, then away); 409 while it is in use."
)
wait_for_delete = _volumes.delete_waiter(
    "Poll until the volume is gone; ``error_deleting`` raises ResourceError."
)
get_metadata, update_metadata, reset_metadata, get_metadatum, create_metadatum, delete_metadatum = (
    _volumes.metadata.functions(*METADATA_FUNCTIONS)
)

reserve = _volumes.actor(
    "reserve",
    {"os-reserve": {}},
    "Mark the volume ``attaching`` so nobody else takes it (``os-reserve``).",
)
unreserve = _volumes.actor(
    "unreserve",
    {"os-unreserve": {}},
    "Undo `reserve()`: back to ``available`` (``os-unreserve``).",
)
begin_detaching = _volumes.actor(
    "begin_detaching",
    {"os-begin_detaching": {}},
    "Mark the volume ``detaching`` (``os-begin_detaching``).",
)
roll_detaching = _volumes.actor(
    "roll_detaching",
    {"os-roll_detaching": {}},
    "Undo `begin_detaching()`: back to ``in-use`` (``os-roll_detaching``).",
)
force_delete = _volumes.actor(
    "force_delete",
    {"os-force_delete": {}},
    "Delete the volume whatever its status (``os-force_delete``; admin).",
)
attach = _volumes.options_actor(
    "attach",
    AttachOpts,
    """Record that the volume is attached (``os-attach``): bookkeeping, no data path.

    Nova calls this itself when it attaches a volume; call it when you
    attach by other means (a bare-metal host).
    """,
)
reset_status = _volumes.options_actor(
    "reset_status",
    ResetStatusOpts,
    "Force the volume's status fields, without touching the backend (admin).",
)
retype = _volumes.options_actor(
    "retype",
    RetypeOpts,
    "Change the volume's type, migrating it if ``migration_policy`` allows (``os-retype``).",
)


async def extend(client: ServiceClient, volume_id: str, new_size: int) -> None:
    """Grow a volume to ``new_size`` GiB (``os-extend``; 202, it goes ``extending``)."""
    if new_size < 1:
        raise InvalidOptions("new_size", f"must be a size in GiB >= 1, not {new_size}")
    await _volumes.action(client, volume_id, {"os-extend": {"new_size": new_size}})


async def detach(client: ServiceClient, volume_id: str, attachment_id: str | None = None) -> None:
    """Record that the volume is detached (``os-detach``); name the attachment if several."""
    args = {} if attachment_id is None else {"attachment_id": attachment_id}
    await _volumes.action(client, volume_id, {"os-detach": args})


async def initialize_connection(
    client: ServiceClient, volume_id: str, connector: Connector
) -> ConnectionInfo:
    """Export the volume to the ``connector``'s host; how to reach it (200)."""
    answer = await _volumes.action(
        client,
        volume_id,
        {"os-initialize_connection": {"connector": connector.to_body()}},
        ok_codes=(200, 202),
    )
    return extract(answer, "connection_info", ConnectionInfo)


async def terminate_connection(client: ServiceClient, volume_id: str, connector: Connector) -> None:
    """End the export `initialize_connection()` made (``os-terminate_connection``)."""
    await _volumes.action(
        client, volume_id, {"os-terminate_connection": {"connector": connector.to_body()}}
    )


async def set_bootable(client: ServiceClient, volume_id: str, bootable: bool) -> None:
    """Mark the volume bootable or not (``os-set_bootable``; 200)."""
    await _volumes.action(
        client, volume_id, {"os-set_bootable": {"bootable": bootable}}, ok_codes=(200,)
    )


async def set_readonly(client: ServiceClient, volume_id: str, readonly: bool) -> None:
    """Make the volume attach read-only, or read-write (``os-update_readonly_flag``)."""
    await _volumes.action(client, volume_id, {"os-update_readonly_flag": {"readonly": readonly}})


async def upload_to_image(
    client: ServiceClient, volume_id: str, opts: UploadImageOpts
) -> VolumeImage:
    """Copy the volume into a new image (``os-volume_upload_image``); the upload starts."""
    check_microversions(client, opts)
    answer = await _volumes.action(client, volume_id, opts.to_body())
    return extract(answer, "os-volume_upload_image", VolumeImage)
