"""Fixtures shared by the tests: a respx-mocked cloud with a ready provider, a TLS context."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from aiocloud import openstack
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud

pytest.register_assert_rewrite("tests.helpers")  # its asserts report like the tests' own


@pytest.fixture
async def cloud() -> AsyncIterator[MockCloud]:
    """An authenticated MockCloud (identity v3, every service in the catalog)."""
    async with MockCloud() as mock:
        yield mock


@pytest.fixture
async def identity(cloud: MockCloud) -> ServiceClient:
    return await openstack.new_identity_v3(cloud.provider)


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    """A server TLS context with a self-signed certificate for 127.0.0.1."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    folder: Path = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context
