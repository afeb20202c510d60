"""Compute v2 extensions: the ones Nova announces, and the option/result extensions here.

```python
async for ext in extensions.list(compute):
    print(ext.alias, ext.name)               # "os-keypairs", "OS-DCF", ...
keypairs_ext = await extensions.get(compute, "os-keypairs")
```

Submodules: `.keypairs` (``os-keypairs``) and `.diskconfig` (``OS-DCF``).
"""

from __future__ import annotations

from .....pagination import Pager
from .....service import ServiceClient
from ....common import extensions as _common
from ....common.extensions import Extension

__all__ = ["Extension", "get", "list"]


def list(client: ServiceClient) -> Pager[Extension]:
    """Every extension the compute service announces (``GET /extensions``, one page)."""
    return _common.list(client)


async def get(client: ServiceClient, alias: str) -> Extension:
    """One compute extension by alias; NotFound if Nova lacks it."""
    return await _common.get(client, alias)
