"""No secret in any log record, repr, str or exception, on every backend.

One scenario (password and application credential authentication, a server
with adminPass, a password change, temp URL and sync keys, an account whose
answer carries temp URL keys, a temp URL, a 401 with reauth, a 404 and a
malformed answer) runs with DEBUG on for every logger: through a mock
transport and through a real local server, on aiohttp and httpx, under asyncio
and trio.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from aiohttp import web

from aiocloud import AuthOptions, ProviderClient, errors, openstack
from aiocloud._redact import REDACTED, fingerprint, mask_json, mask_text, mask_url
from aiocloud.auth import Token, redact
from aiocloud.openstack.compute.v2 import servers
from aiocloud.openstack.objectstorage.v1 import accounts, containers, objects
from aiocloud.testing import catalog_v3, token_v3_body
from tests.helpers import WebServer, run_on

PASSWORD = "pw-Secret-1"
APP_SECRET = "appcred-Secret-2"
ADMIN_PASS = "adminpass-Secret-3"
NEW_PASSWORD = "newpw-Secret-4"
ORIGINAL_PASSWORD = "origpw-Secret-5"
TEMP_URL_KEY = "tuk-Secret-6"
TEMP_URL_KEY_2 = "tuk2-Secret-7"
SYNC_KEY = "sync-Secret-8"
ACCOUNT_KEY = "accountkey-Secret-9"
SERVER_ADMIN_PASS = "nova-generated-Secret-10"
TOKEN_PREFIX = "gAAAAA-token-Secret-"
SECRETS = (
    PASSWORD,
    APP_SECRET,
    ADMIN_PASS,
    NEW_PASSWORD,
    ORIGINAL_PASSWORD,
    TEMP_URL_KEY,
    TEMP_URL_KEY_2,
    SYNC_KEY,
    ACCOUNT_KEY,
    SERVER_ADMIN_PASS,
    TOKEN_PREFIX,
    hashlib.sha256(PASSWORD.encode()).hexdigest()[:8],
)
PROJECT = "p1"

Answer = tuple[int, dict[str, str], bytes]


class FakeCloud:
    """Answers the scenario's requests; ``base`` is where the catalog points."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.tokens = itertools.count(1)
        self.refused_once = False
        self.sig: str | None = None

    def answer(self, method: str, path: str, query: str, headers: Any) -> Answer:
        swift = f"/v1/AUTH_{PROJECT}"
        if method == "POST" and path == "/v3/auth/tokens":
            return self._token()
        if path == "/v2.1/flavors/f1":
            if not self.refused_once:
                self.refused_once = True
                return 401, {}, b'{"error": {"message": "The request you have made requires auth"}}'
            return _json(200, {"flavor": {"id": "f1"}})
        routes: dict[tuple[str, str], Answer] = {
            ("POST", "/v2.1/servers"): _json(
                202, {"server": {"id": "s1", "adminPass": SERVER_ADMIN_PASS, "links": []}}
            ),
            ("POST", "/v2.1/servers/s1/action"): (202, {}, b""),
            ("GET", "/v2.1/servers/missing"): _json(
                404, {"itemNotFound": {"message": "Instance missing could not be found."}}
            ),
            ("GET", "/v2.1/servers/bad"): (200, {"Content-Type": "application/json"}, b"{bad"),
            ("POST", "/v3/users/u1/password"): (204, {}, b""),
            ("POST", f"{swift}/c"): (204, {}, b""),
            ("POST", swift): (204, {}, b""),
            ("HEAD", swift): (
                204,
                {
                    "X-Account-Meta-Temp-Url-Key": ACCOUNT_KEY,
                    "X-Account-Meta-Temp-Url-Key-2": TEMP_URL_KEY_2,
                    "X-Account-Container-Count": "1",
                },
                b"",
            ),
            ("GET", f"{swift}/c/o"): (200, {"Content-Type": "text/plain"}, b"data"),
        }
        if (method, path) == ("GET", f"{swift}/c/o"):
            self.sig = query
        return routes.get((method, path), (500, {}, b"unexpected"))

    def _token(self) -> Answer:
        services = {
            "identity": ("keystone", f"{self.base}/v3"),
            "compute": ("nova", f"{self.base}/v2.1"),
            "object-store": ("swift", f"{self.base}/v1/AUTH_{PROJECT}"),
        }
        body = token_v3_body(catalog=catalog_v3(services))
        status, headers, content = _json(201, body)
        headers["X-Subject-Token"] = f"{TOKEN_PREFIX}{next(self.tokens)}"
        return status, headers, content


def _json(status: int, body: Any) -> Answer:
    return status, {"Content-Type": "application/json"}, json.dumps(body).encode()


def _mock_transport(cloud: FakeCloud) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        status, headers, body = cloud.answer(
            request.method, request.url.path, request.url.query.decode(), request.headers
        )
        return httpx.Response(status, headers=headers, content=body)

    return httpx.MockTransport(handle)


@pytest.fixture(scope="module")
def real_server() -> Iterator[Callable[[], FakeCloud]]:
    """A FakeCloud on a real socket: each call starts a new cloud on the same server."""
    current: list[FakeCloud] = []

    async def handle(request: web.Request) -> web.Response:
        await request.read()
        status, headers, body = current[-1].answer(
            request.method, request.path, request.query_string, request.headers
        )
        return web.Response(status=status, headers=headers, body=body or None)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    with WebServer(app) as server:

        def new_cloud() -> FakeCloud:
            current.append(FakeCloud(server.url))
            return current[-1]

        yield new_cloud


class _Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def log_records(caplog: pytest.LogCaptureFixture) -> Iterator[list[logging.LogRecord]]:
    """Every record of every logger at DEBUG, httpcore's and aiohttp's included."""
    caplog.set_level(logging.DEBUG)
    handler = _Everything()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)


def _leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def _exception_text(exc: BaseException) -> str:
    return "\n".join([str(exc), repr(exc), "".join(traceback.format_exception(exc))])


async def _scenario(cloud: FakeCloud, **client_options: Any) -> list[str]:
    """Run every kind of request; return the text of everything a user could print."""
    shown: list[str] = []
    password = AuthOptions(
        identity_endpoint=f"{cloud.base}/v3",
        username="demo",
        password=PASSWORD,
        domain_name="Default",
        tenant_name="demo",
        allow_reauth=True,
    )
    app_credential = AuthOptions(
        identity_endpoint=f"{cloud.base}/v3",
        application_credential_id="ac1",
        application_credential_secret=APP_SECRET,
    )
    async with openstack.authenticated_client(app_credential, **client_options) as provider:
        shown += [repr(provider), str(provider), repr(provider.token), repr(app_credential)]
    async with openstack.authenticated_client(password, **client_options) as provider:
        compute = await openstack.new_compute_v2(provider)
        identity = await openstack.new_identity_v3(provider)
        swift = await openstack.new_object_storage_v1(provider)
        create = servers.CreateOpts(
            name="vm", flavor_ref="f1", image_ref="i1", admin_pass=ADMIN_PASS
        )
        server = await servers.create(compute, create)
        await servers.change_admin_password(compute, "s1", ADMIN_PASS)
        await provider.request(
            "POST",
            identity.service_url("users", "u1", "password"),
            json={"user": {"password": NEW_PASSWORD, "original_password": ORIGINAL_PASSWORD}},
            ok_codes=(204,),
        )
        update = containers.UpdateOpts(
            temp_url_key=TEMP_URL_KEY, temp_url_key_2=TEMP_URL_KEY_2, sync_key=SYNC_KEY
        )
        await containers.update(swift, "c", update)
        await accounts.update(swift, accounts.UpdateOpts(temp_url_key=TEMP_URL_KEY))
        account = await accounts.get(swift)
        assert account.temp_url_key == ACCOUNT_KEY
        temp_url = await objects.create_temp_url(swift, "c", "o", objects.TempURLOpts(ttl=60))
        await provider.request("GET", temp_url, authenticated=False)
        await provider.request("GET", compute.service_url("flavors", "f1"))  # 401, reauth
        assert cloud.refused_once
        for path, kind in (("missing", errors.NotFound), ("bad", errors.ResponseFormatError)):
            with pytest.raises(kind) as caught:
                await servers.get(compute, path)
            shown.append(_exception_text(caught.value))
        shown += [repr(provider), str(provider), repr(provider.token), str(provider.token)]
        shown += [repr(password), str(password), repr(server), repr(create), repr(update)]
        shown += [repr(account)]
    assert cloud.sig is not None
    sig = dict(part.split("=", 1) for part in cloud.sig.split("&"))["temp_url_sig"]
    shown.append(f"sig:{sig}")
    return shown


def _assert_nothing_leaked(shown: list[str], records: list[logging.LogRecord]) -> None:
    sig = shown.pop()[len("sig:") :]
    for text in shown:
        assert _leaks(text) == [], text
    assert records, "DEBUG logging produced no records"
    for record in records:
        texts = [record.getMessage(), str(record.args)]
        if record.exc_info and record.exc_info[1] is not None:
            texts.append(_exception_text(record.exc_info[1]))
        for text in texts:
            assert _leaks(text) == [], f"{record.name}: {text}"
            assert sig not in text, f"{record.name}: {text}"


async def test_mock_transport_under_asyncio(log_records: list[logging.LogRecord]) -> None:
    cloud = FakeCloud("https://cloud.test")
    shown = await _scenario(cloud, transport=_mock_transport(cloud))
    _assert_nothing_leaked(shown, log_records)


@pytest.mark.parametrize("backend", ["aiohttp", "httpx"])
async def test_real_sockets_under_asyncio(
    real_server: Callable[[], FakeCloud], log_records: list[logging.LogRecord], backend: str
) -> None:
    shown = await _scenario(real_server(), http_backend=backend)
    _assert_nothing_leaked(shown, log_records)
    if backend == "httpx":
        headers = [r for r in log_records if r.name.startswith("httpcore") and "Subject" in r.msg]
        assert headers, "httpcore logged no response headers: the filter went untested"


def test_real_sockets_under_trio(
    real_server: Callable[[], FakeCloud], log_records: list[logging.LogRecord]
) -> None:
    cloud = real_server()
    shown = run_on("trio", lambda _: _scenario(cloud))
    _assert_nothing_leaked(shown, log_records)


def test_mock_transport_under_trio(log_records: list[logging.LogRecord]) -> None:
    cloud = FakeCloud("https://cloud.test")
    shown = run_on("trio", lambda _: _scenario(cloud, transport=_mock_transport(cloud)))
    _assert_nothing_leaked(shown, log_records)


# -- the rules, one by one ------------------------------------------------------------


def test_secret_values_become_a_constant_never_a_hash() -> None:
    assert redact(PASSWORD) == REDACTED
    assert redact(None) == "<none>"
    assert hashlib.sha256(PASSWORD.encode()).hexdigest()[:8] not in repr(Token(id=PASSWORD))


def test_token_fingerprints_are_salted_and_stable() -> None:
    assert fingerprint("t") == fingerprint("t") != fingerprint("u")
    assert hashlib.sha256(b"t").hexdigest()[:8] not in fingerprint("t")


def test_json_keys_are_masked_by_rule_at_any_depth() -> None:
    body = {
        "auth": {
            "identity": {
                "methods": ["password", "token"],
                "password": {"user": {"name": "demo", "password": PASSWORD}},
                "token": {"id": "tok"},
                "application_credential": {"id": "ac1", "secret": APP_SECRET},
            }
        },
        "server": {"name": "vm", "adminPass": ADMIN_PASS, "enabled": True, "count": 2},
        "user": {"original_password": ORIGINAL_PASSWORD, "Credential_Blob": ["x", 1]},
    }
    masked = mask_json(body)
    identity = masked["auth"]["identity"]
    assert identity["methods"] == ["password", "token"]
    assert identity["password"]["user"]["password"] == REDACTED
    assert identity["token"]["id"] == fingerprint("tok")
    assert identity["application_credential"]["secret"] == REDACTED
    assert masked["server"] == {"name": "vm", "adminPass": REDACTED, "enabled": True, "count": 2}
    assert masked["user"] == {"original_password": REDACTED, "Credential_Blob": [REDACTED] * 2}


def test_urls_lose_their_password_and_signature() -> None:
    url = "https://u:pw@swift.test/v1/a/c/o?temp_url_sig=abc&temp_url_expires=9"
    assert mask_url(url) == (
        "https://u:<redacted>@swift.test/v1/a/c/o?temp_url_sig=<redacted>&temp_url_expires=9"
    )
    assert mask_url("https://swift.test/v1/a?limit=2") == "https://swift.test/v1/a?limit=2"


def test_httpcore_header_lists_are_masked() -> None:
    text = (
        "receive_response_headers.complete return_value=(b'HTTP/1.1', 201, b'Created', "
        "[(b'Content-Type', b'application/json'), (b'X-Subject-Token', b'tok'), "
        "(b'x-container-meta-temp-url-key', b\"it's\")])"
    )
    assert mask_text(text) == (
        "receive_response_headers.complete return_value=(b'HTTP/1.1', 201, b'Created', "
        f"[(b'Content-Type', b'application/json'), (b'X-Subject-Token', b'{fingerprint('tok')}'), "
        "(b'x-container-meta-temp-url-key', b'<redacted>')])"
    )


async def test_the_wire_log_masks_every_secret_header(
    log_records: list[logging.LogRecord],
) -> None:
    cloud = FakeCloud("https://cloud.test")
    await _scenario(cloud, transport=_mock_transport(cloud))
    wire = [r.getMessage() for r in log_records if r.name == "aiocloud.wire"]
    assert any("'x-container-sync-key': '<redacted>'" in m for m in wire)
    assert any('"adminPass": "<redacted>"' in m for m in wire)
    assert any("'x-auth-token': '<token " in m for m in wire)


async def test_an_own_httpx_client_logs_no_token(caplog: pytest.LogCaptureFixture) -> None:
    """httpcore's DEBUG lines are masked also when the caller brings the httpx client."""
    secret = "gAAAAB-own-client-token-value"

    async def echo(request: web.Request) -> web.Response:
        return web.json_response({}, headers={"X-Subject-Token": request.headers["X-Auth-Token"]})

    app = web.Application()
    app.router.add_get("/", echo)
    caplog.set_level(logging.DEBUG)
    with WebServer(app) as server:
        async with httpx.AsyncClient() as own:
            provider = ProviderClient(http_client=own)
            provider.set_token(Token(id=secret))
            await provider.request("GET", server.url + "/")
    assert any(record.name.startswith("httpcore") for record in caplog.records)
    assert not [record for record in caplog.records if secret in record.getMessage()]
