"""Rackspace Cloud Servers: Nova's compute API as Rackspace runs it (see `.v2`)."""
