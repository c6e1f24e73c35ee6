"""Chinese line breaking for printed forms: greedy filling with the 避头尾 (kinsoku) rules.

No line starts with closing punctuation (，。；：？！、）》」』 …) and none ends with an opening
bracket or quote (（《「『 …); Latin words and numbers stay whole when they fit on a line.
A line that would break a rule gives its last character(s) to the next line; when nothing can
be given back (a line made only of punctuation), up to two closing marks hang past the margin.
"""

from __future__ import annotations

from collections.abc import Callable

NO_START = frozenset("，。；：？！、）》」』】〕〉〗”’…—·～%,.;:?!)]}")
NO_END = frozenset("（《「『【〔〈〖“‘([{")
WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/@:+%#&")
MAX_HANGING = 2
CONTROLS = {ord(c): None for c in map(chr, range(32)) if c not in "\n\t"} | {ord("\t"): "  "}


def can_break(text: str, at: int) -> bool:
    """Whether a line may end before ``text[at]`` (0 < at < len(text))."""
    before, after = text[at - 1], text[at]
    if after == " " or before == " ":
        return True
    if after in NO_START or before in NO_END:
        return False
    return not (before in WORD and after in WORD)


def clean_text(text: str) -> str:
    """Line ends as ``\n``, tabs as two spaces, other control characters dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(CONTROLS)


def wrap_spans(text: str, width: float, measure: Callable[[str], float]) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` (already ``clean_text``) no wider than ``width``.

    Newlines start new lines; spaces at a break belong to no line; an empty paragraph is an
    empty line. ``measure`` gives one character's advance."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans.extend(
            (offset + start, offset + end)
            for start, end in _paragraph_spans(paragraph, width, measure)
        )
        offset += len(paragraph) + 1
    return spans


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` as lines no wider than ``width`` (see ``wrap_spans``)."""
    clean = clean_text(text)
    return [clean[start:end] for start, end in wrap_spans(clean, width, measure)]


def _paragraph_spans(
    text: str, width: float, measure: Callable[[str], float]
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start, length = 0, len(text.rstrip(" "))
    while True:
        end = _fit(text, start, width, measure)
        if end >= length:
            spans.append((start, length))
            return spans
        end = _break_before(text, start, end)
        spans.append((start, len(text[start:end].rstrip(" ")) + start))
        start = end
        while start < length and text[start] == " ":
            start += 1
        if start >= length:
            return spans


def _fit(text: str, start: int, width: float, measure: Callable[[str], float]) -> int:
    """The end of the longest line from ``start`` that fits (at least one character)."""
    total = 0.0
    for index in range(start, len(text.rstrip(" "))):
        total += measure(text[index])
        if total > width and index > start and text[index] != " ":
            return index
    return len(text.rstrip(" "))


def _break_before(text: str, start: int, end: int) -> int:
    """Where the line starting at ``start`` ends when ``text[end]`` no longer fits."""
    for at in range(end, start, -1):
        if can_break(text, at):
            return at
    hanging = end
    while hanging < len(text) and hanging - end < MAX_HANGING and text[hanging] in NO_START:
        hanging += 1
    return hanging
