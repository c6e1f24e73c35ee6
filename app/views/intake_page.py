"""求助受理: the reception desk. A queue of help requests by channel with their response deadlines
(passed ones in red, those due within a day in amber), the new-request form, triage of the chosen
request, and import of online requests from a platform's CSV/xlsx export.

Receipts are printed by the printing package: it connects to ``receipt_requested(request_id)``,
emitted when a request has been registered (and by ``request_receipt()`` for the chosen one).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import HelpRequestChannel, HelpRequestState, Role, Urgency
from app.printing.records import FormKind
from app.services.help_request_records import OPEN_STATES, HelpRequestView
from app.services.help_requests import DISCOVERY, HelpRequestService
from app.services.online_requests import OnlineImportResult
from app.services.staff import StaffMember, list_staff
from app.views.enum_text import enum_value_text
from app.views.form_fields import combo_value, fill_enum_combo, set_combo_value
from app.views.form_printing import PrintLauncher
from app.views.help_request_dialog import HelpRequestDialog
from app.views.household_dialog import HouseholdDialog
from app.views.lazy_page import LazyPage, fit_columns, record_table
from app.views.moments import deadline_color, moment_text
from app.views.record_table_model import Column, RecordTableModel
from app.views.request_panel import RequestPanel
from app.views.workspace import Workspace

SPREADSHEETS = "*.csv *.xlsx *.txt"


def _deadline(request: HelpRequestView) -> object:
    return deadline_color(request.respond_by, request.state in OPEN_STATES)


class IntakePage(LazyPage):
    """The queue on the left, the chosen request on the right."""

    receipt_requested = Signal(str)  # request id: the printing package prints its 受理回执
    household_requested = Signal(str)
    queue_loaded = Signal(int)
    online_imported = Signal(object)  # OnlineImportResult

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self._select_id: str | None = None
        self.model = RecordTableModel(self._columns(), self)
        self.panel = RequestPanel(workspace)
        self.printing = PrintLauncher(workspace, self)
        self._build()
        self._connect()

    def _columns(self) -> list[Column]:
        return [
            Column(
                self.tr("响应期限"),
                lambda r: moment_text(r.respond_by),
                color=_deadline,  # type: ignore[arg-type]
                bold=lambda r: r.overdue,
            ),
            Column(self.tr("渠道"), lambda r: enum_value_text(HelpRequestChannel, r.channel)),
            Column(self.tr("紧急"), lambda r: enum_value_text(Urgency, r.urgency)),
            Column(self.tr("求助人"), lambda r: r.requester_name),
            Column(self.tr("求助内容"), lambda r: " ".join(r.description.split())),
            Column(self.tr("状态"), lambda r: enum_value_text(HelpRequestState, r.state)),
        ]

    @property
    def service(self) -> HelpRequestService:
        return HelpRequestService(self._workspace.store, self._workspace.actor)

    def _build(self) -> None:
        self.channel_combo = QComboBox()
        fill_enum_combo(self.channel_combo, HelpRequestChannel, empty_text=self.tr("全部渠道"))
        self.committee_combo = QComboBox()
        self.open_only_box = QCheckBox(self.tr("只看未办结"))
        self.open_only_box.setChecked(True)
        self.new_button = QPushButton(self.tr("登记求助…"))
        self.import_button = QPushButton(self.tr("导入线上求助…"))
        self.receipt_button = QPushButton(self.tr("打印回执…"))
        bar = QHBoxLayout()
        for widget in (self.channel_combo, self.committee_combo, self.open_only_box):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.receipt_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.new_button)
        self.count_label = QLabel(self.tr("正在加载…"))
        self.table = record_table(self)
        self.table.setModel(self.model)
        fit_columns(self.table, 4)
        queue = QWidget()
        queue_layout = QVBoxLayout(queue)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addWidget(self.count_label)
        queue_layout.addWidget(self.table, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(queue)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.channel_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.committee_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.open_only_box.toggled.connect(lambda _on: self.load())
        self.new_button.clicked.connect(lambda: self.open_new_request())
        self.import_button.clicked.connect(self._on_import_clicked)
        self.receipt_button.clicked.connect(self.request_receipt)
        self.receipt_requested.connect(lambda i: self.printing.print_form(FormKind.RECEIPT, i))
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show(current.row())
        )
        self.panel.household_requested.connect(self.household_requested)
        self.panel.register_requested.connect(self._on_register_requested)

    # ---- loading -------------------------------------------------------------------------

    def load(self) -> None:
        if self.committee_combo.count() == 0:
            self.committee_combo.addItem(self.tr("全部居委"), None)
            for code, name in self._workspace.committees:
                self.committee_combo.addItem(name, code)
        self._workspace.tasks.submit(
            list_staff,
            self._workspace.store,
            (Role.ADVISOR,),
            on_done=self._on_staff_loaded,
            owner=self,
        )
        self._workspace.tasks.submit(
            self._read_queue,
            self.open_only_box.isChecked(),
            combo_value(self.channel_combo),
            combo_value(self.committee_combo),
            on_done=self._on_queue_loaded,
            owner=self,
        )

    def _read_queue(
        self, open_only: bool, channel: str | None, committee: str | None
    ) -> list[HelpRequestView]:
        return self.service.queue(open_only=open_only, channel=channel, committee_code=committee)

    def _on_staff_loaded(self, advisors: list[StaffMember]) -> None:
        self.panel.set_advisors(advisors)

    def _on_queue_loaded(self, requests: list[HelpRequestView]) -> None:
        current = self.panel.request.id if self.panel.request is not None else None
        wanted = self._select_id or current
        self._select_id = None
        self.model.set_records(requests)
        overdue = sum(1 for r in requests if r.overdue)
        text = self.tr("共 %1 条，已超期 %2 条").replace("%1", str(len(requests)))
        self.count_label.setText(text.replace("%2", str(overdue)))
        row = next((i for i, r in enumerate(requests) if r.id == wanted), -1)
        if row >= 0:
            self._select_row(row)
        else:
            self.panel.show_request(None)
        self.queue_loaded.emit(len(requests))

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        self._show(row)

    def _show(self, row: int) -> None:
        self.panel.show_request(self.model.record(row))

    def select_request(self, request_id: str) -> None:
        """Show ``request_id`` once the queue is (re)loaded, closed requests included."""
        self._select_id = request_id
        if self.isVisible():
            self.open_only_box.setChecked(False)
            self.load()
        else:
            self.open_only_box.blockSignals(True)
            self.open_only_box.setChecked(False)
            self.open_only_box.blockSignals(False)
            self.stale = True

    # ---- acting --------------------------------------------------------------------------

    def open_new_request(self, channel: str | None = None) -> HelpRequestDialog:
        dialog = HelpRequestDialog(self._workspace, channel, parent=self)
        dialog.setObjectName("help_request_dialog")
        dialog.request_saved.connect(self._on_request_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_request_saved(self, request_id: str) -> None:
        self._select_id = request_id
        self.receipt_requested.emit(request_id)

    def request_receipt(self) -> None:
        """Ask for the receipt of the chosen request (the printing package answers)."""
        if self.panel.request is not None:
            self.receipt_requested.emit(self.panel.request.id)

    def _on_register_requested(self, request: HelpRequestView) -> None:
        dialog = HouseholdDialog(self._workspace, None, parent=self)
        dialog.setObjectName("household_dialog")
        set_combo_value(dialog.committee_combo, request.committee_code)
        dialog.address_edit.setText(request.address)
        dialog.phone_edit.setText(request.phone)
        source = DISCOVERY[HelpRequestChannel(request.channel)].value
        set_combo_value(dialog.source_combo, source)
        dialog.household_saved.connect(self.panel.link_new_household)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_import_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("选择线上求助导出文件"))
        dialog.setNameFilter(self.tr("表格文件 (%1)").replace("%1", SPREADSHEETS))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.import_online(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def import_online(self, path: Path) -> None:
        self.import_button.setEnabled(False)
        self._workspace.tasks.submit(
            self.service.import_online_requests,
            path,
            on_done=self._on_imported,
            on_error=self._on_import_failed,
            changes="help_requests",
            owner=self,
        )

    def _on_imported(self, result: OnlineImportResult) -> None:
        self.import_button.setEnabled(True)
        text = self.tr("导入 %1 条求助；%2 条已在队列中，跳过；%3 条有误未导入。")
        text = text.replace("%1", str(result.imported)).replace("%2", str(result.skipped))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("导入线上求助"),
            text.replace("%3", str(result.rejected)),
            parent=self,
        )
        if result.errors:
            language = self._workspace.language
            lines = [
                self.tr("第 %1 行").replace("%1", str(e.row))
                + f" {e.column}「{e.value}」：{e.en if language == 'en' else e.zh}"
                for e in result.errors
            ]
            box.setDetailedText("\n".join(lines))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.online_imported.emit(result)

    def _on_import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        zh = getattr(error, "zh", None)
        text = zh if zh and self._workspace.language != "en" else str(error)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("导入线上求助"), text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
