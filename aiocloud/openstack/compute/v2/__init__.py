"""Compute v2/v2.1 (Nova): servers, flavors, images, keypairs, disk config, extensions.

```python
compute = await openstack.new_compute_v2(provider)
compute = await openstack.negotiate_microversion(compute)   # up to MAX_MICROVERSION
server = await servers.get(compute, server_id)
```

Every operation works at any microversion from 2.1 to `MAX_MICROVERSION`;
fields that later microversions add are read when the answer has them.
"""

from __future__ import annotations

__all__ = ["MAX_MICROVERSION"]

MAX_MICROVERSION = "2.96"
"""The highest compute microversion aiocloud understands (2.96: ``pinned_availability_zone``).

`aiocloud.openstack.negotiate_microversion()` never picks a higher one.
"""
