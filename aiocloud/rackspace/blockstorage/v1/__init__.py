"""Rackspace Cloud Block Storage v1: volumes, snapshots, volumetypes."""
