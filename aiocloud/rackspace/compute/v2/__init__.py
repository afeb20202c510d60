"""Rackspace Cloud Servers v2: OpenStack compute v2 with Rackspace's extensions.

```python
compute = await rackspace.new_compute_v2(provider, EndpointOpts(region="DFW"))
async for flavor in flavors.list(compute):
    print(flavor.id, flavor.ram, flavor.flavor_class)
server = await servers.create(compute, servers.CreateOpts(
    name="web-1", image_ref=image_id, flavor_ref="performance1-1"))
```

Modules: `.servers`, `.flavors`, `.images`, `.keypairs` (the OpenStack ones
with Rackspace's differences), `.networks` (isolated networks,
``os-networksv2``) and `.virtualinterfaces` (``os-virtual-interfacesv2``).

Rackspace's Nova has no microversions: there is no ``MAX_MICROVERSION`` here
and no client needs `aiocloud.openstack.negotiate_microversion()`; options
that need a microversion (``networks="auto"``, ``tags``, ...) are not for
Rackspace.
"""

from __future__ import annotations

__all__: list[str] = []
