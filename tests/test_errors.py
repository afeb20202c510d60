"""errors: the tree, messages from OpenStack error bodies, Retry-After."""

from __future__ import annotations

import email.utils
import json
import time

import pytest

from aiocloud import errors


def _error(status: int, body: object, **headers: str) -> errors.HTTPError:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    cls = errors.error_for_status(status)
    return cls(method="GET", url="https://x/y", status_code=status, body=raw, headers=headers)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"itemNotFound": {"message": "Instance 1 could not be found.", "code": 404}},
            "itemNotFound: Instance 1 could not be found.",
        ),
        (
            {
                "NeutronError": {
                    "type": "NetworkNotFound",
                    "message": "Network x could not be found.",
                    "detail": "",
                }
            },
            "NetworkNotFound: Network x could not be found.",
        ),
        (
            {
                "error": {
                    "code": 401,
                    "message": "The request you have made requires authentication.",
                    "title": "Unauthorized",
                }
            },
            "The request you have made requires authentication.",
        ),
        (
            {
                "conflictingRequest": {
                    "message": "Cannot 'reboot' instance while it is in vm_state building",
                    "code": 409,
                }
            },
            "conflictingRequest: Cannot 'reboot' instance while it is in vm_state building",
        ),
        (
            b"<html><body><h1>503 Service Unavailable</h1>\nNo server is available</body></html>",
            "503 Service Unavailable: No server is available",
        ),
        (
            b"<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
            "Not Found: The resource could not be found.",
        ),
        (
            b"<!DOCTYPE html><html><head><title>Bad</title><style>p {}</style></head>"
            b"<body><h1>Bad Request</h1><p>Invalid header.</p><p>Try again</p></body></html>",
            "Bad Request: Invalid header. Try again",
        ),
        (b"size < limit and x > y", "size < limit and x > y"),
    ],
)
def test_message_from_openstack_error_bodies(body: object, message: str) -> None:
    assert _error(404, body).message == message


def test_every_http_error_is_an_aiocloud_error() -> None:
    for status in (400, 401, 403, 404, 405, 408, 409, 412, 413, 422, 429, 500, 501, 502, 503, 504):
        cls = errors.error_for_status(status)
        assert cls.status == status
        assert issubclass(cls, errors.HTTPError)
        assert issubclass(cls, errors.AiocloudError)
    assert errors.error_for_status(418) is errors.UnexpectedResponseCode


def test_str_names_request_status_and_request_id() -> None:
    exc = _error(
        409, {"conflictingRequest": {"message": "busy"}}, **{"x-openstack-request-id": "req-1"}
    )
    assert str(exc) == "GET https://x/y returned 409: conflictingRequest: busy [request req-1]"


def test_long_bodies_are_shortened() -> None:
    assert len(_error(500, b"x" * 10_000).message or "") <= 300


def test_retry_after_seconds_and_http_date() -> None:
    assert errors.parse_retry_after("7") == 7
    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 < (errors.parse_retry_after(future) or 0) <= 30
    assert errors.parse_retry_after("soon") is None
    exc = _error(429, {}, **{"retry-after": "5"})
    assert isinstance(exc, errors.TooManyRequests)
    assert exc.retry_after == 5


def test_invalid_options_names_the_field() -> None:
    exc = errors.InvalidOptions("username", "is required")
    assert exc.field == "username"
    assert str(exc) == "username: is required"
    assert isinstance(exc, ValueError)
