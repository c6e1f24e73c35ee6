"""orjson responses of wire objects, and the error responses every route documents."""

from __future__ import annotations

from typing import Any

from fastapi import Response

from app.sync.wire import ErrorBody, encode

ERRORS: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorBody, "description": "refused: `code` says why, `message` for people"},
    "5XX": {"model": ErrorBody, "description": "server fault"},
}


def wire_response(value: Any, status_code: int = 200) -> Response:
    """A JSON response written by orjson (FastAPI's own encoder is bypassed on the hot paths)."""
    return Response(encode(value), status_code=status_code, media_type="application/json")
