"""The people who work in this store (users pulled from the server, or seeded): who is signed in,
which role decides the pages shown, and the advisors a help request can be assigned to."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.domain.enums import Role
from app.models import User
from app.store.engine import Store

ROLE_ORDER = (Role.ADVISOR, Role.STATION, Role.SUPERVISOR, Role.ADMIN)


@dataclass(frozen=True)
class StaffMember:
    id: str
    login: str
    display_name: str
    role: str  # Role value


def staff_by_login(store: Store, login: str) -> StaffMember | None:
    with store.sessions() as session:
        user = session.execute(
            select(User).where(User.login == login, User.deleted.is_(False))
        ).scalar_one_or_none()
        return (
            None if user is None else StaffMember(user.id, user.login, user.display_name, user.role)
        )


def list_staff(store: Store, roles: tuple[Role, ...] = ()) -> list[StaffMember]:
    """Live users (of ``roles`` when given), by display name."""
    stmt = select(User).where(User.deleted.is_(False)).order_by(User.display_name, User.login)
    if roles:
        stmt = stmt.where(User.role.in_([r.value for r in roles]))
    with store.sessions() as session:
        return [
            StaffMember(u.id, u.login, u.display_name, u.role)
            for u in session.execute(stmt).scalars()
        ]


def role_rank(role: str | None) -> int:
    """advisor 0 < station 1 < supervisor 2 < admin 3; an unknown role sees what an advisor sees."""
    codes = [r.value for r in ROLE_ORDER]
    return codes.index(role) if role in codes else 0
