"""Starlette requests as Authlib's OAuth2Request (Authlib ships no Starlette server glue)."""

from __future__ import annotations

from collections import defaultdict

from authlib.oauth2.rfc6749 import OAuth2Payload, OAuth2Request
from starlette.datastructures import Headers
from starlette.requests import Request


class _Payload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._data: dict[str, str] = {}
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in items:
            self._data.setdefault(key, value)
            self._datalist[key].append(value)

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


class TabelOAuth2Request(OAuth2Request):  # type: ignore[misc]
    def __init__(
        self,
        method: str,
        uri: str,
        headers: Headers,
        query: list[tuple[str, str]],
        form: list[tuple[str, str]],
    ) -> None:
        super().__init__(method, uri, headers=headers)
        self.payload = _Payload(query + form)
        self._query = dict(query)
        self._form = dict(form)

    @property
    def args(self) -> dict[str, str]:
        return self._query

    @property
    def form(self) -> dict[str, str]:
        return self._form


async def oauth2_request(
    request: Request, public_url: str, *, with_form: bool = True
) -> TabelOAuth2Request:
    """The request as Authlib sees it. Its URL is the public one: behind a TLS-terminating
    proxy the service itself is reached over plain HTTP, which Authlib would refuse."""
    form: list[tuple[str, str]] = []
    if with_form and request.method == "POST":
        parsed = await request.form()
        form = [(k, v) for k, v in parsed.multi_items() if isinstance(v, str)]
    query = list(request.query_params.multi_items())
    uri = public_url.rstrip("/") + request.url.path
    if request.url.query:
        uri += "?" + request.url.query
    return TabelOAuth2Request(request.method, uri, request.headers, query, form)
