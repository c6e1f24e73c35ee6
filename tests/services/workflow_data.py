"""Shared values of the workflow stories (imported by conftest and the test modules)."""

from __future__ import annotations

COMMITTEE = "310105002001"
OTHER_COMMITTEE = "310105002002"
ADVISOR_LOGIN, ADMIN_LOGIN = "advisor1", "admin1"


def with_check_digit(first17: str) -> str:
    """An independent GB 11643 check digit, so tests do not trust the code they test."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


HEAD_ID = with_check_digit("31011519560312003")  # 张伟, male, 1956-03-12
WIFE_ID = with_check_digit("31010519580704002")  # 李秀英, female
