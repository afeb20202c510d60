"""config: clouds.yaml / secure.yaml where openstacksdk looks, and OS_*."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiocloud import Availability, errors
from aiocloud.config import ConfigWarning, config_file_paths, load_cloud_config

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
    cacert: ca.pem
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
    (tmp_path / "ca.pem").write_text("")
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
    assert config.verify == "ca.pem"
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


def test_environment_without_cloud(tmp_path: Path) -> None:
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
    cacert = tmp_path / "ca.pem"
    cacert.write_text("")
    assert load_cloud_config(None, {"OS_CACERT": str(cacert)}).verify == str(cacert)


def _cloud(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    (tmp_path / "clouds.yaml").write_text("clouds:\n  c:\n" + body)
    monkeypatch.chdir(tmp_path)


AUTH = """    auth:
      auth_url: https://k:5000/v3
      username: demo
      password: pw
      project_name: demo
"""


def test_missing_cacert_names_the_setting_and_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cloud(tmp_path, monkeypatch, AUTH + "    cacert: /no/such/ca.pem\n")
    with pytest.raises(errors.InvalidOptions) as caught:
        load_cloud_config("c", {})
    assert caught.value.field == "cacert"
    assert "/no/such/ca.pem" in str(caught.value)
    with pytest.raises(errors.InvalidOptions) as from_env:
        load_cloud_config(None, {"OS_CACERT": "/no/ca.pem"})
    assert from_env.value.field == "OS_CACERT"
    _cloud(tmp_path, monkeypatch, AUTH + "    cert: /no/client.pem\n")
    with pytest.raises(errors.InvalidOptions, match=r"/no/client\.pem"):
        load_cloud_config("c", {})


def test_api_timeout_regions_and_default_domain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cloud(
        tmp_path,
        monkeypatch,
        AUTH + "    api_timeout: 12.5\n    regions: [RegionTwo, RegionThree]\n"
        "    default_domain: dom-1\n",
    )
    config = load_cloud_config("c", {})
    assert config.client_options()["timeout"] == 12.5
    assert config.region_name == "RegionTwo"
    assert config.auth.domain_id == "dom-1"
    assert config.auth.project_domain_id == "dom-1"
    _cloud(tmp_path, monkeypatch, AUTH + "    regions: [{name: R9, values: {}}]\n")
    assert load_cloud_config("c", {}).region_name == "R9"
    _cloud(tmp_path, monkeypatch, AUTH + "    api_timeout: soon\n")
    with pytest.raises(errors.InvalidOptions, match="api_timeout"):
        load_cloud_config("c", {})


def test_endpoint_overrides_by_catalog_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cloud(
        tmp_path,
        monkeypatch,
        AUTH + "    compute_endpoint_override: https://nova.internal/v2.1\n"
        "    object_store_endpoint_override: https://swift/v1/AUTH_%(project_id)s\n"
        "    block_storage_endpoint_override: https://cinder/v3/x\n",
    )
    overrides = load_cloud_config("c", {}).endpoint_overrides
    assert overrides["compute"] == "https://nova.internal/v2.1"
    assert overrides["object-store"] == "https://swift/v1/AUTH_%(project_id)s"
    assert overrides["volumev3"] == overrides["block-storage"] == "https://cinder/v3/x"


@pytest.mark.parametrize("auth_type", ["v3totp", "v3oidcpassword", "v3multifactor", "noauth"])
def test_unsupported_auth_type_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, auth_type: str
) -> None:
    _cloud(tmp_path, monkeypatch, AUTH + f"    auth_type: {auth_type}\n")
    with pytest.raises(errors.InvalidOptions, match="not supported") as caught:
        load_cloud_config("c", {})
    assert caught.value.field == "auth_type"
    with pytest.raises(errors.InvalidOptions, match="not supported"):
        load_cloud_config(None, {"OS_AUTH_TYPE": auth_type})


@pytest.mark.parametrize(
    "auth_type", ["password", "v3password", "token", "v3applicationcredential"]
)
def test_supported_auth_types(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, auth_type: str
) -> None:
    _cloud(tmp_path, monkeypatch, AUTH + f"    auth_type: {auth_type}\n")
    assert load_cloud_config("c", {}).auth.username == "demo"


def test_misspelt_keys_warn_with_the_close_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cloud(
        tmp_path,
        monkeypatch,
        AUTH + "      project_domian_name: Default\n    regoin_name: RegionOne\n"
        "    compute_api_version: 2\n    image_endpoint_override: https://glance\n",
    )
    with pytest.warns(ConfigWarning) as caught:
        load_cloud_config("c", {})
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 2
    assert "'project_domian_name'" in messages[0]
    assert "'project_domain_name'" in messages[0]
    assert "'regoin_name'" in messages[1]
    assert "'region_name'" in messages[1]
