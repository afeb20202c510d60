"""API extensions a service announces (shared by identity v2.0, compute and networking).

```python
async for ext in extensions.list(compute):
    print(ext.alias, ext.name)
ext = await extensions.get(network, "router")        # NotFound if the service lacks it
```

Each service's ``extensions`` module (``identity.v2.extensions``, ...) offers these
same functions: the requests are the same for every service, only the client differs.
"""

from __future__ import annotations

from typing import Any

import attrs
import httpx

from ..._resource import Collection
from ...errors import ResponseFormatError
from ...models import Model, structure_list
from ...pagination import Link, Page, Pager, Params
from ...service import ServiceClient, parse_json

__all__ = ["Extension", "ExtensionPage", "get", "list"]


@attrs.frozen
class Extension(Model):
    """One extension: its ``alias`` (what requests and ``get`` use), name and description.

    ``updated`` stays the text the service sent: some services send timestamps
    no parser accepts (Keystone v2.0's ``2013-07-07T12:00:0-00:00``).
    """

    alias: str
    name: str
    description: str | None = None
    namespace: str | None = None
    updated: str | None = None
    links: tuple[Link, ...] = ()


@attrs.frozen
class ExtensionPage:
    """The one page of ``GET extensions``: ``{"extensions": [...]}``.

    Keystone v2.0 nests the list one level deeper, ``{"extensions": {"values":
    [...]}}``; both shapes are read.
    """

    def parse(self, response: httpx.Response) -> Page[Extension]:
        body = parse_json(response)
        items: Any = body.get("extensions") if isinstance(body, dict) else None
        if isinstance(items, dict):
            items = items.get("values")
        if items is None:
            raise ResponseFormatError(
                f"{response.request.url}: expected a JSON object with 'extensions'"
            )
        return Page(structure_list(items, Extension), response.headers, body)

    def next(self, url: str, params: Params, page: Page[Extension]) -> None:
        return None


_extensions = Collection(Extension, "extension", "extensions")


def list(client: ServiceClient) -> Pager[Extension]:
    """Every extension the service has (``GET <service>/extensions``, one page)."""
    return Pager(client, _extensions.url(client), ExtensionPage())


async def get(client: ServiceClient, alias: str) -> Extension:
    """One extension by alias (``GET <service>/extensions/<alias>``); NotFound if absent."""
    return await _extensions.get(client, alias)
