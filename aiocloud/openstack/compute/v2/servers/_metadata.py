"""A server's metadata (``/servers/{id}/metadata``): all of it, or one key."""

from __future__ import annotations

from ._base import _servers

(
    metadata,
    update_metadata,
    reset_metadata,
    metadatum,
    create_metadatum,
    delete_metadatum,
) = _servers.metadata.functions(
    "metadata",
    "update_metadata",
    "reset_metadata",
    "metadatum",
    "create_metadatum",
    "delete_metadatum",
)
