from tabel_platform.http.app import ReadinessCheck, create_http_app
from tabel_platform.http.security import authenticated, school_context

__all__ = ["ReadinessCheck", "authenticated", "create_http_app", "school_context"]
