"""Identity: accounts, role grants and rights, activation and invitation codes, login."""
