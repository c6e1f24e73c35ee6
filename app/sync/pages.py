"""A pulled page read straight from JSON (orjson) into plain rows, checked for the shape the
protocol gives it. 5,000 rows a page: validating each into a wire.Row would cost more than
writing it to the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from app.sync.wire import ScopeInfo

WireRow = dict[str, Any]
_TEXT = ("entity", "id", "scope_code", "created_at", "created_by", "updated_at", "updated_by")


class GarbledAnswer(Exception):
    """A success status whose body does not decode: the answer was damaged in transit."""


@dataclass(frozen=True)
class Page:
    rows: list[WireRow]
    cursor: int
    has_more: bool
    server_seq: int
    scope: ScopeInfo
    history: str = ""  # the server's line of the sequence (server.core.history)


def decode_page(data: bytes) -> Page:
    try:
        page = orjson.loads(data)
        rows = page["rows"]
        scope = page["scope"]
        codes = scope.get("codes")
        made = Page(
            rows=rows,
            cursor=_int(page["cursor"]),
            has_more=bool(page["has_more"]),
            server_seq=_int(page["server_seq"]),
            scope=ScopeInfo(
                fingerprint=str(scope["fingerprint"]),
                codes=None if codes is None else [str(c) for c in codes],
            ),
            history=str(page.get("history") or ""),
        )
        if type(rows) is not list or not all(_row_ok(row) for row in rows):
            raise ValueError("a row is not shaped as the protocol says")
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as error:
        raise GarbledAnswer(f"pull page does not decode: {error}") from error
    return made


def _int(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value


def _row_ok(row: Any) -> bool:
    return (
        type(row) is dict
        and type(row.get("seq")) is int
        and type(row.get("fields")) is dict
        and type(row.get("deleted")) is bool
        and all(type(row.get(key)) is str for key in _TEXT)
    )
