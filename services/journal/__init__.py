"""Makes `journal.tests...` the import name of this service's test packages, so their
conftest modules do not collide with another service's under pytest's importlib mode."""
