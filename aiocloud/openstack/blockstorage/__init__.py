"""Block storage (Cinder): ``v1``, ``v2`` and ``v3`` volumes, snapshots, volume types, versions.

The three versions share their mechanics (the private ``_*`` modules here);
each version's modules expose the same names with that version's fields:

    cinder = await openstack.new_block_storage_v3(provider)
    from aiocloud.openstack.blockstorage.v3 import volumes
    vol = await volumes.create(cinder, volumes.CreateOpts(size=1, name="data"))
"""
