"""Rackspace Cloud Identity as a provider's authenticator: Keystone v2.0, Rackspace's way.

Tokens come from OpenStack's identity v2.0 flow (`KeystoneAuthenticator`); what
differs is only where (`RACKSPACE_US_IDENTITY` unless told, v2.0 only) and how
services are found: in the user's default region (``RAX-AUTH:defaultRegion``)
when no region is asked for.

```python
authenticator = RackspaceAuthenticator(AuthOptions(username="demo", api_key="..."))
provider = ProviderClient(RACKSPACE_US_IDENTITY, authenticator=authenticator)
await provider.authenticate()          # what rackspace.authenticated_client() does
```
"""

from __future__ import annotations

import re

import attrs

from ..auth import AuthOptions, Token
from ..endpoints import EndpointOpts, ServiceCatalog, normalize_url
from ..errors import InvalidOptions
from ..openstack._keystone import KeystoneAuthenticator
from .identity.v2.tokens import default_region

__all__ = [
    "RACKSPACE_UK_IDENTITY",
    "RACKSPACE_US_IDENTITY",
    "RackspaceAuthenticator",
    "rackspace_identity_url",
    "rackspace_options",
]

RACKSPACE_US_IDENTITY = "https://identity.api.rackspacecloud.com/v2.0/"
"""Rackspace Cloud Identity, the endpoint every account can use."""

RACKSPACE_UK_IDENTITY = "https://lon.identity.api.rackspacecloud.com/v2.0/"
"""Rackspace Cloud Identity in London (gophercloud's ``RackspaceUKIdentity``)."""

_VERSION = re.compile(r"^.*?/(v\d+(?:\.\d+)?)/?$")


def rackspace_identity_url(url: str | None) -> str:
    """``url`` (default `RACKSPACE_US_IDENTITY`) at identity v2.0; another version raises."""
    url = url or RACKSPACE_US_IDENTITY
    match = _VERSION.match(url)
    if match is None:
        return normalize_url(url) + "v2.0/"
    if match.group(1) != "v2.0":
        raise InvalidOptions(
            "identity_endpoint", f"Rackspace Cloud Identity speaks v2.0, not {match.group(1)}"
        )
    return normalize_url(url)


def rackspace_options(opts: AuthOptions) -> AuthOptions:
    """``opts`` at Rackspace's identity v2.0 URL, checked for v2.0 before any request."""
    checked = attrs.evolve(opts, identity_endpoint=rackspace_identity_url(opts.identity_endpoint))
    checked.validate("v2.0")
    return checked


class RackspaceAuthenticator(KeystoneAuthenticator):
    """Tokens from Rackspace Cloud Identity v2.0 (API key, password or token).

    Services are located in the region asked for, else in the user's default
    region; services without regions (Cloud DNS...) are found without one.
    """

    def __init__(self, opts: AuthOptions) -> None:
        super().__init__(rackspace_options(opts))

    def locate(self, token: Token | None, opts: EndpointOpts) -> str:
        """The URL of the service ``opts`` names, in the default region if none is given."""
        if opts.region is None and token is not None:
            region = default_region(token)
            if region is not None and _regional(token.catalog, opts):
                opts = attrs.evolve(opts, region=region)
        return super().locate(token, opts)


def _regional(catalog: object, opts: EndpointOpts) -> bool:
    """Whether a service ``opts`` names has endpoints in regions."""
    if not isinstance(catalog, ServiceCatalog):
        return False
    return any(
        endpoint.region
        for entry in catalog.entries
        if entry.type == opts.type and (not opts.name or entry.name == opts.name)
        for endpoint in entry.endpoints
    )
