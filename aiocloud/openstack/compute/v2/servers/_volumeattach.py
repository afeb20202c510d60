"""Volumes attached to a server (``/servers/{id}/os-volume_attachments``)."""

from __future__ import annotations

from typing import Any

import attrs

from ....._resource import Collection
from .....models import Model, json_key
from .....pagination import SinglePage
from .....params import body_metadata, build_body
from ._base import _servers


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
class AttachVolumeOpts:
    """A volume to attach; ``tag`` needs 2.49, ``delete_on_termination`` 2.79."""

    volume_id: str = attrs.field(metadata=body_metadata("volumeId"))
    device: str | None = None
    tag: str | None = None
    delete_on_termination: bool | None = None

    def to_body(self) -> dict[str, Any]:
        return {"volumeAttachment": build_body(self)}


_attachments = _servers.nested(
    Collection(
        VolumeAttachment,
        "volumeAttachment",
        "volumeAttachments",
        path=("os-volume_attachments",),
        page=SinglePage(VolumeAttachment, "volumeAttachments"),
        id_name="volume_id",
        create_codes=(200,),
        delete_codes=(202,),
    )
)

list_volume_attachments = _attachments.lister(
    "list_volume_attachments", "The volumes attached to a server."
)
attach_volume = _attachments.creator(
    "attach_volume",
    AttachVolumeOpts,
    "Attach a volume; it is ``in-use`` once the block storage service agrees.",
)
get_volume_attachment = _attachments.getter(
    "get_volume_attachment", "The attachment of one volume to a server."
)
detach_volume = _attachments.deleter(
    "detach_volume", "Detach a volume (asynchronously: it becomes ``available`` when done)."
)
