"""Click-through stories of the household register on a real encrypted profile."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.domain.enums import AuditAction
from app.models import AuditEvent, Household, Member
from app.views.household_dialog import HouseholdDialog
from app.views.main_window import MainWindow
from app.views.member_dialog import MemberDialog
from tests.gui.conftest import add_household, resident_id, type_text

HEAD_ID = resident_id(dt.date(1956, 3, 7), 123)  # odd sequence: male
WIFE_ID = resident_id(dt.date(1958, 7, 4), 242)  # even sequence: female
RARE_NAME = "𠮷·䶮𡌶"


def open_dialog(qtbot: QtBot, cls: type) -> object:
    """The newest visible dialog of ``cls`` (dialogs are opened with open(), not exec())."""
    found: list[object] = []

    def shown() -> bool:
        found[:] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[-1]


def ok_button(dialog: MemberDialog | HouseholdDialog) -> object:
    buttons = dialog.buttons
    return buttons.button(QDialogButtonBox.StandardButton.Ok) or buttons.button(
        QDialogButtonBox.StandardButton.Save
    )


def fill_member(qtbot: QtBot, dialog: MemberDialog, name: str, id_number: str) -> None:
    type_text(qtbot, dialog.name_edit, name)
    type_text(qtbot, dialog.id_number_edit, id_number)


def add_member_through_dialog(
    qtbot: QtBot, household: HouseholdDialog, name: str, id_number: str, relation: str
) -> None:
    qtbot.mouseClick(household.add_member_button, Qt.MouseButton.LeftButton)
    member = open_dialog(qtbot, MemberDialog)
    assert isinstance(member, MemberDialog)
    fill_member(qtbot, member, name, id_number)
    member.relation_combo.setCurrentIndex(member.relation_combo.findData(relation))
    qtbot.mouseClick(ok_button(member), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not member.isVisible())


def stored_households(window: MainWindow) -> int:
    with window.workspace.store.sessions() as session:
        return int(session.execute(select(func.count()).select_from(Household)).scalar_one())


def test_advisor_creates_household_with_two_members_one_with_a_rare_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.mouseClick(window.household_list.new_button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, HouseholdDialog)
    assert isinstance(dialog, HouseholdDialog)
    dialog.committee_combo.setCurrentIndex(1)
    type_text(qtbot, dialog.address_edit, "华阳路112弄3号502室")
    qtbot.keyClicks(dialog.phone_edit, "021-62345678")
    dialog.category_boxes["dibao"].setChecked(True)

    add_member_through_dialog(qtbot, dialog, "张伟", HEAD_ID, "self")
    add_member_through_dialog(qtbot, dialog, RARE_NAME, WIFE_ID, "spouse")
    assert dialog.member_list.count() == 2
    assert RARE_NAME in dialog.member_list.item(1).text()
    assert WIFE_ID not in dialog.member_list.item(1).text()  # masked in the list

    with qtbot.waitSignal(dialog.household_saved, timeout=10_000):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    detail = window.household_detail
    qtbot.waitUntil(lambda: detail.members_model.rowCount() == 2, timeout=10_000)
    assert window.households_page.currentWidget() is detail
    names = [detail.members_model.member_at(r).name for r in range(2)]
    assert names == ["张伟", RARE_NAME]
    wife = detail.members_model.member_at(1)
    assert wife.sex == "female" and wife.birth_date == dt.date(1958, 7, 4)
    shown = detail.members_model.index(1, 5).data()
    assert shown == WIFE_ID[:6] + "********" + WIFE_ID[-4:]
    qtbot.waitUntil(lambda: window.household_list.model.total == 1)


def test_bad_check_digit_is_shown_under_the_field_and_nothing_is_stored(
    qtbot: QtBot, window: MainWindow
) -> None:
    wrong = HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1")
    qtbot.mouseClick(window.household_list.new_button, Qt.MouseButton.LeftButton)
    household = open_dialog(qtbot, HouseholdDialog)
    assert isinstance(household, HouseholdDialog)
    qtbot.mouseClick(household.add_member_button, Qt.MouseButton.LeftButton)
    member = open_dialog(qtbot, MemberDialog)
    assert isinstance(member, MemberDialog)
    fill_member(qtbot, member, "张伟", wrong)

    message = member.messages._messages["id_number"]
    assert message.isVisible()
    assert "校验位不符" in message.text()
    qtbot.mouseClick(ok_button(member), Qt.MouseButton.LeftButton)
    assert member.isVisible() and member.result_input is None  # refused, still open
    member.reject()

    qtbot.mouseClick(ok_button(household), Qt.MouseButton.LeftButton)
    assert household.isVisible()  # no head, no address: refused with messages
    assert "户主" in household.messages._messages["members"].text()
    assert "住址" in household.messages._messages["address"].text()
    household.reject()
    assert stored_households(window) == 0


def test_service_problems_are_shown_at_their_fields(qtbot: QtBot, window: MainWindow) -> None:
    add_household(window.workspace.households, "李梅", 5)
    qtbot.mouseClick(window.household_list.new_button, Qt.MouseButton.LeftButton)
    household = open_dialog(qtbot, HouseholdDialog)
    assert isinstance(household, HouseholdDialog)
    household.committee_combo.setCurrentIndex(2)
    type_text(qtbot, household.address_edit, "华阳路9号")
    taken = resident_id(dt.date(1960, 1, 2), 5)  # already registered to 李梅
    add_member_through_dialog(qtbot, household, "王芳", taken, "self")
    qtbot.mouseClick(ok_button(household), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(household.duplicate_notice.isVisible)  # 李梅's household is suggested first
    qtbot.mouseClick(ok_button(household), Qt.MouseButton.LeftButton)  # 仍然保存
    members = household.messages._messages["members"]
    qtbot.waitUntil(lambda: "已登记" in members.text(), timeout=10_000)
    assert members.text().startswith("第1位成员（王芳）")
    assert household.isVisible()
    assert stored_households(window) == 1


def test_advisor_finds_household_by_initials(qtbot: QtBot, window: MainWindow) -> None:
    service = window.workspace.households
    add_household(service, "张伟", 11)
    add_household(service, "李娜", 12)
    view = window.household_list
    with qtbot.waitSignal(view.search_finished, timeout=10_000):
        qtbot.keyClicks(view.search_edit, "zw")
    model = view.model
    assert model.searching
    assert [model.row_at(r).head_name for r in range(model.rowCount())] == ["张伟"]
    assert "1" in view.count_label.text()

    view.search_edit.clear()
    qtbot.waitUntil(lambda: not model.searching and model.rowCount() == 2, timeout=10_000)


def test_revealing_an_id_shows_it_for_that_row_and_is_audited(
    qtbot: QtBot, window: MainWindow
) -> None:
    household_id = add_household(window.workspace.households, "张伟", 21)
    full = resident_id(dt.date(1960, 1, 2), 21)
    detail = window.household_detail
    with qtbot.waitSignal(detail.household_loaded, timeout=10_000):
        window.open_household(household_id)
    assert detail.members_model.index(0, 5).data() != full
    detail.members_table.selectRow(0)
    qtbot.mouseClick(detail.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.members_model.index(0, 5).data() == full, timeout=10_000)

    member_id = detail.members_model.member_at(0).id
    with window.workspace.store.sessions() as session:
        events = session.execute(
            select(AuditEvent).where(AuditEvent.action == AuditAction.REVEAL_ID.value)
        ).scalars()
        assert [(e.entity, e.entity_id, e.actor) for e in events] == [
            ("member", member_id, "advisor1")
        ]
        assert session.get(Member, member_id) is not None
