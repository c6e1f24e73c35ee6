"""Python's automatic cyclic garbage collector, paused while a large pull runs.

A first sync decodes some 250 MB of JSON into millions of dicts and strings; with the automatic
collector on, it walks them again and again as they pile up, which tripled the decoding time.
Decoded pages hold no reference cycles, so nothing is lost by waiting: the collector is switched
back on (and runs as usual) when the last pause ends. Where the collector is off already (the
desktop app collects on its GUI thread, app.views.garbage_collection) this does nothing."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def automatic_collection_paused() -> Iterator[None]:
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
