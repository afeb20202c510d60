"""Fixtures of the compute v2 tests: a Nova client on the MockCloud."""

from __future__ import annotations

import pytest

from aiocloud import openstack
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud


@pytest.fixture
async def compute(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_compute_v2(cloud.provider)
