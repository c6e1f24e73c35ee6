"""The station and supervisor pages in the main window's navigation, shown by the signed-in
user's role: an advisor sees 工作台, 户档案, 资源库 and 救助标准; station staff add 求助受理 and
台账; supervisors add 督导看板, 覆盖情况 and 重复核查; administrators also edit resources and
standards. A profile without a role (and the demo) shows every page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QListWidget, QStackedWidget, QWidget

from app.domain.enums import Role
from app.services.demo_data import DEMO_LOGIN
from app.services.staff import StaffMember, role_rank, staff_by_login
from app.views.coverage_page import CoveragePage
from app.views.duplicates_page import DuplicatesPage
from app.views.intake_page import IntakePage
from app.views.ledgers_page import LedgersPage
from app.views.resources_page import ResourcesPage
from app.views.standards_page import StandardsPage
from app.views.supervisor_dashboard import SupervisorDashboardPage
from app.views.workbench import WorkbenchPage
from app.views.workspace import Workspace

ADVISOR, STATION, SUPERVISOR, ADMIN = range(4)  # role_rank() of the roles


def signed_in_login(workspace: Workspace) -> str:
    """Whose work the pages show: the workspace's login; the demo works as its demo advisor."""
    return DEMO_LOGIN if workspace.is_demo else workspace.actor


@dataclass(frozen=True)
class Entry:
    title: str
    page: QWidget
    rank: int  # the least role rank that sees the page


class WorkflowPages(QObject):
    """Makes the pages; ``install`` puts them after 户档案 and wires their links."""

    def __init__(self, workspace: Workspace, summary: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self.login = signed_in_login(workspace)
        self.user: StaffMember | None = None
        self.workbench = WorkbenchPage(workspace, self.login, summary)
        self.intake = IntakePage(workspace)
        self.resources = ResourcesPage(workspace)
        self.dashboard = SupervisorDashboardPage(workspace)
        self.coverage = CoveragePage(workspace)
        self.duplicates = DuplicatesPage(workspace)
        self.ledgers = LedgersPage(workspace)
        self.standards = StandardsPage(workspace)
        self._nav: QListWidget | None = None
        self._pages: QStackedWidget | None = None

    def entries(self) -> list[Entry]:
        """The pages after 户档案, in navigation order."""
        return [
            Entry(self.tr("求助受理"), self.intake, STATION),
            Entry(self.tr("资源库"), self.resources, ADVISOR),
            Entry(self.tr("督导看板"), self.dashboard, SUPERVISOR),
            Entry(self.tr("覆盖情况"), self.coverage, SUPERVISOR),
            Entry(self.tr("重复核查"), self.duplicates, SUPERVISOR),
            Entry(self.tr("台账"), self.ledgers, STATION),
            Entry(self.tr("救助标准"), self.standards, ADVISOR),
        ]

    def install(
        self, nav: QListWidget, pages: QStackedWidget, open_household: Callable[[str], None]
    ) -> None:
        self._nav, self._pages = nav, pages
        for entry in self.entries():
            nav.addItem(entry.title)
            pages.addWidget(entry.page)
        for signal in (
            self.workbench.task_list.household_requested,
            self.intake.household_requested,
            self.coverage.household_requested,
            self.duplicates.household_requested,
        ):
            signal.connect(open_household)
        self.workbench.task_list.request_requested.connect(self.open_request)
        self._set_editing(True)
        if not self._workspace.is_demo:
            self._workspace.tasks.submit(
                staff_by_login, self._workspace.store, self.login, on_done=self._on_user, owner=self
            )

    def show_page(self, page: QWidget) -> None:
        if self._nav is not None and self._pages is not None:
            self._nav.setCurrentRow(self._pages.indexOf(page))

    def open_request(self, request_id: str) -> None:
        self.intake.select_request(request_id)
        self.show_page(self.intake)

    def _on_user(self, user: StaffMember | None) -> None:
        """Hide what the role does not use; without a role every page stays."""
        self.user = user
        if user is None or self._nav is None or not shiboken6.isValid(self._nav):
            return
        assert self._pages is not None
        rank = role_rank(user.role)
        for entry in self.entries():
            row = self._pages.indexOf(entry.page)
            self._nav.item(row).setHidden(rank < entry.rank)
        self._set_editing(user.role == Role.ADMIN.value)

    def _set_editing(self, can_edit: bool) -> None:
        self.resources.set_can_edit(can_edit)
        self.standards.set_can_edit(can_edit)
