"""Compute v2 servers: boot, inspect, change, act on and delete virtual machines.

```python
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
```

Options objects build their own bodies (``to_body()``), so extensions wrap them
(``keypairs.CreateOptsExt``, ``diskconfig.CreateOptsExt``) the way gophercloud's
CreateOptsBuilder does. Image and flavor names are looked up by `create()`,
`rebuild()` and `resize()` before the request. Answers from any
microversion parse; fields added by later ones are None when absent.

Everything is used from here (``servers.reboot``, ``servers.CreateOpts``); the
private modules split it the way gophercloud splits its extensions: the models,
the options of create/list/update and of actions, core CRUD, actions, consoles,
addresses, metadata, volume attachments, interfaces and waiters.
"""

from __future__ import annotations

from ._action_opts import (
    CreateImageOpts,
    RebootOpts,
    RebootType,
    RebuildOpts,
    RebuildOptsBuilder,
    RescueOpts,
    ResizeOpts,
    ResizeOptsBuilder,
    UnshelveOpts,
)
from ._actions import (
    change_admin_password,
    confirm_resize,
    create_image,
    force_delete,
    lock,
    pause,
    reboot,
    rebuild,
    rescue,
    resize,
    resume,
    revert_resize,
    shelve,
    shelve_offload,
    start,
    stop,
    suspend,
    unlock,
    unpause,
    unrescue,
    unshelve,
)
from ._addresses import list_addresses, list_addresses_by_network
from ._consoles import (
    RemoteConsole,
    get_console_output,
    get_remote_console,
    get_serial_console,
    get_vnc_console,
)
from ._crud import create, delete, get, list, update
from ._interfaces import (
    AttachInterfaceOpts,
    FixedIP,
    Interface,
    attach_interface,
    detach_interface,
    get_interface,
    list_interfaces,
)
from ._metadata import (
    create_metadatum,
    delete_metadatum,
    metadata,
    metadatum,
    reset_metadata,
    update_metadata,
)
from ._models import Address, AttachedVolume, Fault, Server, ServerFlavor, ServerImage
from ._options import (
    BlockDevice,
    CreateOpts,
    CreateOptsBuilder,
    ListOpts,
    Network,
    Personality,
    SchedulerHints,
    UpdateOpts,
)
from ._volumeattach import (
    AttachVolumeOpts,
    VolumeAttachment,
    attach_volume,
    detach_volume,
    get_volume_attachment,
    list_volume_attachments,
)
from ._waiters import wait_for_delete, wait_for_status

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
