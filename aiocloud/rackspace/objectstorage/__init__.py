"""Rackspace Cloud Files: Swift object storage and its CDN (see `.v1`)."""
