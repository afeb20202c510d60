"""Networking v2 external networks (``external-net``): ``router:external`` on networks.

Routers take their gateway, and floating IPs their addresses, from external
networks. The options here wrap the networks options (gophercloud's
``CreateOptsBuilder`` way); the flag is read from any network's ``raw``:

```python
opts = external.CreateOpts(networks.CreateOpts(name="public"), external=True)
net = await networks.create(network, opts)
assert external.is_external(net)
async for net in networks.list(network, external.ListOpts(networks.ListOpts(limit=50),
                                                          external=True)):
    ...
```
"""

from __future__ import annotations

import builtins
from typing import Any

import attrs

from ....._resource import BodyBuilder, QueryBuilder, extend_body
from .....models import Model, json_key, structure
from .....params import build_query_params, check_types, query
from .. import networks
from .._base import neutron_query

__all__ = ["CreateOpts", "ListOpts", "NetworkExternal", "UpdateOpts", "extract", "is_external"]


@attrs.frozen
class NetworkExternal(Model):
    """What the extension adds to a network: whether it is external."""

    external: bool = json_key("router:external", default=False)


@attrs.frozen
class CreateOpts:
    """Network create options (``base``) plus ``router:external``."""

    base: networks.CreateOpts | BodyBuilder = networks.CreateOpts()
    external: bool | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return extend_body(self.base, "network", {"router:external": self.external})


@attrs.frozen
class UpdateOpts:
    """Network update options (``base``) plus ``router:external`` (admin)."""

    base: networks.UpdateOpts | BodyBuilder = networks.UpdateOpts()
    external: bool | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return extend_body(self.base, "network", {"router:external": self.external})


@attrs.frozen
class ListOpts:
    """Network list options (``base``) plus a ``router:external`` filter."""

    base: networks.ListOpts | QueryBuilder | None = None
    external: bool | None = query("router:external")

    def to_query(self) -> builtins.list[tuple[str, str]]:
        return [*neutron_query(self.base), *build_query_params(self)]


def extract(network: Model) -> NetworkExternal:
    """The extension's attributes of a network (any model read from Neutron)."""
    return structure(network.raw, NetworkExternal)


def is_external(network: Model) -> bool:
    """Whether a network is external (``router:external``)."""
    return network.raw.get("router:external") is True
