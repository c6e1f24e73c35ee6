"""Per-mutation refusals: a code, a message the user reads (Chinese) and its English."""

from __future__ import annotations

from app.sync.wire import Refusal, RefusalCode


class Refused(Exception):
    """Raised while applying one mutation; the push records it and goes on with the next."""

    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason.message_en)
        self.reason = reason


def refusal(code: RefusalCode, message: str, message_en: str, field: str = "") -> Refusal:
    return Refusal(code=code.value, message=message, message_en=message_en, field=field)
