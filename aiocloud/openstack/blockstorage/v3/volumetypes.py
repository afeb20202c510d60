"""Block storage v3 volume types: classes of storage, their extra specs and who may use them.

cinder = await openstack.new_block_storage_v3(admin_provider)
vt = await volumetypes.create(cinder, volumetypes.CreateOpts(
    name="gold", description="SSD", is_public=False, extra_specs={"volume_backend_name": "ssd"}))
await volumetypes.update_extra_spec(cinder, vt.id, "replication", "<is> True")
await volumetypes.add_access(cinder, vt.id, project_id)
async for vt in volumetypes.list(cinder):
    print(vt.id, vt.name, vt.extra_specs)
await volumetypes.delete(cinder, vt.id)

Types are the same in v2 and v3. Creating, changing and deleting them is
admin work by default; a private type is seen only by the projects it is
shared with.
"""

from __future__ import annotations

from ..v2.volumetypes import *  # noqa: F403 (v3's volume types are v2's, operation for operation)
from ..v2.volumetypes import __all__ as __all__
