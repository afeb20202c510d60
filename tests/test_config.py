"""config: clouds.yaml / secure.yaml where openstacksdk looks, and OS_*."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiocloud import Availability, errors
from aiocloud.config import config_file_paths, load_cloud_config

CLOUDS = """
clouds:
  mycloud:
    auth:
      auth_url: https://keystone.example:5000/v3
      username: demo
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionTwo
    interface: internal
    cacert: /etc/ssl/ca.pem
  other:
    auth:
      auth_url: https://other:5000/v3
      application_credential_id: abc
    verify: false
"""
SECURE = """
clouds:
  mycloud:
    auth:
      password: from-secure-yaml
  other:
    auth:
      application_credential_secret: shh
"""


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    (tmp_path / "clouds.yaml").write_text(CLOUDS)
    (tmp_path / "secure.yaml").write_text(SECURE)
    monkeypatch.chdir(tmp_path)
    return {}


def test_named_cloud_merges_secure_yaml(config_dir: dict[str, str]) -> None:
    config = load_cloud_config("mycloud", config_dir)
    assert config.auth.identity_endpoint == "https://keystone.example:5000/v3"
    assert config.auth.password == "from-secure-yaml"
    assert config.auth.tenant_name == "demo"
    assert config.auth.domain_name == "Default"
    assert config.region_name == "RegionTwo"
    assert config.interface is Availability.INTERNAL
    assert config.verify == "/etc/ssl/ca.pem"
    assert config.endpoint_opts().region == "RegionTwo"
    assert "from-secure-yaml" not in repr(config)


def test_os_cloud_selects_and_verify_false(config_dir: dict[str, str]) -> None:
    config = load_cloud_config(None, {"OS_CLOUD": "other"})
    assert config.auth.application_credential_secret == "shh"
    assert config.verify is False


def test_unknown_cloud_lists_known_ones(config_dir: dict[str, str]) -> None:
    with pytest.raises(errors.InvalidOptions) as caught:
        load_cloud_config("nope", config_dir)
    assert "mycloud" in str(caught.value)
    assert "other" in str(caught.value)


def test_client_config_file_variable_comes_first(tmp_path: Path) -> None:
    paths = config_file_paths("clouds.yaml", {"OS_CLIENT_CONFIG_FILE": str(tmp_path / "c.yaml")})
    assert paths[0] == tmp_path / "c.yaml"
    assert Path("/etc/openstack/clouds.yaml") in paths
    assert Path.home() / ".config" / "openstack" / "clouds.yaml" in paths


def test_environment_without_cloud() -> None:
    config = load_cloud_config(
        None,
        {
            "OS_AUTH_URL": "https://k/v3",
            "OS_REGION_NAME": "R1",
            "OS_INTERFACE": "adminURL",
            "OS_INSECURE": "true",
        },
    )
    assert config.auth.identity_endpoint == "https://k/v3"
    assert config.region_name == "R1"
    assert config.interface is Availability.ADMIN
    assert config.verify is False
    assert load_cloud_config(None, {"OS_CACERT": "/ca.pem"}).verify == "/ca.pem"
