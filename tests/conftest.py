"""Fixtures shared by the unit tests: a respx-mocked cloud with a ready provider."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from aiocloud import openstack
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud


@pytest.fixture
async def cloud() -> AsyncIterator[MockCloud]:
    """An authenticated MockCloud (identity v3, every service in the catalog)."""
    async with MockCloud() as mock:
        yield mock


@pytest.fixture
async def identity(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_identity_v3(cloud.provider)


def sent_json(route: Any) -> Any:
    """The JSON body of the last request a respx route received."""
    return json.loads(route.calls.last.request.content)


def last_request(route: Any) -> httpx.Request:
    request: httpx.Request = route.calls.last.request
    return request
