"""Rackspace Cloud Identity v2.0 tokens: OpenStack's, plus Rackspace's default region and revoke.

Authenticating is OpenStack identity v2.0's ``POST /v2.0/tokens``; an
``api_key`` is sent as Rackspace's ``RAX-KSKEY:apiKeyCredentials``:

```python
identity = await rackspace.new_identity_v2(provider)
opts = AuthOptions(identity_endpoint=rackspace.RACKSPACE_US_IDENTITY, username="demo",
                   api_key="...")
token = await tokens.create(identity, opts)   # a second token, the provider keeps its own
tokens.default_region(token)          # "DFW": where services are found by default
await tokens.revoke(identity)         # the provider's own token
```
"""

from __future__ import annotations

from ....auth import Token
from ....errors import NotFound
from ....openstack.identity.v2.tokens import build_auth_body, create, get
from ....service import ServiceClient

__all__ = ["build_auth_body", "create", "default_region", "get", "revoke", "validate"]


def default_region(token: Token) -> str | None:
    """The user's default region (``RAX-AUTH:defaultRegion``), None if the token has none."""
    region = token.user.raw.get("RAX-AUTH:defaultRegion") if token.user else None
    return region if isinstance(region, str) and region else None


async def validate(client: ServiceClient, token_id: str, *, belongs_to: str | None = None) -> bool:
    """True if ``token_id`` is valid (and of tenant ``belongs_to``), False if it is not."""
    try:
        await get(client, token_id, belongs_to=belongs_to)
    except NotFound:
        return False
    return True


async def revoke(client: ServiceClient, token_id: str | None = None) -> None:
    """Revoke ``token_id`` (``DELETE /v2.0/tokens/<id>``), by default the provider's own token.

    The provider's own (``DELETE /v2.0/tokens``) is renewed at the next request
    when ``allow_reauth`` is set.
    """
    parts = ("tokens",) if token_id is None else ("tokens", token_id)
    await client.request("DELETE", client.service_url(*parts), ok_codes=(204,))
