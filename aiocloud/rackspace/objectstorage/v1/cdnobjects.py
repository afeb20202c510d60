"""Rackspace CDN objects: purge an object from the CDN caches, and its public CDN URL.

```python
cdn = await rackspace.new_object_cdn_v1(provider)
await cdnobjects.purge(cdn, "site", "quarterly.pdf", email=["ops@example.com", "cto@example.com"])
url = await cdnobjects.cdn_url(cdn, "site", "logo.png", ssl=True)
```

A purge removes the object from every CDN edge before its TTL ends; the
stored object stays. Rackspace allows 25 purges an account a day: more are
answered 498 (`aiocloud.errors.UnexpectedResponseCode`). The purge is a
``DELETE`` on the CDN management endpoint; sent to storage it would delete
the object, so a client of another catalog type is refused before any request.
"""

from __future__ import annotations

from collections.abc import Iterable

from ....errors import InvalidOptions, ResponseFormatError
from ....openstack.objectstorage.v1._base import check_object, object_url, quote_name
from ....params import check_header
from ....service import ServiceClient
from . import cdncontainers

__all__ = ["cdn_url", "purge"]


async def purge(
    client: ServiceClient,
    container: str,
    name: str,
    *,
    email: str | Iterable[str] | None = None,
) -> None:
    """Remove ``container/name`` from the CDN caches (``DELETE`` on the CDN endpoint).

    ``email``: an address, or several, that Rackspace tells when the purge is
    done (``X-Purge-Email: a@example.com,b@example.com``).
    """
    cdncontainers.check_cdn_client(client)
    headers = {"X-Purge-Email": _addresses(email)} if email is not None else None
    await client.request(
        "DELETE", object_url(client, container, name), headers=headers, ok_codes=(204,)
    )


def _addresses(email: str | Iterable[str]) -> str:
    addresses = [email] if isinstance(email, str) else [*email]
    if not addresses:
        raise InvalidOptions("email", "give at least one address (or None)")
    for address in addresses:
        if not isinstance(address, str) or "@" not in address or "," in address:
            raise InvalidOptions("email", f"not one email address: {address!r:.100}")
    return check_header(
        "X-Purge-Email", ",".join(address.strip() for address in addresses), "email"
    )


async def cdn_url(client: ServiceClient, container: str, name: str, *, ssl: bool = False) -> str:
    """The public CDN URL of ``container/name``: the container's CDN URI (HTTPS with ``ssl``)
    and the name, percent-encoded (one ``HEAD`` on the CDN endpoint)."""
    check_object(name)
    settings = await cdncontainers.get(client, container)
    base = settings.cdn_ssl_uri if ssl else settings.cdn_uri
    if not base:
        header = "X-Cdn-Ssl-Uri" if ssl else "X-Cdn-Uri"
        raise ResponseFormatError(f"the CDN gave no {header} for container {container!r}")
    return f"{base.rstrip('/')}/{quote_name(name)}"
