"""compute/v2/extensions/keypairs: generate, import, list, get, delete; key_name on create."""

from __future__ import annotations

import pytest

from aiocloud import errors
from aiocloud.openstack.compute.v2 import servers
from aiocloud.openstack.compute.v2.extensions import keypairs
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import COMPUTE, USER_ID, last_request, nova_error, sent_json

KEYPAIRS = f"{COMPUTE}/os-keypairs"
PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKrRzaRHq8+8M6EHmnGmcfI5j2gSvV4eyqyd8UVaPVwQ me"
PRIVATE_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAA\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)
FINGERPRINT = "7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd"


def keypair_body(name: str, **fields: object) -> dict[str, object]:
    """``{"keypair": {...}}`` as Nova answers: the name, key and fingerprint, and ``fields``."""
    return {
        "keypair": {"name": name, "public_key": PUBLIC_KEY, "fingerprint": FINGERPRINT, **fields}
    }


async def test_list_unwraps_and_follows_links(cloud: MockCloud, compute: ServiceClient) -> None:
    first = cloud.router.get(KEYPAIRS, params={"user_id": USER_ID}).respond(
        200,
        json={
            "keypairs": [keypair_body("a", type="ssh")],
            "keypairs_links": [{"href": f"{KEYPAIRS}?limit=1&marker=a", "rel": "next"}],
        },
    )
    cloud.router.get(KEYPAIRS, params={"marker": "a"}).respond(
        200, json={"keypairs": [keypair_body("b", type="ssh")]}
    )
    found = await keypairs.list(
        compute.with_microversion("2.35"), keypairs.ListOpts(user_id=USER_ID, limit=1)
    ).all()
    assert list(last_request(first).url.params.multi_items()) == [
        ("user_id", USER_ID),
        ("limit", "1"),
    ]
    assert [k.name for k in found] == ["a", "b"]
    assert found[0] == keypairs.KeyPair(
        name="a", public_key=PUBLIC_KEY, fingerprint=FINGERPRINT, type="ssh"
    )


async def test_list_with_a_malformed_entry(cloud: MockCloud, compute: ServiceClient) -> None:
    cloud.router.get(KEYPAIRS).respond(200, json={"keypairs": [{"name": "not wrapped"}]})
    with pytest.raises(errors.ResponseFormatError):
        await keypairs.list(compute).all()
    cloud.router.get(KEYPAIRS).respond(200, json={"keypairs": {"a": 1}})
    with pytest.raises(errors.ResponseFormatError):
        await keypairs.list(compute).all()


async def test_generated_keypair_is_sent_at_2_91_at_most(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.post(KEYPAIRS).respond(
        201, json=keypair_body("deploy", private_key=PRIVATE_KEY, user_id=USER_ID, type="ssh")
    )
    created = await keypairs.create(
        compute.with_microversion("2.93"), keypairs.CreateOpts(name="deploy", type="ssh")
    )
    assert sent_json(route) == {"keypair": {"name": "deploy", "type": "ssh"}}
    assert last_request(route).headers["X-OpenStack-Nova-API-Version"] == "2.91"
    assert created.private_key == PRIVATE_KEY
    assert "PRIVATE KEY" not in repr(created) and "PRIVATE KEY" not in str(created)
    assert created.user_id == USER_ID


async def test_import_keeps_the_microversion(cloud: MockCloud, compute: ServiceClient) -> None:
    route = cloud.router.post(KEYPAIRS).respond(200, json=keypair_body("laptop", user_id=USER_ID))
    imported = await keypairs.import_key(
        compute.with_microversion("2.93"), "laptop", PUBLIC_KEY, type="ssh", user_id=USER_ID
    )
    assert sent_json(route) == {
        "keypair": {"name": "laptop", "public_key": PUBLIC_KEY, "type": "ssh", "user_id": USER_ID}
    }
    assert last_request(route).headers["X-OpenStack-Nova-API-Version"] == "2.93"
    assert imported.private_key is None
    with pytest.raises(errors.InvalidOptions, match="public_key"):
        await keypairs.import_key(compute, "laptop", "")
    with pytest.raises(errors.InvalidOptions, match="name"):
        await keypairs.create(compute, keypairs.CreateOpts(name=""))
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("status", "kind", "message", "exception"),
    [
        (409, "conflictingRequest", "Key pair 'deploy' already exists.", errors.Conflict),
        (403, "forbidden", "Quota exceeded, too many key pairs.", errors.Forbidden),
        (
            400,
            "badRequest",
            "Keypair data is invalid: failed to generate fingerprint",
            errors.BadRequest,
        ),
    ],
)
async def test_create_errors(
    cloud: MockCloud,
    compute: ServiceClient,
    status: int,
    kind: str,
    message: str,
    exception: type[errors.HTTPError],
) -> None:
    cloud.router.post(KEYPAIRS).respond(status, json=nova_error(status, kind, message))
    with pytest.raises(exception) as caught:
        await keypairs.import_key(compute, "deploy", PUBLIC_KEY)
    assert caught.value.message == f"{kind}: {message}"


async def test_get_and_delete(cloud: MockCloud, compute: ServiceClient) -> None:
    got = cloud.router.get(f"{KEYPAIRS}/deploy").respond(
        200,
        json=keypair_body(
            "deploy",
            user_id=USER_ID,
            created_at="2014-05-07T12:06:13.681238",
            deleted=False,
            deleted_at=None,
            id=1,
            updated_at=None,
            type="ssh",
        ),
    )
    deleted = cloud.router.delete(f"{KEYPAIRS}/deploy").respond(204)
    keypair = await keypairs.get(compute, "deploy", user_id=USER_ID)
    assert (keypair.id, keypair.deleted, keypair.created_at is not None) == (1, False, True)
    assert list(last_request(got).url.params.multi_items()) == [("user_id", USER_ID)]
    await keypairs.delete(compute, "deploy")
    assert str(last_request(deleted).url) == f"{KEYPAIRS}/deploy"


async def test_get_and_delete_missing(cloud: MockCloud, compute: ServiceClient) -> None:
    answer = nova_error(404, "itemNotFound", "Keypair nope not found for user x")
    cloud.router.get(f"{KEYPAIRS}/nope").respond(404, json=answer)
    cloud.router.delete(f"{KEYPAIRS}/nope").respond(404, json=answer)
    with pytest.raises(errors.NotFound, match="Keypair nope not found"):
        await keypairs.get(compute, "nope")
    with pytest.raises(errors.NotFound):
        await keypairs.delete(compute, "nope")


async def test_key_name_extension_of_server_create(
    cloud: MockCloud, compute: ServiceClient
) -> None:
    route = cloud.router.post(f"{COMPUTE}/servers").respond(
        202, json={"server": {"id": "s1", "links": []}}
    )
    base = servers.CreateOpts(name="web", flavor_ref="1", image_ref="img")
    await servers.create(compute, keypairs.CreateOptsExt(base, key_name="deploy"))
    assert sent_json(route) == {
        "server": {"name": "web", "flavorRef": "1", "imageRef": "img", "key_name": "deploy"}
    }
    with pytest.raises(errors.InvalidOptions, match="key_name"):
        keypairs.CreateOptsExt(base, key_name="").to_body()
