"""Compute v2 disk config (``OS-DCF``): how a server's root disk is partitioned.

opts = diskconfig.CreateOptsExt(servers.CreateOpts(...), disk_config=diskconfig.DiskConfig.MANUAL)
server = await servers.create(compute, opts)
diskconfig.disk_config(await servers.get(compute, server.id))    # DiskConfig.MANUAL

AUTO grows the root partition (and filesystem) to fill the disk; MANUAL leaves
the image's layout as it is. The extension wraps the create, rebuild and resize
options the way gophercloud's CreateOptsBuilder does.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from .....errors import ResponseFormatError
from .....models import Model
from .....params import check_types
from ..servers import CreateOptsBuilder, RebuildOptsBuilder, ResizeOptsBuilder

__all__ = [
    "CreateOptsExt",
    "DiskConfig",
    "RebuildOptsExt",
    "ResizeOptsExt",
    "disk_config",
]

_KEY = "OS-DCF:diskConfig"


class DiskConfig(str, enum.Enum):
    """AUTO: grow the root partition to the disk; MANUAL: keep the image's partitions."""

    AUTO = "AUTO"
    MANUAL = "MANUAL"


def _with_disk_config(body: dict[str, Any], key: str, value: DiskConfig) -> dict[str, Any]:
    body[key][_KEY] = DiskConfig(value).value
    return body


@attrs.frozen
class CreateOptsExt:
    """Server create options with a disk config."""

    base: CreateOptsBuilder
    disk_config: DiskConfig

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return _with_disk_config(self.base.to_body(), "server", self.disk_config)


@attrs.frozen
class RebuildOptsExt:
    """Rebuild options with a disk config."""

    base: RebuildOptsBuilder
    disk_config: DiskConfig

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return _with_disk_config(self.base.to_body(), "rebuild", self.disk_config)


@attrs.frozen
class ResizeOptsExt:
    """Resize options with a disk config."""

    base: ResizeOptsBuilder
    disk_config: DiskConfig

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return _with_disk_config(self.base.to_body(), "resize", self.disk_config)


def disk_config(model: Model) -> DiskConfig | None:
    """The disk config of a server (or image) from its ``raw``; None if not reported."""
    value = model.raw.get(_KEY)
    if value is None:
        return None
    try:
        return DiskConfig(value)
    except (TypeError, ValueError):
        raise ResponseFormatError(f"unknown {_KEY} value {value!r}") from None
