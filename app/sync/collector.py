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


def settle_heap() -> None:
    """Collect once, then move every object still alive out of the collector's sight
    (gc.freeze): modules, Qt wrappers, the ORM's mappers. A full collection then walks only
    what came after. In a started desktop app it walked 290,000 objects (73 ms): a stall of
    the GUI thread and, through Python's lock, of a sync running beside it. What is loaded
    later is still walked (pypinyin's dictionaries, on first use: 190,000 objects, 22 ms).
    Objects alive now live as long as the app; reference cycles among them are never
    collected (``gc.unfreeze`` undoes it)."""
    gc.collect()
    gc.freeze()
