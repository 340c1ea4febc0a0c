"""Roster: the region's organisations (region → municipality → school) and people."""
