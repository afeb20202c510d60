"""Rackspace Cloud Identity: v2.0 (OpenStack's, with API keys and RAX-AUTH fields)."""
