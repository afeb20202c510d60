"""What LBaaS v1's pools, members and VIPs carry alike: their state and owner."""

from __future__ import annotations

import attrs

from ......models import Model

__all__ = ["LBaaSResource"]


@attrs.frozen(kw_only=True)
class LBaaSResource(Model):
    """The admin state, the provisioning ``status`` (and why) and the owner of an LBaaS object."""

    admin_state_up: bool = True
    status: str | None = None
    status_description: str | None = None
    tenant_id: str | None = None
