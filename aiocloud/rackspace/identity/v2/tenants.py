"""Rackspace Cloud Identity v2.0 tenants: the accounts the user may use (OpenStack's).

```python
async for tenant in tenants.list(identity):
    print(tenant.id, tenant.name)        # "123456": the account number
```

Rackspace's extra attributes (``RAX-AUTH:domainId``...) are in ``tenant.raw``.
"""

from __future__ import annotations

from ....openstack.identity.v2.tenants import ListOpts, Tenant, list

__all__ = ["ListOpts", "Tenant", "list"]
