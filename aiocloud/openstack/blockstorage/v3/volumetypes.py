"""Block storage v3 volume types: v2's, operation for operation (see `..v2.volumetypes`).

```python
cinder = await openstack.new_block_storage_v3(admin_provider)
vt = await volumetypes.create(cinder, volumetypes.CreateOpts(name="gold", is_public=False))
await volumetypes.add_access(cinder, vt.id, project_id)
print(await volumetypes.list_extra_specs(cinder, vt.id))
```

No v3 microversion changes what these operations send or read.
"""

from __future__ import annotations

from .._volumetypes import *  # noqa: F403 (what v2 takes from here, for type checkers)
from ..v2.volumetypes import *  # noqa: F403 (v3's volume types are v2's, operation for operation)
from ..v2.volumetypes import __all__ as __all__
