"""Rackspace Cloud Identity v2.0: tokens, tenants, extensions (OpenStack's, re-exported).

```python
identity = await rackspace.new_identity_v2(provider)
async for tenant in tenants.list(identity):
    print(tenant.id, tenant.name)
```
"""
