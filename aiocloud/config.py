"""Cloud configuration the way openstacksdk users keep it: clouds.yaml and OS_*.

``clouds.yaml`` (and the ``secure.yaml`` beside it, which holds secrets) is
searched where openstacksdk looks: ``OS_CLIENT_CONFIG_FILE``, ``./clouds.yaml``,
``~/.config/openstack/clouds.yaml``, ``/etc/openstack/clouds.yaml``:

```python
config = load_cloud_config("mycloud")      # or OS_CLOUD, or OS_* variables
provider = await openstack.authenticated_client(cloud="mycloud")
```
"""

from __future__ import annotations

import difflib
import os
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .auth import AuthOptions
from .endpoints import Availability, EndpointOpts
from .errors import InvalidOptions
from .provider import ClientOptions

__all__ = ["CloudConfig", "ConfigWarning", "config_file_paths", "load_cloud_config"]

_TRUE = frozenset({"1", "true", "yes", "on"})

# The auth_type values aiocloud implements (keystoneauth's and rackspaceauth's plugin names).
_AUTH_TYPES = frozenset(
    {
        "password",
        "v2password",
        "v3password",
        "token",
        "v2token",
        "v3token",
        "applicationcredential",
        "v3applicationcredential",
        "rackspace_apikey",
        "rackspace_password",
        "rackspace_token",
    }
)

# The identity URL of openstacksdk's vendor profiles that have one aiocloud knows.
_PROFILE_AUTH_URLS: Mapping[str, str] = {
    "rackspace": "https://identity.api.rackspacecloud.com/v2.0/",
}

# Keys of a cloud entry that aiocloud reads.
_USED_KEYS = frozenset(
    {
        "auth",
        "auth_type",
        "region_name",
        "regions",
        "interface",
        "endpoint_type",
        "verify",
        "insecure",
        "cacert",
        "cert",
        "key",
        "api_timeout",
        "default_domain",
        "profile",
    }
)

# Keys openstacksdk reads that do not change what aiocloud does (API versions are
# chosen by the function called; the rest configure openstacksdk's own features).
_IGNORED_KEYS = frozenset(
    {
        "identity_api_version",
        "compute_api_version",
        "image_api_version",
        "volume_api_version",
        "block_storage_api_version",
        "network_api_version",
        "object_store_api_version",
        "floating_ip_source",
        "image_format",
        "image_api_use_tasks",
        "secgroup_source",
        "disable_vendor_agent",
        "split_loggers",
        "status",
        "message",
        "cache",
        "metrics",
        "statsd_host",
        "statsd_port",
        "statsd_prefix",
    }
)

_AUTH_KEYS = frozenset(
    {
        "auth_url",
        "username",
        "user_id",
        "password",
        "api_key",
        "user_domain_id",
        "user_domain_name",
        "domain_id",
        "domain_name",
        "project_id",
        "project_name",
        "tenant_id",
        "tenant_name",
        "project_domain_id",
        "project_domain_name",
        "token",
        "application_credential_id",
        "application_credential_name",
        "application_credential_secret",
        "system_scope",
        "default_domain_id",
        "default_domain_name",
    }
)

_OVERRIDE_SUFFIX = "_endpoint_override"

# Catalog types a ``<service>_endpoint_override`` applies to, by the service's key prefix.
_OVERRIDE_TYPES: Mapping[str, tuple[str, ...]] = {
    "compute": ("compute",),
    "object_store": ("object-store",),
    "network": ("network",),
    "volume": ("volume", "volumev2", "volumev3", "block-storage", "block-store"),
    "block_storage": ("volume", "volumev2", "volumev3", "block-storage", "block-store"),
    "block_store": ("volume", "volumev2", "volumev3", "block-storage", "block-store"),
    "image": ("image",),
    "identity": ("identity",),
    "placement": ("placement",),
    "load_balancer": ("load-balancer",),
    "dns": ("dns",),
    "orchestration": ("orchestration",),
    "key_manager": ("key-manager",),
    "shared_file_system": ("shared-file-system", "sharev2"),
}


class ConfigWarning(UserWarning):
    """A clouds.yaml key that aiocloud does not know (often a misspelling)."""


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
    """One cloud: credentials, region, interface, TLS settings and endpoint overrides.

    ``endpoint_overrides`` maps catalog types (``"compute"``, ``"object-store"``)
    to the URL that replaces the catalog's (``<service>_endpoint_override``);
    ``timeout`` is ``api_timeout`` in seconds.
    """

    name: str | None
    auth: AuthOptions
    region_name: str | None = None
    interface: Availability = Availability.PUBLIC
    verify: bool | str = True
    cert: str | tuple[str, str] | None = None
    timeout: float | None = None
    endpoint_overrides: Mapping[str, str] = attrs.field(factory=dict)

    def __repr__(self) -> str:
        return (
            f"CloudConfig(name={self.name!r}, auth={self.auth!r}, "
            f"region_name={self.region_name!r}, interface={self.interface.value!r}, "
            f"verify={self.verify!r})"
        )

    def endpoint_opts(self) -> EndpointOpts:
        """The default EndpointOpts for this cloud (region and interface)."""
        return EndpointOpts(region=self.region_name, availability=self.interface)

    def client_options(self) -> ClientOptions:
        """Keyword arguments for `ProviderClient`."""
        options: ClientOptions = {"verify": self.verify}
        if self.cert is not None:
            options["cert"] = self.cert
        if self.timeout is not None:
            options["timeout"] = self.timeout
        return options


def load_cloud_config(
    cloud: str | None = None, environ: Mapping[str, str] | None = None
) -> CloudConfig:
    """The configuration of ``cloud`` (or ``OS_CLOUD``) from clouds.yaml, else OS_*.

    A name that is not in clouds.yaml raises `InvalidOptions`
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
    _warn_unknown_keys(name, entry)
    auth = entry.get("auth") or {}
    if not isinstance(auth, Mapping):
        raise InvalidOptions("auth", f"cloud {name!r}: 'auth' must be a mapping")
    _check_auth_type(entry.get("auth_type"))
    default_domain = auth.get("default_domain_id") or entry.get("default_domain")
    default_domain_name = auth.get("default_domain_name")
    project_given = auth.get("project_id") or auth.get("project_name")
    profile = entry.get("profile")
    options = AuthOptions(
        identity_endpoint=auth.get("auth_url")
        or (_PROFILE_AUTH_URLS.get(profile) if isinstance(profile, str) else None),
        username=auth.get("username"),
        user_id=auth.get("user_id"),
        password=auth.get("password"),
        api_key=auth.get("api_key"),
        domain_id=auth.get("user_domain_id") or auth.get("domain_id") or default_domain,
        domain_name=auth.get("user_domain_name") or auth.get("domain_name") or default_domain_name,
        tenant_id=auth.get("project_id") or auth.get("tenant_id"),
        tenant_name=auth.get("project_name") or auth.get("tenant_name"),
        token_id=auth.get("token"),
        application_credential_id=auth.get("application_credential_id"),
        application_credential_name=auth.get("application_credential_name"),
        application_credential_secret=auth.get("application_credential_secret"),
        project_domain_id=auth.get("project_domain_id") or default_domain,
        project_domain_name=auth.get("project_domain_name") or default_domain_name,
        scope_domain_id=None if project_given else auth.get("domain_id"),
        scope_domain_name=None if project_given else auth.get("domain_name"),
        system_scope=auth.get("system_scope"),
        allow_reauth=True,
    )
    verify: bool | str = _flag(entry.get("verify", True)) and not _flag(entry.get("insecure"))
    if verify and entry.get("cacert"):
        verify = _existing_file("cacert", entry["cacert"])
    return CloudConfig(
        name=name,
        auth=options,
        region_name=entry.get("region_name") or _first_region(entry.get("regions")),
        interface=_interface(entry.get("interface") or entry.get("endpoint_type")),
        verify=verify,
        cert=_client_cert(entry.get("cert"), entry.get("key"), "cert", "key"),
        timeout=_timeout(entry.get("api_timeout")),
        endpoint_overrides=_endpoint_overrides(entry),
    )


def _warn_unknown_keys(name: str, entry: Mapping[str, Any]) -> None:
    """Warn about keys neither aiocloud nor openstacksdk reads, naming a close match."""
    known = _USED_KEYS | _IGNORED_KEYS
    for key in entry:
        if key in known or _service_key(key):
            continue
        _warn(f"cloud {name!r}: unknown key {key!r}", key, known)
    auth = entry.get("auth")
    if isinstance(auth, Mapping):
        for key in auth:
            if key not in _AUTH_KEYS:
                _warn(f"cloud {name!r}: unknown auth key {key!r}", key, _AUTH_KEYS)


def _service_key(key: str) -> bool:
    """Whether ``key`` is a per-service setting (``compute_endpoint_override``...)."""
    suffixes = (_OVERRIDE_SUFFIX, "_api_version", "_service_type", "_service_name")
    return any(key.endswith(suffix) for suffix in suffixes)


def _warn(message: str, key: str, known: frozenset[str]) -> None:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    warnings.warn(message + " is ignored" + hint, ConfigWarning, stacklevel=4)


def _check_auth_type(auth_type: Any) -> None:
    """Refuse an ``auth_type`` aiocloud cannot do rather than fall back to a password."""
    if auth_type in (None, "") or auth_type in _AUTH_TYPES:
        return
    supported = ", ".join(sorted(_AUTH_TYPES))
    raise InvalidOptions("auth_type", f"{auth_type!r} is not supported (supported: {supported})")


def _flag(value: Any) -> bool:
    """A YAML or environment boolean (``true``, ``"yes"``, ``"1"``...)."""
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    return bool(value)


def _existing_file(setting: str, path: Any) -> str:
    """``path`` as a string, after checking the file is there."""
    text = os.path.expanduser(str(path))
    if not os.path.isfile(text):
        raise InvalidOptions(setting, f"no such file: {text}")
    return text


def _client_cert(
    cert: Any, key: Any, cert_setting: str, key_setting: str
) -> str | tuple[str, str] | None:
    """The client certificate (and its key file), both checked to exist."""
    if not cert:
        return None
    certfile = _existing_file(cert_setting, cert)
    return (certfile, _existing_file(key_setting, key)) if key else certfile


def _first_region(regions: Any) -> str | None:
    """The first of openstacksdk's ``regions`` (names or ``{name: ...}`` mappings)."""
    if not regions:
        return None
    if not isinstance(regions, list):
        raise InvalidOptions("regions", "must be a list of region names")
    first = regions[0]
    name = first.get("name") if isinstance(first, Mapping) else first
    if not isinstance(name, str) or not name:
        raise InvalidOptions("regions", f"{first!r} is not a region name")
    return name


def _timeout(value: Any) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise InvalidOptions("api_timeout", f"{value!r} is not a number of seconds") from None
    if seconds <= 0:
        raise InvalidOptions("api_timeout", "must be positive")
    return seconds


def _endpoint_overrides(entry: Mapping[str, Any]) -> dict[str, str]:
    """``<service>_endpoint_override`` keys as catalog type -> URL."""
    overrides: dict[str, str] = {}
    for key, url in entry.items():
        if not key.endswith(_OVERRIDE_SUFFIX):
            continue
        service = key.removesuffix(_OVERRIDE_SUFFIX)
        if not isinstance(url, str) or not url:
            raise InvalidOptions(key, "must be a URL")
        for service_type in _OVERRIDE_TYPES.get(service, (service.replace("_", "-"),)):
            overrides[service_type] = url
    return overrides


def _from_environment(env: Mapping[str, str]) -> CloudConfig:
    _check_auth_type(env.get("OS_AUTH_TYPE"))
    verify: bool | str = not _flag(env.get("OS_INSECURE"))
    if verify and env.get("OS_CACERT"):
        verify = _existing_file("OS_CACERT", env["OS_CACERT"])
    return CloudConfig(
        name=None,
        auth=AuthOptions.from_env(env),
        region_name=env.get("OS_REGION_NAME") or None,
        interface=_interface(env.get("OS_INTERFACE") or env.get("OS_ENDPOINT_TYPE")),
        verify=verify,
        cert=_client_cert(env.get("OS_CERT"), env.get("OS_KEY"), "OS_CERT", "OS_KEY"),
        timeout=_timeout(env.get("OS_API_TIMEOUT") or None),
    )


def _interface(value: str | None) -> Availability:
    if not value:
        return Availability.PUBLIC
    value = value.lower().removesuffix("url")
    try:
        return Availability(value)
    except ValueError:
        raise InvalidOptions("interface", f"{value!r} is not public, internal or admin") from None
