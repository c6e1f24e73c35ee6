"""The 转介 tab: the household's referrals, the steps of the chosen one (date, actor, note) and
buttons for the steps its state allows; a refused step shows the domain's message."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.domain.enums import ReferralAction, ReferralState
from app.printing.records import FormKind
from app.services.referral_records import ReferralView, StepView
from app.views.casework_tab import CaseworkTab, casework_table
from app.views.enum_text import enum_text, enum_value_text
from app.views.form_fields import FieldMessage, failure_text
from app.views.referral_dialog import ReferralDialog
from app.views.referral_step_dialog import ReferralStepDialog
from app.views.referrals_model import ReferralsModel
from app.views.visit_text import local_time_text
from app.views.workspace import Workspace

NOTE_STYLE = "color: #5f6368;"


class ReferralPanel(CaseworkTab):
    """Referrals of the household given to ``show_household``."""

    dialog_opened = Signal(object)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.shown: ReferralView | None = None  # the referral whose steps and buttons are shown
        self.model = ReferralsModel(self)
        self.step_buttons: dict[ReferralAction, QPushButton] = {}
        self._build()
        self._watch_changes()

    def _build(self) -> None:
        self.new_button = QPushButton(self.tr("新建转介…"))
        self.print_button = self._print_button(
            self.tr("打印转介单…"), self.tr("打印所选转介的转介单和回执联（Ctrl+P）")
        )
        self.message = FieldMessage()
        self.table = casework_table(self.model, self, stretch=2)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps_label = QLabel()
        self.steps_label.setWordWrap(True)
        self.steps_label.setStyleSheet(NOTE_STYLE)
        self.steps_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.buttons_row = QHBoxLayout()
        for action in ReferralAction:
            button = QPushButton(enum_text(action) + "…")
            button.clicked.connect(lambda _c=False, a=action: self.ask_step(a))
            button.hide()
            self.step_buttons[action] = button
            self.buttons_row.addWidget(button)
        self.buttons_row.addStretch(1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_label)
        detail_layout.addLayout(self.buttons_row)
        detail_layout.addWidget(self.steps_label, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.print_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.new_button.clicked.connect(self.open_new_referral)
        self.print_button.clicked.connect(self.print_selected)
        self.table.selectionModel().currentRowChanged.connect(lambda c, _p: self._show_row(c.row()))

    # ---- loading -------------------------------------------------------------------------

    def _loader(self) -> Callable[[str], list[ReferralView]]:
        return self._services.referrals.for_household

    def _forget(self) -> None:
        self.model.set_referrals([])
        self._show_referral(None)

    def _show_loaded(self, referrals: list[ReferralView]) -> None:
        keep = self.shown.id if self.shown else None
        self.model.set_referrals(referrals)
        row = self.model.row_of(keep) if keep else -1
        row = row if row >= 0 else (0 if referrals else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_row(row)
        self.loaded.emit()

    def _show_row(self, row: int) -> None:
        self._show_referral(self.model.referral_at(row))

    def _show_referral(self, referral: ReferralView | None) -> None:
        self.shown = referral
        self.print_button.setEnabled(referral is not None)
        allowed = set(referral.allowed_next) if referral else set()
        for action, button in self.step_buttons.items():
            button.setVisible(action in allowed)
        if referral is None:
            self.detail_label.setText(
                self.tr("尚无转介。可在「方案」页为措施发起，或点「新建转介」。")
            )
            self.steps_label.clear()
            return
        state = enum_value_text(ReferralState, referral.state)
        text = self.tr("状态：%1　原因：%2").replace("%1", state).replace("%2", referral.reason)
        if referral.outcome:
            text += "\n" + self.tr("结果：%1").replace("%1", referral.outcome)
        if not allowed:
            text += "\n" + self.tr("转介已结束；如需继续帮扶，请新建转介。")
        self.detail_label.setText(text)
        lines = [self._step_line(step) for step in reversed(referral.steps)]
        self.steps_label.setText(self.tr("办理记录：") + "\n" + "\n".join(lines))

    def print_selected(self) -> bool:
        """Print the chosen referral's letter; False when none is chosen."""
        if self.shown is None:
            return False
        self._print(FormKind.REFERRAL, self.shown.id)
        return True

    def _step_line(self, step: StepView) -> str:
        to = enum_value_text(ReferralState, step.to_state)
        if step.from_state is None:
            move = self.tr("创建（%1）").replace("%1", to)
        elif step.from_state == step.to_state:
            move = self.tr("跟进记录（%1）").replace("%1", to)
        else:
            move = f"{enum_value_text(ReferralState, step.from_state)} → {to}"
        line = f"{local_time_text(step.at)}　{step.actor}　{move}"
        return f"{line}：{step.note}" if step.note else line

    # ---- steps ---------------------------------------------------------------------------

    def ask_step(self, action: ReferralAction) -> ReferralStepDialog | None:
        """Ask for the step's note; the step is taken when the dialog is accepted."""
        referral = self.shown
        if referral is None:
            return None
        dialog = ReferralStepDialog(action, self.window())
        dialog.setObjectName("referral_step_dialog")
        dialog.accepted.connect(lambda: self.take_step(referral.id, action, dialog.note))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def take_step(self, referral_id: str, action: ReferralAction, note: str) -> None:
        self.message.clear_text()
        self._workspace.tasks.submit(
            self._services.referrals.act,
            referral_id,
            action,
            note,
            on_done=lambda _view: None,
            on_error=self._on_step_refused,
            changes="referrals",
            owner=self,
        )

    def _on_step_refused(self, error: BaseException) -> None:
        """Someone else moved the referral on (or the step is not allowed): say so, reload."""
        language = self._workspace.language
        self.message.show_text(failure_text(error, language, self.tr("操作失败：")))
        self.reload()

    def open_new_referral(self) -> ReferralDialog | None:
        if self._household_id is None:
            return None
        dialog = ReferralDialog(self._workspace, self._household_id, None, self.window())
        dialog.setObjectName("referral_dialog")
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog
