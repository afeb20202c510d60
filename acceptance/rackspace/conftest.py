"""Acceptance tests against mimic, the Rackspace mock (skipped without RAX_AUTH_URL).

``../shared/peers/mimic/up.sh`` starts it; ``RAX_AUTH_URL`` is its identity
(``http://127.0.0.1:8900/identity/v2.0/``). mimic accepts any credentials and
checks no token: what is tested here is that aiocloud speaks Rackspace's API.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest

from aiocloud import AuthOptions, ProviderClient, ServiceClient, rackspace

RAX_AUTH_URL = os.environ.get("RAX_AUTH_URL")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if RAX_AUTH_URL:
        return
    skip = pytest.mark.skip(reason="Rackspace acceptance tests need mimic: RAX_AUTH_URL is not set")
    for item in items:
        if "acceptance/rackspace" in str(item.path):
            item.add_marker(skip)


@pytest.fixture
def user() -> str:
    """A user name no other run uses (mimic gives each user its own tenant and servers)."""
    return f"aiocloud-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def api_key_options(user: str) -> AuthOptions:
    return AuthOptions(identity_endpoint=RAX_AUTH_URL, username=user, api_key="an-api-key")


@pytest.fixture
async def provider(api_key_options: AuthOptions) -> AsyncIterator[ProviderClient]:
    async with rackspace.authenticated_client(api_key_options) as client:
        yield client


@pytest.fixture
async def compute(provider: ProviderClient) -> ServiceClient:
    return await rackspace.new_compute_v2(provider)
