"""OpenStack identity (Keystone): v2.0 and v3."""
