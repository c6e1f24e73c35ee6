"""Writes one visit draft in order through the task runner: one write in flight, the latest
fields win, and finalising or discarding waits for the writes before it. It outlives its form,
so closing the form never drops the last seconds of typing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.domain.errors import ValidationError
from app.services.visit_records import VisitView
from app.services.visits import VisitService
from app.views.tasks import TaskRunner

FINALISE, DISCARD = "finalise", "discard"


def _finalise(
    visits: VisitService, visit_id: str | None, fields: dict[str, Any]
) -> tuple[str, VisitView | ValidationError]:
    """Save the last fields, then finalise; a refusal comes back with the (saved) draft's id."""
    saved = visits.save_draft(visit_id, fields)
    try:
        return saved, visits.finalise(saved)
    except ValidationError as error:
        return saved, error


def _discard(visits: VisitService, visit_id: str | None) -> None:
    if visit_id is not None:
        visits.discard_draft(visit_id)


def _announce() -> None:
    """A no-op whose ``changes`` tells the views that drafts were written."""


class DraftWriter(QObject):
    """The draft of one household's visit; ``visit_id`` is None until the first write."""

    saved = Signal(str)  # the draft's id, after every write
    finalised = Signal(object)  # VisitView
    refused = Signal(object)  # ValidationError from finalising (the draft is kept)
    discarded = Signal()
    failed = Signal(object)  # any other error

    def __init__(
        self,
        tasks: TaskRunner,
        visits: VisitService,
        household_id: str,
        visit_id: str | None = None,
    ) -> None:
        super().__init__(tasks)
        self._tasks, self._visits = tasks, visits
        self.household_id = household_id
        self.visit_id = visit_id
        self._fields: dict[str, Any] | None = None
        self._then: str | None = None
        self._busy = self._closing = self._wrote = False

    @property
    def idle(self) -> bool:
        return not self._busy and self._fields is None and self._then is None

    def save(self, fields: Mapping[str, Any]) -> None:
        self._fields = dict(fields)
        self._pump()

    def finalise(self, fields: Mapping[str, Any]) -> None:
        self._fields, self._then = dict(fields), FINALISE
        self._pump()

    def discard(self) -> None:
        self._fields, self._then = None, DISCARD
        self._pump()

    def close(self) -> None:
        """The form is gone: finish what is queued, tell the views, then delete this writer."""
        self._closing = True
        self._pump()

    def _payload(self, fields: dict[str, Any]) -> dict[str, Any]:
        return fields if self.visit_id else {**fields, "household_id": self.household_id}

    def _pump(self) -> None:
        if self._busy:
            return
        if self._then == FINALISE:
            fields, self._fields, self._then = self._fields or {}, None, None
            self._run(_finalise, self._visits, self.visit_id, self._payload(fields))
        elif self._then == DISCARD:
            self._then = None
            self._run(_discard, self._visits, self.visit_id, kind=DISCARD)
        elif self._fields is not None:
            fields, self._fields = self._fields, None
            self._run(self._visits.save_draft, self.visit_id, self._payload(fields), kind="save")
        elif self._closing:
            if self._wrote:
                self._tasks.submit(_announce, changes="visits")
            self.deleteLater()

    def _run(self, fn: Any, *args: Any, kind: str = FINALISE) -> None:
        self._busy = True
        changes = {FINALISE: "households", DISCARD: "visits"}.get(kind)
        self._tasks.submit(
            fn,
            *args,
            on_done=lambda result: self._on_done(kind, result),
            on_error=self._on_error,
            changes=changes,
        )

    def _on_done(self, kind: str, result: Any) -> None:
        self._busy = False
        if kind == "save":
            self.visit_id, self._wrote = result, True
            self.saved.emit(result)
        elif kind == DISCARD:
            self.visit_id = None
            self.discarded.emit()
        else:
            self.visit_id, outcome = result
            self._wrote = True
            if isinstance(outcome, ValidationError):
                self.refused.emit(outcome)
            else:
                self.finalised.emit(outcome)
        self._pump()

    def _on_error(self, error: BaseException) -> None:
        self._busy = False
        self.failed.emit(error)
        self._pump()
