"""Fixtures of the networking v2 unit tests: a Neutron client on the MockCloud."""

from __future__ import annotations

import pytest

from aiocloud import openstack
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud


@pytest.fixture
async def network(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_network_v2(cloud.provider)
