"""rackspace/compute/v2/keypairs: OpenStack's keypairs against Rackspace's answers."""

from __future__ import annotations

from aiocloud.rackspace.compute.v2 import keypairs
from aiocloud.service import ServiceClient
from aiocloud.testing import MockCloud
from tests.helpers import RAX_COMPUTE, sent_json

KEYPAIRS = f"{RAX_COMPUTE}/os-keypairs"
PUBLIC_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx8nkQv/zgGgB4rMYmIf+6A4l6Rr+o/6lHBQdW5aYd44bd8JttDCE/F/pNRr0lRE+PiqSPO8nDPHw0010JeMH9gYgnnFlyY3/OcJ02RhIPyyxYpv9FhY+2YiUkpwFOcLImyrxEsYXpD/0d3ac30bNH6Sw9JD9UZHYcpSxsIbECHw== Generated-by-Nova"  # noqa: E501
FINGERPRINT = "ee:cb:38:3d:a4:fa:43:6c:97:a5:1b:2e:1f:6b:ca:a9"


async def test_create_import_list_get_delete(cloud: MockCloud, compute: ServiceClient) -> None:
    created = cloud.router.post(KEYPAIRS).respond(
        200,
        json={
            "keypair": {
                "name": "deploy",
                "public_key": PUBLIC_KEY,
                "fingerprint": FINGERPRINT,
                "private_key": "-----BEGIN RSA PRIVATE KEY-----\nMIICXA...\n",
                "user_id": "10043227",
            }
        },
    )
    generated = await keypairs.create(compute, keypairs.CreateOpts(name="deploy"))
    assert sent_json(created) == {"keypair": {"name": "deploy"}}
    assert generated.private_key is not None and generated.fingerprint == FINGERPRINT

    created.respond(
        200, json={"keypair": {"name": "laptop", "public_key": PUBLIC_KEY, "user_id": "10043227"}}
    )
    imported = await keypairs.import_key(compute, "laptop", PUBLIC_KEY)
    assert sent_json(created) == {"keypair": {"name": "laptop", "public_key": PUBLIC_KEY}}
    assert imported.private_key is None

    cloud.router.get(KEYPAIRS).respond(
        200,
        json={
            "keypairs": [
                {
                    "keypair": {
                        "name": "deploy",
                        "public_key": PUBLIC_KEY,
                        "fingerprint": FINGERPRINT,
                    }
                }
            ]
        },
    )
    assert [k.name for k in await keypairs.list(compute).all()] == ["deploy"]

    cloud.router.get(f"{KEYPAIRS}/deploy").respond(
        200, json={"keypair": {"name": "deploy", "public_key": PUBLIC_KEY}}
    )
    assert (await keypairs.get(compute, "deploy")).public_key == PUBLIC_KEY

    deleted = cloud.router.delete(f"{KEYPAIRS}/deploy").respond(202)
    await keypairs.delete(compute, "deploy")
    assert deleted.called
