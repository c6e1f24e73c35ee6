"""server history: a restore from a backup starts a new line of the sequence

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "server_history",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("started_seq", sa.BigInteger(), nullable=False),
        sa.Column("started_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_history")),
    )
    with op.batch_alter_table("counter", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("history", sa.String(length=32), nullable=False, server_default="")
        )
    # The line the database has been on so far; it began at the first seq.
    first = uuid.uuid4().hex
    history = sa.table(
        "server_history",
        sa.column("id", sa.String),
        sa.column("started_seq", sa.BigInteger),
        sa.column("started_at", TIME),
    )
    op.bulk_insert(
        history, [{"id": first, "started_seq": 0, "started_at": dt.datetime.now(dt.UTC)}]
    )
    counter = sa.table("counter", sa.column("history", sa.String))
    op.execute(counter.update().values(history=first))


def downgrade() -> None:
    with op.batch_alter_table("counter", schema=None) as batch_op:
        batch_op.drop_column("history")
    op.drop_table("server_history")
