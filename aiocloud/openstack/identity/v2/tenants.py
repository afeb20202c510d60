"""Identity v2.0 tenants: the projects the token's user may use (``GET /v2.0/tenants``).

```python
async for tenant in tenants.list(identity, tenants.ListOpts(limit=100)):
    print(tenant.id, tenant.name, tenant.enabled)
```

A v2.0 token can be scoped to one of them with ``AuthOptions(tenant_id=...)``.
"""

from __future__ import annotations

import attrs

from ...._resource import Collection
from ....models import Model
from ....params import query

__all__ = ["ListOpts", "Tenant", "list"]


@attrs.frozen
class Tenant(Model):
    """A tenant (a v3 "project"): id, name, description and whether it is enabled."""

    id: str
    name: str
    description: str | None = None
    enabled: bool = True


@attrs.frozen
class ListOpts:
    """Paging of `list()`: ``limit`` tenants per request, starting after ``marker``."""

    marker: str | None = query()
    limit: int | None = query()


_tenants = Collection(Tenant, "tenant", "tenants")

list = _tenants.lister(ListOpts, "The tenants, page by page following ``tenants_links`` rel=next.")
