"""Server actions (``POST /servers/{id}/action``): power, reboot, rebuild, resize, and more.

What gophercloud spreads over startstop, pauseunpause, suspendresume,
lockunlock, rescueunrescue and shelveunshelve; actions without parameters are
made from the collection.
"""

from __future__ import annotations

from .....errors import ResponseFormatError
from .....models import extract
from .....service import ServiceClient, parse_json
from ._action_opts import (
    CreateImageOpts,
    RebootOpts,
    RebuildOptsBuilder,
    RescueOpts,
    ResizeOptsBuilder,
    UnshelveOpts,
)
from ._base import _servers
from ._lookup import resolve_names
from ._models import Server

force_delete = _servers.actor(
    "force_delete",
    {"forceDelete": None},
    "Delete a soft-deleted server now instead of after the reclaim interval.",
)
confirm_resize = _servers.actor(
    "confirm_resize",
    {"confirmResize": None},
    "Keep the new size of a server in VERIFY_RESIZE.",
    ok_codes=(204,),
)
revert_resize = _servers.actor(
    "revert_resize", {"revertResize": None}, "Go back to the old size of a server in VERIFY_RESIZE."
)
start = _servers.actor("start", {"os-start": None}, "Power on a SHUTOFF server.")
stop = _servers.actor("stop", {"os-stop": None}, "Power off a server (it goes to SHUTOFF).")
pause = _servers.actor("pause", {"pause": None}, "Pause a server (kept in memory).")
unpause = _servers.actor("unpause", {"unpause": None}, "Unpause a PAUSED server.")
suspend = _servers.actor("suspend", {"suspend": None}, "Suspend a server (state saved to disk).")
resume = _servers.actor("resume", {"resume": None}, "Resume a SUSPENDED server.")
unlock = _servers.actor("unlock", {"unlock": None}, "Unlock a locked server.")
unrescue = _servers.actor("unrescue", {"unrescue": None}, "Leave rescue mode.")
shelve = _servers.actor(
    "shelve",
    {"shelve": None},
    "Shelve a server (SHELVED, then SHELVED_OFFLOADED once its host is freed).",
)
shelve_offload = _servers.actor(
    "shelve_offload", {"shelveOffload": None}, "Free the host of a SHELVED server now."
)


async def reboot(client: ServiceClient, server_id: str, opts: RebootOpts | None = None) -> None:
    """Reboot a server (SOFT unless ``opts`` says HARD)."""
    await _servers.action(client, server_id, (opts or RebootOpts()).to_body())


async def rebuild(client: ServiceClient, server_id: str, opts: RebuildOptsBuilder) -> Server:
    """Rebuild a server from an image, keeping its id and addresses."""
    opts = await resolve_names(client, opts)
    answer = await _servers.action(client, server_id, opts.to_body())
    return extract(answer, "server", Server)


async def resize(client: ServiceClient, server_id: str, opts: ResizeOptsBuilder) -> None:
    """Start a resize; the server goes to VERIFY_RESIZE, then confirm or revert it."""
    opts = await resolve_names(client, opts)
    await _servers.action(client, server_id, opts.to_body())


async def change_admin_password(client: ServiceClient, server_id: str, password: str) -> None:
    """Set the administrator password inside the guest (the driver must support it)."""
    await _servers.action(client, server_id, {"changePassword": {"adminPass": password}})


async def create_image(client: ServiceClient, server_id: str, opts: CreateImageOpts) -> str:
    """Snapshot a server into a new image; returns the new image's id.

    From microversion 2.45 the id is in the body, before it in ``Location``.
    """
    response = await client.request(
        "POST", _servers.item_url(client, server_id, "action"), json=opts.to_body(), ok_codes=(202,)
    )
    answer = parse_json(response)
    if isinstance(answer, dict) and isinstance(answer.get("image_id"), str):
        image_id: str = answer["image_id"]
        return image_id
    location: str | None = response.headers.get("location")
    if location:
        return location.rstrip("/").rsplit("/", 1)[-1]
    raise ResponseFormatError("createImage: the answer has neither image_id nor Location")


async def lock(client: ServiceClient, server_id: str, reason: str | None = None) -> None:
    """Lock a server against changes by non-admins; ``reason`` needs 2.73."""
    body = {"lock": {"locked_reason": reason} if reason is not None else None}
    await _servers.action(client, server_id, body)


async def rescue(
    client: ServiceClient, server_id: str, opts: RescueOpts | None = None
) -> str | None:
    """Boot a server into rescue mode; returns the rescue admin password, if Nova gives one."""
    answer = await _servers.action(
        client, server_id, (opts or RescueOpts()).to_body(), ok_codes=(200,)
    )
    password = answer.get("adminPass") if isinstance(answer, dict) else None
    return password if isinstance(password, str) else None


async def unshelve(client: ServiceClient, server_id: str, opts: UnshelveOpts | None = None) -> None:
    """Bring a shelved server back."""
    await _servers.action(client, server_id, (opts or UnshelveOpts()).to_body())
