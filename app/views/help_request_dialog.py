"""求助登记: the reception desk's form for a new help request, checked as it is typed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from app.domain.enums import HelpRequestChannel, Urgency
from app.domain.errors import Problem
from app.services.help_request_records import HelpRequestInput, validate_request
from app.services.help_requests import HelpRequestService
from app.views.form_dialog import FormDialog
from app.views.form_fields import combo_value, fill_enum_combo, problems_of, set_combo_value
from app.views.workspace import Workspace


class HelpRequestDialog(FormDialog):
    """Saves through the help request service; ``request_saved`` carries the new id."""

    request_saved = Signal(str)
    FALLBACK_FIELD = "description"

    def __init__(
        self, workspace: Workspace, channel: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self.setWindowTitle(self.tr("登记求助"))
        self._build()
        set_combo_value(self.channel_combo, channel or HelpRequestChannel.WINDOW.value)
        self._connect()
        self._revalidate()

    def _build(self) -> None:
        self.channel_combo = QComboBox()
        fill_enum_combo(self.channel_combo, HelpRequestChannel)
        self.urgency_combo = QComboBox()
        fill_enum_combo(self.urgency_combo, Urgency)
        set_combo_value(self.urgency_combo, Urgency.NORMAL.value)
        self.name_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.committee_combo = QComboBox()
        self.committee_combo.addItem(self.tr("未知"), None)
        for code, name in self._workspace.committees:
            self.committee_combo.addItem(name, code)
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText(self.tr("路、弄、号、室"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText(self.tr("求助人说明的困难和诉求"))
        self.description_edit.setFixedHeight(90)
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(self.tr("线上平台或 12345 的工单号（可不填）"))
        form = QFormLayout()
        rows: list[tuple[str, str, QWidget]] = [
            ("channel", self.tr("受理渠道"), self.channel_combo),
            ("urgency", self.tr("紧急程度"), self.urgency_combo),
            ("requester_name", self.tr("求助人"), self.name_edit),
            ("phone", self.tr("联系电话"), self.phone_edit),
            ("committee_code", self.tr("所属居委"), self.committee_combo),
            ("address", self.tr("地址"), self.address_edit),
            ("description", self.tr("求助内容"), self.description_edit),
            ("external_ref", self.tr("工单号"), self.reference_edit),
        ]
        self.messages.add_rows(form, rows)
        self._set_save_texts(self.tr("登记"), self.tr("取消"), self.tr("登记失败："))
        self._lay_out([form], min_width=520)

    def _connect(self) -> None:
        for name, combo in (
            ("channel", self.channel_combo),
            ("urgency", self.urgency_combo),
            ("committee_code", self.committee_combo),
        ):
            combo.currentIndexChanged.connect(lambda _i, n=name: self._changed(n))
        for name, edit in (
            ("requester_name", self.name_edit),
            ("phone", self.phone_edit),
            ("address", self.address_edit),
            ("external_ref", self.reference_edit),
        ):
            edit.textChanged.connect(lambda _t, n=name: self._changed(n))
        self.description_edit.textChanged.connect(lambda: self._changed("description"))

    def value(self) -> HelpRequestInput:
        return HelpRequestInput(
            channel=combo_value(self.channel_combo) or "",
            requester_name=self.name_edit.text(),
            description=self.description_edit.toPlainText(),
            phone=self.phone_edit.text(),
            committee_code=combo_value(self.committee_combo),
            address=self.address_edit.text(),
            urgency=combo_value(self.urgency_combo) or "",
            external_ref=self.reference_edit.text().strip(),
        )

    def _problems(self) -> list[Problem]:
        return problems_of(validate_request, self.value())

    def _submit(self) -> None:
        service = HelpRequestService(self._workspace.store, self._workspace.actor)
        self._workspace.tasks.submit(
            service.receive,
            self.value(),
            on_done=self._on_saved,
            on_error=self._on_save_failed,
            changes="help_requests",
            owner=self,
        )

    def _on_saved(self, request_id: str) -> None:
        self.request_saved.emit(request_id)
        self.accept()
