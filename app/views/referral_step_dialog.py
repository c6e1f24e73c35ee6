"""The note asked for at each referral step (发送, 接收, 退回 …); required where the step
needs a reason or an outcome."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ReferralAction
from app.views.enum_text import enum_text
from app.views.form_fields import FieldMessage

NOTE_REQUIRED = frozenset(
    {ReferralAction.FOLLOW_UP, ReferralAction.COMPLETE, ReferralAction.RETURN,
     ReferralAction.WITHDRAW}
)  # fmt: skip


class ReferralStepDialog(QDialog):
    """Asks for the note of ``action``; ``note`` holds it once accepted."""

    def __init__(self, action: ReferralAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(self.tr("转介：%1").replace("%1", enum_text(action)))
        prompts = {
            ReferralAction.SEND: self.tr("发送给资源方：可写明联系人、发送方式。"),
            ReferralAction.RECEIVE: self.tr("资源方已接收：可写明对方经办人。"),
            ReferralAction.START: self.tr("开始服务：可写明服务内容和开始时间。"),
            ReferralAction.FOLLOW_UP: self.tr("跟进记录：请写明本次跟进了解到的情况。"),
            ReferralAction.COMPLETE: self.tr("服务完成：请写明服务结果。"),
            ReferralAction.RETURN: self.tr("资源方退回：请写明退回原因。"),
            ReferralAction.WITHDRAW: self.tr("撤回转介：请写明撤回原因。"),
        }
        prompt = QLabel(prompts[action])
        prompt.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(96)
        self.message = FieldMessage()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(enum_text(action))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)

    @property
    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def _on_ok_clicked(self) -> None:
        if self.action in NOTE_REQUIRED and not self.note:
            self.message.show_text(self.tr("请填写备注：这一步需要说明原因或结果。"))
            return
        self.accept()
