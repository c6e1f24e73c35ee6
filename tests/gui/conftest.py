"""A real profile (SQLCipher file, passphrase-wrapped key) with a small jurisdiction tree, and the
main window on it, for the click-through tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.domain.id_numbers import compose_id
from app.models import Jurisdiction
from app.services.household_inputs import HouseholdInput, MemberInput
from app.services.households import HouseholdService
from app.store.engine import Store
from app.store.profile import Profile
from app.views.application import create_application
from app.views.main_window import MainWindow
from app.views.tasks import TaskRunner
from app.views.workspace import Workspace

PASSPHRASE = "correct horse battery"
DISTRICT, STREET = "310105000000", "310105002000"
COMMITTEES = {"310105002001": "示例·华阳路第一居委", "310105002002": "示例·华阳路第二居委"}
LOAD_TIMEOUT_MS = 15_000


def resident_id(birth: dt.date, sequence: int) -> str:
    return compose_id("310105", birth, sequence)


def seed_jurisdictions(store: Store) -> None:
    with store.transaction() as session:
        session.add(Jurisdiction(code=DISTRICT, name="示例·长宁区", level="district"))
        session.add(
            Jurisdiction(code=STREET, name="示例·华阳路街道", level="street", parent_code=DISTRICT)
        )
        for code, name in COMMITTEES.items():
            session.add(Jurisdiction(code=code, name=name, level="committee", parent_code=STREET))


@dataclass
class OpenProfile:
    profile: Profile
    store: Store


@pytest.fixture
def opened_profile(tmp_path: Path) -> Iterator[OpenProfile]:
    profile = Profile.create(tmp_path / "profile", PASSPHRASE, use_keyring=False)
    store = profile.open(PASSPHRASE)
    seed_jurisdictions(store)
    yield OpenProfile(profile, store)
    store.close()


@pytest.fixture
def workspace(qapp: QApplication, opened_profile: OpenProfile) -> Iterator[Workspace]:
    _app, translations = create_application([], "zh_CN")
    tasks = TaskRunner()
    yield Workspace(
        profile=opened_profile.profile,
        store=opened_profile.store,
        households=HouseholdService(opened_profile.store, "advisor1"),
        tasks=tasks,
        translations=translations,
    )
    tasks.shutdown()
    translations.install("zh_CN")


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> Iterator[MainWindow]:
    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    with qtbot.waitSignal(main.loaded, timeout=LOAD_TIMEOUT_MS):
        main.start()
    yield main
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.close()


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as an input method's committed text."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def add_household(
    service: HouseholdService, head_name: str, sequence: int, committee: str = "310105002001"
) -> str:
    """A household with one head, written through the service (for tests about finding it)."""
    data = HouseholdInput(
        committee_code=committee, address=f"华阳路{sequence}号", categories=["dibao"]
    )
    head = MemberInput(name=head_name, id_number=resident_id(dt.date(1960, 1, 2), sequence))
    return service.create_household(data, [head])
