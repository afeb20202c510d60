"""Networking v2.0 (Neutron): networks, subnets, ports and the extensions built on them.

```python
network = await openstack.new_network_v2(provider, EndpointOpts(region="RegionOne"))
net = await networks.create(network, networks.CreateOpts(name="web"))
```
"""
