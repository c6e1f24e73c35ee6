"""audit log append-only: triggers refuse UPDATE and DELETE on audit_event

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 21:00:00

The audit log (who revealed an ID number, printed, exported, unlocked) may only grow: SQLite
aborts any UPDATE or DELETE of its rows, whoever asks. A later revision that rebuilds the table
in batch mode drops these triggers with it and must create them again (AUDIT_TRIGGERS).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUDIT_TRIGGERS = {
    "audit_event_no_update": "UPDATE",
    "audit_event_no_delete": "DELETE",
}


def upgrade() -> None:
    for name, operation in AUDIT_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {operation} ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
        )


def downgrade() -> None:
    for name in AUDIT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
