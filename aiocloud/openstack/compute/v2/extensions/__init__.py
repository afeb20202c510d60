"""Compute v2 extensions: the ones Nova announces, and the option/result extensions here.

```python
async for ext in extensions.list(compute):
    print(ext.alias, ext.name)               # "os-keypairs", "OS-DCF", ...
keypairs_ext = await extensions.get(compute, "os-keypairs")
```

Submodules: `.keypairs` (``os-keypairs``) and `.diskconfig` (``OS-DCF``).
"""

from __future__ import annotations

from ....common.extensions import Extension, get, list

__all__ = ["Extension", "get", "list"]
