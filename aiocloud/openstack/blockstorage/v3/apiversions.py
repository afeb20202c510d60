"""Block storage API versions, as seen from a v3 client: what the Cinder endpoint offers.

```python
cinder = await openstack.new_block_storage_v3(provider)
for version in await apiversions.list(cinder):     # GET of the endpoint's root
    print(version.id, version.status)
v3 = await apiversions.get(cinder, "v3")
print(v3.min_version, v3.version)                  # "3.0" "3.70": the microversion range
cinder = cinder.with_microversion(v3.version)
```

The documents live at the endpoint's root, above ``/v3/{project_id}``; every
version reads them the same way.
"""

from __future__ import annotations

from .._apiversions import APIVersion, get, list, root_url

__all__ = ["APIVersion", "get", "list", "root_url"]
