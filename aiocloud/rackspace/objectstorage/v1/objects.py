"""Cloud Files objects: upload, list, metadata, copy, delete, downloads (OpenStack's module).

```python
await objects.create(files, "site", "index.html", pathlib.Path("index.html"),
                     objects.CreateOpts(detect_content_type=True))   # type from the name
await objects.copy(files, "site", "index.html", "backup",
                   opts=objects.CopyOpts(detect_content_type=True))
async with objects.download(files, "site", "index.html") as dl:
    page = await dl.read()
```

Everything Rackspace documents for objects is Swift's
(`aiocloud.openstack.objectstorage.v1.objects`): ``detect_content_type`` of
`CreateOpts`, `UpdateOpts` and `CopyOpts` sends ``X-Detect-Content-Type``
(Cloud Files then guesses the type from the name and ignores ``Content-Type``).
Removing an object from the CDN before its TTL ends is `cdnobjects.purge()`.
"""

from __future__ import annotations

from ....openstack.objectstorage.v1.objects import *  # noqa: F403 (Cloud Files objects are Swift's)
from ....openstack.objectstorage.v1.objects import __all__ as __all__
