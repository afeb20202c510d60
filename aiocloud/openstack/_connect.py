"""What authenticating a provider and locating a service take, shared by the clouds.

`aiocloud.openstack` and `aiocloud.rackspace` differ in their authenticator
and service names; both connect and find services through these.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Any

import attrs

from ..auth import AuthOptions
from ..endpoints import EndpointOpts
from ..errors import AiocloudError, InvalidOptions, ServiceNotFound
from ..provider import Authenticator, ClientOptions, ProviderClient
from ..service import ServiceClient
from ._keystone import identity_root

if TYPE_CHECKING:
    from ..config import CloudConfig

__all__ = ["AuthenticatedClient", "connect", "new_service"]


class AuthenticatedClient:
    """Awaitable (gives the provider) and async context manager (closes it)."""

    def __init__(self, make: Callable[[], Awaitable[ProviderClient]]) -> None:
        self._make = make
        self._provider: ProviderClient | None = None

    def __await__(self) -> Generator[Any, None, ProviderClient]:
        return self._make().__await__()

    async def __aenter__(self) -> ProviderClient:
        self._provider = await self._make()
        return self._provider

    async def __aexit__(self, *exc_info: object) -> None:
        if self._provider is not None:
            await self._provider.aclose()


async def connect(
    opts: AuthOptions | None,
    load: Callable[[], CloudConfig],
    client_options: ClientOptions,
    authenticator: Callable[[AuthOptions], Authenticator],
) -> ProviderClient:
    """A provider authenticated by ``authenticator(opts)``; without ``opts``, by ``load()``'s
    cloud, whose TLS, timeout, region, interface and endpoint overrides it also takes."""
    config: CloudConfig | None = None
    auth_opts = opts
    options: ClientOptions = {**client_options}
    if auth_opts is None:
        config = load()
        auth_opts = config.auth
        options = {**config.client_options(), **options}
    if not auth_opts.identity_endpoint:
        raise InvalidOptions("identity_endpoint", "is required (OS_AUTH_URL or auth_url)")
    if config is not None:
        options["endpoint_opts"] = config.endpoint_opts()
        options["endpoint_overrides"] = config.endpoint_overrides
    provider = ProviderClient(
        auth_opts.identity_endpoint,
        authenticator=authenticator(auth_opts),
        identity_base=identity_root(auth_opts.identity_endpoint),
        **options,
    )
    try:
        await provider.authenticate()
    except BaseException:
        await provider.aclose()
        raise
    return provider


async def new_service(
    provider: ProviderClient,
    eo: EndpointOpts | None,
    service_type: str,
    *,
    fallback_types: tuple[str, ...] = (),
) -> ServiceClient:
    if provider.endpoint_locator is None:
        raise AiocloudError("the provider is not authenticated: call openstack.authenticate")
    defaults = provider.endpoint_opts
    opts = (eo.merged_with(defaults) if eo else defaults).apply_defaults(service_type)
    override = _endpoint_override(provider, opts.type)
    if override is not None:
        return ServiceClient(provider, override, type=service_type)
    try:
        url = await provider.endpoint_locator(opts)
    except ServiceNotFound:
        if (eo is not None and eo.type) or not fallback_types:
            raise
        url = await _locate_first(provider, opts, fallback_types)
    return ServiceClient(provider, url, type=service_type)


def _endpoint_override(provider: ProviderClient, service_type: str | None) -> str | None:
    """The cloud's ``<service>_endpoint_override`` URL, its ``%(project_id)s`` filled in."""
    url = provider.endpoint_overrides.get(service_type or "")
    if url is None or "%(" not in url:
        return url
    project = provider.token.project if provider.token else None
    if project is None:
        raise InvalidOptions(
            f"{service_type}_endpoint_override", "names %(project_id)s but the token has no project"
        )
    return url.replace("%(project_id)s", project.id).replace("%(tenant_id)s", project.id)


async def _locate_first(
    provider: ProviderClient, opts: EndpointOpts, types: tuple[str, ...]
) -> str:
    """The first of ``types`` the catalog has; the last one's ServiceNotFound if none."""
    assert provider.endpoint_locator is not None
    *earlier, last = types
    for service_type in earlier:
        with contextlib.suppress(ServiceNotFound):
            return await provider.endpoint_locator(attrs.evolve(opts, type=service_type))
    return await provider.endpoint_locator(attrs.evolve(opts, type=last))
