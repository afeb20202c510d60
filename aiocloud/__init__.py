"""aiocloud: an asyncio-native client for OpenStack-compatible clouds.

```python
from aiocloud import AuthOptions, EndpointOpts, openstack
from aiocloud.openstack.compute.v2 import servers

async with openstack.authenticated_client(AuthOptions.from_env()) as provider:
    compute = await openstack.new_compute_v2(provider, EndpointOpts(region="RegionOne"))
    async for server in servers.list(compute):
        print(server.name, server.status)
```
"""

from ._version import __version__
from .auth import AuthOptions, Token
from .endpoints import Availability, EndpointOpts, ServiceCatalog, normalize_url
from .errors import AiocloudError
from .pagination import Link, Pager, extract_next_url
from .provider import ProviderClient
from .retry import Retry
from .service import ServiceClient
from .utils import pretty_print_json
from .waiters import wait_for

__all__ = [
    "AiocloudError",
    "AuthOptions",
    "Availability",
    "EndpointOpts",
    "Link",
    "Pager",
    "ProviderClient",
    "Retry",
    "ServiceCatalog",
    "ServiceClient",
    "Token",
    "__version__",
    "extract_next_url",
    "normalize_url",
    "pretty_print_json",
    "wait_for",
]
