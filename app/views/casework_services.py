"""The workflow services of an open profile (visits, assessments, plans, referrals …), made from
the workspace's store and actor; views run their calls on the workspace's task runner."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.assessments import AssessmentService
from app.services.duplicate_merge import DuplicateService
from app.services.plans import PlanService
from app.services.referrals import ReferralService
from app.services.resources import ResourceService
from app.services.standards import StandardService
from app.services.visits import VisitService
from app.services.work_tasks import TaskService
from app.views.workspace import Workspace

# ``changes`` names the case-work views reload on (the household page reloads on "households").
CASEWORK_CHANGES = frozenset({"households", "visits", "assessments", "plans", "referrals"})


@dataclass(frozen=True)
class CaseServices:
    """One of each workflow service, all writing as the workspace's actor."""

    visits: VisitService
    assessments: AssessmentService
    plans: PlanService
    referrals: ReferralService
    resources: ResourceService
    standards: StandardService
    duplicates: DuplicateService
    work_tasks: TaskService

    @classmethod
    def of(cls, workspace: Workspace) -> CaseServices:
        store, actor = workspace.store, workspace.actor
        return cls(
            visits=VisitService(store, actor),
            assessments=AssessmentService(store, actor),
            plans=PlanService(store, actor),
            referrals=ReferralService(store, actor),
            resources=ResourceService(store, actor),
            standards=StandardService(store, actor),
            duplicates=DuplicateService(store, actor),
            work_tasks=TaskService(store),
        )
