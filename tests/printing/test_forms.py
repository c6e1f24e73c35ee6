"""Stories of printing: every form comes out with its fonts embedded, every string readable back
as typed (rare characters included), ID numbers masked unless asked, and every print audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.models import AuditEvent
from app.printing.forms.common import MEMBER_HEADERS
from app.printing.printer import FormPrinter, print_form
from app.printing.records import FormKind
from app.store.engine import Store
from tests.printing.conftest import ADVISOR, HEAD_ID, RARE_ID, Case, require_poppler
from tests.printing.form_samples import FALLBACK_NAME, RARE_NAME, SITUATION
from tests.printing.pdf_tools import page_png, pdffonts, pdftotext, pypdf_pages, qr_texts, squeeze

HOUSEHOLD_TEXT = [
    "张伟",
    RARE_NAME,
    FALLBACK_NAME,
    "华阳路 112 弄 3 号 502 室",
    "021-62345678",
    "示例·华阳路第一居委",
    "310105********003X"[:6],
]
EXPECTED: dict[FormKind, list[str]] = {
    FormKind.HOUSEHOLD: [*HOUSEHOLD_TEXT, "家庭基本情况表", "户主膝关节不好，上门请提前电话联系。"],
    FormKind.VISIT: [
        *HOUSEHOLD_TEXT,
        "入户走访记录表",
        SITUATION,
        f"户主张伟、{RARE_NAME}（儿子）",
        "一周内提交临时救助申请（顾问协助填表）。",
        "2025-03-03 14:00",
    ],
    FormKind.ASSESSMENT: [
        *HOUSEHOLD_TEXT,
        "需求评估表",
        "冰箱空了，户主说已两天没有正常吃饭。",
        "紧急保护",
    ],
    FormKind.PLAN: [
        *HOUSEHOLD_TEXT,
        "一户一方案",
        "尽快解除断炊风险，保障一日三餐",
        "安排长者助餐，每日午餐送餐上门",
    ],
    FormKind.REFERRAL: [
        "转介单",
        "转介回执",
        "张伟",
        "华阳路街道长者食堂（社会组织）",
        "户主行动不便，邻居无法继续帮忙买菜；需要每日送餐上门（“助餐”）。",
    ],
    FormKind.RECEIPT: [RARE_NAME, "求助受理回执", "父亲膝盖不好，下不了楼，想申请助餐和上门护理。"],
}


def record_id(case: Case, kind: FormKind) -> str:
    return {
        FormKind.HOUSEHOLD: case.household,
        FormKind.VISIT: case.visit,
        FormKind.ASSESSMENT: case.assessment,
        FormKind.PLAN: case.plan,
        FormKind.REFERRAL: case.referral,
        FormKind.RECEIPT: case.request,
    }[kind]


def audit_rows(store: Store, action: str) -> list[AuditEvent]:
    with store.sessions() as session:
        return list(
            session.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars()
        )


@pytest.fixture(autouse=True)
def _poppler() -> None:
    require_poppler()


@pytest.mark.parametrize("kind", list(FormKind))
def test_every_form_embeds_its_fonts_and_uses_no_other(
    store: Store, case: Case, kind: FormKind
) -> None:
    pdf = FormPrinter(store).render(kind, record_id(case, kind), actor=ADVISOR)

    fonts = pdffonts(pdf)
    assert fonts, "a form with no fonts drew no text"
    assert all(f.embedded and f.subset and f.unicode for f in fonts), fonts
    assert {f.name.split("+")[1] for f in fonts} <= {"LXGWWenKai-Regular", "HanaMinB"}


@pytest.mark.parametrize("kind", list(FormKind))
def test_every_string_on_a_form_reads_back_exactly(
    store: Store, case: Case, kind: FormKind
) -> None:
    pdf = FormPrinter(store).render(kind, record_id(case, kind), actor=ADVISOR)

    poppler = squeeze(pdftotext(pdf))
    pypdf_text = squeeze("".join(pypdf_pages(pdf)))
    for expected in [*EXPECTED[kind], record_id(case, kind)]:
        assert squeeze(expected) in poppler, f"pdftotext lost {expected!r}"
        assert squeeze(expected) in pypdf_text, f"pypdf lost {expected!r}"


def test_rare_names_print_through_the_fallback_font(store: Store, case: Case) -> None:
    pdf = FormPrinter(store).render(FormKind.HOUSEHOLD, case.household, actor=ADVISOR)

    names = {f.name.split("+")[1] for f in pdffonts(pdf)}
    assert names == {"LXGWWenKai-Regular", "HanaMinB"}  # 𪚥 is only in HanaMin B
    lines = pdftotext(pdf).splitlines()
    assert RARE_NAME in lines and FALLBACK_NAME in lines  # whole, not split by the font switch


@pytest.mark.parametrize("unmasked", [False, True], ids=["masked", "full-id"])
def test_the_member_table_keeps_each_header_and_id_number_on_one_line(
    store: Store, case: Case, unmasked: bool
) -> None:
    """A header split as 就业状 / 况, or an 18-digit number split in two, reads badly on paper
    and does not read back whole."""
    pdf = FormPrinter(store).render(
        FormKind.HOUSEHOLD, case.household, actor=ADVISOR, unmasked=unmasked
    )

    cells = {cell.strip() for line in pdftotext(pdf).splitlines() for cell in line.split("  ")}
    assert [h for h in MEMBER_HEADERS if h not in cells] == []
    number = HEAD_ID if unmasked else f"{HEAD_ID[:6]}********{HEAD_ID[-4:]}"
    assert number in cells


def test_id_numbers_are_masked_and_every_print_is_audited(store: Store, case: Case) -> None:
    pdf = FormPrinter(store).render(FormKind.VISIT, case.visit, actor=ADVISOR)

    text = pdftotext(pdf)
    assert HEAD_ID not in text and RARE_ID not in text
    assert f"{HEAD_ID[:6]}********{HEAD_ID[-4:]}" in text
    printed = audit_rows(store, "print")
    assert [(r.entity, r.entity_id, r.actor) for r in printed] == [("visit", case.visit, ADVISOR)]
    assert printed[0].detail["unmasked"] is False
    assert audit_rows(store, "reveal_id") == []


def test_printing_full_id_numbers_is_a_choice_that_is_audited(store: Store, case: Case) -> None:
    pdf = FormPrinter(store).render(
        FormKind.HOUSEHOLD, case.household, actor=ADVISOR, unmasked=True
    )

    text = pdftotext(pdf)
    assert HEAD_ID in text and RARE_ID in text
    revealed = {r.entity_id for r in audit_rows(store, "reveal_id")}
    assert revealed == {case.head_member, case.rare_member}  # the member without a number: none
    (printed,) = audit_rows(store, "print")
    assert printed.detail["unmasked"] is True


def test_referral_letter_qr_codes_decode_to_the_referral_id(store: Store, case: Case) -> None:
    pdf = FormPrinter(store).render(FormKind.REFERRAL, case.referral, actor=ADVISOR)

    codes = qr_texts(page_png(pdf, page=1))
    assert codes == [case.referral, case.referral]  # the letter and its tear-off 回执
    assert "沿此线剪下" in pdftotext(pdf)


def test_print_command_writes_the_pdf_file(store: Store, case: Case, tmp_path: Path) -> None:
    out = print_form(store, "receipt", case.request, tmp_path / "out" / "回执.pdf", actor=ADVISOR)

    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in out.parent.iterdir()] == ["回执.pdf"]  # no temporary file left
    assert len(audit_rows(store, "print")) == 1


def test_an_unknown_kind_or_id_is_refused(store: Store, case: Case) -> None:
    with pytest.raises(ValueError):
        FormPrinter(store).render("letter", case.visit, actor=ADVISOR)
    with pytest.raises(LookupError):
        FormPrinter(store).render(FormKind.VISIT, "no-such-visit", actor=ADVISOR)
    assert audit_rows(store, "print") == []
