"""What the compute v2 server tests share: Nova's server URLs and a create answer."""

from __future__ import annotations

from datetime import timezone
from typing import Any

from tests.helpers import COMPUTE, SERVER_ID, last_request

SERVERS = f"{COMPUTE}/servers"
SERVER = f"{SERVERS}/{SERVER_ID}"
ACTION = f"{SERVER}/action"
UTC = timezone.utc

CREATED = {
    "server": {
        "id": SERVER_ID,
        "links": [{"href": f"{SERVERS}/{SERVER_ID}", "rel": "self"}],
        "OS-DCF:diskConfig": "AUTO",
        "security_groups": [{"name": "default"}],
        "adminPass": "6NpUwoz2QDRN",
    }
}


def query_of(route: Any) -> list[tuple[str, str]]:
    """The query pairs of the last request ``route`` answered, in order."""
    return list(last_request(route).url.params.multi_items())
