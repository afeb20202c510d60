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

from .....pagination import Pager
from .....service import ServiceClient
from ....common import extensions as _common
from ....common.extensions import Extension

__all__ = ["Extension", "get", "list"]


def list(client: ServiceClient) -> Pager[Extension]:
    """Every extension Neutron has loaded (``GET /v2.0/extensions``)."""
    return _common.list(client)


async def get(client: ServiceClient, alias: str) -> Extension:
    """One extension by alias (``GET /v2.0/extensions/<alias>``); NotFound if absent."""
    return await _common.get(client, alias)
