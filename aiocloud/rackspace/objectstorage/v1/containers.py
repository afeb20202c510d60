"""Cloud Files containers: list, create, get, update, delete (OpenStack's module).

```python
await containers.create(files, "logs", containers.CreateOpts(metadata={"team": "ops"}))
async for c in containers.list(files, containers.ListOpts(full=True)):
    print(c.name, c.count, c.bytes)
```

Storage containers are Swift's (`aiocloud.openstack.objectstorage.v1.containers`);
publishing one on the CDN is `cdncontainers`, on the CDN endpoint.
"""

from __future__ import annotations

from ....openstack.objectstorage.v1.containers import *  # noqa: F403 (Cloud Files containers are Swift's)
from ....openstack.objectstorage.v1.containers import __all__ as __all__
