"""The HTTP side of sync: httpx with gzip, timeouts, and retries with backoff on connection
errors only (every request of the protocol is safe to repeat: pushes are idempotent by mid,
a refresh repeated within 60 s is taken as a retry). The access token lives only in memory."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import httpx
import pydantic

from app import __version__
from app.sync import wire
from app.sync.errors import (
    ClientOutdatedError,
    DeviceRevokedError,
    NotLoggedInError,
    OfflineError,
    ServerError,
    SyncError,
)
from app.sync.pages import GarbledAnswer, Page, decode_page
from app.sync.wire import ErrorBody, ErrorCode

T = TypeVar("T")

RETRYABLE_STATUS = frozenset({502, 503, 504})  # a reverse proxy whose server is restarting
RELOGIN_CODES = frozenset(
    {ErrorCode.REFRESH_INVALID, ErrorCode.REFRESH_REUSED, ErrorCode.INVALID_CREDENTIALS}
)
RENEW_CODES = frozenset({ErrorCode.TOKEN_EXPIRED, ErrorCode.NOT_AUTHENTICATED})


class CursorExpired(SyncError):
    """410: the cursor is older than the server keeps tombstones, or of a line of the sequence
    the server left when it was restored from a backup (``change``); pull again from 0."""

    code = "cursor_expired"

    def __init__(
        self, en: str = "", zh: str | None = None, *, change: wire.HistoryChange | None = None
    ) -> None:
        super().__init__(en, zh, code=ErrorCode.HISTORY_CHANGED if change else None)
        self.change = change


class HttpError(ServerError):
    """An error answer of the server: ``status`` and the body's ``code``."""

    def __init__(self, status: int, body: ErrorBody) -> None:
        super().__init__(body.message_en or body.code, body.message or None, code=body.code)
        self.status = status
        self.body = body


class TokenKeeper(Protocol):
    """Keeps the refresh token between runs (the keyring, or the encrypted store)."""

    def load(self) -> str | None: ...
    def save(self, token: str) -> None: ...
    def clear(self) -> None: ...


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a request is repeated after a connection error."""

    delays: tuple[float, ...] = (0.25, 1.0, 3.0)  # waits before the 2nd, 3rd, 4th attempt
    sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 60.0  # a first-sync page or a large push may take a while on a slow server


class SyncClient:
    """One server, one device: login and refresh, push, pull and the conflict list."""

    def __init__(
        self,
        base_url: str,
        tokens: TokenKeeper,
        *,
        http: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.tokens = tokens
        self.retry = retry or RetryPolicy()
        limits = timeouts or Timeouts()
        self.http = http or httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(limits.read, connect=limits.connect),
            headers={"User-Agent": f"nuanxin/{__version__}"},
        )
        self._owns_http = http is None
        self.access_token: str | None = None

    def close(self) -> None:
        if self._owns_http:
            self.http.close()

    # ---- auth ---------------------------------------------------------------------------

    def login(
        self, login: str, password: str, device_id: str | None, device_name: str
    ) -> wire.TokenPair:
        body = wire.LoginRequest(
            login=login, password=password, device_id=device_id or None, device_name=device_name
        )
        pair = self._call("POST", wire.LOGIN_PATH, wire.TokenPair, body=wire.encode(body))
        self._keep(pair)
        return pair

    def renew(self) -> None:
        """A new access token from the kept refresh token (rotated and kept again)."""
        token = self.tokens.load()
        if not token:
            raise NotLoggedInError("no refresh token: log in first")
        body = wire.encode(wire.RefreshRequest(refresh_token=token))
        try:
            pair = self._call("POST", wire.REFRESH_PATH, wire.TokenPair, body=body)
        except HttpError as error:
            if error.body.code in RELOGIN_CODES:
                self.tokens.clear()
                raise NotLoggedInError(str(error), error.body.message or None) from error
            raise
        self._keep(pair)

    def logout(self) -> None:
        try:
            self._authed("POST", wire.LOGOUT_PATH, None)
        finally:
            self.access_token = None
            self.tokens.clear()

    def _keep(self, pair: wire.TokenPair) -> None:
        self.tokens.save(pair.refresh_token)
        self.access_token = pair.access_token

    # ---- sync ---------------------------------------------------------------------------

    def push(self, request: wire.PushRequest) -> wire.PushResponse:
        body, headers = wire.gzip_request(wire.encode(request))
        return self._authed("POST", wire.PUSH_PATH, wire.PushResponse, body=body, headers=headers)

    def pull(
        self,
        cursor: int,
        *,
        limit: int,
        codes: list[str] | None = None,
        fingerprint: str = "",
        history: str = "",
    ) -> Page:
        params: dict[str, Any] = {
            "cursor": cursor,
            "schema_version": wire.SCHEMA_VERSION,
            "limit": limit,
        }
        if codes:
            params["codes"] = ",".join(codes)
        if fingerprint:
            params["scope_fingerprint"] = fingerprint
        if history and cursor > 0:
            params["history"] = history
        return self._authed("GET", wire.PULL_PATH, Page, params=params)

    def conflicts(self) -> wire.ConflictList:
        return self._authed("GET", wire.CONFLICTS_PATH, wire.ConflictList)

    def reachable(self) -> bool:
        """True when the server answers its health check (one quick attempt, no retries)."""
        try:
            response = self.http.get(f"{wire.API_PREFIX}/health", timeout=3.0)
        except (httpx.HTTPError, OSError):
            return False
        return response.status_code == 200

    # ---- requests -----------------------------------------------------------------------

    def _authed(self, method: str, path: str, kind: type[T] | None, **request: Any) -> T:
        if self.access_token is None:
            self.renew()
        try:
            return self._call(method, path, kind, bearer=True, **request)
        except HttpError as error:
            if error.status != 401 or error.body.code not in RENEW_CODES:
                raise
        self.renew()
        return self._call(method, path, kind, bearer=True, **request)

    def _call(
        self,
        method: str,
        path: str,
        kind: type[T] | None,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        bearer: bool = False,
    ) -> T:
        """One request with retries on connection errors; the decoded answer or an error."""
        sent = {"Content-Type": "application/json", **(headers or {})}
        if bearer and self.access_token:
            sent["Authorization"] = f"Bearer {self.access_token}"
        failure: Exception | None = None
        for attempt in range(len(self.retry.delays) + 1):
            if attempt:
                self.retry.sleep(self.retry.delays[attempt - 1])
            try:
                response = self.http.request(
                    method, path, content=body, headers=sent, params=params
                )
                if response.status_code in RETRYABLE_STATUS:
                    failure = OfflineError(f"{method} {path}: HTTP {response.status_code}")
                    continue
                return self._answer(response, kind)
            except (httpx.TransportError, httpx.DecodingError, GarbledAnswer) as error:
                failure = error
        raise OfflineError(f"{method} {path}: {failure}") from failure

    def _answer(self, response: httpx.Response, kind: type[T] | None) -> T:
        if response.is_success:
            if kind is None:
                return None  # type: ignore[return-value]
            if kind is Page:
                return decode_page(response.content)  # type: ignore[return-value]
            try:
                return wire.decode(kind, response.content)
            except pydantic.ValidationError as error:  # a body cut short on the way
                raise GarbledAnswer(str(error)) from error
        raise _error_of(response)


def _error_of(response: httpx.Response) -> SyncError:
    try:
        body = wire.decode(ErrorBody, response.content)
    except pydantic.ValidationError:
        body = ErrorBody(code="http_error", message="", message_en=response.text[:200])
    if response.status_code == 410:
        change = body.history if body.code == ErrorCode.HISTORY_CHANGED else None
        return CursorExpired(body.message_en, body.message or None, change=change)
    if response.status_code == 426:
        return ClientOutdatedError(body.message_en, body.message or None)
    if body.code == ErrorCode.DEVICE_REVOKED:
        return DeviceRevokedError(body.message_en, body.message or None)
    return HttpError(response.status_code, body)
