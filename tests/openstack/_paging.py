"""Helpers of the two-page listing tests: one route answering page after page, and
the exact URLs it was asked for."""

from __future__ import annotations

from typing import Any

import httpx
import respx


def serve_pages(router: respx.MockRouter, url: str, *bodies: Any) -> respx.Route:
    """A GET route for ``url`` (any query) answering ``bodies`` in turn, one per request.

    A request beyond the last body fails the test (respx raises when the side
    effects run out), so a listing that fetches one page too many is caught.
    """
    route = router.get(url__startswith=url)
    route.side_effect = [httpx.Response(200, json=body) for body in bodies]
    return route


def requested(route: respx.Route) -> list[str]:
    """The full URLs, query included, that ``route`` received, in order."""
    return [str(call.request.url) for call in route.calls]
