"""Form data to PDF bytes: pick the form's builder and lay it out with its header and footer."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from reportlab.platypus import Flowable

from app.printing.forms import assessment, household, plan, receipt, referral, visit
from app.printing.layout import PageFurniture, PrintStamp, build_pdf
from app.printing.records import FormData, FormKind

Builder = Callable[[FormData], list[Flowable]]
BUILDERS: Mapping[FormKind, Builder] = {
    FormKind.HOUSEHOLD: household.build,
    FormKind.VISIT: visit.build,
    FormKind.ASSESSMENT: assessment.build,
    FormKind.PLAN: plan.build,
    FormKind.REFERRAL: referral.build,
    FormKind.RECEIPT: receipt.build,
}


def furniture_of(data: FormData, stamp: PrintStamp) -> PageFurniture:
    spec = data.spec
    return PageFurniture(
        data.letterhead, spec.title, data.record_id, spec.code, spec.version, stamp
    )


def render_form(data: FormData, stamp: PrintStamp) -> bytes:
    """The PDF of one form (deterministic: equal data and stamp give equal bytes)."""
    return build_pdf(furniture_of(data, stamp), BUILDERS[data.kind](data), subject=data.spec.title)
