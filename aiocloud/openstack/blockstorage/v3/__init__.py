"""Block storage v3 (Cinder): apiversions, volumes, snapshots, volumetypes.

```python
volume = await openstack.new_block_storage_v3(provider)
volume = await openstack.negotiate_microversion(volume)   # up to MAX_MICROVERSION
```
"""

__all__ = ["MAX_MICROVERSION"]

MAX_MICROVERSION = "3.70"
"""The highest block storage microversion aiocloud understands (3.70: encrypted transfers)."""
