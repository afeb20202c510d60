"""OpenStack Networking (Neutron)."""
