"""Rackspace keypairs (``os-keypairs``): OpenStack's compute keypairs, unchanged.

```python
generated = await keypairs.create(compute, keypairs.CreateOpts(name="deploy"))
save(generated.private_key)                  # given once, never again
await keypairs.import_key(compute, "laptop", open("id_ed25519.pub").read())
await servers.create(compute, servers.CreateOpts(..., key_name="deploy"))
await keypairs.delete(compute, "deploy")
```

Rackspace's server `aiocloud.rackspace.compute.v2.servers.CreateOpts`
takes ``key_name`` itself.
"""

from __future__ import annotations

from ....openstack.compute.v2.extensions.keypairs import (
    CreateOpts,
    KeyPair,
    ListOpts,
    create,
    delete,
    get,
    import_key,
    list,
)

__all__ = ["CreateOpts", "KeyPair", "ListOpts", "create", "delete", "get", "import_key", "list"]
