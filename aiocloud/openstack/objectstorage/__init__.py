"""OpenStack object storage (Swift)."""
