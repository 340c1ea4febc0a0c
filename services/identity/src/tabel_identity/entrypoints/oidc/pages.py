"""The login pages people see, rendered from Jinja templates in the request's language."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse

from tabel_platform.i18n import current_locale, translate

_env = Environment(
    loader=PackageLoader("tabel_identity.entrypoints.oidc", "templates"),
    autoescape=select_autoescape(default=True),
)
_env.globals["t"] = translate

# A login page must never be cached (it carries a CSRF token) nor framed (clickjacking).
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


def render(template: str, status: int = 200, /, **context: Any) -> HTMLResponse:
    html = _env.get_template(template).render(lang=current_locale.get(), **context)
    return HTMLResponse(html, status_code=status, headers=_HEADERS)
