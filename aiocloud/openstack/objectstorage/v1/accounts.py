"""Object storage accounts: usage counters, metadata and temp URL keys.

```python
account = await accounts.get(swift)
print(account.container_count, account.bytes_used, account.metadata)
await accounts.update(swift, accounts.UpdateOpts(metadata={"owner": "ops"},
                                                 temp_url_key="s3cret"))
await accounts.update(swift, accounts.UpdateOpts(remove_metadata=["owner"]))
```

An account is the root of the storage URL (``.../v1/AUTH_<project>``); its
containers are listed with `containers.list()`. Metadata keys come back
lowercased (HTTP header names are case-insensitive).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from ....models import Model, json_key
from ....params import check_header, check_types
from ....service import ServiceClient
from ._base import (
    METADATA_KEY,
    account_url,
    header_model,
    metadata_headers,
    optional_float,
    optional_http_date,
    optional_int,
    to_int,
)

__all__ = ["Account", "UpdateOpts", "get", "update"]


@attrs.frozen
class Account(Model):
    """The account's headers: counters, quota, metadata, temp URL keys (secrets, not in repr).

    Counters are eventually consistent: Swift updates them in the background.
    """

    container_count: int = json_key("x-account-container-count", default=0, converter=to_int)
    object_count: int = json_key("x-account-object-count", default=0, converter=to_int)
    bytes_used: int = json_key("x-account-bytes-used", default=0, converter=to_int)
    quota_bytes: int | None = json_key(
        "x-account-meta-quota-bytes", default=None, converter=optional_int
    )
    metadata: dict[str, str] = json_key(METADATA_KEY, factory=dict)
    temp_url_key: str | None = json_key("x-account-meta-temp-url-key", default=None, repr=False)
    temp_url_key_2: str | None = json_key("x-account-meta-temp-url-key-2", default=None, repr=False)
    timestamp: float | None = json_key("x-timestamp", default=None, converter=optional_float)
    date: datetime | None = json_key("date", default=None, converter=optional_http_date)
    trans_id: str | None = json_key("x-trans-id", default=None)


@attrs.frozen
class UpdateOpts:
    """Changes to the account: metadata to set or remove, temp URL keys.

    A key set to ``""`` is removed too. Setting ``quota_bytes`` in metadata
    needs a reseller admin.
    """

    metadata: dict[str, str] | None = None
    remove_metadata: list[str] | None = None
    temp_url_key: str | None = attrs.field(default=None, repr=False)
    temp_url_key_2: str | None = attrs.field(default=None, repr=False)

    def to_headers(self) -> dict[str, str]:
        check_types(self)
        headers = metadata_headers("Account", self.metadata, self.remove_metadata)
        for field, header in (
            ("temp_url_key", "X-Account-Meta-Temp-URL-Key"),
            ("temp_url_key_2", "X-Account-Meta-Temp-URL-Key-2"),
        ):
            value = getattr(self, field)
            if value is not None:
                headers[header] = check_header(header, value, field)
        return headers


async def get(client: ServiceClient) -> Account:
    """The account's counters and metadata (``HEAD`` on the account)."""
    response = await client.request("HEAD", account_url(client), ok_codes=(200, 204))
    return header_model(response, Account, "x-account-meta-")


async def update(client: ServiceClient, opts: UpdateOpts) -> None:
    """Set or remove account metadata and temp URL keys (``POST`` on the account)."""
    await client.request(
        "POST", account_url(client), headers=opts.to_headers(), ok_codes=(200, 204)
    )
