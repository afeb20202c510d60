"""Block storage API versions, as seen from a v1 client: what the Cinder endpoint offers.

```python
cinder = await openstack.new_block_storage_v1(provider)
for version in await apiversions.list(cinder):     # GET of the endpoint's root
    print(version.id, version.status)
v1 = await apiversions.get(cinder, "v1")
print(v1.status)                                   # "DEPRECATED" where v1 is still served
```

The documents live at the endpoint's root, above ``/v1/{project_id}``; every
version reads them the same way.
"""

from __future__ import annotations

from .._apiversions import APIVersion, get, list, root_url

__all__ = ["APIVersion", "get", "list", "root_url"]
