"""Every error leaves as JSON {code, message, message_en} with a fitting HTTP status."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from app.sync.wire import ErrorBody, ErrorCode
from server.api.responses import wire_response
from server.core.errors import ServerError

log = logging.getLogger("nuanxin.errors")

_HTTP_CODES = {
    401: ErrorCode.NOT_AUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.BODY_TOO_LARGE,
}


def install(app: FastAPI) -> None:
    app.add_exception_handler(ServerError, _server_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _internal)


async def _server_error(_request: Request, error: ServerError) -> Response:
    response = wire_response(
        ErrorBody(
            code=error.code,
            message=error.message,
            message_en=error.message_en,
            history=error.history,
        ),
        error.status,
    )
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(error.retry_after)
    return response


async def _invalid(_request: Request, error: RequestValidationError) -> Response:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
        for e in error.errors()[:5]
    )
    return wire_response(
        ErrorBody(
            code=ErrorCode.INVALID_REQUEST,
            message=f"请求格式有误：{problems}",
            message_en=f"invalid request: {problems}",
        ),
        422,
    )


async def _http(_request: Request, error: HTTPException) -> Response:
    code = _HTTP_CODES.get(error.status_code, ErrorCode.INVALID_REQUEST)
    return wire_response(
        ErrorBody(code=code, message=str(error.detail), message_en=str(error.detail)),
        error.status_code,
    )


async def _internal(request: Request, error: Exception) -> Response:
    log.error("unhandled error", exc_info=error, extra={"path": request.url.path})
    return wire_response(
        ErrorBody(
            code=ErrorCode.INTERNAL,
            message="服务器内部错误，已记录，请稍后再试。",
            message_en="internal server error (logged)",
        ),
        500,
    )
