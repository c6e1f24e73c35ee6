"""A real encrypted store on disk with a small jurisdiction tree, for service tests."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from workflow_data import ADMIN_LOGIN, ADVISOR_LOGIN, COMMITTEE, with_check_digit

from app.models import Jurisdiction
from app.store.engine import Store, open_engine
from app.store.migrations import upgrade_to_head

DISTRICT, STREET = "310105000000", "310105002000"
COMMITTEES = {"310105002001": "示例·华阳路第一居委", "310105002002": "示例·华阳路第二居委"}


@pytest.fixture
def store_key() -> bytes:
    """The raw key of the ``store`` fixture, for tests that reopen it (another process)."""
    return secrets.token_bytes(32)


@pytest.fixture
def store(tmp_path: Path, store_key: bytes) -> Iterator[Store]:
    opened = open_engine(tmp_path / "nuanxin.db", store_key)
    upgrade_to_head(opened.engine)
    with opened.transaction() as session:
        session.add(Jurisdiction(code=DISTRICT, name="示例·长宁区", level="district"))
        session.add(
            Jurisdiction(code=STREET, name="示例·华阳路街道", level="street", parent_code=DISTRICT)
        )
        for code, name in COMMITTEES.items():
            session.add(Jurisdiction(code=code, name=name, level="committee", parent_code=STREET))
    yield opened
    opened.close()


# ---- workflow fixtures (visits, assessments, plans, referrals, intake, ledgers) -------------


@pytest.fixture
def advisor_id(store: Store) -> str:
    """The signed-in advisor's user id (login ``advisor1``)."""
    from app.models import User

    with store.transaction() as session:
        user = User(login=ADVISOR_LOGIN, display_name="王顾问", role="advisor", scope=[STREET])
        session.add(user)
        session.add(User(login=ADMIN_LOGIN, display_name="管理员", role="admin", scope=[DISTRICT]))
        session.flush()
        return user.id


@pytest.fixture
def household_id(store: Store, advisor_id: str) -> str:
    """A registered household (张伟 and his wife) assigned to the advisor."""
    from app.services.households import HouseholdInput, HouseholdService, MemberInput

    service = HouseholdService(store, ADVISOR_LOGIN)
    return service.create_household(
        HouseholdInput(
            committee_code=COMMITTEE,
            address="华阳路 112 弄 3 号 502 室",
            phone="021-62345678",
            categories=["dibao"],
            advisor_id=advisor_id,
        ),
        [
            MemberInput(name="张伟", id_number=with_check_digit("31011519560312003")),
            MemberInput(
                name="李秀英",
                id_number=with_check_digit("31010519580704002"),
                relation_to_head="spouse",
            ),
        ],
    )
