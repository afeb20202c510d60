"""Neutron's L3 extension: routers and floating IPs."""
