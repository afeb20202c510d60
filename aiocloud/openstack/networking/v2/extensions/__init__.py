"""Networking v2 extensions: what this Neutron offers, and the modules for them.

```python
async for ext in extensions.list(network):
    print(ext.alias, ext.name)
router = await extensions.get(network, "router")     # NotFound if Neutron lacks it
```

The listing itself is the one shared by every service
(`aiocloud.openstack.common.extensions`); the submodules (``external``,
``provider``, ``layer3``, ``security``, ``lbaas``) cover the extensions' resources.
"""

from __future__ import annotations

from ....common.extensions import Extension, get, list

__all__ = ["Extension", "get", "list"]
