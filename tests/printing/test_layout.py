"""Stories of the layout toolkit, on forms built from plain records: long records run over pages
with numbered footers and repeated table headers, Chinese lines break by the 避头尾 rules, and
characters beyond the BMP extract back (the ToUnicode fix)."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFontFile

from app.printing.fonts import FALLBACK, PRIMARY, fonts
from app.printing.rendering import render_form
from app.printing.reportlab_fixes import fix_advance_widths, to_unicode_cmap
from app.printing.text import NO_END, NO_START, wrap
from tests.printing.conftest import require_poppler
from tests.printing.form_samples import FALLBACK_NAME, RARE_NAME, SITUATION, STAMP, visit_form
from tests.printing.pdf_tools import page_count, pdftotext, pypdf_pages, squeeze

LONG_SITUATION = SITUATION * 10
MEMBERS_BEYOND_ONE_PAGE = 30


@pytest.fixture(scope="module")
def three_pages() -> bytes:
    return render_form(visit_form(MEMBERS_BEYOND_ONE_PAGE, LONG_SITUATION), STAMP)


def test_a_three_page_visit_record_numbers_pages_and_repeats_table_headers(
    three_pages: bytes,
) -> None:
    require_poppler()
    assert page_count(three_pages) == 3
    pages = [pdftotext(three_pages, first=n, last=n) for n in (1, 2, 3)]
    for number, text in enumerate(pages, start=1):
        assert f"第{number}页/共3页" in squeeze(text)  # pdftotext drops the spaces around digits
        assert "入户走访记录表" in text and visit_form().record_id in text  # header on each page
        assert "打印人：王顾问（advisor1）" in text and "2025-03-04 09:30" in text
    typed = [p.replace("\n", "") for p in pypdf_pages(three_pages)]
    assert [f"第 {n} 页 / 共 3 页" in typed[n - 1] for n in (1, 2, 3)] == [True] * 3
    member_header = "证件号码"
    assert member_header in pages[0] and member_header in pages[1]  # the table ran over
    assert "成员29号" in pages[1] and "成员29号" not in pages[0]
    body = "".join(_without_furniture(page) for page in pages)
    assert squeeze(LONG_SITUATION) in squeeze(body)  # split across pages, intact


def _without_furniture(page: str) -> str:
    """A page's text without its header and footer lines."""
    furniture = ("示例·长宁区", "示例·华阳路第一居委", "入户走访记录表", "编号：", "表式：", "打印")
    kept = [
        line
        for line in page.splitlines()
        if not line.startswith(furniture) and not re.fullmatch(r"第\d+页/共\d+页", line)
    ]
    return "\n".join(kept)


def _lines_of(text: str, source: str) -> list[str]:
    """The extracted lines that are pieces of ``source`` (its wrapped lines)."""
    return [
        line.strip()
        for line in text.splitlines()
        if len(line.strip()) > 1 and line.strip() in source
    ]


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(three_pages: bytes) -> None:
    require_poppler()
    lines = _lines_of(pdftotext(three_pages), LONG_SITUATION)
    assert len(lines) > 30, "the long text should have wrapped over many lines"
    assert [line for line in lines if line[0] in NO_START] == []
    assert [line for line in lines if line[-1] in NO_END] == []
    assert any(
        line[-1] in "，。；：？！、）》" for line in lines
    )  # punctuation at a line end stays


def test_characters_beyond_the_bmp_extract_back_through_the_tounicode_map() -> None:
    cmap = to_unicode_cmap("AAAAAA+Font", [0, 0x20BB7, 0x4E00, 0x21336])
    assert "<01> <D842DFB7>" in cmap and "<02> <4E00>" in cmap and "<03> <D844DF36>" in cmap

    require_poppler()
    pdf = render_form(visit_form(), STAMP)
    for text in (pdftotext(pdf), "".join(pypdf_pages(pdf))):
        assert RARE_NAME in text and FALLBACK_NAME in text
    with pikepdf.open(io.BytesIO(pdf)) as document:
        maps = b"".join(
            font.ToUnicode.read_bytes() for font in document.pages[0].Resources.Font.values()
        )
    assert b"<D842DFB7>" in maps  # 𠮷 as a surrogate pair


def test_each_character_is_drawn_by_a_font_that_has_it() -> None:
    found = fonts()
    assert found.glyph("𠮷").font == PRIMARY and found.glyph("2").font == PRIMARY
    assert found.glyph("𪚥").font == FALLBACK
    assert found.runs("龙𪚥家") == [(PRIMARY, "龙"), (FALLBACK, "𪚥"), (PRIMARY, "家")]


def test_fallback_font_widths_are_fixed_for_its_1024_unit_em() -> None:
    faces = fonts().faces
    assert fix_advance_widths(faces[PRIMARY]) == 0  # 1000 units per em: nothing to fix
    hana = faces[FALLBACK]
    glyph = hana.charToGlyph[ord("𪚥")]
    assert hana.hmetrics[glyph][0] == 1024  # the font's own units, as the subset needs


def test_subsets_read_glyphs_through_a_view_with_the_same_bytes() -> None:
    face = fonts().faces[PRIMARY]
    copied = TTFontFile.get_table(face, "glyf")  # ReportLab's own read: the whole table
    viewed = face.get_table("glyf")
    assert len(viewed) == len(copied)
    for start in (0, 12_345, len(copied) - 100):
        assert viewed[start : start + 100] == copied[start : start + 100]


def test_rendering_is_deterministic() -> None:
    assert render_form(visit_form(), STAMP) == render_form(visit_form(), STAMP)


# ---- the line breaker itself -----------------------------------------------------------------

HAN = "救助顾问上门走访老人独居家中冰箱空了"
CLOSING = "，。；：？！、）》」』"
OPENING = "（《「『"


@st.composite
def chinese_text(draw: st.DrawFn) -> str:
    """Han text with punctuation where Chinese puts it: closing marks after a character (at most
    two together), opening marks before one."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        opening = draw(st.sampled_from(["", "", *OPENING]))
        word = draw(st.text(alphabet=HAN, min_size=1, max_size=4))
        closing = draw(st.sampled_from(["", "", "", *CLOSING, "）。", "」，"]))
        parts.append(opening + word + closing)
    return "".join(parts)


@given(chinese_text(), st.integers(min_value=4, max_value=20))
def test_wrapping_keeps_every_character_and_the_punctuation_rules(text: str, width: int) -> None:
    lines = wrap(text, width, lambda c: 1.0)

    assert "".join(lines) == text
    assert all(len(line) <= width for line in lines)
    assert all(line[0] not in NO_START for line in lines[1:])
    assert all(line[-1] not in NO_END for line in lines)


def test_latin_words_and_numbers_are_not_broken_when_they_fit() -> None:
    text = "联系电话021-62345678，编号SL20250302-F0A51E。"
    assert wrap(text, 20, lambda c: 1.0) == ["联系电话021-62345678，编号", "SL20250302-F0A51E。"]
    narrow = wrap(text, 14, lambda c: 1.0)
    assert narrow[:2] == ["联系电话", "021-62345678，编"]  # the number moves down whole
    assert "".join(narrow) == text  # a word longer than the line is broken, nothing lost
