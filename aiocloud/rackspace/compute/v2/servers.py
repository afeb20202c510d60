"""Rackspace Cloud Servers: OpenStack's servers, with a disk config and Rackspace's networks.

Everything is `aiocloud.openstack.compute.v2.servers` but the options of
create, rebuild and resize, which take Rackspace's ``disk_config``
(``OS-DCF:diskConfig``), and the ids of Rackspace's shared networks:

```python
server = await servers.create(compute, servers.CreateOpts(
    name="web-1", image_ref=image_id, flavor_ref="performance1-1", key_name="deploy",
    disk_config=servers.DiskConfig.MANUAL, metadata={"role": "web"},
    networks=[servers.Network(uuid=servers.PUBLIC_NET),
              servers.Network(uuid=servers.SERVICE_NET),
              servers.Network(uuid=isolated.id)],
    personality=[servers.Personality("/etc/motd", "Managed by aiocloud\\n")]))
server = await servers.wait_for_status(compute, server.id, "ACTIVE", timeout=900)
await servers.resize(compute, server.id, servers.ResizeOpts(flavor_ref="performance1-2"))
await servers.wait_for_status(compute, server.id, "VERIFY_RESIZE", timeout=900)
await servers.confirm_resize(compute, server.id)
```

Without ``networks`` Rackspace attaches the server to PublicNet and
ServiceNet; a list replaces that choice, so it names them too when they are
wanted (nothing is added for you, as in gophercloud's Rackspace package).
Without ``disk_config`` the server takes its image's setting.
"""

from __future__ import annotations

import attrs

from ....errors import InvalidOptions
from ....openstack.compute.v2 import servers as _servers
from ....openstack.compute.v2.extensions.diskconfig import DiskConfig, disk_config
from ....openstack.compute.v2.servers import (
    Address,
    AttachedVolume,
    AttachVolumeOpts,
    BlockDevice,
    CreateImageOpts,
    CreateOptsBuilder,
    Fault,
    ListOpts,
    Network,
    Personality,
    RebootOpts,
    RebootType,
    RebuildOptsBuilder,
    RescueOpts,
    ResizeOptsBuilder,
    Server,
    ServerFlavor,
    ServerImage,
    UpdateOpts,
    VolumeAttachment,
    attach_volume,
    change_admin_password,
    confirm_resize,
    create,
    create_image,
    create_metadatum,
    delete,
    delete_metadatum,
    detach_volume,
    get,
    get_volume_attachment,
    list,
    list_addresses,
    list_addresses_by_network,
    list_volume_attachments,
    metadata,
    metadatum,
    reboot,
    rebuild,
    rescue,
    reset_metadata,
    resize,
    revert_resize,
    unrescue,
    update,
    update_metadata,
    wait_for_delete,
    wait_for_status,
)
from ....params import body

__all__ = [
    "PUBLIC_NET",
    "SERVICE_NET",
    "Address",
    "AttachVolumeOpts",
    "AttachedVolume",
    "BlockDevice",
    "CreateImageOpts",
    "CreateOpts",
    "CreateOptsBuilder",
    "DiskConfig",
    "Fault",
    "ListOpts",
    "Network",
    "Personality",
    "RebootOpts",
    "RebootType",
    "RebuildOpts",
    "RebuildOptsBuilder",
    "RescueOpts",
    "ResizeOpts",
    "ResizeOptsBuilder",
    "Server",
    "ServerFlavor",
    "ServerImage",
    "UpdateOpts",
    "VolumeAttachment",
    "attach_volume",
    "change_admin_password",
    "confirm_resize",
    "create",
    "create_image",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "detach_volume",
    "disk_config",
    "get",
    "get_volume_attachment",
    "list",
    "list_addresses",
    "list_addresses_by_network",
    "list_volume_attachments",
    "metadata",
    "metadatum",
    "reboot",
    "rebuild",
    "rescue",
    "reset_metadata",
    "resize",
    "revert_resize",
    "unrescue",
    "update",
    "update_metadata",
    "wait_for_delete",
    "wait_for_status",
]

PUBLIC_NET = "00000000-0000-0000-0000-000000000000"
"""The id of PublicNet, Rackspace's Internet network (``public`` in addresses)."""

SERVICE_NET = "11111111-1111-1111-1111-111111111111"
"""The id of ServiceNet, Rackspace's regional internal network (``private`` in addresses)."""

_DISK_CONFIG = "OS-DCF:diskConfig"


@attrs.frozen
class CreateOpts(_servers.CreateOpts):
    """OpenStack's server `CreateOpts` with Rackspace's ``disk_config``.

    ``networks`` is a list of `Network` by ``uuid`` (`PUBLIC_NET`,
    `SERVICE_NET`, isolated networks): Rackspace has no microversions, so
    no ``"auto"`` or ``"none"``. ``key_name``, ``personality``, ``metadata``
    and ``config_drive`` are OpenStack's fields.
    """

    disk_config: DiskConfig | None = body(_DISK_CONFIG)

    def _check(self) -> None:
        super()._check()
        if isinstance(self.networks, str):
            raise InvalidOptions(
                "networks", "Rackspace takes a list of Network, not 'auto' or 'none'"
            )


@attrs.frozen
class RebuildOpts(_servers.RebuildOpts):
    """OpenStack's `RebuildOpts` with Rackspace's ``disk_config``."""

    disk_config: DiskConfig | None = body(_DISK_CONFIG)


@attrs.frozen
class ResizeOpts(_servers.ResizeOpts):
    """OpenStack's `ResizeOpts` with Rackspace's ``disk_config`` (resizing down needs AUTO)."""

    disk_config: DiskConfig | None = body(_DISK_CONFIG)
