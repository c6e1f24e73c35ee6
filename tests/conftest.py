"""Session-wide test setup: Qt runs offscreen without a screen; Hypothesis profiles for CI and dev.

Area fixtures live in tests/<area>/conftest.py.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator

import keyring
import pytest
from hypothesis import settings
from keyring.backends import fail

ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _use_offscreen_qt() -> None:
    """Before any QApplication exists: no screen (or Linux CI) means the offscreen platform."""
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and (no_display or ON_CI):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_use_offscreen_qt()

# No per-example deadline: timings on a loaded 2-core CI machine are not the property under test.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if ON_CI else "dev"))


@pytest.fixture(autouse=True)
def no_keyring() -> Iterator[None]:
    """Every test starts with no OS keyring, so none ever touches the developer's own;
    tests of the keyring path start a private Secret Service (tests/store/conftest.py)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def gc_on_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests with Qt collect garbage only on the GUI thread, as the app does
    (app/views/garbage_collection.py); otherwise a worker thread can free Qt objects and crash.
    Once installed, every later test also collects (on the main thread) as gc would have."""
    from app.views import garbage_collection

    if {"qapp", "qtbot"} & set(request.fixturenames):
        garbage_collection.collect_on_gui_thread(request.getfixturevalue("qapp"))
    yield
    collector = garbage_collection.installed()
    if collector is not None:
        if collector.settled:  # a started app froze its heap: thaw it for the tests after it
            gc.unfreeze()
            collector.settled = False
        collector.check()
