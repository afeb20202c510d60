"""Block storage API versions, as seen from a v2 client: what the Cinder endpoint offers.

```python
cinder = await openstack.new_block_storage_v2(provider)
for version in await apiversions.list(cinder):     # GET of the endpoint's root
    print(version.id, version.status)
v2 = await apiversions.get(cinder, "v2")
print(v2.status)                                   # "SUPPORTED", "DEPRECATED"
```

The documents live at the endpoint's root, above ``/v2/{project_id}``; every
version reads them the same way.
"""

from __future__ import annotations

from .._apiversions import APIVersion, get, list, root_url

__all__ = ["APIVersion", "get", "list", "root_url"]
