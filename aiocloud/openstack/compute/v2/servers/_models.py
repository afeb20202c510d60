"""The server model and its parts: addresses, image, flavor, fault, attached volumes."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any, TypeVar

import attrs

from .....models import Model, json_key, structure
from .....pagination import Link


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
    microversion, policy) are None or empty. What `create()` returns has
    little more than ``id``, ``links`` and ``admin_pass``: poll with
    `wait_for_status()` for the rest.
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
        """Its metadata (see also `metadata()` and friends)."""
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
