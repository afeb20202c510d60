"""Temporary URLs: signed, expiring links to objects, made from a Temp-URL-Key.

```python
url = await tempurl.create_temp_url(swift, "logs", "a.txt", tempurl.TempURLOpts(ttl=3600))
url = tempurl.generate(key, object_url, expires=timedelta(hours=1))
url = tempurl.generate(key, object_url, method="PUT", expires=datetime(2030, 1, 1),
                       digest="sha512", ip_range="10.0.0.0/8")
# one signature for every object under photos/2024/ (the URL names one of them):
url = tempurl.generate(key, f"{container_url}/photos/2024/a.jpg", prefix="photos/2024/",
                       expires=timedelta(days=1))
```

Anyone holding the URL may do ``method`` on the object until it expires, without
a token. The key is the account's or the container's ``Temp-URL-Key``:
`create_temp_url()` (re-exported by `objects`) reads it when it is not
given. The signature follows Swift's tempurl middleware: HMAC over
``[ip=<range>\\n]<METHOD>\\n<expires>\\n<path>`` (``prefix:<path>`` for
prefix-based URLs), where path is ``/v1/<account>/<container>/<object>``.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import datetime, timedelta, timezone
from typing import Literal
from urllib.parse import unquote, urlencode, urlsplit

import attrs

from ....errors import InvalidOptions
from ....service import ServiceClient
from . import accounts, containers
from ._base import object_url

__all__ = ["METHODS", "Digest", "TempURLOpts", "create_temp_url", "generate"]

Digest = Literal["sha1", "sha256", "sha512"]

METHODS = frozenset({"GET", "HEAD", "PUT", "POST", "DELETE"})
"""The methods Swift's tempurl middleware can allow (the cluster may allow fewer)."""

_ISO8601 = "%Y-%m-%dT%H:%M:%SZ"


@attrs.frozen
class TempURLOpts:
    """A temporary URL: ``ttl`` (seconds) or ``expires_at``, and what it allows.

    ``temp_url_key`` skips fetching the account's (then the container's) key.
    See `generate()` for ``prefix``, ``ip_range``, ``filename``.
    """

    method: str = "GET"
    ttl: int | None = None
    expires_at: datetime | None = None
    digest: Digest = "sha256"
    temp_url_key: str | None = attrs.field(default=None, repr=False)
    prefix: str | None = None
    ip_range: str | None = None
    filename: str | None = None
    inline: bool = False


async def create_temp_url(
    client: ServiceClient, container: str, name: str, opts: TempURLOpts
) -> str:
    """A temporary URL for ``container/name`` (see `generate()`).

    Offline when ``opts.temp_url_key`` is given; otherwise the account's key
    is read (then the container's), and a cluster with neither raises
    InvalidOptions.
    """
    if (opts.ttl is None) == (opts.expires_at is None):
        raise InvalidOptions("ttl", "give exactly one of ttl (seconds) and expires_at")
    if opts.ttl is not None and opts.ttl <= 0:
        raise InvalidOptions("ttl", "must be > 0")
    url = object_url(client, container, name)
    key = opts.temp_url_key or await _temp_url_key(client, container)
    return generate(
        key,
        url,
        expires=opts.expires_at
        if opts.expires_at is not None
        else timedelta(seconds=opts.ttl or 0),
        method=opts.method,
        digest=opts.digest,
        prefix=opts.prefix,
        ip_range=opts.ip_range,
        filename=opts.filename,
        inline=opts.inline,
    )


async def _temp_url_key(client: ServiceClient, container: str) -> str:
    """The account's key, else the container's (``Temp-URL-Key``, then ``-2``)."""
    account = await accounts.get(client)
    key = account.temp_url_key or account.temp_url_key_2
    if not key:
        found = await containers.get(client, container)
        key = found.temp_url_key or found.temp_url_key_2
    if key:
        return key
    raise InvalidOptions(
        "temp_url_key",
        f"not given, and neither the account nor container {container!r} has a Temp-URL-Key",
    )


def generate(
    key: str | bytes,
    url: str,
    *,
    expires: datetime | timedelta,
    method: str = "GET",
    digest: Digest = "sha256",
    prefix: str | None = None,
    ip_range: str | None = None,
    filename: str | None = None,
    inline: bool = False,
    iso8601: bool = False,
) -> str:
    """A temporary URL for the object at ``url`` (``.../v1/<account>/<container>/<object>``).

    ``expires`` is a moment (a naive datetime is UTC) or a duration from now.
    ``prefix`` signs for every object whose name starts with it (the object of
    ``url`` must be one of them). ``ip_range`` (``"1.2.3.4"`` or
    ``"10.0.0.0/8"``) restricts who may use it. ``filename`` and ``inline``
    set the download's Content-Disposition; ``iso8601`` writes the expiry as
    ``2030-01-01T00:00:00Z`` instead of a Unix timestamp (same signature).
    """
    if not key:
        raise InvalidOptions("key", "a temp URL key is required")
    method = method.upper()
    if method not in METHODS:
        raise InvalidOptions("method", f"must be one of {sorted(METHODS)}, not {method!r}")
    if digest not in ("sha1", "sha256", "sha512"):
        raise InvalidOptions("digest", f"must be sha1, sha256 or sha512, not {digest!r}")
    expires_at = _expiry(expires)
    parts = urlsplit(url)
    path = unquote(parts.path)
    container_path, name = _split(path)
    signed_path = path
    if prefix is not None:
        signed_path = "prefix:" + container_path + prefix
        if not name.startswith(prefix):
            raise InvalidOptions("prefix", f"the object of {url!r} does not start with {prefix!r}")
    lines = [method, str(expires_at), signed_path]
    if ip_range:
        lines.insert(0, f"ip={ip_range}")
    secret = key.encode() if isinstance(key, str) else key
    signature = hmac.new(secret, "\n".join(lines).encode(), getattr(hashlib, digest)).hexdigest()
    query: list[tuple[str, str]] = [
        ("temp_url_sig", signature),
        (
            "temp_url_expires",
            time.strftime(_ISO8601, time.gmtime(expires_at)) if iso8601 else str(expires_at),
        ),
    ]
    if prefix is not None:
        query.append(("temp_url_prefix", prefix))
    if ip_range:
        query.append(("temp_url_ip_range", ip_range))
    if filename is not None:
        query.append(("filename", filename))
    encoded = urlencode(query)
    if inline:
        encoded += "&inline"
    separator = "&" if parts.query else "?"
    return f"{url}{separator}{encoded}"


def _expiry(expires: datetime | timedelta) -> int:
    if isinstance(expires, timedelta):
        if expires.total_seconds() <= 0:
            raise InvalidOptions("expires", "the duration must be positive")
        return int(time.time() + expires.total_seconds())
    if isinstance(expires, datetime):
        when = expires if expires.tzinfo else expires.replace(tzinfo=timezone.utc)
        return int(when.timestamp())
    raise InvalidOptions("expires", "give a datetime (a moment) or a timedelta (from now)")


def _split(path: str) -> tuple[str, str]:
    """``path`` cut after ``/v1/<account>/<container>/``: (that head, the object name)."""
    marker = path.find("/v1/")
    if marker < 0:
        raise InvalidOptions("url", f"not an object URL (no /v1/ in {path!r})")
    head_parts = path[marker + 4 :].split("/", 2)
    if len(head_parts) < 3 or not all(head_parts[:2]) or not head_parts[2]:
        raise InvalidOptions("url", f"not an object URL (/v1/account/container/object): {path!r}")
    head = path[: marker + 4] + "/".join(head_parts[:2]) + "/"
    return head, head_parts[2]
