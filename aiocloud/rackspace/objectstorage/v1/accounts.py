"""Cloud Files accounts: usage counters, metadata and temp URL keys (OpenStack's module).

```python
account = await accounts.get(files)
print(account.container_count, account.bytes_used, account.temp_url_key is not None)
await accounts.update(files, accounts.UpdateOpts(temp_url_key="s3cret"))
```

Cloud Files answers and takes the headers Swift does (the temp URL key is
``X-Account-Meta-Temp-Url-Key``): see `aiocloud.openstack.objectstorage.v1.accounts`.
"""

from __future__ import annotations

from ....openstack.objectstorage.v1.accounts import *  # noqa: F403 (Cloud Files accounts are Swift's)
from ....openstack.objectstorage.v1.accounts import __all__ as __all__
