"""Compute v2 disk config (``OS-DCF``): how a server's root disk is partitioned.

```python
opts = diskconfig.CreateOptsExt(servers.CreateOpts(...), disk_config=diskconfig.DiskConfig.MANUAL)
server = await servers.create(compute, opts)
diskconfig.disk_config(await servers.get(compute, server.id))    # DiskConfig.MANUAL
```

AUTO grows the root partition (and filesystem) to fill the disk; MANUAL leaves
the image's layout as it is. The extension wraps the create, rebuild and resize
options the way gophercloud's CreateOptsBuilder does.
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar

import attrs

from ....._resource import BodyBuilder, extend_body
from .....errors import ResponseFormatError
from .....models import Model
from .....params import check_types

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


@attrs.frozen
class _WithDiskConfig:
    """Options of ``base`` (create, rebuild or resize) with ``OS-DCF:diskConfig`` added.

    The disk config goes into the body's ``_ENVELOPE`` object (``server``, ``rebuild``, ``resize``).
    """

    _ENVELOPE: ClassVar[str]

    base: BodyBuilder
    disk_config: DiskConfig

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return extend_body(self.base, self._ENVELOPE, {_KEY: DiskConfig(self.disk_config).value})


@attrs.frozen
class CreateOptsExt(_WithDiskConfig):
    """Server create options with a disk config."""

    _ENVELOPE: ClassVar[str] = "server"


@attrs.frozen
class RebuildOptsExt(_WithDiskConfig):
    """Rebuild options with a disk config."""

    _ENVELOPE: ClassVar[str] = "rebuild"


@attrs.frozen
class ResizeOptsExt(_WithDiskConfig):
    """Resize options with a disk config."""

    _ENVELOPE: ClassVar[str] = "resize"


def disk_config(model: Model) -> DiskConfig | None:
    """The disk config of a server (or image) from its ``raw``; None if not reported."""
    value = model.raw.get(_KEY)
    if value is None:
        return None
    try:
        return DiskConfig(value)
    except (TypeError, ValueError):
        raise ResponseFormatError(f"unknown {_KEY} value {value!r}") from None
