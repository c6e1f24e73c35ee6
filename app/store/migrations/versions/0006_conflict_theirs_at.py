"""sync_conflict.theirs_at: when the server value of a conflicting field was made

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 22:54:46

The conflicts screen shows who made each side and when; the server sends the time of the value
that stayed (older servers do not: then it stays empty).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.add_column(sa.Column("theirs_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_column("theirs_at")
