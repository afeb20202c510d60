"""Cloud Files bulk operations: bulk delete and archive auto-extract (OpenStack's module).

```python
report = await bulk.extract_archive(files, pathlib.Path("photos.tar.gz"), container="photos")
if not report.ok:
    for failure in report.failures:
        print(failure.name, failure.status)      # "photos/big.raw", "413 Request Entity Too Large"
result = await bulk.bulk_delete(files, "photos", names)
```

Both are Swift's bulk middleware, as Cloud Files runs it
(`aiocloud.openstack.objectstorage.v1.bulk`): ``PUT ?extract-archive=tar|tar.gz|tar.bz2``
with the archive streamed from bytes, a path, a binary file or an async
iterator, and ``POST ?bulk-delete``. The answer is always 200: the outcome is
the report in its body, which both read.
"""

from __future__ import annotations

from ....openstack.objectstorage.v1.bulk import *  # noqa: F403 (Cloud Files runs Swift's bulk middleware)
from ....openstack.objectstorage.v1.bulk import __all__ as __all__
