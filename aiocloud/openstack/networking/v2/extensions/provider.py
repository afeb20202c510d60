"""Networking v2 provider networks (``provider``, ``multi-provider``): physical mapping.

An admin maps a network onto the physical fabric: a ``flat`` or ``vlan``
network on a ``physical_network``, a ``vlan``/``vxlan``/``gre`` id, or several
``segments`` at once. The options wrap the networks options; the attributes are
read from any network's ``raw``:

```python
opts = provider.CreateOpts(networks.CreateOpts(name="vlan101"),
                           network_type="vlan", physical_network="physnet1",
                           segmentation_id=101)
net = await networks.create(network, opts)
provider.extract(net).segmentation_id            # 101
multi = provider.CreateOpts(segments=[
    provider.Segment(network_type="vlan", physical_network="physnet1", segmentation_id=102),
    provider.Segment(network_type="vxlan"),
])
```
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

import attrs

from ....._resource import BodyBuilder, QueryBuilder, extend_body
from .....errors import InvalidOptions
from .....models import Model, json_key, structure
from .....params import build_query_params, check_types, query
from .. import networks
from .._base import neutron_query

__all__ = [
    "CreateOpts",
    "ListOpts",
    "NetworkProvider",
    "Segment",
    "UpdateOpts",
    "extract",
]

_TYPE = "provider:network_type"
_PHYSNET = "provider:physical_network"
_SEGMENTATION_ID = "provider:segmentation_id"


@attrs.frozen
class Segment(Model):
    """One segment of a multi-segment network; also what options send in ``segments``."""

    network_type: str | None = json_key(_TYPE, default=None)
    physical_network: str | None = json_key(_PHYSNET, default=None)
    segmentation_id: int | None = json_key(_SEGMENTATION_ID, default=None)

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        return _provider_attributes(self.network_type, self.physical_network, self.segmentation_id)


@attrs.frozen
class NetworkProvider(Model):
    """What the extensions add to a network: its one mapping, or its ``segments``."""

    network_type: str | None = json_key(_TYPE, default=None)
    physical_network: str | None = json_key(_PHYSNET, default=None)
    segmentation_id: int | None = json_key(_SEGMENTATION_ID, default=None)
    segments: tuple[Segment, ...] = ()


def _provider_attributes(
    network_type: str | None, physical_network: str | None, segmentation_id: int | None
) -> dict[str, Any]:
    pairs = (
        (_TYPE, network_type),
        (_PHYSNET, physical_network),
        (_SEGMENTATION_ID, segmentation_id),
    )
    return {key: value for key, value in pairs if value is not None}


@attrs.frozen(kw_only=True)
class _ProviderFields:
    """The provider attributes options add to network options: one mapping, or ``segments``."""

    network_type: str | None = None
    physical_network: str | None = None
    segmentation_id: int | None = None
    segments: Sequence[Segment] | None = None

    def _added_to(self, base: BodyBuilder) -> dict[str, Any]:
        """``base``'s body with these attributes in its ``network`` object."""
        check_types(self)
        single = _provider_attributes(
            self.network_type, self.physical_network, self.segmentation_id
        )
        if self.segments is None:
            return extend_body(base, "network", single)
        if single:
            raise InvalidOptions(
                "segments", "give segments or the single provider attributes, not both"
            )
        return extend_body(base, "network", {"segments": [s.to_body() for s in self.segments]})


@attrs.frozen(kw_only=True)
class CreateOpts(_ProviderFields):
    """Network create options (``base``) plus one mapping or several ``segments`` (admin)."""

    base: networks.CreateOpts | BodyBuilder = attrs.field(
        default=networks.CreateOpts(), kw_only=False
    )

    def to_body(self) -> dict[str, Any]:
        return self._added_to(self.base)


@attrs.frozen(kw_only=True)
class UpdateOpts(_ProviderFields):
    """Network update options (``base``) plus new provider attributes (admin)."""

    base: networks.UpdateOpts | BodyBuilder = attrs.field(
        default=networks.UpdateOpts(), kw_only=False
    )

    def to_body(self) -> dict[str, Any]:
        return self._added_to(self.base)


@attrs.frozen
class ListOpts:
    """Network list options (``base``) plus filters on the provider attributes (admin)."""

    base: networks.ListOpts | QueryBuilder | None = None
    network_type: str | None = query(_TYPE)
    physical_network: str | None = query(_PHYSNET)
    segmentation_id: int | None = query(_SEGMENTATION_ID)

    def to_query(self) -> builtins.list[tuple[str, str]]:
        return [*neutron_query(self.base), *build_query_params(self)]


def extract(network: Model) -> NetworkProvider:
    """The provider attributes of a network (any model read from Neutron)."""
    return structure(network.raw, NetworkProvider)
