"""Cluster capabilities and limits: Swift's ``GET /info``.

```python
caps = await info.get(swift)
caps.swift.max_file_size                  # 5368709122
caps.bulk_delete.max_deletes_per_request  # None when the bulk middleware is off
if caps.supports("tempurl"):
    print(caps.tempurl.allowed_digests)
```

``/info`` sits at the root of the Swift endpoint (``https://swift:8080/info``
for ``https://swift:8080/v1/AUTH_x``). Every middleware the cluster runs has
a section in ``raw``; the common ones are typed here.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

import attrs

from ....models import Model, structure
from ....service import ServiceClient

__all__ = [
    "BulkDeleteInfo",
    "Info",
    "SLOInfo",
    "SwiftInfo",
    "TempURLInfo",
    "get",
    "info_url",
]


@attrs.frozen
class SwiftInfo(Model):
    """Core limits (the ``swift`` section)."""

    version: str | None = None
    max_file_size: int | None = None
    max_object_name_length: int | None = None
    max_container_name_length: int | None = None
    container_listing_limit: int | None = None
    account_listing_limit: int | None = None
    max_meta_count: int | None = None
    max_meta_name_length: int | None = None
    max_meta_value_length: int | None = None
    max_meta_overall_size: int | None = None
    max_header_size: int | None = None
    policies: list[dict[str, Any]] = attrs.field(factory=list)


@attrs.frozen
class SLOInfo(Model):
    """Static Large Object limits (the ``slo`` section)."""

    max_manifest_segments: int = 1000
    max_manifest_size: int | None = None
    min_segment_size: int = 1
    allow_async_delete: bool = False


@attrs.frozen
class BulkDeleteInfo(Model):
    """Bulk delete limits (the ``bulk_delete`` section)."""

    max_deletes_per_request: int = 10000
    max_failed_deletes: int = 1000


@attrs.frozen
class TempURLInfo(Model):
    """What temporary URLs may do (the ``tempurl`` section)."""

    methods: list[str] = attrs.field(factory=list)
    allowed_digests: list[str] = attrs.field(factory=lambda: ["sha1", "sha256", "sha512"])
    deprecated_digests: list[str] = attrs.field(factory=list)


@attrs.frozen
class Info(Model):
    """The cluster's capabilities; ``raw`` holds every section."""

    swift: SwiftInfo = attrs.field(factory=SwiftInfo)
    slo: SLOInfo | None = None
    bulk_delete: BulkDeleteInfo | None = None
    tempurl: TempURLInfo | None = None

    def supports(self, capability: str) -> bool:
        """Whether the cluster announces ``capability`` (``"slo"``, ``"bulk_delete"``...)."""
        return capability in self.raw


def info_url(client: ServiceClient) -> str:
    """Where ``/info`` is: the endpoint's root, or the part before ``/v1/``."""
    parts = urlsplit(client.endpoint)
    cut = parts.path.find("/v1/")
    root = parts.path[:cut] if cut >= 0 else ""
    return urlunsplit((parts.scheme, parts.netloc, root + "/info", "", ""))


async def get(client: ServiceClient) -> Info:
    """The cluster's capabilities (``GET /info``)."""
    body = await client.json("GET", info_url(client))
    return structure(body, Info)
