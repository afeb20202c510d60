"""Identity v2.0 extensions (``GET /v2.0/extensions``), read with the shared listing.

```python
async for ext in extensions.list(identity):
    print(ext.alias, ext.name)                 # "OS-KSADM", "OS-KSCRUD", ...
ksadm = await extensions.get(identity, "OS-KSADM")
```

Keystone v2.0 answers ``{"extensions": {"values": [...]}}``; the shared
`ExtensionPage` reads that shape.
"""

from __future__ import annotations

from ...common.extensions import Extension, get, list

__all__ = ["Extension", "get", "list"]
