"""Cloud configuration the way openstacksdk users keep it: clouds.yaml and OS_*.

``clouds.yaml`` (and the ``secure.yaml`` beside it, which holds secrets) is
searched where openstacksdk looks: ``OS_CLIENT_CONFIG_FILE``, ``./clouds.yaml``,
``~/.config/openstack/clouds.yaml``, ``/etc/openstack/clouds.yaml``::

    config = load_cloud_config("mycloud")      # or OS_CLOUD, or OS_* variables
    provider = await openstack.authenticated_client(cloud="mycloud")
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .auth import AuthOptions
from .endpoints import Availability, EndpointOpts
from .errors import InvalidOptions

__all__ = ["CloudConfig", "config_file_paths", "load_cloud_config"]

_TRUE = frozenset({"1", "true", "yes", "on"})


def config_file_paths(name: str, environ: Mapping[str, str] | None = None) -> list[Path]:
    """Where ``name`` (``clouds.yaml`` or ``secure.yaml``) is looked for, in order."""
    env = os.environ if environ is None else environ
    paths: list[Path] = []
    override = env.get(
        "OS_CLIENT_CONFIG_FILE" if name == "clouds.yaml" else "OS_CLIENT_SECURE_FILE"
    )
    if override:
        paths.append(Path(override))
    paths += [
        Path.cwd() / name,
        Path.home() / ".config" / "openstack" / name,
        Path("/etc/openstack") / name,
    ]
    return paths


@attrs.frozen(repr=False)
class CloudConfig:
    """One cloud: credentials, region, interface and TLS settings."""

    name: str | None
    auth: AuthOptions
    region_name: str | None = None
    interface: Availability = Availability.PUBLIC
    verify: bool | str = True
    cert: str | tuple[str, str] | None = None

    def __repr__(self) -> str:
        return (
            f"CloudConfig(name={self.name!r}, auth={self.auth!r}, "
            f"region_name={self.region_name!r}, interface={self.interface.value!r}, "
            f"verify={self.verify!r})"
        )

    def endpoint_opts(self) -> EndpointOpts:
        """The default EndpointOpts for this cloud (region and interface)."""
        return EndpointOpts(region=self.region_name, availability=self.interface)

    def client_options(self) -> dict[str, Any]:
        """Keyword arguments for :class:`~aiocloud.ProviderClient`."""
        options: dict[str, Any] = {"verify": self.verify}
        if self.cert is not None:
            options["cert"] = self.cert
        return options


def load_cloud_config(
    cloud: str | None = None, environ: Mapping[str, str] | None = None
) -> CloudConfig:
    """The configuration of ``cloud`` (or ``OS_CLOUD``) from clouds.yaml, else OS_*.

    A name that is not in clouds.yaml raises :class:`~aiocloud.errors.InvalidOptions`
    listing the clouds that are.
    """
    env = os.environ if environ is None else environ
    name = cloud or env.get("OS_CLOUD")
    if not name:
        return _from_environment(env)
    clouds = _read_yaml_clouds("clouds.yaml", env)
    if name not in clouds:
        known = ", ".join(sorted(clouds)) or "none (no clouds.yaml found)"
        searched = ", ".join(str(p) for p in config_file_paths("clouds.yaml", env))
        raise InvalidOptions(
            "cloud", f"no cloud named {name!r}; known: {known}; searched {searched}"
        )
    entry = _merge(clouds[name], _read_yaml_clouds("secure.yaml", env).get(name, {}))
    return _from_entry(name, entry)


def _read_yaml_clouds(filename: str, env: Mapping[str, str]) -> dict[str, Any]:
    import yaml

    for path in config_file_paths(filename, env):
        if path.is_file():
            with path.open() as handle:
                data = yaml.safe_load(handle) or {}
            clouds = data.get("clouds") if isinstance(data, dict) else None
            if not isinstance(clouds, dict):
                raise InvalidOptions("clouds", f"{path} has no 'clouds' mapping")
            return clouds
    return {}


def _merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _from_entry(name: str, entry: Mapping[str, Any]) -> CloudConfig:
    auth = entry.get("auth") or {}
    project_given = auth.get("project_id") or auth.get("project_name")
    options = AuthOptions(
        identity_endpoint=auth.get("auth_url"),
        username=auth.get("username"),
        user_id=auth.get("user_id"),
        password=auth.get("password"),
        api_key=auth.get("api_key"),
        domain_id=auth.get("user_domain_id") or auth.get("domain_id"),
        domain_name=auth.get("user_domain_name") or auth.get("domain_name"),
        tenant_id=auth.get("project_id") or auth.get("tenant_id"),
        tenant_name=auth.get("project_name") or auth.get("tenant_name"),
        token_id=auth.get("token"),
        application_credential_id=auth.get("application_credential_id"),
        application_credential_name=auth.get("application_credential_name"),
        application_credential_secret=auth.get("application_credential_secret"),
        project_domain_id=auth.get("project_domain_id"),
        project_domain_name=auth.get("project_domain_name"),
        scope_domain_id=None if project_given else auth.get("domain_id"),
        scope_domain_name=None if project_given else auth.get("domain_name"),
        system_scope=auth.get("system_scope"),
        allow_reauth=True,
    )
    verify: bool | str = bool(entry.get("verify", True)) and not entry.get("insecure", False)
    if verify and entry.get("cacert"):
        verify = str(entry["cacert"])
    cert: str | tuple[str, str] | None = entry.get("cert")
    if isinstance(cert, str) and entry.get("key"):
        cert = (cert, str(entry["key"]))
    return CloudConfig(
        name=name,
        auth=options,
        region_name=entry.get("region_name"),
        interface=_interface(entry.get("interface") or entry.get("endpoint_type")),
        verify=verify,
        cert=cert,
    )


def _from_environment(env: Mapping[str, str]) -> CloudConfig:
    verify: bool | str = env.get("OS_INSECURE", "").lower() not in _TRUE
    if verify and env.get("OS_CACERT"):
        verify = env["OS_CACERT"]
    certfile = env.get("OS_CERT") or None
    cert: str | tuple[str, str] | None = certfile
    if certfile and env.get("OS_KEY"):
        cert = (certfile, env["OS_KEY"])
    return CloudConfig(
        name=None,
        auth=AuthOptions.from_env(env),
        region_name=env.get("OS_REGION_NAME") or None,
        interface=_interface(env.get("OS_INTERFACE") or env.get("OS_ENDPOINT_TYPE")),
        verify=verify,
        cert=cert,
    )


def _interface(value: str | None) -> Availability:
    if not value:
        return Availability.PUBLIC
    value = value.lower().removesuffix("url")
    try:
        return Availability(value)
    except ValueError:
        raise InvalidOptions("interface", f"{value!r} is not public, internal or admin") from None
