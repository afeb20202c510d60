"""Neutron LBaaS v1 (``/v2.0/lb/...``): pools, members, health monitors and VIPs.

LBaaS v1 left Neutron in Newton; these modules serve clouds that still run it.
"""
