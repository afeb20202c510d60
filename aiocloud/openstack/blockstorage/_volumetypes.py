"""Volume types, shared by block storage v1, v2 and v3 (private: use the versions' modules).

A volume type names a class of storage (a backend, QoS, encryption) through
its ``extra_specs``. v1 knows a name and extra specs; v2 added a description,
public/private types and per-project access (`..v2.volumetypes`), which v3
keeps unchanged. Creating, changing and deleting types is admin work by default.
``__all__`` names what every version takes from here as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..._resource import Collection
from ...errors import InvalidOptions, ResponseFormatError
from ...models import Model
from ...params import build_body, check_types
from ...service import ServiceClient

__all__ = [
    "VolumeType",
    "create",
    "create_extra_specs",
    "delete",
    "delete_extra_spec",
    "get",
    "get_extra_spec",
    "list_extra_specs",
    "update_extra_spec",
]


@attrs.frozen
class VolumeType(Model):
    """A volume type: its name, extra specs and (v2+) description and visibility."""

    id: str
    name: str
    description: str | None = None
    is_public: bool | None = None
    extra_specs: dict[str, str] = attrs.field(factory=dict)
    qos_specs_id: str | None = None


@attrs.frozen
class BasicCreateOpts:
    """A new volume type as v1 knows it: a name and its extra specs."""

    name: str
    extra_specs: Mapping[str, str] | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.name:
            raise InvalidOptions("name", "is required")
        return {"volume_type": build_body(self)}


TYPES = Collection(
    VolumeType,
    "volume_type",
    "volume_types",
    path=("types",),
    links_key="volume_type_links",
    create_codes=(200, 201, 202),
    delete_codes=(202, 204),
)
"""The ``/types`` collection; its listing is not detailed and continues by ``volume_type_links``."""

create = TYPES.creator(BasicCreateOpts, "Create a volume type (``POST /types``, admin).")
get = TYPES.getter("One volume type by id; NotFound if there is none.")
delete = TYPES.deleter("Delete a volume type (202); 400 while volumes still use it.")


async def list_extra_specs(client: ServiceClient, type_id: str) -> dict[str, str]:
    """All extra specs of a type (``GET /types/{id}/extra_specs``)."""
    answer = await client.json("GET", TYPES.item_url(client, type_id, "extra_specs"))
    return _specs(answer, "extra_specs")


async def get_extra_spec(client: ServiceClient, type_id: str, key: str) -> str:
    """One extra spec's value (NotFound if the type lacks it)."""
    answer = await client.json("GET", _spec_url(client, type_id, key))
    return _spec_value(answer, key)


async def create_extra_specs(
    client: ServiceClient, type_id: str, specs: Mapping[str, str]
) -> dict[str, str]:
    """Add or change the given extra specs, keep the others; those sent, as stored."""
    if not specs:
        raise InvalidOptions("specs", "give at least one extra spec")
    answer = await client.json(
        "POST",
        TYPES.item_url(client, type_id, "extra_specs"),
        json={"extra_specs": dict(specs)},
        ok_codes=(200,),
    )
    return _specs(answer, "extra_specs")


async def update_extra_spec(client: ServiceClient, type_id: str, key: str, value: str) -> str:
    """Set one extra spec (``PUT /types/{id}/extra_specs/{key}``); the stored value."""
    answer = await client.json(
        "PUT", _spec_url(client, type_id, key), json={key: value}, ok_codes=(200,)
    )
    return _spec_value(answer, key)


async def delete_extra_spec(client: ServiceClient, type_id: str, key: str) -> None:
    """Remove one extra spec (202)."""
    await client.request("DELETE", _spec_url(client, type_id, key), ok_codes=(202, 204))


def _spec_url(client: ServiceClient, type_id: str, key: str) -> str:
    if not key:
        raise InvalidOptions("key", "is required")
    return TYPES.item_url(client, type_id, "extra_specs", key)


def _specs(answer: Any, key: str) -> dict[str, str]:
    specs = answer.get(key) if isinstance(answer, dict) else None
    if not isinstance(specs, dict):
        raise ResponseFormatError(f"expected a JSON object with {key!r}")
    return specs


def _spec_value(answer: Any, key: str) -> str:
    """One spec's answer is ``{"<key>": "<value>"}``."""
    if not isinstance(answer, dict) or key not in answer:
        raise ResponseFormatError(f"expected a JSON object with the extra spec {key!r}")
    value: str = answer[key]
    return value
