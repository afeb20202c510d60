"""Rackspace Cloud Files v1: OpenStack's Swift modules, and the CDN that is Rackspace's own.

```python
files = await rackspace.new_object_storage_v1(provider)
cdn = await rackspace.new_object_cdn_v1(provider)          # the CDN management endpoint
await containers.create(files, "site")
await objects.create(files, "site", "index.html", b"<h1>hi</h1>",
                     objects.CreateOpts(detect_content_type=True))
report = await bulk.extract_archive(files, pathlib.Path("site.tar.gz"), container="site")
site = await cdncontainers.enable(cdn, "site", cdncontainers.EnableOpts(ttl=3600))
print(site.cdn_uri, site.cdn_ssl_uri)
await cdnobjects.purge(cdn, "site", "index.html", email="ops@example.com")
```

Cloud Files is Swift: `accounts`, `containers`, `objects` and `bulk`
are OpenStack's modules (`aiocloud.openstack.objectstorage.v1`), whose
options already carry what Rackspace documents (``X-Detect-Content-Type``,
the account's ``X-Account-Meta-Temp-Url-Key``). `cdncontainers` and
`cdnobjects` speak to the CDN management endpoint (catalog type
``rax:object-cdn``): publishing a container, its CDN URIs, and purging an object.
"""

from __future__ import annotations

__all__: list[str] = []
