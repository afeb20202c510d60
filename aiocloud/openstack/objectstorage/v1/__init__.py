"""Object storage v1 (Swift): accounts, containers, objects, large objects, temp URLs.

```python
swift = await openstack.new_object_storage_v1(provider)          # Keystone catalog
provider, swift = await tempauth.authenticate(url, "test:tester", key)  # Swift's tempauth
await containers.create(swift, "logs")
await objects.create(swift, "logs", "day1.gz", pathlib.Path("day1.gz"))
async with objects.download(swift, "logs", "day1.gz") as dl:
    async for chunk in dl.aiter_bytes():
        ...
```

Modules: `accounts`, `containers`, `objects`, `download`,
`bulk` (bulk delete, archive auto-extract), `tempurl` (temp URLs), `largeobjects`
(SLO/DLO), `info` (``/info``), `transfer` (directory upload/download)
and `tempauth` (v1.0 auth). `objects` re-exports the object verbs of
`download`, `bulk` and `tempurl`.
"""
