"""The embedded OpenID Connect provider: Authlib's authorization server on Keycloak's paths.

Authlib's server classes are synchronous; they run in a worker thread (`in_worker`) and
reach identity's async use cases on the event loop through `wait`.
"""
