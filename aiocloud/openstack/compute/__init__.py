"""OpenStack compute (Nova)."""
