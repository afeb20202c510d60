"""Fixtures of the Rackspace Cloud Servers tests: a compute client built on the MockCloud."""

from __future__ import annotations

import pytest

from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import RAX_COMPUTE


@pytest.fixture
async def compute(cloud: MockCloud) -> ServiceClient:
    return ServiceClient(cloud.provider, RAX_COMPUTE, type="compute")
