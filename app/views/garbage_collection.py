"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate; if it frees a cycle that
holds a Qt object while a worker thread is running, Qt deletes that object from the wrong thread
and the process crashes (seen here as a segfault in a task-runner thread). As pyqtgraph does, the
automatic collector is switched off and the GUI thread collects on a timer instead.

Once the main window has loaded, what the started app holds is frozen out of the collector's sight
(app.sync.collector.settle_heap): a full collection otherwise walked 290,000 objects, a 73 ms stall
of the GUI thread and of any sync running beside it."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

from app.sync.collector import settle_heap

INTERVAL_MS = 1000


class GuiThreadGarbageCollector(QObject):
    """Collects each generation on the GUI thread when its count passes gc's own threshold."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self.settled = False
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    @Slot()
    def settle(self) -> None:
        """Freeze the started app's objects, once per process (the first window loaded)."""
        if not self.settled:
            self.settled = True
            settle_heap()

    def stop(self) -> None:
        """Back to Python's own collector (when the application ends)."""
        self._timer.stop()
        gc.unfreeze()
        gc.enable()


_collector: GuiThreadGarbageCollector | None = None


def collect_on_gui_thread(app: QObject) -> GuiThreadGarbageCollector:
    """Install the collector once per process, owned by the application object."""
    global _collector
    if _collector is None:
        _collector = GuiThreadGarbageCollector(app)
    return _collector


def installed() -> GuiThreadGarbageCollector | None:
    return _collector
