"""Plain pulls, answered before FastAPI's routing: the hottest requests of the protocol (every
laptop asks every minute or so whether anything changed, mostly finding nothing, sometimes a
page of other advisors' edits).

Only a well-formed, authenticated pull without ``codes`` is answered here, with exactly the
body the /sync/pull route would give (both call server.core.pull): an idle one on the event
loop, a page with rows in a worker thread. Anything else (a missing or malformed parameter,
``codes=…``, an error) goes on to the route, which validates, documents (OpenAPI) and answers
it as usual. The middleware sits inside the compression one, so pages leave compressed as the
route's do. Through the route, a page of 100 rows paid for FastAPI's parameter handling and
dependencies and a second read of the token and the counter."""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from app.sync.wire import BIGGEST, MAX_PULL_LIMIT, PULL_PATH
from server.core import pull as pulling
from server.core.backend import Backend
from server.core.errors import ServerError

_FINGERPRINT = re.compile(r"[^\x00-\x1f]{0,64}")
_HISTORY = re.compile(r"[0-9a-f]{0,32}")  # as the route's pattern
_HEADERS = [(b"content-type", b"application/json")]

log = logging.getLogger(__name__)


class PlainPulls:
    """ASGI middleware: answer plain pulls directly, pass everything else on."""

    def __init__(self, app: ASGIApp, backend: Backend) -> None:
        self.app = app
        self.backend = backend

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != PULL_PATH or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        body = await self._answer(scope)
        if body is None:
            await self.app(scope, receive, send)
            return
        headers = [*_HEADERS, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _answer(self, scope: Scope) -> bytes | None:
        query = _query(scope.get("query_string", b""))
        token = _bearer(scope)
        if query is None or token is None:
            return None
        try:
            begun = pulling.start(self.backend, token, query)
        except ServerError:
            return None  # the route raises it again and answers it as it always does
        body = pulling.idle_body(begun, query)
        if body is None:
            try:
                body = await run_in_threadpool(pulling.page_body, self.backend, begun, query)
            except Exception:  # the route tries again and answers the error as JSON
                log.debug("pull page left to the route", exc_info=True)
                return None
        scope.setdefault("state", {}).update(
            login=begun.principal.login, device_id=begun.principal.device_id
        )
        return body


def _query(raw: bytes) -> pulling.PullQuery | None:
    """The parameters of a plain pull (no ``codes``), or None to leave them to the route."""
    try:
        params = dict(parse_qsl(raw.decode("ascii"), strict_parsing=True))
        cursor = int(params.pop("cursor"))
        version = int(params.pop("schema_version"))
        limit = int(params.pop("limit", MAX_PULL_LIMIT))
    except (KeyError, ValueError, UnicodeDecodeError):
        return None
    fingerprint = params.pop("scope_fingerprint", "")
    history = params.pop("history", "")
    if params or not _FINGERPRINT.fullmatch(fingerprint) or not _HISTORY.fullmatch(history):
        return None  # codes=…, an unknown parameter, or an odd value: the route decides
    if not (0 <= cursor <= BIGGEST and 0 <= version <= BIGGEST and 1 <= limit <= MAX_PULL_LIMIT):
        return None
    return pulling.PullQuery(
        cursor=cursor,
        schema_version=version,
        limit=limit,
        scope_fingerprint=fingerprint,
        history=history,
    )


def _bearer(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            return token.strip() or None if scheme.lower() == "bearer" else None
    return None
