"""The case-work part of the household page: the 政策找人 banner over the tabs 成员 / 走访 /
评估 / 方案 / 转介. The household page hands in its members box and the household to show."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.views.assessment_panel import AssessmentPanel
from app.views.eligibility_banner import EligibilityBanner
from app.views.plan_editor import PlanEditor
from app.views.referral_panel import ReferralPanel
from app.views.visit_timeline import VisitTimelinePanel
from app.views.workspace import Workspace


class CaseworkArea(QWidget):
    """Each tab loads its own data off the GUI thread and reloads on the runner's ``changed``."""

    def __init__(
        self, workspace: Workspace, members_page: QWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.household_id: str | None = None
        self.banner = EligibilityBanner(workspace)
        self.visits = VisitTimelinePanel(workspace)
        self.assessments = AssessmentPanel(workspace)
        self.plan = PlanEditor(workspace)
        self.referrals = ReferralPanel(workspace)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("casework_tabs")
        self.tabs.addTab(members_page, self.tr("成员"))
        self.tabs.addTab(self.visits, self.tr("走访"))
        self.tabs.addTab(self.assessments, self.tr("评估"))
        self.tabs.addTab(self.plan, self.tr("方案"))
        self.tabs.addTab(self.referrals, self.tr("转介"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def show_household(self, household_id: str, title: str = "") -> None:
        """Load a newly opened household; the same one again only refreshes the dialog titles
        (its tabs already follow every change)."""
        panels = (self.visits, self.assessments, self.plan, self.referrals)
        if household_id == self.household_id:
            for panel in panels:
                panel.title = title
            return
        self.household_id = household_id
        self.tabs.setCurrentIndex(0)
        self.banner.show_household(household_id)
        for panel in panels:
            panel.show_household(household_id, title)
