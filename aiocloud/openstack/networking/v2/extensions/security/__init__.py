"""Neutron security groups and their rules."""
