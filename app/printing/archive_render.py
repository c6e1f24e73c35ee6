"""One archived form: rendered with an archive footer and converted to PDF/A-2b. Runs in worker
processes too, so it depends only on the form's data (never on the clock or the store)."""

from __future__ import annotations

import datetime as dt

from app.printing.layout import PrintStamp
from app.printing.pdfa import PdfaMeta, to_pdfa
from app.printing.records import AssessmentRecord, FormData, ReceiptRecord, ReferralRecord
from app.printing.rendering import render_form
from app.services.local_time import SHANGHAI
from app.services.plan_records import PlanView
from app.services.visit_records import VisitView


def _record_moments(data: FormData) -> list[dt.datetime]:
    record = data.record
    if isinstance(record, VisitView):
        return [record.updated_at, *(a.at for a in record.amendments)]
    if isinstance(record, AssessmentRecord):
        return [record.assessment.created_at]
    if isinstance(record, PlanView):
        return [record.updated_at]
    if isinstance(record, ReferralRecord):
        return [record.referral.state_changed_at, *(s.at for s in record.referral.steps)]
    if isinstance(record, ReceiptRecord):
        request = record.request
        return [request.received_at, *([request.triaged_at] if request.triaged_at else [])]
    return []


def form_moment(data: FormData) -> dt.datetime:
    """The latest change of anything the form shows: its 'data as of' time, to the second."""
    moments = _record_moments(data)
    if data.household is not None:
        moments.append(data.household.detail.updated_at)
    aware = [m if m.tzinfo else m.replace(tzinfo=dt.UTC) for m in moments]
    latest = max(aware) if aware else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return latest.astimezone(SHANGHAI).replace(microsecond=0)


def archived_pdf(data: FormData, archived_by: str) -> bytes:
    """The PDF/A-2b bytes of one form as archived."""
    moment = form_moment(data)
    stamp = PrintStamp(archived_by, moment, by_label="归档人", at_label="数据截至")
    pdf = render_form(data, stamp)
    meta = PdfaMeta(data.spec.title, data.record_id, data.letterhead.station, moment)
    return to_pdfa(pdf, meta)
