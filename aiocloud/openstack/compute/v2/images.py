"""Compute v2 images: the image catalog as Nova shows it (``/images``, a proxy to Glance).

```python
async for image in images.list(compute, images.ListOpts(status="ACTIVE")):
    print(image.id, image.name, image.min_disk)
cirros = await images.get(compute, await images.id_from_name(compute, "cirros"))
await images.delete(compute, snapshot_id)
```

Nova removed this proxy at microversion 2.36; these calls are sent at 2.35
when the client asks for a later microversion, so they work with any client.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from ...._resource import Collection
from ....errors import ResponseFormatError
from ....models import Model, json_key
from ....pagination import Link, Pager
from ....params import query
from ....service import ServiceClient
from ._base import at_most
from ._base import id_from_name as _id_from_name

__all__ = ["Image", "ImageServer", "ListOpts", "delete", "get", "id_from_name", "list"]

_LAST_PROXY_MICROVERSION = "2.35"


def _byte_count(value: Any) -> int | None:
    # Some clouds (Rackspace) send the size as a JSON float: 1.017415075e+09.
    if value is None or type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    raise ResponseFormatError(f"expected a whole number of bytes, got {value!r:.100}")


@attrs.frozen
class ImageServer(Model):
    """The server a snapshot image was made from."""

    id: str
    links: tuple[Link, ...] = ()


@attrs.frozen
class Image(Model):
    """An image: ``status`` is ACTIVE, SAVING, DELETED, ERROR or UNKNOWN; ``size`` in bytes."""

    id: str
    name: str | None = None
    status: str | None = None
    progress: int | None = None
    min_disk: int = json_key("minDisk", default=0)
    min_ram: int = json_key("minRam", default=0)
    created: datetime | None = None
    updated: datetime | None = None
    metadata: dict[str, Any] = attrs.field(factory=dict)
    size: int | None = json_key("OS-EXT-IMG-SIZE:size", default=None, converter=_byte_count)
    server: ImageServer | None = None
    links: tuple[Link, ...] = ()


@attrs.frozen
class ListOpts:
    """Filters for `list()`; ``type`` is snapshot or backup, ``server`` a server URL or id."""

    changes_since: datetime | str | None = query("changes-since")
    name: str | None = query()
    status: str | None = query()
    server: str | None = query()
    type: str | None = query()
    min_disk: int | None = query("minDisk")
    min_ram: int | None = query("minRam")
    marker: str | None = query()
    limit: int | None = query()


_images = Collection(Image, "image", "images", list_path=("detail",))


def list(
    client: ServiceClient, opts: ListOpts | None = None, *, max_items: int | None = None
) -> Pager[Image]:
    """Images with their details (``GET /images/detail``), page by page."""
    return _images.list(_proxy(client), opts, max_items=max_items)


async def get(client: ServiceClient, image_id: str) -> Image:
    """One image by id."""
    return await _images.get(_proxy(client), image_id)


async def id_from_name(client: ServiceClient, name: str) -> str:
    """The id of the image named exactly ``name`` (InvalidOptions if none or several)."""
    return await _id_from_name(
        list(client, ListOpts(name=name)), name, field="image_name", kind="image"
    )


async def delete(client: ServiceClient, image_id: str) -> None:
    """Delete an image (only its owner or an admin may)."""
    await _images.delete(_proxy(client), image_id)


def _proxy(client: ServiceClient) -> ServiceClient:
    """``client`` at 2.35 at the latest: the image proxy is gone from 2.36."""
    return at_most(client, _LAST_PROXY_MICROVERSION)
