"""Errors the core raises; the API turns each into an HTTP status and a JSON {code, message}."""

from __future__ import annotations

from app.sync.wire import ErrorCode, HistoryChange


class ServerError(Exception):
    """A refusal of a whole request, with a stable code and messages in Chinese and English."""

    status = 400

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        message_en: str,
        *,
        retry_after: int | None = None,
        history: HistoryChange | None = None,
    ) -> None:
        super().__init__(message_en)
        self.code = code
        self.message = message
        self.message_en = message_en
        self.retry_after = retry_after
        self.history = history


class BadRequest(ServerError):
    status = 400


class Unauthorized(ServerError):
    status = 401


class Forbidden(ServerError):
    status = 403


class NotFound(ServerError):
    status = 404


class Conflict(ServerError):
    status = 409


class Gone(ServerError):
    status = 410


class UpgradeRequired(ServerError):
    status = 426


class RateLimited(ServerError):
    status = 429


def check_schema_version(version: int, *, oldest: int, newest: int) -> None:
    """426 for a client older than ``oldest``; 400 for one newer than this server."""
    if version < oldest:
        raise UpgradeRequired(
            ErrorCode.CLIENT_OUTDATED,
            f"客户端版本过旧（数据版本 {version}），请升级暖心后再同步。",
            f"client schema {version} is older than {oldest}: update the client",
        )
    if version > newest:
        raise BadRequest(
            ErrorCode.SERVER_OUTDATED,
            f"服务器版本较旧（支持数据版本 {newest}），请联系管理员升级服务器。",
            f"client schema {version} is newer than the server's {newest}",
        )
