"""The options of listing, creating and updating servers.

Options objects build their own bodies (``to_body()``), so extensions wrap them
(``keypairs.CreateOptsExt``, ``diskconfig.CreateOptsExt``) the way gophercloud's
CreateOptsBuilder does.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Literal

import attrs

from ....._resource import BodyBuilder
from .....errors import InvalidOptions
from .....params import body, body_metadata, build_body, check_types, query, query_metadata
from ._lookup import NamedRefs

CreateOptsBuilder = BodyBuilder
"""Anything that builds a ``POST /servers`` body: `CreateOpts` or a wrapper of it."""


def _comma_list(value: str | Sequence[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return ",".join(value)


def b64(data: bytes | str | None) -> str | None:
    """``data`` base64-encoded (text as UTF-8), the way Nova takes user data and files."""
    if data is None:
        return None
    raw = data.encode() if isinstance(data, str) else data
    return base64.b64encode(raw).decode("ascii")


@attrs.frozen
class ListOpts:
    """Filters for `list()`; ``limit`` is the page size.

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


@attrs.frozen
class Personality:
    """A file injected into a new server (before microversion 2.57); ``contents`` is encoded."""

    path: str
    contents: bytes | str = attrs.field(repr=False)

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return {"path": self.path, "contents": b64(self.contents)}


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


@attrs.frozen
class CreateOpts(NamedRefs):
    """A new server: ``name``, a flavor, and an image unless it boots from a volume.

    ``flavor_name``/``image_name`` are looked up by `create()`.
    ``networks`` is a list of `Network`, ``"auto"`` or ``"none"`` (the
    strings need 2.37, which also makes ``networks`` required). ``user_data``
    and ``personality`` contents are base64-encoded for you. ``tags`` need
    2.52, ``description`` 2.19, ``host``/``hypervisor_hostname`` 2.74,
    ``hostname`` 2.90.
    """

    _REFS: ClassVar[tuple[str, ...]] = ("flavor", "image")

    name: str
    flavor_ref: str | None = body("flavorRef")
    flavor_name: str | None = None
    image_ref: str | None = body("imageRef")
    image_name: str | None = None
    networks: Sequence[Network] | Literal["auto", "none"] | None = None
    security_groups: Sequence[str] | None = None
    user_data: bytes | str | None = attrs.field(default=None, repr=False)
    availability_zone: str | None = None
    metadata: Mapping[str, str] | None = None
    personality: Sequence[Personality] | None = None
    config_drive: bool | None = None
    admin_pass: str | None = attrs.field(
        default=None, repr=False, metadata=body_metadata("adminPass")
    )
    key_name: str | None = None
    access_ipv4: str | None = body("accessIPv4")
    access_ipv6: str | None = body("accessIPv6")
    min_count: int | None = None
    max_count: int | None = None
    block_device_mapping: Sequence[BlockDevice] | None = body("block_device_mapping_v2")
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
        super()._check()
        if isinstance(self.networks, str) and self.networks not in ("auto", "none"):
            raise InvalidOptions("networks", "must be a list of Network, 'auto' or 'none'")

    def _missing(self, kind: str) -> None:
        if kind != "image":
            super()._missing(kind)
        elif not any(bd.boot_index == 0 for bd in self.block_device_mapping or ()):
            raise InvalidOptions(
                "image_ref", "is required (or image_name, or a block device with boot_index=0)"
            )

    def to_body(self) -> dict[str, Any]:
        self._ready()
        # security groups go as {"name": ...} objects; the hints go next to "server"
        server = build_body(
            attrs.evolve(
                self, user_data=b64(self.user_data), security_groups=None, scheduler_hints=None
            )
        )
        if self.security_groups is not None:
            server["security_groups"] = [{"name": name} for name in self.security_groups]
        request: dict[str, Any] = {"server": server}
        if self.scheduler_hints is not None:
            request["os:scheduler_hints"] = self.scheduler_hints.to_body()
        return request


@attrs.frozen
class UpdateOpts:
    """Changes to a server: name, access IPs, ``description`` (2.19), ``hostname`` (2.90)."""

    name: str | None = None
    access_ipv4: str | None = body("accessIPv4")
    access_ipv6: str | None = body("accessIPv6")
    description: str | None = None
    hostname: str | None = None

    def to_body(self) -> dict[str, Any]:
        return {"server": build_body(self)}
