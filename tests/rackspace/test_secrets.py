"""The API key (and every token) never shows: not in a repr, a log record or an error.

One scenario (API-key authentication, a refused key, a 401 with reauth, a
token validated by id in the URL, a 404 for it, the environment's options)
runs with DEBUG on for every logger, on a real local server, on aiohttp and
httpx under asyncio and on httpx under trio.
"""

from __future__ import annotations

import itertools
import json
import logging
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import web

from aiocloud import AuthOptions, errors, rackspace
from aiocloud.provider import HttpBackend
from aiocloud.rackspace.identity.v2 import tokens
from tests.helpers import BACKENDS, RAX_TENANT, Backend, WebServer, rax_access, run_on

API_KEY = "0123456789abcdef-RaxKey-Secret"
WRONG_KEY = "fedcba9876543210-WrongKey-Secret"
TOKEN_PREFIX = "rax-sock-token-Secret-"
OTHER_TOKEN = "another-users-token-Secret"
SECRETS = (API_KEY, WRONG_KEY, TOKEN_PREFIX, OTHER_TOKEN)


class _Rackspace:
    """Cloud Identity and Cloud Servers on one local server; flavors refuse once."""

    def __init__(self) -> None:
        self.url = ""
        self.tokens = itertools.count(1)
        self.refused = False

    async def handle(self, request: web.Request) -> web.Response:
        path = request.path
        if request.method == "POST" and path == "/v2.0/tokens":
            body = json.loads(await request.read())
            if body["auth"]["RAX-KSKEY:apiKeyCredentials"]["apiKey"] != API_KEY:
                error = {"unauthorized": {"code": 401, "message": "Username or api key is invalid"}}
                return web.json_response(error, status=401)
            access = rax_access(f"{TOKEN_PREFIX}{next(self.tokens)}")
            access["access"]["serviceCatalog"] = [
                {
                    "name": "cloudServersOpenStack",
                    "type": "compute",
                    "endpoints": [
                        {"region": "DFW", "publicURL": f"{self.url}/v2/{RAX_TENANT}"},
                    ],
                }
            ]
            return web.json_response(access)
        if path == f"/v2/{RAX_TENANT}/flavors" and not self.refused:
            self.refused = True
            return web.json_response({"unauthorized": {"code": 401}}, status=401)
        if path == f"/v2/{RAX_TENANT}/flavors":
            return web.json_response({"flavors": []})
        if path == f"/v2.0/tokens/{OTHER_TOKEN}":
            return web.json_response(
                {"itemNotFound": {"code": 404, "message": "Token not found."}}, status=404
            )
        return web.Response(status=500)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[WebServer, list[_Rackspace]]]:
    clouds: list[_Rackspace] = []

    async def handle(request: web.Request) -> web.Response:
        return await clouds[-1].handle(request)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    with WebServer(app) as running:
        yield running, clouds


def _text(error: BaseException) -> str:
    return "\n".join([str(error), repr(error), "".join(traceback.format_exception(error))])


async def _scenario(base: str, backend: HttpBackend) -> list[str]:
    """Everything a user could print, after every kind of request."""
    shown: list[str] = []
    opts = AuthOptions(identity_endpoint=f"{base}/v2.0/", username="demo", api_key=API_KEY)
    wrong = AuthOptions(identity_endpoint=f"{base}/v2.0/", username="demo", api_key=WRONG_KEY)
    with pytest.raises(errors.Unauthorized) as refused:
        await rackspace.authenticated_client(wrong, http_backend=backend)
    shown += [_text(refused.value), repr(wrong), str(wrong)]
    async with rackspace.authenticated_client(opts, http_backend=backend) as provider:
        compute = await rackspace.new_compute_v2(provider)
        assert await compute.json("GET", compute.service_url("flavors")) == {"flavors": []}
        assert provider.token_id == f"{TOKEN_PREFIX}2"  # renewed after the 401
        identity = await rackspace.new_identity_v2(provider)
        assert not await tokens.validate(identity, OTHER_TOKEN)
        with pytest.raises(errors.NotFound) as missing:
            await tokens.get(identity, OTHER_TOKEN)
        shown += [_text(missing.value), repr(provider), str(provider), repr(provider.token)]
        shown += [repr(opts), str(opts), repr(provider.token and provider.token.user)]
    env = {"RAX_USERNAME": "demo", "RAX_API_KEY": API_KEY, "RAX_PASSWORD": "pw"}
    shown += [repr(rackspace.auth_options_from_env(env))]
    return shown


@pytest.mark.parametrize("backend", BACKENDS)
def test_no_secret_shows_anywhere(
    server: tuple[WebServer, list[_Rackspace]],
    caplog: pytest.LogCaptureFixture,
    backend: Backend,
) -> None:
    running, clouds = server
    clouds.append(_Rackspace())
    clouds[-1].url = running.url
    caplog.set_level(logging.DEBUG)  # every logger: aiocloud's, httpx's, httpcore's, aiohttp's
    shown = run_on(backend, lambda http: _scenario(running.url, http))
    records = caplog.records
    for text in shown:
        assert [s for s in SECRETS if s in text] == [], text
    texts: list[Any] = []
    for record in records:
        texts += [record.getMessage(), str(record.args)]
        if record.exc_info and record.exc_info[1] is not None:
            texts.append(_text(record.exc_info[1]))
    assert texts, "DEBUG logging produced no records"
    for text in texts:
        assert [s for s in SECRETS if s in text] == [], text
    wire = [r.getMessage() for r in records if r.name == "aiocloud.wire"]
    assert any('"apiKey": "<redacted>"' in message for message in wire)
    assert any("/v2.0/tokens/<token " in r.getMessage() for r in records if r.name == "aiocloud")
