"""What the identity test modules share: Keystone's error body and the failures a call meets."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import httpx
import pytest
import respx

from aiocloud import errors

Outcome = httpx.Response | Exception
"""What a mocked route gives a request: an answer, or a transport failure it raises."""


def keystone_error(code: int, message: str) -> dict[str, Any]:
    """An error body the way Keystone sends it: ``{"error": {"code", "message", "title"}}``."""
    return {"error": {"code": code, "message": message, "title": HTTPStatus(code).phrase}}


def failures(ok: int = 200) -> list[Any]:
    """``(outcome, error)`` for ``parametrize``: a server error, malformed JSON (sent
    with the ``ok`` status), a dropped connection and a timeout, and the error each raises."""
    return [
        pytest.param(
            httpx.Response(500, text="Internal Server Error"), errors.InternalServerError, id="500"
        ),
        pytest.param(
            httpx.Response(ok, content=b"{not json"), errors.ResponseFormatError, id="malformed"
        ),
        pytest.param(
            httpx.RemoteProtocolError("peer closed"), errors.ConnectionFailed, id="dropped"
        ),
        pytest.param(httpx.ReadTimeout("timed out"), errors.TimedOut, id="timeout"),
    ]


FAILURES = failures()
"""The failures of a call whose answer is 200 OK."""


def answer(route: respx.Route, outcome: Outcome) -> respx.Route:
    """``route`` answering ``outcome``: a response, or a transport failure it raises."""
    if isinstance(outcome, Exception):
        return route.mock(side_effect=outcome)
    return route.mock(return_value=outcome)
