"""Create a household with its members in one flow, or edit a household's own fields."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import (
    DiscoverySource,
    HouseholdCategory,
    HouseholdStatus,
    IdType,
    RelationToHead,
)
from app.domain.errors import Problem, ValidationError
from app.domain.id_numbers import mask_id
from app.services.household_inputs import HouseholdInput, MemberInput, validate_household
from app.services.household_records import HouseholdDetail
from app.views.casework_services import CaseServices
from app.views.duplicate_notice import DuplicateCheck, DuplicateNotice, household_lookup
from app.views.enum_text import enum_text, enum_value_text
from app.views.form_dialog import FormDialog
from app.views.form_fields import (
    FieldMessage,
    combo_value,
    fill_enum_combo,
    problems_of,
    set_combo_value,
)
from app.views.member_dialog import MemberDialog
from app.views.workspace import Workspace

_MEMBER_FIELD = re.compile(r"members\[(\d+)\]\.(\w+)")


class HouseholdDialog(FormDialog):
    """New household (with members) when ``detail`` is None; otherwise edits its fields."""

    household_saved = Signal(str)  # household id
    existing_household_opened = Signal(str)  # the user chose a suggested duplicate's household
    FALLBACK_FIELD = "address"

    def __init__(
        self,
        workspace: Workspace,
        detail: HouseholdDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, parent)
        self._detail = detail
        self.members: list[MemberInput] = []
        self.setWindowTitle(self.tr("新建户档案") if detail is None else self.tr("编辑户信息"))
        self._build()
        self.duplicate_check = DuplicateCheck(workspace.tasks, self.duplicate_notice, self)
        self.duplicate_check.suggestions_shown.connect(self._on_duplicates_shown)
        self.duplicate_notice.open_requested.connect(self._on_open_existing)
        if detail is not None:
            self._load(detail.data)
        self._connect()
        self._revalidate()

    def _build(self) -> None:
        self.committee_combo = QComboBox()
        self.committee_combo.addItem(self.tr("请选择居委"), None)
        for code, name in self._workspace.committees:
            self.committee_combo.addItem(name, code)
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText(self.tr("路、弄、号、室"))
        self.phone_edit = QLineEdit()
        self.category_boxes = {c.value: QCheckBox(enum_text(c)) for c in HouseholdCategory}
        categories = QWidget()
        grid = QGridLayout(categories)
        grid.setContentsMargins(0, 0, 0, 0)
        for position, box in enumerate(self.category_boxes.values()):
            grid.addWidget(box, *divmod(position, 4))
        self.source_combo = QComboBox()
        fill_enum_combo(self.source_combo, DiscoverySource)
        self.status_combo = QComboBox()
        fill_enum_combo(self.status_combo, HouseholdStatus)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setFixedHeight(64)

        form = QFormLayout()
        rows: list[tuple[str, str, QWidget]] = [
            ("committee_code", self.tr("居委"), self.committee_combo),
            ("address", self.tr("地址"), self.address_edit),
            ("phone", self.tr("电话"), self.phone_edit),
            ("categories", self.tr("类别"), categories),
            ("discovery_source", self.tr("发现来源"), self.source_combo),
            ("status", self.tr("状态"), self.status_combo),
            ("notes", self.tr("备注"), self.notes_edit),
        ]
        self.messages.add_rows(form, rows)
        parts: list[QWidget | QLayout] = [form]
        if self._detail is None:
            parts.append(self._members_box())
        self.duplicate_notice = DuplicateNotice()
        self._set_save_texts(self.tr("保存"), self.tr("取消"), self.tr("保存失败："))
        self._lay_out([*parts, self.duplicate_notice], min_width=620)

    def _members_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("家庭成员（至少登记户主）"))
        self.member_list = QListWidget()
        self.member_list.setMaximumHeight(110)
        self.add_member_button = QPushButton(self.tr("添加成员…"))
        self.edit_member_button = QPushButton(self.tr("编辑…"))
        self.remove_member_button = QPushButton(self.tr("移除"))
        buttons = QHBoxLayout()
        for button in (self.add_member_button, self.edit_member_button, self.remove_member_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(self.member_list)
        layout.addLayout(buttons)
        layout.addWidget(self.messages.add("members", FieldMessage()))
        return box

    def _connect(self) -> None:
        self.committee_combo.currentIndexChanged.connect(lambda _i: self._changed("committee_code"))
        self.address_edit.textEdited.connect(lambda _t: self._changed("address"))
        self.phone_edit.textEdited.connect(lambda _t: self._changed("phone"))
        for box in self.category_boxes.values():
            box.toggled.connect(lambda _on: self._changed("categories"))
        self.source_combo.currentIndexChanged.connect(lambda _i: self._changed("discovery_source"))
        self.status_combo.currentIndexChanged.connect(lambda _i: self._changed("status"))
        self.notes_edit.textChanged.connect(lambda: self._changed("notes"))
        if self._detail is None:
            self.add_member_button.clicked.connect(self._on_add_member_clicked)
            self.edit_member_button.clicked.connect(self._on_edit_member_clicked)
            self.remove_member_button.clicked.connect(self._on_remove_member_clicked)
            self.member_list.itemDoubleClicked.connect(lambda _item: self._on_edit_member_clicked())

    def _load(self, data: HouseholdInput) -> None:
        set_combo_value(self.committee_combo, data.committee_code)
        self.address_edit.setText(data.address)
        self.phone_edit.setText(data.phone)
        for code, box in self.category_boxes.items():
            box.setChecked(code in data.categories)
        set_combo_value(self.source_combo, data.discovery_source)
        set_combo_value(self.status_combo, data.status)
        self.notes_edit.setPlainText(data.notes)

    def value(self) -> HouseholdInput:
        base = self._detail.data if self._detail is not None else None
        return HouseholdInput(
            committee_code=combo_value(self.committee_combo) or "",
            address=self.address_edit.text(),
            phone=self.phone_edit.text(),
            categories=[code for code, box in self.category_boxes.items() if box.isChecked()],
            discovery_source=combo_value(self.source_combo) or "",
            status=combo_value(self.status_combo) or "",
            notes=self.notes_edit.toPlainText(),
            advisor_id=base.advisor_id if base is not None else None,
        )

    # ---- checking ------------------------------------------------------------------------

    def _problems(self) -> list[Problem]:
        problems = problems_of(validate_household, self.value())
        if self._detail is None:
            problems += self._member_problems()
        return problems

    def _member_problems(self) -> list[Problem]:
        heads = sum(1 for m in self.members if m.relation_to_head == RelationToHead.SELF)
        if heads == 1:
            return []
        if heads == 0:
            zh, en = "请添加户主（与户主关系为「本人」）。", "Add the head (relation 'self')."
        else:
            zh, en = (
                "只能有一位户主，请修改其他成员的与户主关系。",
                "Only one member can be the head.",
            )
        return [Problem("members", "one_head", zh, en)]

    # ---- members (kept here until the household is saved) --------------------------------

    def _on_add_member_clicked(self) -> None:
        relation = RelationToHead.SELF if not self.members else RelationToHead.SPOUSE
        initial = MemberInput(name="", relation_to_head=relation.value)
        self._open_member_dialog(initial, None)

    def _on_edit_member_clicked(self) -> None:
        row = self.member_list.currentRow()
        if 0 <= row < len(self.members):
            self._open_member_dialog(self.members[row], row)

    def _on_remove_member_clicked(self) -> None:
        row = self.member_list.currentRow()
        if 0 <= row < len(self.members):
            del self.members[row]
            self._changed("members")
            self._refresh_member_list()

    def _open_member_dialog(self, initial: MemberInput, row: int | None) -> None:
        dialog = MemberDialog(self._workspace.language, initial=initial, parent=self)
        dialog.setObjectName("member_dialog")
        dialog.member_saved.connect(lambda clean: self._member_entered(clean, row))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _member_entered(self, clean: MemberInput, row: int | None) -> None:
        if row is None:
            self.members.append(clean)
        else:
            self.members[row] = clean
        self._changed("members")
        self._refresh_member_list()

    def _refresh_member_list(self) -> None:
        self.member_list.clear()
        for member in self.members:
            relation = enum_value_text(RelationToHead, member.relation_to_head)
            number = mask_id(member.id_number) if member.id_number else self.tr("无证件号")
            id_type = enum_value_text(IdType, member.id_type)
            self.member_list.addItem(f"{member.name}（{relation}）  {id_type} {number}")

    # ---- saving --------------------------------------------------------------------------

    def _submit(self) -> None:
        self.form_message.clear_text()
        services = CaseServices.of(self._workspace)
        lookup = household_lookup(services, self.value(), self.members, self._detail)
        if lookup is None:
            self._store()
            return
        key = repr((self.value(), self.members))
        self.duplicate_check.run(key, lookup, proceed=self._store, on_error=self._on_save_failed)

    def _on_duplicates_shown(self) -> None:
        self.buttons.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("仍然保存"))

    def _on_open_existing(self, household_id: str) -> None:
        self.existing_household_opened.emit(household_id)
        self.reject()

    def _store(self) -> None:
        service = self._workspace.households
        job: tuple[Any, ...] = (
            (service.create_household, self.value(), list(self.members))
            if self._detail is None
            else (service.update_household, self._detail.id, self.value())
        )
        self._workspace.tasks.submit(
            *job, on_done=self._on_saved, on_error=self._on_save_failed, changes="households"
        )

    def _on_saved(self, result: str | None) -> None:
        household_id = result if self._detail is None else self._detail.id
        self.household_saved.emit(household_id or "")
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            error = ValidationError([self._place_member_problem(p) for p in error.problems])
        super()._on_save_failed(error)

    def _place_member_problem(self, problem: Problem) -> Problem:
        """'members[1].id_number' from the service becomes a line under the member list."""
        match = _MEMBER_FIELD.fullmatch(problem.field)
        if match is None:
            return problem
        index = int(match.group(1))
        name = self.members[index].name if index < len(self.members) else ""
        return Problem(
            "members",
            problem.code,
            f"第{index + 1}位成员（{name}）：{problem.zh}",
            f"Member {index + 1} ({name}): {problem.en}",
        )
