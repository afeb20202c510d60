"""What is Cinder's own in block storage v1, v2 and v3 (private to blockstorage).

Cinder speaks the kit's dialect (`aiocloud._resource`) with a few
habits of its own: volumes and snapshots are listed in detail
(``GET /<plural>/detail``), creates answer 202 (200 in v1), deletes 202,
booleans may come as strings, and v3 keeps a user message about what failed,
which a waiter reads when a volume or snapshot goes to an ``error*`` status.
"""

from __future__ import annotations

from typing import Any, TypeVar

from ..._resource import Collection
from ...errors import AiocloudError, ResponseFormatError
from ...service import ServiceClient

__all__ = ["METADATA_FUNCTIONS", "collection", "latest_user_message", "to_bool"]

T = TypeVar("T")

METADATA_FUNCTIONS = (
    "get_metadata",
    "update_metadata",
    "reset_metadata",
    "get_metadatum",
    "create_metadatum",
    "delete_metadatum",
)
"""What Cinder's modules call the six metadata functions, in the kit's order."""

_MESSAGES_FILTERING = "3.5"  # GET /messages ignores filters before 3.5


def to_bool(value: Any) -> bool:
    """Cinder's booleans: JSON true/false, or the strings ``"true"``/``"false"``."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    if type(value) is not bool:
        raise ResponseFormatError(f"expected a boolean, got {value!r:.100}")
    return value


async def latest_user_message(client: ServiceClient, item_id: str, item: object) -> str | None:
    """The newest ``user_message`` Cinder v3 keeps about a resource (None before v3).

    The fault reader of volumes and snapshots. Best effort: it only enriches an
    error being raised, so its own failures are ignored.
    """
    if client.effective_microversion is None:  # v1 and v2 have no messages
        return None
    if not client.at_least(_MESSAGES_FILTERING):
        client = client.with_microversion(_MESSAGES_FILTERING)
    params = [("resource_uuid", item_id), ("sort", "created_at:desc"), ("limit", "1")]
    try:
        body = await client.json("GET", client.service_url("messages"), params=params)
    except AiocloudError:
        return None
    messages = body.get("messages") if isinstance(body, dict) else None
    if not isinstance(messages, list) or not messages or not isinstance(messages[0], dict):
        return None
    text = messages[0].get("user_message")
    return text if isinstance(text, str) and text else None


def collection(model: type[T], singular: str, plural: str) -> Collection[T]:
    """A Cinder collection with a status: volumes or snapshots, read as ``model``.

    Every version lists them in detail; creates answer 200 (v1) or 202, deletes
    202; an ``error*`` status while waiting carries the v3 user message.
    """
    return Collection(
        model,
        singular,
        plural,
        list_path=("detail",),
        create_codes=(200, 201, 202),
        delete_codes=(202, 204),
        fault=latest_user_message,
    )
