"""Compute v2 keypairs (``os-keypairs``): SSH keys injected into new servers.

```python
generated = await keypairs.create(compute, keypairs.CreateOpts(name="deploy"))
save(generated.private_key)                  # given once, never again
await keypairs.import_key(compute, "laptop", open("id_ed25519.pub").read())
async for kp in keypairs.list(compute):
    print(kp.name, kp.fingerprint)
await servers.create(compute, keypairs.CreateOptsExt(base_opts, key_name="deploy"))
await keypairs.delete(compute, "deploy")
```

Nova stopped generating keys at microversion 2.92; `create()` without a
public key is sent at 2.91 when the client asks for a later microversion.
"""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Any

import attrs
import httpx

from ....._resource import Collection, extend_body, query_params
from .....errors import InvalidOptions, ResponseFormatError
from .....models import Model, extract, structure_list
from .....pagination import LinkedPage, Page
from .....params import build_body, check_types, query
from .....service import ServiceClient, parse_json
from .._base import at_most
from ..servers import CreateOptsBuilder

__all__ = [
    "CreateOpts",
    "CreateOptsExt",
    "KeyPair",
    "ListOpts",
    "create",
    "delete",
    "get",
    "import_key",
    "list",
]

_LAST_GENERATING_MICROVERSION = "2.91"


@attrs.frozen
class KeyPair(Model):
    """A keypair; ``private_key`` is only in the answer to a generating `create()`.

    ``type`` (ssh or x509) comes with 2.2; ``id``, ``created_at`` and
    ``deleted`` only in `get()`.
    """

    name: str
    public_key: str | None = None
    fingerprint: str | None = None
    private_key: str | None = attrs.field(default=None, repr=False)
    user_id: str | None = None
    type: str | None = None
    id: int | None = None
    created_at: datetime | None = None
    deleted: bool | None = None


@attrs.frozen
class ListOpts:
    """Filters for `list()`: another user's keys (admin, 2.10), pages (2.35)."""

    user_id: str | None = query()
    marker: str | None = query()
    limit: int | None = query()


@attrs.frozen
class CreateOpts:
    """A keypair to create: generated when ``public_key`` is None, imported otherwise.

    ``type`` (ssh or x509) needs 2.2, ``user_id`` (admin) 2.10.
    """

    name: str
    public_key: str | None = None
    type: str | None = None
    user_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.name:
            raise InvalidOptions("name", "is required")
        return {"keypair": build_body(self)}


@attrs.frozen
class CreateOptsExt:
    """Server create options with ``key_name``: the key injected into the new server."""

    base: CreateOptsBuilder
    key_name: str

    def to_body(self) -> dict[str, Any]:
        check_types(self)
        if not self.key_name:
            raise InvalidOptions("key_name", "is required")
        return extend_body(self.base, "server", {"key_name": self.key_name})


@attrs.frozen
class _KeyPairPage(LinkedPage[KeyPair]):
    """Nova wraps every listed keypair: ``{"keypairs": [{"keypair": {...}}]}``."""

    key: str = "keypairs"
    model: type[KeyPair] = KeyPair

    def parse(self, response: httpx.Response) -> Page[KeyPair]:
        body = parse_json(response)
        entries = body.get("keypairs") if isinstance(body, dict) else None
        if not isinstance(entries, builtins.list):
            raise ResponseFormatError(f"{response.request.url}: expected 'keypairs' as a list")
        try:
            items = [entry["keypair"] for entry in entries]
        except (KeyError, TypeError) as exc:
            raise ResponseFormatError(
                f"{response.request.url}: expected 'keypair' objects in 'keypairs'"
            ) from exc
        return Page(structure_list(items, KeyPair), response.headers, body)


@attrs.frozen
class _Owner:
    """Whose keypair: another user's (admin, 2.10) with ``user_id``."""

    user_id: str | None = query()


_keypairs = Collection(
    KeyPair,
    "keypair",
    "keypairs",
    path=("os-keypairs",),
    page=_KeyPairPage(),
    id_name="name",
    create_codes=(200, 201),
    delete_codes=(202, 204),
)

list = _keypairs.lister(
    ListOpts, "Your keypairs (or ``opts.user_id``'s); pages from 2.35, one page before."
)


async def create(client: ServiceClient, opts: CreateOpts) -> KeyPair:
    """Create a keypair; a generated one carries its ``private_key`` (this time only)."""
    if opts.public_key is None:
        client = at_most(client, _LAST_GENERATING_MICROVERSION)
    return await _keypairs.create(client, opts)


async def import_key(
    client: ServiceClient,
    name: str,
    public_key: str,
    *,
    type: str | None = None,
    user_id: str | None = None,
) -> KeyPair:
    """Register an existing public key under ``name``."""
    if not public_key:
        raise InvalidOptions("public_key", "is required")
    return await create(client, CreateOpts(name, public_key, type, user_id))


async def get(client: ServiceClient, name: str, *, user_id: str | None = None) -> KeyPair:
    """One keypair by name (another user's with ``user_id``: admin, 2.10)."""
    answer = await client.json(
        "GET", _keypairs.item_url(client, name), params=query_params(_Owner(user_id)) or None
    )
    return extract(answer, "keypair", KeyPair)


async def delete(client: ServiceClient, name: str, *, user_id: str | None = None) -> None:
    """Delete a keypair (servers that have it keep it)."""
    await _keypairs.delete(client, name, _Owner(user_id))
