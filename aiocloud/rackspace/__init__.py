"""Rackspace: authenticate with an API key, then make a ServiceClient per service.

Rackspace Cloud Identity is OpenStack identity v2.0 with API keys; its catalog
has several services of one type (two ``compute``...), so each ``new_*`` picks
its service by name, in the region asked for, else the user's default region:

```python
async with rackspace.authenticated_client() as provider:   # RAX_USERNAME, RAX_API_KEY
    compute = await rackspace.new_compute_v2(provider)       # the default region
    files = await rackspace.new_object_storage_v1(provider, EndpointOpts(region="LON"))

opts = AuthOptions(username="demo", api_key="...")    # at RACKSPACE_US_IDENTITY
provider = await rackspace.authenticated_client(opts)
provider = await rackspace.authenticated_client(cloud="rax")   # clouds.yaml
```

The resources are OpenStack's modules, or Rackspace's where they differ
(`aiocloud.rackspace.compute.v2.servers`...).
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

import attrs

from .. import openstack as _openstack
from ..auth import AuthOptions
from ..endpoints import EndpointOpts
from ..errors import AiocloudError, InvalidOptions
from ..openstack import new_identity_v2
from ..openstack._connect import AuthenticatedClient, connect, new_service
from ..provider import ClientOptions, ProviderClient, check_client_options
from ..service import ServiceClient
from ._auth import (
    RACKSPACE_UK_IDENTITY,
    RACKSPACE_US_IDENTITY,
    RackspaceAuthenticator,
    rackspace_identity_url,
    rackspace_options,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..config import CloudConfig

__all__ = [
    "RACKSPACE_UK_IDENTITY",
    "RACKSPACE_US_IDENTITY",
    "RackspaceAuthenticator",
    "auth_options_from_env",
    "authenticate",
    "authenticated_client",
    "new_block_storage_v1",
    "new_client",
    "new_compute_v2",
    "new_identity_v2",
    "new_network_v2",
    "new_object_cdn_v1",
    "new_object_storage_v1",
]

_CREDENTIALS = ("RAX_USERNAME", "RAX_API_KEY", "RAX_PASSWORD")


def new_client(
    endpoint: str = RACKSPACE_US_IDENTITY, **client_options: Unpack[ClientOptions]
) -> ProviderClient:
    """An unauthenticated ProviderClient for Rackspace Cloud Identity at ``endpoint``.

    ``client_options`` go to `ProviderClient`.
    """
    return _openstack.new_client(rackspace_identity_url(endpoint), **client_options)


async def authenticate(provider: ProviderClient, opts: AuthOptions) -> None:
    """Authenticate ``provider`` at Rackspace Cloud Identity with ``opts``.

    The identity URL is ``opts``', else the provider's, else `RACKSPACE_US_IDENTITY`.
    With ``opts.allow_reauth`` the provider re-authenticates by itself on a 401
    and before the token expires.
    """
    if opts.identity_endpoint is None and provider.identity_endpoint:
        opts = attrs.evolve(opts, identity_endpoint=provider.identity_endpoint)
    await provider.authenticate(RackspaceAuthenticator(opts))


def authenticated_client(
    opts: AuthOptions | None = None,
    *,
    cloud: str | None = None,
    **client_options: Unpack[ClientOptions],
) -> AuthenticatedClient:
    """An authenticated ProviderClient: ``await`` it, or use it with ``async with``.

    Credentials come from ``opts``; else from clouds.yaml's ``cloud``; else from
    the environment (`auth_options_from_env()`, and ``RAX_REGION`` as the
    region). The identity URL defaults to `RACKSPACE_US_IDENTITY`.
    """
    check_client_options(client_options)

    def load() -> CloudConfig:
        if cloud is None:
            return _config_from_env(os.environ)
        from ..config import load_cloud_config

        config = load_cloud_config(cloud)
        return attrs.evolve(config, auth=rackspace_options(config.auth))

    return AuthenticatedClient(
        lambda: connect(
            rackspace_options(opts) if opts is not None else None,
            load,
            client_options,
            RackspaceAuthenticator,
        )
    )


def auth_options_from_env(environ: Mapping[str, str] | None = None) -> AuthOptions:
    """Options from ``RAX_USERNAME`` with ``RAX_API_KEY`` (or ``RAX_PASSWORD``).

    Also ``RAX_TENANT_ID``/``RAX_TENANT_NAME`` and ``RAX_AUTH_URL``. Without any
    ``RAX_*`` credential, the ``OS_*`` variables are read instead
    (`AuthOptions.from_env`). An API key wins over a password; a missing
    username or secret raises `InvalidOptions` naming the variable.
    """
    env = os.environ if environ is None else environ
    if any(env.get(name) for name in _CREDENTIALS):
        opts = AuthOptions(
            identity_endpoint=env.get("RAX_AUTH_URL") or None,
            username=env.get("RAX_USERNAME") or None,
            api_key=env.get("RAX_API_KEY") or None,
            password=env.get("RAX_PASSWORD") or None,
            tenant_id=env.get("RAX_TENANT_ID") or None,
            tenant_name=env.get("RAX_TENANT_NAME") or None,
        )
    else:
        opts = AuthOptions.from_env(env)
    if not (opts.username or opts.token_id):
        raise InvalidOptions("RAX_USERNAME", "is required (or OS_USERNAME)")
    if not (opts.api_key or opts.password or opts.token_id):
        raise InvalidOptions("RAX_API_KEY", "is required (or RAX_PASSWORD, OS_API_KEY...)")
    if opts.api_key and opts.password:
        opts = attrs.evolve(opts, password=None)
    return rackspace_options(opts)


def _config_from_env(env: Mapping[str, str]) -> CloudConfig:
    """The cloud the environment describes: its credentials and its region."""
    from ..config import CloudConfig

    rax = any(env.get(name) for name in _CREDENTIALS)
    region = env.get("RAX_REGION") if rax else env.get("OS_REGION_NAME")
    return CloudConfig(name=None, auth=auth_options_from_env(env), region_name=region or None)


async def _named(
    provider: ProviderClient,
    eo: EndpointOpts | None,
    new: Callable[[ProviderClient, EndpointOpts], Awaitable[ServiceClient]],
    service_type: str,
    name: str,
) -> ServiceClient:
    """``new(provider, eo)``, ``eo`` naming ``name`` for ``service_type`` unless it names
    another service."""
    if provider.endpoint_locator is None:
        raise AiocloudError("the provider is not authenticated: call rackspace.authenticate")
    eo = eo or EndpointOpts()
    if not eo.name and eo.type in (None, service_type):
        eo = attrs.evolve(eo, name=name)
    return await new(provider, eo)


async def new_compute_v2(provider: ProviderClient, eo: EndpointOpts | None = None) -> ServiceClient:
    """Cloud Servers (``compute`` named ``cloudServersOpenStack``)."""
    return await _named(provider, eo, _openstack.new_compute_v2, "compute", "cloudServersOpenStack")


async def new_block_storage_v1(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Cloud Block Storage (``volume`` named ``cloudBlockStorage``)."""
    return await _named(
        provider, eo, _openstack.new_block_storage_v1, "volume", "cloudBlockStorage"
    )


async def new_object_storage_v1(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Cloud Files (``object-store`` named ``cloudFiles``)."""
    return await _named(
        provider, eo, _openstack.new_object_storage_v1, "object-store", "cloudFiles"
    )


async def new_object_cdn_v1(
    provider: ProviderClient, eo: EndpointOpts | None = None
) -> ServiceClient:
    """Cloud Files CDN (``rax:object-cdn`` named ``cloudFilesCDN``)."""
    return await _named(provider, eo, _cdn, "rax:object-cdn", "cloudFilesCDN")


async def _cdn(provider: ProviderClient, eo: EndpointOpts) -> ServiceClient:
    """The CDN management service ``eo`` names (no OpenStack function makes it)."""
    return await new_service(provider, eo, "rax:object-cdn")


async def new_network_v2(provider: ProviderClient, eo: EndpointOpts | None = None) -> ServiceClient:
    """Cloud Networks (``network`` named ``cloudNetworks``); resources under ``v2.0/``."""
    return await _named(provider, eo, _openstack.new_network_v2, "network", "cloudNetworks")
