"""Compute v2 servers: boot, inspect, change, act on and delete virtual machines.

server = await servers.create(compute, servers.CreateOpts(
    name="web-1", image_name="cirros", flavor_name="m1.tiny",
    networks=[servers.Network(uuid=net_id)], metadata={"role": "web"}))
server = await servers.wait_for_status(compute, server.id, "ACTIVE", timeout=300)
async for s in servers.list(compute, servers.ListOpts(status="ACTIVE", limit=200)):
    print(s.name, s.addresses)
await servers.reboot(compute, server.id, servers.RebootOpts(type=servers.RebootType.HARD))
image_id = await servers.create_image(compute, server.id, servers.CreateImageOpts(name="snap"))
await servers.delete(compute, server.id)
await servers.wait_for_delete(compute, server.id, timeout=120)

Options objects build their own bodies (``to_body()``), so extensions wrap them
(``keypairs.CreateOptsExt``, ``diskconfig.CreateOptsExt``) the way gophercloud's
CreateOptsBuilder does. Image and flavor names are looked up by :func:`create`,
:func:`rebuild` and :func:`resize` before the request. Answers from any
microversion parse; fields added by later ones are None when absent.
"""

from __future__ import annotations

import base64
import builtins
import functools
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, Protocol, TypeVar

import attrs

from ....errors import InvalidOptions, ResourceError, ResponseFormatError
from ....models import Model, extract, json_key, structure
from ....pagination import Link, LinkedPage, Pager, SinglePage
from ....params import body as _renamed
from ....params import (
    body_metadata,
    build_body,
    build_query_params,
    check_types,
    query,
    query_metadata,
)
from ....service import ServiceClient, parse_json
from ....waiters import (
    DEFAULT_BACKOFF,
    DEFAULT_INTERVAL,
    DEFAULT_MAX_INTERVAL,
    DEFAULT_TIMEOUT,
    wait_for_resource,
)
from . import flavors, images
from ._base import at_least

__all__ = [
    "Address",
    "AttachInterfaceOpts",
    "AttachVolumeOpts",
    "AttachedVolume",
    "BlockDevice",
    "CreateImageOpts",
    "CreateOpts",
    "CreateOptsBuilder",
    "Fault",
    "FixedIP",
    "Interface",
    "ListOpts",
    "Network",
    "Personality",
    "RebootOpts",
    "RebootType",
    "RebuildOpts",
    "RebuildOptsBuilder",
    "RemoteConsole",
    "RescueOpts",
    "ResizeOpts",
    "ResizeOptsBuilder",
    "SchedulerHints",
    "Server",
    "ServerFlavor",
    "ServerImage",
    "UnshelveOpts",
    "UpdateOpts",
    "VolumeAttachment",
    "attach_interface",
    "attach_volume",
    "change_admin_password",
    "confirm_resize",
    "create",
    "create_image",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "detach_interface",
    "detach_volume",
    "force_delete",
    "get",
    "get_console_output",
    "get_interface",
    "get_remote_console",
    "get_serial_console",
    "get_vnc_console",
    "get_volume_attachment",
    "list",
    "list_addresses",
    "list_addresses_by_network",
    "list_interfaces",
    "list_volume_attachments",
    "lock",
    "metadata",
    "metadatum",
    "pause",
    "reboot",
    "rebuild",
    "rescue",
    "reset_metadata",
    "resize",
    "resume",
    "revert_resize",
    "shelve",
    "shelve_offload",
    "start",
    "stop",
    "suspend",
    "unlock",
    "unpause",
    "unrescue",
    "unshelve",
    "update",
    "update_metadata",
    "wait_for_delete",
    "wait_for_status",
]

# -- models ---------------------------------------------------------------------------------


@attrs.frozen
class Address(Model):
    """One IP address of a server on a network; ``type`` is ``fixed`` or ``floating``."""

    addr: str
    version: int = 4
    type: str | None = json_key("OS-EXT-IPS:type", default=None)
    mac_addr: str | None = json_key("OS-EXT-IPS-MAC:mac_addr", default=None)


@attrs.frozen
class Fault(Model):
    """Why a server is in ERROR: Nova's fault record (``details`` is admin-only for 500s)."""

    code: int
    message: str
    created: datetime | None = None
    details: str | None = None


@attrs.frozen
class ServerImage(Model):
    """The image a server booted from (``{"id", "links"}``)."""

    id: str
    links: tuple[Link, ...] = ()


@attrs.frozen
class ServerFlavor(Model):
    """A server's flavor: ``id`` and links before microversion 2.47, its sizes from 2.47 on."""

    id: str | None = None
    original_name: str | None = None
    vcpus: int | None = None
    ram: int | None = None
    disk: int | None = None
    ephemeral: int | None = None
    swap: int | None = None
    extra_specs: dict[str, str] | None = None
    links: tuple[Link, ...] = ()


@attrs.frozen
class AttachedVolume(Model):
    """A volume attached to a server, as the server detail lists it."""

    id: str
    delete_on_termination: bool | None = None


@attrs.frozen
class _Named(Model):
    """An entry of a server's ``security_groups`` (``{"name": "default"}``)."""

    name: str


_T = TypeVar("_T")


def _read(raw: dict[str, Any], key: str, tp: Any, default: _T) -> _T:
    """``raw[key]`` built as ``tp``; ``default`` when absent or null."""
    value = raw.get(key)
    if value is None:
        return default
    built: _T = structure(value, tp)
    return built


@attrs.frozen
class Server(Model):
    """A server as ``GET /servers/{id}`` shows it, every OS-EXT-* attribute included.

    Scalar attributes are read when the answer arrives; structured ones
    (addresses, image, flavor, fault, timestamps, ...) are built from ``raw``
    on first access and then kept, which keeps long listings cheap; equality
    compares the scalar attributes. Attributes an answer lacks (older
    microversion, policy) are None or empty. What :func:`create` returns has
    little more than ``id``, ``links`` and ``admin_pass``: poll with
    :func:`wait_for_status` for the rest.
    """

    id: str
    name: str | None = None
    status: str | None = None
    tenant_id: str | None = None
    user_id: str | None = None
    host_id: str | None = json_key("hostId", default=None)
    key_name: str | None = None
    admin_pass: str | None = json_key("adminPass", default=None, repr=False)
    access_ipv4: str | None = json_key("accessIPv4", default=None)
    access_ipv6: str | None = json_key("accessIPv6", default=None)
    progress: int | None = None
    config_drive: str | None = None
    description: str | None = None
    locked: bool | None = None
    locked_reason: str | None = None
    host_status: str | None = None
    pinned_availability_zone: str | None = None
    availability_zone: str | None = json_key("OS-EXT-AZ:availability_zone", default=None)
    vm_state: str | None = json_key("OS-EXT-STS:vm_state", default=None)
    task_state: str | None = json_key("OS-EXT-STS:task_state", default=None)
    power_state: int | None = json_key("OS-EXT-STS:power_state", default=None)
    host: str | None = json_key("OS-EXT-SRV-ATTR:host", default=None)
    hypervisor_hostname: str | None = json_key("OS-EXT-SRV-ATTR:hypervisor_hostname", default=None)
    instance_name: str | None = json_key("OS-EXT-SRV-ATTR:instance_name", default=None)
    reservation_id: str | None = json_key("OS-EXT-SRV-ATTR:reservation_id", default=None)
    launch_index: int | None = json_key("OS-EXT-SRV-ATTR:launch_index", default=None)
    hostname: str | None = json_key("OS-EXT-SRV-ATTR:hostname", default=None)
    kernel_id: str | None = json_key("OS-EXT-SRV-ATTR:kernel_id", default=None)
    ramdisk_id: str | None = json_key("OS-EXT-SRV-ATTR:ramdisk_id", default=None)
    root_device_name: str | None = json_key("OS-EXT-SRV-ATTR:root_device_name", default=None)
    user_data: str | None = json_key("OS-EXT-SRV-ATTR:user_data", default=None, repr=False)

    @functools.cached_property
    def image(self) -> ServerImage | None:
        """The image it booted from; None for a server booted from a volume (``""``)."""
        return _read(self.raw, "image", ServerImage, None) if self.raw.get("image") else None

    @functools.cached_property
    def flavor(self) -> ServerFlavor | None:
        """Its flavor: id and links before 2.47, the flavor's sizes from 2.47 on."""
        return _read(self.raw, "flavor", ServerFlavor, None)

    @functools.cached_property
    def addresses(self) -> dict[str, tuple[Address, ...]]:
        """Its addresses by network name."""
        return _read(self.raw, "addresses", dict[str, tuple[Address, ...]], {})

    @functools.cached_property
    def metadata(self) -> dict[str, str]:
        """Its metadata (see also :func:`metadata` and friends)."""
        return _read(self.raw, "metadata", dict[str, str], {})

    @functools.cached_property
    def links(self) -> tuple[Link, ...]:
        """Its ``self`` and ``bookmark`` links."""
        return _read(self.raw, "links", tuple[Link, ...], ())

    @functools.cached_property
    def security_groups(self) -> tuple[str, ...]:
        """The names of its security groups."""
        groups: tuple[_Named, ...] = _read(self.raw, "security_groups", tuple[_Named, ...], ())
        return tuple(group.name for group in groups)

    @functools.cached_property
    def fault(self) -> Fault | None:
        """Why it is in ERROR, if it is."""
        return _read(self.raw, "fault", Fault, None)

    @functools.cached_property
    def created(self) -> datetime | None:
        """When it was created."""
        return _read(self.raw, "created", datetime, None)

    @functools.cached_property
    def updated(self) -> datetime | None:
        """When it last changed."""
        return _read(self.raw, "updated", datetime, None)

    @functools.cached_property
    def launched_at(self) -> datetime | None:
        """When it was last launched (``OS-SRV-USG:launched_at``)."""
        return _read(self.raw, "OS-SRV-USG:launched_at", datetime, None)

    @functools.cached_property
    def terminated_at(self) -> datetime | None:
        """When it was terminated (``OS-SRV-USG:terminated_at``)."""
        return _read(self.raw, "OS-SRV-USG:terminated_at", datetime, None)

    @functools.cached_property
    def tags(self) -> tuple[str, ...] | None:
        """Its tags (2.26)."""
        return _read(self.raw, "tags", tuple[str, ...], None)

    @functools.cached_property
    def trusted_image_certificates(self) -> tuple[str, ...] | None:
        """Certificate ids its image must be signed with (2.63)."""
        return _read(self.raw, "trusted_image_certificates", tuple[str, ...], None)

    @functools.cached_property
    def server_groups(self) -> tuple[str, ...] | None:
        """The ids of its server groups (2.71)."""
        return _read(self.raw, "server_groups", tuple[str, ...], None)

    @functools.cached_property
    def volumes_attached(self) -> tuple[AttachedVolume, ...]:
        """The volumes attached to it (``os-extended-volumes:volumes_attached``)."""
        return _read(
            self.raw, "os-extended-volumes:volumes_attached", tuple[AttachedVolume, ...], ()
        )


@attrs.frozen
class VolumeAttachment(Model):
    """A volume attached to a server (``os-volume_attachments``).

    ``id`` (same as ``volume_id``) is gone from 2.89, which adds
    ``attachment_id`` (the block storage attachment) and ``bdm_uuid``; ``tag``
    comes with 2.70 and ``delete_on_termination`` with 2.79.
    """

    volume_id: str = json_key("volumeId")
    server_id: str | None = json_key("serverId", default=None)
    device: str | None = None
    id: str | None = None
    tag: str | None = None
    delete_on_termination: bool | None = None
    attachment_id: str | None = None
    bdm_uuid: str | None = None


@attrs.frozen
class FixedIP(Model):
    """An address of a port on one subnet."""

    ip_address: str
    subnet_id: str | None = None


@attrs.frozen
class Interface(Model):
    """A network interface (a Neutron port) attached to a server; ``tag`` from 2.70."""

    port_id: str
    net_id: str | None = None
    mac_addr: str | None = None
    port_state: str | None = None
    fixed_ips: tuple[FixedIP, ...] = ()
    tag: str | None = None


@attrs.frozen
class RemoteConsole(Model):
    """Where to reach a server's console: ``url``, with its ``protocol`` and ``type``."""

    url: str
    type: str
    protocol: str | None = None


# -- options --------------------------------------------------------------------------------


class _OptsBuilder(Protocol):
    def to_body(self) -> dict[str, Any]: ...


CreateOptsBuilder = _OptsBuilder
"""Anything that builds a ``POST /servers`` body: :class:`CreateOpts` or a wrapper of it."""
RebuildOptsBuilder = _OptsBuilder
"""Anything that builds a rebuild action body: :class:`RebuildOpts` or a wrapper of it."""
ResizeOptsBuilder = _OptsBuilder
"""Anything that builds a resize action body: :class:`ResizeOpts` or a wrapper of it."""


def _comma_list(value: str | Sequence[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return ",".join(value)


@attrs.frozen
class ListOpts:
    """Filters for :func:`list`; ``limit`` is the page size.

    Nova matches ``name``, ``ip`` and most text filters as regular expressions.
    ``tags`` and friends (2.26) take a list or a comma-separated string;
    ``all_tenants`` is for admins.
    """

    changes_since: datetime | str | None = query("changes-since")
    changes_before: datetime | str | None = query("changes-before")
    image: str | None = query()
    flavor: str | None = query()
    name: str | None = query()
    status: str | None = query()
    host: str | None = query()
    ip: str | None = query()
    ip6: str | None = query()
    availability_zone: str | None = query()
    key_name: str | None = query()
    locked: bool | None = query()
    reservation_id: str | None = query()
    user_id: str | None = query()
    project_id: str | None = query()
    all_tenants: bool | None = query()
    deleted: bool | None = query()
    tags: str | None = attrs.field(default=None, converter=_comma_list, metadata=query_metadata())
    tags_any: str | None = attrs.field(
        default=None, converter=_comma_list, metadata=query_metadata("tags-any")
    )
    not_tags: str | None = attrs.field(
        default=None, converter=_comma_list, metadata=query_metadata("not-tags")
    )
    not_tags_any: str | None = attrs.field(
        default=None, converter=_comma_list, metadata=query_metadata("not-tags-any")
    )
    sort_key: str | Sequence[str] | None = query()
    sort_dir: str | Sequence[str] | None = query()
    marker: str | None = query()
    limit: int | None = query()


@attrs.frozen
class Network:
    """A NIC of a new server: a network ``uuid``, an existing ``port``, and optionally an IP."""

    uuid: str | None = None
    port: str | None = None
    fixed_ip: str | None = None
    tag: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if self.uuid is None and self.port is None:
            raise InvalidOptions("networks", "each Network needs a uuid or a port")
        return build_body(self)


def _b64(data: bytes | str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return base64.b64encode(raw).decode("ascii")


@attrs.frozen
class Personality:
    """A file injected into a new server (before microversion 2.57); ``contents`` is encoded."""

    path: str
    contents: bytes | str = attrs.field(repr=False)

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return {"path": self.path, "contents": _b64(self.contents)}


@attrs.frozen
class BlockDevice:
    """One ``block_device_mapping_v2`` entry; boot from volume with ``boot_index=0``.

    ``source_type``: image, volume, snapshot or blank; ``destination_type``:
    volume or local; ``volume_size`` in GiB; ``volume_type`` from 2.67.
    """

    source_type: str
    destination_type: str | None = None
    boot_index: int | None = None
    uuid: str | None = None
    volume_size: int | None = None
    delete_on_termination: bool | None = None
    device_name: str | None = None
    device_type: str | None = None
    disk_bus: str | None = None
    guest_format: str | None = None
    volume_type: str | None = None
    tag: str | None = None
    no_device: bool | None = None

    def to_body(self) -> dict[str, Any]:
        return build_body(self)


@attrs.frozen
class SchedulerHints:
    """Hints for the scheduler, sent as ``os:scheduler_hints`` next to ``server``.

    ``query`` is a JSON filter (text, or a structure that is encoded);
    ``additional_properties`` carries hints for custom filters.
    """

    group: str | None = None
    different_host: Sequence[str] | None = None
    same_host: Sequence[str] | None = None
    query: str | Sequence[Any] | None = None
    target_cell: str | None = None
    different_cell: Sequence[str] | None = None
    build_near_host_ip: str | None = None
    cidr: str | None = None
    additional_properties: Mapping[str, Any] | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        hints = build_body(attrs.evolve(self, query=None, additional_properties=None))
        if self.query is not None:
            hints["query"] = self.query if isinstance(self.query, str) else json.dumps(self.query)
        return {**(self.additional_properties or {}), **hints}


def _require_one(field: str, other: str, value: str | None, alternative: str | None) -> None:
    if value is not None and alternative is not None:
        raise InvalidOptions(field, f"give {field} or {other}, not both")


def _unresolved(field: str) -> InvalidOptions:
    return InvalidOptions(
        field, "is a name to look up: pass these options to servers.create/rebuild/resize"
    )


@attrs.frozen
class CreateOpts:
    """A new server: ``name``, a flavor, and an image unless it boots from a volume.

    ``flavor_name``/``image_name`` are looked up by :func:`create`.
    ``networks`` is a list of :class:`Network`, ``"auto"`` or ``"none"`` (the
    strings need 2.37, which also makes ``networks`` required). ``user_data``
    and ``personality`` contents are base64-encoded for you. ``tags`` need
    2.52, ``description`` 2.19, ``host``/``hypervisor_hostname`` 2.74,
    ``hostname`` 2.90.
    """

    name: str
    flavor_ref: str | None = None
    flavor_name: str | None = None
    image_ref: str | None = None
    image_name: str | None = None
    networks: Sequence[Network] | Literal["auto", "none"] | None = None
    security_groups: Sequence[str] | None = None
    user_data: bytes | str | None = attrs.field(default=None, repr=False)
    availability_zone: str | None = None
    metadata: Mapping[str, str] | None = None
    personality: Sequence[Personality] | None = None
    config_drive: bool | None = None
    admin_pass: str | None = attrs.field(default=None, repr=False)
    key_name: str | None = None
    access_ipv4: str | None = None
    access_ipv6: str | None = None
    min_count: int | None = None
    max_count: int | None = None
    block_device_mapping: Sequence[BlockDevice] | None = None
    scheduler_hints: SchedulerHints | None = None
    tags: Sequence[str] | None = None
    description: str | None = None
    hostname: str | None = None
    host: str | None = None
    hypervisor_hostname: str | None = None
    trusted_image_certificates: Sequence[str] | None = None

    def _check(self) -> None:
        if not self.name:
            raise InvalidOptions("name", "is required")
        _require_one("flavor_ref", "flavor_name", self.flavor_ref, self.flavor_name)
        _require_one("image_ref", "image_name", self.image_ref, self.image_name)
        if self.flavor_ref is None and self.flavor_name is None:
            raise InvalidOptions("flavor_ref", "is required (or flavor_name)")
        boots_from_volume = any(bd.boot_index == 0 for bd in self.block_device_mapping or ())
        if self.image_ref is None and self.image_name is None and not boots_from_volume:
            raise InvalidOptions(
                "image_ref", "is required (or image_name, or a block device with boot_index=0)"
            )
        if isinstance(self.networks, str) and self.networks not in ("auto", "none"):
            raise InvalidOptions("networks", "must be a list of Network, 'auto' or 'none'")

    async def _resolved(self, client: ServiceClient) -> CreateOpts:
        self._check()
        opts = self
        if self.flavor_name is not None:
            flavor_ref = await flavors.id_from_name(client, self.flavor_name)
            opts = attrs.evolve(opts, flavor_ref=flavor_ref, flavor_name=None)
        if self.image_name is not None:
            image_ref = await images.id_from_name(client, self.image_name)
            opts = attrs.evolve(opts, image_ref=image_ref, image_name=None)
        return opts

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        self._check()
        if self.flavor_name is not None:
            raise _unresolved("flavor_name")
        if self.image_name is not None:
            raise _unresolved("image_name")
        server: dict[str, Any] = {"name": self.name, "flavorRef": self.flavor_ref}
        if self.image_ref is not None:
            server["imageRef"] = self.image_ref
        if self.networks is not None:
            server["networks"] = (
                self.networks
                if isinstance(self.networks, str)
                else [n.to_body() for n in self.networks]
            )
        if self.security_groups is not None:
            server["security_groups"] = [{"name": name} for name in self.security_groups]
        if self.user_data is not None:
            server["user_data"] = _b64(self.user_data)
        if self.personality is not None:
            server["personality"] = [p.to_body() for p in self.personality]
        if self.block_device_mapping is not None:
            server["block_device_mapping_v2"] = [bd.to_body() for bd in self.block_device_mapping]
        plain = {
            "availability_zone": self.availability_zone,
            "metadata": dict(self.metadata) if self.metadata is not None else None,
            "config_drive": self.config_drive,
            "adminPass": self.admin_pass,
            "key_name": self.key_name,
            "accessIPv4": self.access_ipv4,
            "accessIPv6": self.access_ipv6,
            "min_count": self.min_count,
            "max_count": self.max_count,
            "tags": _list_or_none(self.tags),
            "description": self.description,
            "hostname": self.hostname,
            "host": self.host,
            "hypervisor_hostname": self.hypervisor_hostname,
            "trusted_image_certificates": _list_or_none(self.trusted_image_certificates),
        }
        server.update((k, v) for k, v in plain.items() if v is not None)
        body: dict[str, Any] = {"server": server}
        if self.scheduler_hints is not None:
            body["os:scheduler_hints"] = self.scheduler_hints.to_body()
        return body


def _list_or_none(values: Sequence[str] | None) -> builtins.list[str] | None:
    return builtins.list(values) if values is not None else None


@attrs.frozen
class UpdateOpts:
    """Changes to a server: name, access IPs, ``description`` (2.19), ``hostname`` (2.90)."""

    name: str | None = None
    access_ipv4: str | None = _renamed("accessIPv4")
    access_ipv6: str | None = _renamed("accessIPv6")
    description: str | None = None
    hostname: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"server": build_body(self)}


class RebootType:
    """How to reboot: SOFT asks the guest OS, HARD power-cycles the server."""

    SOFT = "SOFT"
    HARD = "HARD"


@attrs.frozen
class RebootOpts:
    """A reboot, SOFT (the default) or HARD."""

    type: str = RebootType.SOFT

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if self.type.upper() not in (RebootType.SOFT, RebootType.HARD):
            raise InvalidOptions("type", "must be SOFT or HARD")
        return {"reboot": {"type": self.type.upper()}}


@attrs.frozen
class RebuildOpts:
    """A rebuild onto ``image_ref`` (or ``image_name``), optionally changing more.

    ``key_name`` needs 2.54, ``user_data`` 2.57 (replacing ``personality``),
    ``trusted_image_certificates`` 2.63, ``hostname`` 2.90.
    """

    image_ref: str | None = None
    image_name: str | None = None
    name: str | None = None
    admin_pass: str | None = attrs.field(default=None, repr=False)
    access_ipv4: str | None = None
    access_ipv6: str | None = None
    metadata: Mapping[str, str] | None = None
    personality: Sequence[Personality] | None = None
    preserve_ephemeral: bool | None = None
    description: str | None = None
    key_name: str | None = None
    user_data: bytes | str | None = attrs.field(default=None, repr=False)
    trusted_image_certificates: Sequence[str] | None = None
    hostname: str | None = None

    def _check(self) -> None:
        _require_one("image_ref", "image_name", self.image_ref, self.image_name)
        if self.image_ref is None and self.image_name is None:
            raise InvalidOptions("image_ref", "is required (or image_name)")

    async def _resolved(self, client: ServiceClient) -> RebuildOpts:
        self._check()
        if self.image_name is None:
            return self
        image_ref = await images.id_from_name(client, self.image_name)
        return attrs.evolve(self, image_ref=image_ref, image_name=None)

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        self._check()
        if self.image_name is not None:
            raise _unresolved("image_name")
        rebuild: dict[str, Any] = {"imageRef": self.image_ref}
        plain = {
            "name": self.name,
            "adminPass": self.admin_pass,
            "accessIPv4": self.access_ipv4,
            "accessIPv6": self.access_ipv6,
            "metadata": dict(self.metadata) if self.metadata is not None else None,
            "personality": (
                [p.to_body() for p in self.personality] if self.personality is not None else None
            ),
            "preserve_ephemeral": self.preserve_ephemeral,
            "description": self.description,
            "key_name": self.key_name,
            "user_data": _b64(self.user_data) if self.user_data is not None else None,
            "trusted_image_certificates": _list_or_none(self.trusted_image_certificates),
            "hostname": self.hostname,
        }
        rebuild.update((k, v) for k, v in plain.items() if v is not None)
        return {"rebuild": rebuild}


@attrs.frozen
class ResizeOpts:
    """A resize to ``flavor_ref`` (or ``flavor_name``); confirm or revert it afterwards."""

    flavor_ref: str | None = None
    flavor_name: str | None = None

    def _check(self) -> None:
        _require_one("flavor_ref", "flavor_name", self.flavor_ref, self.flavor_name)
        if self.flavor_ref is None and self.flavor_name is None:
            raise InvalidOptions("flavor_ref", "is required (or flavor_name)")

    async def _resolved(self, client: ServiceClient) -> ResizeOpts:
        self._check()
        if self.flavor_name is None:
            return self
        flavor_ref = await flavors.id_from_name(client, self.flavor_name)
        return attrs.evolve(self, flavor_ref=flavor_ref, flavor_name=None)

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        self._check()
        if self.flavor_name is not None:
            raise _unresolved("flavor_name")
        return {"resize": {"flavorRef": self.flavor_ref}}


@attrs.frozen
class CreateImageOpts:
    """A snapshot of a server into a new image named ``name``."""

    name: str
    metadata: Mapping[str, str] | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.name:
            raise InvalidOptions("name", "is required")
        return {"createImage": build_body(self)}


@attrs.frozen
class RescueOpts:
    """Rescue mode: the password of the rescue system and the image to boot it from."""

    admin_pass: str | None = attrs.field(default=None, repr=False)
    rescue_image_ref: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        rescue = {"adminPass": self.admin_pass, "rescue_image_ref": self.rescue_image_ref}
        return {"rescue": {k: v for k, v in rescue.items() if v is not None} or None}


@attrs.frozen
class UnshelveOpts:
    """Where to unshelve: an availability zone (2.77) and/or a host (2.91)."""

    availability_zone: str | None = None
    host: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"unshelve": build_body(self) or None}


@attrs.frozen
class AttachVolumeOpts:
    """A volume to attach; ``tag`` needs 2.49, ``delete_on_termination`` 2.79."""

    volume_id: str = attrs.field(metadata=body_metadata("volumeId"))
    device: str | None = None
    tag: str | None = None
    delete_on_termination: bool | None = None

    def to_body(self) -> dict[str, Any]:
        return {"volumeAttachment": build_body(self)}


@attrs.frozen
class AttachInterfaceOpts:
    """An interface to attach: an existing ``port_id``, or a port on ``net_id``.

    ``fixed_ip`` (with ``net_id``) asks for that address; ``tag`` needs 2.49.
    """

    port_id: str | None = None
    net_id: str | None = None
    fixed_ip: str | None = None
    tag: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if self.port_id is not None and self.net_id is not None:
            raise InvalidOptions("port_id", "give port_id or net_id, not both")
        if self.fixed_ip is not None and self.net_id is None:
            raise InvalidOptions("fixed_ip", "needs net_id")
        attachment: dict[str, Any] = build_body(attrs.evolve(self, fixed_ip=None))
        if self.fixed_ip is not None:
            attachment["fixed_ips"] = [{"ip_address": self.fixed_ip}]
        return {"interfaceAttachment": attachment}


# -- operations -----------------------------------------------------------------------------


def _url(client: ServiceClient, server_id: str, *parts: str) -> str:
    if not server_id:
        raise InvalidOptions("server_id", "is required")
    return client.service_url("servers", server_id, *parts)


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[Server]:
    """Servers with their details (``GET /servers/detail``), page by page."""
    return Pager(
        client,
        client.service_url("servers", "detail"),
        LinkedPage("servers", Server),
        params=build_query_params(opts),
        max_items=max_items,
    )


async def get(client: ServiceClient, server_id: str) -> Server:
    """One server by id."""
    return extract(await client.json("GET", _url(client, server_id)), "server", Server)


async def _resolved(client: ServiceClient, opts: _OptsBuilder) -> _OptsBuilder:
    """``opts`` with image/flavor names looked up, through any wrapping extensions."""
    if isinstance(opts, (CreateOpts, RebuildOpts, ResizeOpts)):
        return await opts._resolved(client)
    base = getattr(opts, "base", None)
    if base is not None and attrs.has(type(opts)):
        wrapper: Any = opts
        resolved: _OptsBuilder = attrs.evolve(wrapper, base=await _resolved(client, base))
        return resolved
    return opts


async def create(client: ServiceClient, opts: CreateOptsBuilder) -> Server:
    """Boot a server (``POST /servers``); the answer is partial, see :class:`Server`."""
    opts = await _resolved(client, opts)
    request = opts.to_body()
    if "networks" not in request.get("server", {}) and at_least(client, "2.37"):
        raise InvalidOptions(
            "networks", "is required from microversion 2.37: a list of Network, 'auto' or 'none'"
        )
    answer = await client.json("POST", client.service_url("servers"), json=request, ok_codes=(202,))
    return extract(answer, "server", Server)


async def update(client: ServiceClient, server_id: str, opts: UpdateOpts) -> Server:
    """Rename a server or change its access IPs, description or hostname."""
    answer = await client.json("PUT", _url(client, server_id), json=opts.to_body(), ok_codes=(200,))
    return extract(answer, "server", Server)


async def delete(client: ServiceClient, server_id: str) -> None:
    """Delete a server; it disappears asynchronously (see :func:`wait_for_delete`)."""
    await client.request("DELETE", _url(client, server_id), ok_codes=(204,))


async def _action(
    client: ServiceClient, server_id: str, body: Mapping[str, Any], ok_codes: tuple[int, ...]
) -> Any:
    """``POST /servers/{id}/action``; the parsed answer (None when empty)."""
    return await client.json(
        "POST", _url(client, server_id, "action"), json=body, ok_codes=ok_codes
    )


async def force_delete(client: ServiceClient, server_id: str) -> None:
    """Delete a soft-deleted server now instead of after the reclaim interval."""
    await _action(client, server_id, {"forceDelete": None}, (202,))


async def reboot(client: ServiceClient, server_id: str, opts: RebootOpts | None = None) -> None:
    """Reboot a server (SOFT unless ``opts`` says HARD)."""
    await _action(client, server_id, (opts or RebootOpts()).to_body(), (202,))


async def rebuild(client: ServiceClient, server_id: str, opts: RebuildOptsBuilder) -> Server:
    """Rebuild a server from an image, keeping its id and addresses."""
    opts = await _resolved(client, opts)
    answer = await _action(client, server_id, opts.to_body(), (202,))
    return extract(answer, "server", Server)


async def resize(client: ServiceClient, server_id: str, opts: ResizeOptsBuilder) -> None:
    """Start a resize; the server goes to VERIFY_RESIZE, then confirm or revert it."""
    opts = await _resolved(client, opts)
    await _action(client, server_id, opts.to_body(), (202,))


async def confirm_resize(client: ServiceClient, server_id: str) -> None:
    """Keep the new size of a server in VERIFY_RESIZE."""
    await _action(client, server_id, {"confirmResize": None}, (204,))


async def revert_resize(client: ServiceClient, server_id: str) -> None:
    """Go back to the old size of a server in VERIFY_RESIZE."""
    await _action(client, server_id, {"revertResize": None}, (202,))


async def change_admin_password(client: ServiceClient, server_id: str, password: str) -> None:
    """Set the administrator password inside the guest (the driver must support it)."""
    await _action(client, server_id, {"changePassword": {"adminPass": password}}, (202,))


async def create_image(client: ServiceClient, server_id: str, opts: CreateImageOpts) -> str:
    """Snapshot a server into a new image; returns the new image's id.

    From microversion 2.45 the id is in the body, before it in ``Location``.
    """
    response = await client.request(
        "POST", _url(client, server_id, "action"), json=opts.to_body(), ok_codes=(202,)
    )
    answer = parse_json(response)
    if isinstance(answer, dict) and isinstance(answer.get("image_id"), str):
        image_id: str = answer["image_id"]
        return image_id
    location: str | None = response.headers.get("location")
    if location:
        return location.rstrip("/").rsplit("/", 1)[-1]
    raise ResponseFormatError("createImage: the answer has neither image_id nor Location")


async def start(client: ServiceClient, server_id: str) -> None:
    """Power on a SHUTOFF server."""
    await _action(client, server_id, {"os-start": None}, (202,))


async def stop(client: ServiceClient, server_id: str) -> None:
    """Power off a server (it goes to SHUTOFF)."""
    await _action(client, server_id, {"os-stop": None}, (202,))


async def pause(client: ServiceClient, server_id: str) -> None:
    """Pause a server (kept in memory)."""
    await _action(client, server_id, {"pause": None}, (202,))


async def unpause(client: ServiceClient, server_id: str) -> None:
    """Unpause a PAUSED server."""
    await _action(client, server_id, {"unpause": None}, (202,))


async def suspend(client: ServiceClient, server_id: str) -> None:
    """Suspend a server (state saved to disk)."""
    await _action(client, server_id, {"suspend": None}, (202,))


async def resume(client: ServiceClient, server_id: str) -> None:
    """Resume a SUSPENDED server."""
    await _action(client, server_id, {"resume": None}, (202,))


async def lock(client: ServiceClient, server_id: str, reason: str | None = None) -> None:
    """Lock a server against changes by non-admins; ``reason`` needs 2.73."""
    body = {"lock": {"locked_reason": reason} if reason is not None else None}
    await _action(client, server_id, body, (202,))


async def unlock(client: ServiceClient, server_id: str) -> None:
    """Unlock a locked server."""
    await _action(client, server_id, {"unlock": None}, (202,))


async def rescue(
    client: ServiceClient, server_id: str, opts: RescueOpts | None = None
) -> str | None:
    """Boot a server into rescue mode; returns the rescue admin password, if Nova gives one."""
    answer = await _action(client, server_id, (opts or RescueOpts()).to_body(), (200,))
    password = answer.get("adminPass") if isinstance(answer, dict) else None
    return password if isinstance(password, str) else None


async def unrescue(client: ServiceClient, server_id: str) -> None:
    """Leave rescue mode."""
    await _action(client, server_id, {"unrescue": None}, (202,))


async def shelve(client: ServiceClient, server_id: str) -> None:
    """Shelve a server (SHELVED, then SHELVED_OFFLOADED once its host is freed)."""
    await _action(client, server_id, {"shelve": None}, (202,))


async def shelve_offload(client: ServiceClient, server_id: str) -> None:
    """Free the host of a SHELVED server now."""
    await _action(client, server_id, {"shelveOffload": None}, (202,))


async def unshelve(client: ServiceClient, server_id: str, opts: UnshelveOpts | None = None) -> None:
    """Bring a shelved server back."""
    await _action(client, server_id, (opts or UnshelveOpts()).to_body(), (202,))


async def get_console_output(
    client: ServiceClient, server_id: str, length: int | None = None
) -> str:
    """The server's console log, or its last ``length`` lines."""
    request = {"os-getConsoleOutput": {"length": length} if length is not None else {}}
    answer = await _action(client, server_id, request, (200,))
    output = answer.get("output") if isinstance(answer, dict) else None
    if not isinstance(output, str):
        raise ResponseFormatError("os-getConsoleOutput: the answer has no 'output' text")
    return output


_LEGACY_CONSOLE_ACTIONS = {
    "vnc": "os-getVNCConsole",
    "spice": "os-getSPICEConsole",
    "rdp": "os-getRDPConsole",
    "serial": "os-getSerialConsole",
}


async def get_remote_console(
    client: ServiceClient, server_id: str, protocol: str, type: str
) -> RemoteConsole:
    """A console URL: ``protocol`` vnc/spice/rdp/serial/mks, ``type`` novnc/xvpvnc/...

    From microversion 2.6 this is ``POST /servers/{id}/remote-consoles``;
    before, the ``os-get*Console`` actions (which have no mks).
    """
    if at_least(client, "2.6"):
        answer = await client.json(
            "POST",
            _url(client, server_id, "remote-consoles"),
            json={"remote_console": {"protocol": protocol, "type": type}},
            ok_codes=(200,),
        )
        return extract(answer, "remote_console", RemoteConsole)
    action = _LEGACY_CONSOLE_ACTIONS.get(protocol)
    if action is None:
        raise InvalidOptions("protocol", f"{protocol!r} consoles need microversion 2.6 or later")
    answer = await _action(client, server_id, {action: {"type": type}}, (200,))
    console = extract(answer, "console", RemoteConsole)
    return attrs.evolve(console, protocol=protocol)


async def get_vnc_console(
    client: ServiceClient, server_id: str, type: str = "novnc"
) -> RemoteConsole:
    """A VNC console URL (``type`` novnc or xvpvnc)."""
    return await get_remote_console(client, server_id, "vnc", type)


async def get_serial_console(client: ServiceClient, server_id: str) -> RemoteConsole:
    """A serial console websocket URL."""
    return await get_remote_console(client, server_id, "serial", "serial")


# -- addresses ------------------------------------------------------------------------------


async def list_addresses(client: ServiceClient, server_id: str) -> dict[str, tuple[Address, ...]]:
    """Every address of a server, by network name (``GET /servers/{id}/ips``)."""
    answer = await client.json("GET", _url(client, server_id, "ips"))
    if not isinstance(answer, dict) or "addresses" not in answer:
        raise ResponseFormatError("expected a JSON object with 'addresses'")
    return structure(answer["addresses"], dict[str, tuple[Address, ...]])


async def list_addresses_by_network(
    client: ServiceClient, server_id: str, network: str
) -> tuple[Address, ...]:
    """The addresses of a server on the network named ``network``."""
    answer = await client.json("GET", _url(client, server_id, "ips", network))
    if not isinstance(answer, dict) or network not in answer:
        raise ResponseFormatError(f"expected a JSON object with {network!r}")
    return structure(answer[network], tuple[Address, ...])


# -- metadata -------------------------------------------------------------------------------


def _metadata(answer: Any, key: str = "metadata") -> dict[str, str]:
    value = answer.get(key) if isinstance(answer, dict) else None
    if not isinstance(value, dict):
        raise ResponseFormatError(f"expected a JSON object with {key!r}")
    return structure(value, dict[str, str])


async def metadata(client: ServiceClient, server_id: str) -> dict[str, str]:
    """All metadata of a server."""
    return _metadata(await client.json("GET", _url(client, server_id, "metadata")))


async def reset_metadata(
    client: ServiceClient, server_id: str, values: Mapping[str, str]
) -> dict[str, str]:
    """Replace all metadata of a server with ``values``; returns the new metadata."""
    answer = await client.json(
        "PUT", _url(client, server_id, "metadata"), json={"metadata": dict(values)}, ok_codes=(200,)
    )
    return _metadata(answer)


async def update_metadata(
    client: ServiceClient, server_id: str, values: Mapping[str, str]
) -> dict[str, str]:
    """Add or change the keys in ``values`` (others are kept); returns all metadata."""
    answer = await client.json(
        "POST",
        _url(client, server_id, "metadata"),
        json={"metadata": dict(values)},
        ok_codes=(200,),
    )
    return _metadata(answer)


async def metadatum(client: ServiceClient, server_id: str, key: str) -> str:
    """One metadata value (NotFound if the key is absent)."""
    answer = await client.json("GET", _url(client, server_id, "metadata", key))
    meta = _metadata(answer, "meta")
    if key not in meta:
        raise ResponseFormatError(f"the answer has no metadata key {key!r}")
    return meta[key]


async def create_metadatum(client: ServiceClient, server_id: str, key: str, value: str) -> None:
    """Set one metadata key (created or replaced)."""
    await client.json(
        "PUT",
        _url(client, server_id, "metadata", key),
        json={"meta": {key: value}},
        ok_codes=(200,),
    )


async def delete_metadatum(client: ServiceClient, server_id: str, key: str) -> None:
    """Remove one metadata key."""
    await client.request("DELETE", _url(client, server_id, "metadata", key), ok_codes=(204,))


# -- volume attachments ---------------------------------------------------------------------


def list_volume_attachments(client: ServiceClient, server_id: str) -> Pager[VolumeAttachment]:
    """The volumes attached to a server."""
    return Pager(
        client,
        _url(client, server_id, "os-volume_attachments"),
        SinglePage(VolumeAttachment, "volumeAttachments"),
    )


async def attach_volume(
    client: ServiceClient, server_id: str, opts: AttachVolumeOpts
) -> VolumeAttachment:
    """Attach a volume; it is ``in-use`` once the block storage service agrees."""
    answer = await client.json(
        "POST",
        _url(client, server_id, "os-volume_attachments"),
        json=opts.to_body(),
        ok_codes=(200,),
    )
    return extract(answer, "volumeAttachment", VolumeAttachment)


async def get_volume_attachment(
    client: ServiceClient, server_id: str, volume_id: str
) -> VolumeAttachment:
    """The attachment of one volume to a server."""
    answer = await client.json("GET", _url(client, server_id, "os-volume_attachments", volume_id))
    return extract(answer, "volumeAttachment", VolumeAttachment)


async def detach_volume(client: ServiceClient, server_id: str, volume_id: str) -> None:
    """Detach a volume (asynchronously: it becomes ``available`` when done)."""
    await client.request(
        "DELETE", _url(client, server_id, "os-volume_attachments", volume_id), ok_codes=(202,)
    )


# -- interfaces -----------------------------------------------------------------------------


def list_interfaces(client: ServiceClient, server_id: str) -> Pager[Interface]:
    """The network interfaces (ports) of a server."""
    return Pager(
        client,
        _url(client, server_id, "os-interface"),
        SinglePage(Interface, "interfaceAttachments"),
    )


async def attach_interface(
    client: ServiceClient, server_id: str, opts: AttachInterfaceOpts
) -> Interface:
    """Attach a port (or a new port on a network) to a server."""
    answer = await client.json(
        "POST", _url(client, server_id, "os-interface"), json=opts.to_body(), ok_codes=(200,)
    )
    return extract(answer, "interfaceAttachment", Interface)


async def get_interface(client: ServiceClient, server_id: str, port_id: str) -> Interface:
    """One interface of a server, by port id."""
    answer = await client.json("GET", _url(client, server_id, "os-interface", port_id))
    return extract(answer, "interfaceAttachment", Interface)


async def detach_interface(client: ServiceClient, server_id: str, port_id: str) -> None:
    """Detach an interface (asynchronously)."""
    await client.request(
        "DELETE", _url(client, server_id, "os-interface", port_id), ok_codes=(202,)
    )


# -- waiting --------------------------------------------------------------------------------


def _error_of(server: Server) -> ResourceError:
    fault = server.fault.message if server.fault is not None else None
    reason = f": {fault}" if fault else ""
    return ResourceError(f"server {server.id} went to ERROR{reason}", status="ERROR", fault=fault)


async def wait_for_status(
    client: ServiceClient,
    server_id: str,
    status: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    interval: float = DEFAULT_INTERVAL,
    backoff: float = DEFAULT_BACKOFF,
    max_interval: float = DEFAULT_MAX_INTERVAL,
) -> Server:
    """Poll a server until its status is ``status``; returns it as last seen.

    ERROR (unless that is what you wait for) raises
    :class:`~aiocloud.errors.ResourceError` with Nova's fault message;
    running out of time raises :class:`~aiocloud.errors.WaitTimeout`.
    """

    async def check(server: Server) -> None:
        if server.status == "ERROR":
            raise _error_of(server)

    found = await wait_for_resource(
        lambda: get(client, server_id),
        what=f"server {server_id}",
        goal=status,
        reached=lambda server: server.status == status,
        check=check,
        timeout=timeout,
        interval=interval,
        backoff=backoff,
        max_interval=max_interval,
    )
    assert found is not None
    return found


async def wait_for_delete(
    client: ServiceClient,
    server_id: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    interval: float = DEFAULT_INTERVAL,
    backoff: float = DEFAULT_BACKOFF,
    max_interval: float = DEFAULT_MAX_INTERVAL,
) -> None:
    """Poll until the server is gone (404, or status DELETED when soft-deleted).

    A server passes through ERROR while Nova deletes it (and failed servers
    are what gets deleted most): only "gone" or the timeout
    (:class:`~aiocloud.errors.WaitTimeout`) ends this wait.
    """
    await wait_for_resource(
        lambda: get(client, server_id),
        what=f"server {server_id}",
        goal="deleted",
        reached=lambda server: server.status == "DELETED",
        gone_is_reached=True,
        timeout=timeout,
        interval=interval,
        backoff=backoff,
        max_interval=max_interval,
    )
