"""household search: FTS5 documents per household (see app.services.search)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 20:00:00

The DDL is frozen here (a migration must not change when the code does, and the store may not
import services). Documents are built by app.services.search: ``ensure_index`` rebuilds them
when a store migrated with households in it has none yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE household_search_doc ("
        " doc INTEGER PRIMARY KEY, household_id VARCHAR(36) NOT NULL UNIQUE,"
        " head_name TEXT NOT NULL, address TEXT NOT NULL, committee_code TEXT NOT NULL,"
        " members TEXT NOT NULL)"
    )
    op.execute(
        "CREATE VIRTUAL TABLE household_search USING fts5("
        " names, chars, pinyin, phones, address, tags, content='', contentless_delete=1,"
        " tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE household_search")
    op.execute("DROP TABLE household_search_doc")
