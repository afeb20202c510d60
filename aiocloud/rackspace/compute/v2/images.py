"""Rackspace images, as Cloud Servers lists them: OpenStack's compute images, unchanged.

```python
async for image in images.list(compute, images.ListOpts(type="SNAPSHOT")):
    print(image.id, image.name, image.metadata.get("os_type"), images.disk_config(image))
ubuntu = await images.get(compute, await images.id_from_name(compute, "Ubuntu 22.04 LTS"))
await images.delete(compute, snapshot_id)
```

Rackspace base images carry their facts in ``metadata`` (``os_type``,
``image_type``, ``auto_disk_config``, ``com.rackspace__1__*``); their
``OS-DCF:diskConfig`` is read with `disk_config()`.
"""

from __future__ import annotations

from ....openstack.compute.v2.extensions.diskconfig import DiskConfig, disk_config
from ....openstack.compute.v2.images import (
    Image,
    ImageServer,
    ListOpts,
    delete,
    get,
    id_from_name,
    list,
)

__all__ = [
    "DiskConfig",
    "Image",
    "ImageServer",
    "ListOpts",
    "delete",
    "disk_config",
    "get",
    "id_from_name",
    "list",
]
