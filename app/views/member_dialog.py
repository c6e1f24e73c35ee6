"""Add or edit one household member, with messages under each field as the user types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import (
    DisabilityGrade,
    EmploymentStatus,
    Health,
    IdType,
    IncomeType,
    MaritalStatus,
    RelationToHead,
    SelfCare,
    Sex,
)
from app.domain.errors import Problem, ValidationError
from app.domain.id_numbers import IdInfo, parse_id
from app.domain.money import format_fen, parse_yuan
from app.services.household_inputs import MemberInput, validate_member
from app.views.duplicate_notice import DuplicateCheck, DuplicateNotice, PersonLookup
from app.views.enum_text import enum_text
from app.views.form_fields import (
    FieldMessage,
    FieldMessages,
    FormRow,
    combo_value,
    fill_enum_combo,
    problems_of,
    set_combo_value,
)
from app.views.tasks import TaskRunner

NO_DATE = QDate(1900, 1, 1)
DIALOG_MIN_WIDTH = 700
MemberSaver = Callable[[MemberInput], Any]


class MemberDialog(QDialog):
    """Collects a MemberInput; with ``save`` it also stores it off-thread before closing."""

    member_saved = Signal(object)  # the clean MemberInput
    existing_household_opened = Signal(str)  # the user chose a suggested duplicate's household

    def __init__(
        self,
        language: str,
        *,
        initial: MemberInput | None = None,
        has_stored_id: bool = False,
        tasks: TaskRunner | None = None,
        save: MemberSaver | None = None,
        duplicates: PersonLookup | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("编辑成员") if initial else self.tr("添加成员"))
        self._tasks, self._save, self._duplicates = tasks, save, duplicates
        self._has_stored_id = has_stored_id
        self.messages = FieldMessages(language, self)
        self.result_input: MemberInput | None = None
        self._build()
        self.duplicate_check = DuplicateCheck(tasks, self.duplicate_notice, self)
        self.duplicate_check.suggestions_shown.connect(self._on_duplicates_shown)
        self.duplicate_notice.open_requested.connect(self._on_open_existing)
        self._load(initial or MemberInput(name=""))
        self._connect()
        self._apply_id_derivation()
        self._revalidate()

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.id_type_combo = QComboBox()
        fill_enum_combo(self.id_type_combo, IdType)
        self.id_number_edit = QLineEdit()
        if self._has_stored_id:
            self.id_number_edit.setPlaceholderText(self.tr("留空则保留原证件号码"))
        self.sex_combo = QComboBox()
        fill_enum_combo(self.sex_combo, Sex)
        self.birth_edit = QDateEdit()
        self.birth_edit.setDisplayFormat("yyyy-MM-dd")
        self.birth_edit.setMinimumDate(NO_DATE)
        self.birth_edit.setSpecialValueText(self.tr("未填写"))
        self.birth_edit.setCalendarPopup(True)
        self.derived_note = QLabel(self.tr("由证件号码自动识别"))
        self.derived_note.setStyleSheet("color: #5f6368;")
        self.relation_combo = QComboBox()
        fill_enum_combo(self.relation_combo, RelationToHead)
        self.phone_edit = QLineEdit()
        self.health_combo = QComboBox()
        fill_enum_combo(self.health_combo, Health)
        self.disability_combo = QComboBox()
        fill_enum_combo(self.disability_combo, DisabilityGrade, empty_text=self.tr("请选择"))
        self.self_care_combo = QComboBox()
        fill_enum_combo(self.self_care_combo, SelfCare)
        self.marital_combo = QComboBox()
        fill_enum_combo(self.marital_combo, MaritalStatus, empty_text=self.tr("未填写"))
        self.employment_combo = QComboBox()
        fill_enum_combo(self.employment_combo, EmploymentStatus, empty_text=self.tr("未填写"))
        self.income_edits = {kind.value: QLineEdit() for kind in IncomeType}
        for edit in self.income_edits.values():
            edit.setPlaceholderText("0.00")

        left = self._form(
            [
                ("name", self.tr("姓名"), self.name_edit),
                ("id_type", self.tr("证件类型"), self.id_type_combo),
                ("id_number", self.tr("证件号码"), self.id_number_edit),
                ("sex", self.tr("性别"), self.sex_combo),
                ("birth_date", self.tr("出生日期"), self.birth_edit),
                ("relation_to_head", self.tr("与户主关系"), self.relation_combo),
                ("phone", self.tr("电话"), self.phone_edit),
            ]
        )
        right = self._form(
            [
                ("health", self.tr("健康状况"), self.health_combo),
                ("disability_grade", self.tr("残疾等级"), self.disability_combo),
                ("self_care", self.tr("自理能力"), self.self_care_combo),
                ("marital_status", self.tr("婚姻状况"), self.marital_combo),
                ("employment_status", self.tr("就业状况"), self.employment_combo),
            ]
        )
        right_form = right.layout()
        assert right_form is not None
        right_form.addWidget(self.derived_note)
        columns = QHBoxLayout()
        columns.addWidget(left, 1)
        columns.addSpacing(16)
        columns.addWidget(right, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.form_message = FieldMessage()
        self.duplicate_notice = DuplicateNotice()
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self._income_box())
        layout.addWidget(self.duplicate_notice)
        layout.addWidget(self.form_message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(DIALOG_MIN_WIDTH)

    def _form(self, rows: list[FormRow]) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        self.messages.add_rows(form, rows)
        return box

    def _income_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("月收入（元）"))
        grid = QGridLayout(box)
        for position, kind in enumerate(IncomeType):
            row, column = divmod(position, 3)
            grid.addWidget(QLabel(enum_text(kind)), row, column * 2)
            grid.addWidget(self.income_edits[kind.value], row, column * 2 + 1)
        message = self.messages.add("monthly_income", FieldMessage())
        grid.addWidget(message, 2, 0, 1, 6)
        return box

    def _connect(self) -> None:
        edits = {
            "name": self.name_edit,
            "id_number": self.id_number_edit,
            "phone": self.phone_edit,
        }
        for field_name, edit in edits.items():
            edit.textEdited.connect(lambda _text, f=field_name: self._changed(f))
        for edit in self.income_edits.values():
            edit.textEdited.connect(lambda _text: self._changed("monthly_income"))
        combos = {
            "id_type": self.id_type_combo,
            "sex": self.sex_combo,
            "relation_to_head": self.relation_combo,
            "health": self.health_combo,
            "disability_grade": self.disability_combo,
            "self_care": self.self_care_combo,
            "marital_status": self.marital_combo,
            "employment_status": self.employment_combo,
        }
        for field_name, combo in combos.items():
            combo.currentIndexChanged.connect(lambda _i, f=field_name: self._changed(f))
        self.birth_edit.dateChanged.connect(lambda _d: self._changed("birth_date"))
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

    def _load(self, data: MemberInput) -> None:
        self.name_edit.setText(data.name)
        set_combo_value(self.id_type_combo, data.id_type)
        self.id_number_edit.setText(data.id_number)
        set_combo_value(self.sex_combo, data.sex or Sex.UNKNOWN.value)
        birth = data.birth_date
        self.birth_edit.setDate(QDate(birth.year, birth.month, birth.day) if birth else NO_DATE)
        set_combo_value(self.relation_combo, data.relation_to_head)
        self.phone_edit.setText(data.phone)
        set_combo_value(self.health_combo, data.health)
        set_combo_value(self.disability_combo, data.disability_grade)
        set_combo_value(self.self_care_combo, data.self_care)
        set_combo_value(self.marital_combo, data.marital_status)
        set_combo_value(self.employment_combo, data.employment_status)
        for kind, fen in data.monthly_income.items():
            if kind in self.income_edits and fen:
                self.income_edits[kind].setText(format_fen(fen))

    # ---- reading and checking ------------------------------------------------------------

    def value(self) -> tuple[MemberInput, list[Problem]]:
        """What the form holds now, and the problems reading the income amounts."""
        problems: list[Problem] = []
        income: dict[str, int] = {}
        for kind in IncomeType:
            text = self.income_edits[kind.value].text().strip()
            if not text:
                continue
            try:
                income[kind.value] = parse_yuan(text, field="monthly_income")
            except ValidationError as exc:
                label = kind.label
                problems += [
                    Problem(p.field, p.code, f"{label}：{p.zh}", f"{kind.value}: {p.en}")
                    for p in exc.problems
                ]
        birth = self.birth_edit.date()
        data = MemberInput(
            name=self.name_edit.text(),
            id_type=combo_value(self.id_type_combo) or IdType.RESIDENT_ID.value,
            id_number=self.id_number_edit.text(),
            relation_to_head=combo_value(self.relation_combo) or "",
            sex=combo_value(self.sex_combo),
            birth_date=None
            if birth == NO_DATE
            else dt.date(birth.year(), birth.month(), birth.day()),
            health=combo_value(self.health_combo) or "",
            disability_grade=combo_value(self.disability_combo),
            self_care=combo_value(self.self_care_combo) or "",
            marital_status=combo_value(self.marital_combo),
            employment_status=combo_value(self.employment_combo),
            monthly_income=income,
            phone=self.phone_edit.text(),
        )
        return data, problems

    def _changed(self, field_name: str) -> None:
        self.messages.touch(field_name)
        if field_name in ("id_number", "id_type"):
            self._apply_id_derivation()
        self._revalidate()

    def _apply_id_derivation(self) -> None:
        """Sex and birth date come from the ID when it holds them, and are then read-only."""
        info = self._id_info()
        derived = info is not None and (info.sex is not None or info.birth_date is not None)
        if info is not None and info.sex is not None:
            set_combo_value(self.sex_combo, info.sex.value)
        if info is not None and info.birth_date is not None:
            b = info.birth_date
            self.birth_edit.setDate(QDate(b.year, b.month, b.day))
        locked = derived or (self._has_stored_id and not self.id_number_edit.text().strip())
        self.sex_combo.setEnabled(not locked)
        self.birth_edit.setReadOnly(locked)
        self.derived_note.setVisible(derived)

    def _id_info(self) -> IdInfo | None:
        number = self.id_number_edit.text().strip()
        if not number:
            return None
        try:
            return parse_id(combo_value(self.id_type_combo) or "", number)
        except ValidationError:
            return None

    def _revalidate(self) -> list[Problem]:
        self.disability_combo.setEnabled(combo_value(self.health_combo) == Health.DISABLED)
        data, problems = self.value()
        problems = [*problems, *problems_of(validate_member, data)]
        self.messages.show(problems, fallback="name")
        info = self._id_info()
        if info is not None and info.warnings and not any(p.field == "id_number" for p in problems):
            text = "\n".join(w.message(self.messages.language) for w in info.warnings)
            self.messages.show_warning("id_number", text)
        return problems

    # ---- saving --------------------------------------------------------------------------

    def _on_ok_clicked(self) -> None:
        self.messages.show_all = True
        if self._revalidate():
            return
        data, _ = self.value()
        clean = validate_member(data)
        if self._duplicates is not None:
            self.buttons.setEnabled(False)
            self.duplicate_check.run(repr(data), self._duplicates, data,
                                     proceed=lambda: self._store(data, clean),
                                     on_error=self._on_save_failed)  # fmt: skip
            return
        self._store(data, clean)

    def _store(self, data: MemberInput, clean: MemberInput) -> None:
        if self._save is None or self._tasks is None:
            self._finish(clean)
            return
        self.buttons.setEnabled(False)
        self._tasks.submit(
            self._save,
            data,
            on_done=lambda _result: self._finish(clean),
            on_error=self._on_save_failed,
            changes="households",
        )

    def _on_duplicates_shown(self) -> None:
        self.buttons.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("仍然保存"))

    def _on_open_existing(self, household_id: str) -> None:
        self.existing_household_opened.emit(household_id)
        self.reject()

    def _finish(self, clean: MemberInput) -> None:
        self.result_input = clean
        self.member_saved.emit(clean)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            self.messages.show_refusal(error.problems, self.form_message)
            return
        failed = Problem("", "save_failed", f"保存失败：{error}", f"Saving failed: {error}")
        self.form_message.show_text(failed.message(self.messages.language))
