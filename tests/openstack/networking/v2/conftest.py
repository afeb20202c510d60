"""Fixtures of the networking v2 unit tests: a Neutron client on the MockCloud."""

from __future__ import annotations

from typing import Any

import pytest

from aiocloud import openstack
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud

NEUTRON = "https://cloud.test:9696/v2.0"
"""Where the MockCloud's Neutron resources live."""

PROJECT = "fdde3179675e498bbf03033587b96a97"


@pytest.fixture
async def network(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_network_v2(cloud.provider)


def neutron_error(kind: str, message: str, detail: str = "") -> dict[str, Any]:
    """An error body the way Neutron sends it."""
    return {"NeutronError": {"type": kind, "message": message, "detail": detail}}
