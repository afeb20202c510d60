"""Rackspace Cloud Identity v2.0 extensions (``RAX-KSKEY``, ``RAX-AUTH``...): OpenStack's.

```python
async for ext in extensions.list(identity):
    print(ext.alias, ext.name)           # "RAX-KSKEY", "Rackspace API Key Authentication"
```
"""

from __future__ import annotations

from ....openstack.common.extensions import Extension, get, list

__all__ = ["Extension", "get", "list"]
