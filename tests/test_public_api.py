"""The public surface: pinned, sorted __all__; import stays lean."""

from __future__ import annotations

import subprocess
import sys

import aiocloud
from aiocloud import errors


def test_top_level_all_is_pinned_and_sorted() -> None:
    assert aiocloud.__all__ == [
        "AiocloudError",
        "AuthOptions",
        "Availability",
        "EndpointOpts",
        "Link",
        "Pager",
        "ProviderClient",
        "Retry",
        "ServiceCatalog",
        "ServiceClient",
        "Token",
        "__version__",
        "extract_next_url",
        "normalize_url",
        "pretty_print_json",
        "wait_for",
    ]
    for name in aiocloud.__all__:
        assert hasattr(aiocloud, name)


def test_errors_all_is_sorted_and_complete() -> None:
    assert errors.__all__ == sorted(errors.__all__)
    exported = {getattr(errors, name) for name in errors.__all__}
    for name, value in vars(errors).items():
        if name.startswith("_"):
            continue
        if isinstance(value, type) and issubclass(value, errors.AiocloudError):
            assert value in exported


def test_importing_openstack_does_not_load_service_modules_or_aiohttp() -> None:
    code = (
        "import sys, aiocloud.openstack; "
        "print(any(m.startswith('aiocloud.openstack.compute') for m in sys.modules), "
        "'aiohttp' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_pretty_print_json() -> None:
    assert aiocloud.pretty_print_json({"b": 1, "a": [1]}) == '{\n  "a": [\n    1\n  ],\n  "b": 1\n}'
