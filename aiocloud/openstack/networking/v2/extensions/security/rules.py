"""Networking v2 security group rules: what traffic a security group lets through.

Rules are created and deleted, never changed. A rule admits traffic in one
``direction`` for one ``ethertype``, optionally narrowed to a protocol, a port
range and a remote: an address prefix or the members of another group.

```python
rule = await rules.create(network, rules.CreateOpts(
    security_group_id=sg.id, direction="ingress", ethertype="IPv4",
    protocol="tcp", port_range_min=22, port_range_max=22, remote_ip_prefix="192.0.2.0/24",
))
async for rule in rules.list(network, rules.ListOpts(security_group_id=sg.id)):
    print(rule.direction, rule.protocol, rule.port_range_min, rule.remote_ip_prefix)
await rules.delete(network, rule.id)
```
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from ......_resource import Collection
from ......errors import InvalidOptions
from ......params import build_body, check_types, query
from ..._base import Paging, StandardAttributes, neutron_query, paging_last

__all__ = [
    "CreateOpts",
    "Direction",
    "EtherType",
    "ListOpts",
    "SecGroupRule",
    "create",
    "delete",
    "get",
    "list",
]

Direction = Literal["ingress", "egress"]
EtherType = Literal["IPv4", "IPv6"]

# protocols whose port range is a range (for ICMP it is type and code)
_PORT_PROTOCOLS = frozenset(
    {"tcp", "udp", "sctp", "udplite", "dccp", "6", "17", "33", "132", "136"}
)


@attrs.frozen
class SecGroupRule(StandardAttributes):
    """A rule; ``protocol`` and the port range are None when the rule admits any."""

    id: str
    security_group_id: str = ""
    direction: str = ""
    ethertype: str = ""
    protocol: str | None = None
    port_range_min: int | None = None
    port_range_max: int | None = None
    remote_ip_prefix: str | None = None
    remote_group_id: str | None = None
    remote_address_group_id: str | None = None


@attrs.frozen(field_transformer=paging_last)
class ListOpts(Paging):
    """Rule filters for `list()`, with the paging and sorting of every listing."""

    id: str | None = query()
    security_group_id: str | None = query()
    direction: str | None = query()
    ethertype: str | None = query()
    protocol: str | None = query()
    port_range_min: int | None = query()
    port_range_max: int | None = query()
    remote_ip_prefix: str | None = query()
    remote_group_id: str | None = query()
    description: str | None = query()
    tenant_id: str | None = query()
    project_id: str | None = query()


@attrs.frozen
class CreateOpts:
    """A new rule of ``security_group_id``.

    ``protocol`` is a name (``tcp``, ``udp``, ``icmp``, ...) or an IP protocol
    number; a port range needs one. For ICMP the "ports" are type and code.
    ``remote_ip_prefix`` and ``remote_group_id`` exclude each other; with
    neither, any remote matches. ``ethertype`` defaults to IPv4 on the server.
    """

    security_group_id: str
    direction: Direction
    ethertype: EtherType | None = None
    protocol: str | int | None = None
    port_range_min: int | None = None
    port_range_max: int | None = None
    remote_ip_prefix: str | None = None
    remote_group_id: str | None = None
    remote_address_group_id: str | None = None
    description: str | None = None
    tenant_id: str | None = None
    project_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.security_group_id:
            raise InvalidOptions("security_group_id", "is required")
        if self.direction not in ("ingress", "egress"):
            raise InvalidOptions("direction", f"must be ingress or egress, not {self.direction!r}")
        if self.ethertype is not None and self.ethertype not in ("IPv4", "IPv6"):
            raise InvalidOptions("ethertype", f"must be IPv4 or IPv6, not {self.ethertype!r}")
        remotes = (self.remote_ip_prefix, self.remote_group_id, self.remote_address_group_id)
        if sum(remote is not None for remote in remotes) > 1:
            raise InvalidOptions(
                "remote_ip_prefix",
                "give only one of remote_ip_prefix, remote_group_id, remote_address_group_id",
            )
        ports = (self.port_range_min, self.port_range_max)
        if self.protocol is None and any(port is not None for port in ports):
            raise InvalidOptions("protocol", "a port range needs a protocol")
        if (
            str(self.protocol).lower() in _PORT_PROTOCOLS
            and self.port_range_min is not None
            and self.port_range_max is not None
            and self.port_range_min > self.port_range_max
        ):
            raise InvalidOptions("port_range_min", "must not be above port_range_max")
        return {"security_group_rule": build_body(self)}


_rules = Collection(
    SecGroupRule,
    "security_group_rule",
    "security_group_rules",
    path=("security-group-rules",),
    query=neutron_query,
)

list = _rules.lister(
    ListOpts, "The rules the caller can see (``GET /v2.0/security-group-rules``), page by page."
)
create = _rules.creator(
    CreateOpts,
    "Add a rule; Conflict (``SecurityGroupRuleExists``) if the same rule is there already.",
)
get = _rules.getter("One rule by id; NotFound (``SecurityGroupRuleNotFound``) if there is none.")
delete = _rules.deleter("Delete a rule.")
