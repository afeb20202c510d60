"""Identity v2.0 extensions (``GET /v2.0/extensions``), read with the shared listing.

async for ext in extensions.list(identity):
    print(ext.alias, ext.name)                 # "OS-KSADM", "OS-KSCRUD", ...
ksadm = await extensions.get(identity, "OS-KSADM")

Keystone v2.0 answers ``{"extensions": {"values": [...]}}``; the shared
:class:`~aiocloud.openstack.common.extensions.ExtensionPage` reads that shape.
"""

from __future__ import annotations

from ....pagination import Pager
from ....service import ServiceClient
from ...common import extensions as _common
from ...common.extensions import Extension

__all__ = ["Extension", "get", "list"]


def list(client: ServiceClient) -> Pager[Extension]:
    """Every extension of the identity v2.0 service (one page)."""
    return _common.list(client)


async def get(client: ServiceClient, alias: str) -> Extension:
    """One identity v2.0 extension by alias; NotFound if the service lacks it."""
    return await _common.get(client, alias)
