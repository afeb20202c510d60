"""Identity v2.0 (Keystone before Queens, Rackspace): tokens, tenants, extensions."""
