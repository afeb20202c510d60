"""Pieces shared by several OpenStack services."""
