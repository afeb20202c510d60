"""Rackspace Cloud Block Storage: volumes, snapshots and volume types (``v1``).

Cloud Block Storage speaks Cinder's v1 API, so ``v1`` re-exports OpenStack's
block storage v1 modules and adds what is Rackspace's own: ``SATA`` and ``SSD``
volumes and the sizes each may have.

```python
cbs = await rackspace.new_block_storage_v1(provider)
from aiocloud.rackspace.blockstorage.v1 import volumes
vol = await volumes.create(cbs, volumes.CreateOpts(size=100, volume_type=volumes.SSD))
```
"""
