"""Small helpers for users and tests."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["pretty_print_json"]


def pretty_print_json(data: Any) -> str:
    """``data`` as indented JSON with sorted keys (gophercloud's PrettyPrintJSON)."""
    return json.dumps(data, indent=2, sort_keys=True, default=str)
