"""Child process of the forced-kill story: runs the real visit form on a profile, types into it
until a draft autosave has happened, prints a marker, then SIGKILLs itself (no clean-up at all).

``python -m tests.gui.visit_crash_child PROFILE_DIR HOUSEHOLD_ID TEXT``
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.services.households import HouseholdService
from app.store.profile import Profile
from app.views.application import create_application
from app.views.tasks import TaskRunner
from app.views.visit_form import VisitForm
from app.views.workspace import Workspace
from tests.gui.casework_seed import ADVISOR
from tests.gui.conftest import PASSPHRASE

MARKER = "DRAFT-AUTOSAVED"


def type_into(widget: object, text: str) -> None:
    """Committed text from an input method, as a Chinese IME delivers it."""
    widget.setFocus()  # type: ignore[attr-defined]
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def die(visit_id: str) -> None:
    print(f"{MARKER} {visit_id}", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


def main(folder: Path, household_id: str, text: str) -> int:
    app, translations = create_application([], "zh_CN")
    profile = Profile.load(folder)
    store = profile.open(PASSPHRASE)
    workspace = Workspace(
        profile, store, HouseholdService(store, ADVISOR), TaskRunner(), translations
    )
    form = VisitForm(workspace, household_id, title="crash test")

    def type_visit(_recovered: bool) -> None:
        form.fields.kind_combo.setCurrentIndex(form.fields.kind_combo.findData("home"))
        form.fields.need_boxes["basic_living"].setChecked(True)
        type_into(form.fields.people_edit, "户主本人")
        type_into(form.fields.situation_edit, text)

    form.recovery_checked.connect(type_visit)
    form.draft_saved.connect(die)
    form.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
