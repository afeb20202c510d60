"""Fixtures of the object storage tests: a Swift client on the MockCloud."""

from __future__ import annotations

import pytest

from aiocloud import openstack
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud


@pytest.fixture
async def swift(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_object_storage_v1(cloud.provider)
