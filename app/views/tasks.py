"""The one task runner: every piece of off-GUI-thread work (open, load, search, save) goes here.

Work runs on a small QThreadPool; results, errors and progress come back on the GUI thread
through the handle's signals. After a task that changed data, the runner emits ``changed`` once
(like Anki's operation-did-change) and views refresh from it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[int, int, str], None]
FINISH_S = 20.0  # at exit, how long queued writes may take before they are dropped


class TaskCancelled(Exception):
    """Raised inside a cancellable task when it notices it was cancelled."""


class TaskContext:
    """Handed to cancellable tasks (as ``task=``): report progress, notice cancellation."""

    def __init__(self, handle: TaskHandle) -> None:
        self._handle = handle

    @property
    def cancelled(self) -> bool:
        return self._handle.cancelled

    def check(self) -> None:
        """Stop the task here if it was cancelled."""
        if self._handle.cancelled:
            raise TaskCancelled

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._handle.progressed.emit(done, total, text)


class TaskHandle(QObject):
    """One submitted task. Lives on the GUI thread; the worker only emits its signals."""

    succeeded = Signal(object)
    failed = Signal(object)
    stopped = Signal()  # the worker saw the cancellation and did not run or finish the work
    progressed = Signal(int, int, str)
    finished = Signal()  # settled: delivered, failed or cancelled

    def __init__(self, runner: TaskRunner, changes: str | None) -> None:
        super().__init__(runner)
        self._runner = runner
        self._changes = changes
        self._cancel = threading.Event()
        self.done = False
        self.stoppable = False  # takes ``task=`` and stops early when cancelled (an export, a sync)
        self.on_done: DoneCallback | None = None
        self.on_error: ErrorCallback | None = None
        self.on_progress: ProgressCallback | None = None
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)
        self.stopped.connect(self._settle)
        self.progressed.connect(self._deliver_progress)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def cancel(self) -> None:
        """Drop the result; a task not yet started never runs, a cancellable one may stop early."""
        if self.done or self.cancelled:
            return
        self._cancel.set()
        if self._runner._take_back(self):
            self._settle()

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        if not self.cancelled and self.on_done is not None:
            self.on_done(result)
        self._settle(self._changes)  # the work was done even if nobody wants the result

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        if not self.cancelled:
            if self.on_error is not None:
                self.on_error(error)
            else:
                self._runner.task_failed.emit(error)
        self._settle()

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, text: str) -> None:
        if self.on_progress is not None and not self.cancelled:
            self.on_progress(done, total, text)

    @Slot()
    def _settle(self, changes: str | None = None) -> None:
        if self.done:
            return
        self.done = True
        self.finished.emit()
        self._runner._settled(self, changes)


class _Job(QRunnable):
    def __init__(self, handle: TaskHandle, call: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._handle = handle
        self._call = call

    def run(self) -> None:
        if self._handle.cancelled:
            self._handle.stopped.emit()
            return
        try:
            result = self._call()
        except TaskCancelled:
            self._handle.stopped.emit()
            return
        except Exception as exc:  # every error goes back to the GUI thread
            log.debug("task failed", exc_info=exc)
            self._handle.failed.emit(exc)
        else:
            self._handle.succeeded.emit(result)


class TaskRunner(QObject):
    """Submit work off the GUI thread; get results on it; hear ``changed`` after writes."""

    changed = Signal(str)  # what changed, e.g. "households"
    task_failed = Signal(object)  # an error no caller handled
    idle = Signal()  # the last running task finished

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._jobs: dict[TaskHandle, _Job] = {}

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
        progress: ProgressCallback | None = None,
        cancellable: bool = False,
        changes: str | None = None,
        owner: QObject | None = None,
    ) -> TaskHandle:
        """Run ``fn(*args)`` on a worker; cancellable or progress tasks also get ``task=``.

        With ``owner`` (the widget whose callbacks these are), the task is cancelled when the
        owner is destroyed, so no result is delivered to a deleted widget.
        """
        handle = TaskHandle(self, changes)
        if owner is not None:
            owner.destroyed.connect(handle.cancel)
        handle.on_done, handle.on_error, handle.on_progress = on_done, on_error, progress
        if cancellable or progress is not None:
            context = TaskContext(handle)
            handle.stoppable = True

            def call() -> Any:
                return fn(*args, task=context)
        else:

            def call() -> Any:
                return fn(*args)

        job = _Job(handle, call)
        self._jobs[handle] = job
        self._pool.start(job)
        return handle

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the workers are idle: only for shutdown, never during normal work."""
        return self._pool.waitForDone(msecs)

    def finish(self, timeout_s: float = FINISH_S) -> None:
        """Before the app exits: let the work queued and running end with its results
        delivered, so that a write made on another's result is made too (a visit draft's last
        save waits for the save before it), then shut down. Long work that can stop (an
        export, a sync) is cancelled first; after ``timeout_s`` the rest is dropped."""
        for handle in list(self._jobs):
            if handle.stoppable:
                handle.cancel()
        deadline = time.monotonic() + timeout_s
        while self._jobs and time.monotonic() < deadline:
            self._pool.waitForDone(20)
            QCoreApplication.processEvents()  # the results, and what they submit in turn
        self.shutdown()

    def shutdown(self) -> None:
        """Cancel what has not started and let running tasks end; results are dropped."""
        for handle in list(self._jobs):
            handle.cancel()
        self._pool.waitForDone()
        self._pool.clear()

    def _take_back(self, handle: TaskHandle) -> bool:
        """Remove a task that has not started; False when a worker already runs it."""
        job = self._jobs.get(handle)
        return job is not None and self._pool.tryTake(job)

    def _settled(self, handle: TaskHandle, changes: str | None) -> None:
        self._jobs.pop(handle, None)
        handle.deleteLater()
        if changes:
            self.changed.emit(changes)
        if not self._jobs:
            self.idle.emit()
