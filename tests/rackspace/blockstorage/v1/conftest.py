"""Fixtures of the Cloud Block Storage tests: a client of Rackspace's DFW endpoint."""

from __future__ import annotations

import pytest

from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud

TENANT_ID = "123456"
"""A Rackspace account number: the tenant in Cloud Block Storage URLs."""


@pytest.fixture
def cbs(cloud: MockCloud) -> ServiceClient:
    """Cloud Block Storage as Rackspace's catalog lists it (type ``volume``, DFW)."""
    url = f"https://dfw.blockstorage.api.rackspacecloud.com/v1/{TENANT_ID}"
    return ServiceClient(cloud.provider, url, type="volume")
