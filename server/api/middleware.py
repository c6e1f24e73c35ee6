"""ASGI middleware: gunzip request bodies (Content-Encoding: gzip) and log each request as JSON."""

from __future__ import annotations

import logging
import time
import zlib
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.sync.wire import ErrorBody, ErrorCode, encode

log = logging.getLogger("nuanxin.access")


class GunzipRequests:
    """Inflate gzip request bodies before the app reads them, refusing more than ``limit`` bytes
    after inflation (a small gzip bomb cannot fill the memory)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        if headers.get(b"content-encoding", b"").lower() != b"gzip":
            await self.app(scope, receive, send)
            return
        body, error = await self._inflate(receive)
        if error is not None:
            await _send_error(send, *error)
            return
        kept = [
            (k, v) for k, v in scope["headers"] if k not in (b"content-encoding", b"content-length")
        ]
        kept.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def inflated() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": kept}, inflated, send)

    async def _inflate(self, receive: Receive) -> tuple[bytes, tuple[int, ErrorBody] | None]:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        parts: list[bytes] = []
        size = 0
        more = True
        try:
            while more:
                message = await receive()
                more = message.get("more_body", False)
                chunk = inflater.decompress(message.get("body", b""), self.limit + 1 - size)
                size += len(chunk)
                parts.append(chunk)
                if size > self.limit or inflater.unconsumed_tail:
                    return b"", (413, _too_large(self.limit))
            parts.append(inflater.flush())
        except zlib.error:
            return b"", (400, _bad_gzip())
        return b"".join(parts), None


def _too_large(limit: int) -> ErrorBody:
    return ErrorBody(
        code=ErrorCode.BODY_TOO_LARGE,
        message=f"请求内容过大（解压后超过 {limit // 1024 // 1024} MB），请分批同步。",
        message_en=f"request body larger than {limit} bytes after gunzip",
    )


def _bad_gzip() -> ErrorBody:
    return ErrorBody(
        code=ErrorCode.INVALID_REQUEST,
        message="请求内容的压缩格式有误。",
        message_en="the body is not valid gzip",
    )


async def _send_error(send: Send, status: int, body: ErrorBody) -> None:
    payload = encode(body)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


class AccessLog:
    """One JSON line per request: method, path, status, duration, user and device when known."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            state: dict[str, Any] = scope.get("state", {})
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status["code"],
                    "ms": round((time.perf_counter() - started) * 1000, 2),
                    "user": state.get("login", ""),
                    "device": state.get("device_id", ""),
                    "client": (scope.get("client") or ("", 0))[0],
                },
            )
