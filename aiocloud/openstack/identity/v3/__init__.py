"""Identity v3 (Keystone): tokens, services, endpoints."""
