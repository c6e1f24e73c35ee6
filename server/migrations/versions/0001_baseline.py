"""baseline: records, accounts, jurisdictions

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "applied_mutation",
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("mid", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("outcome", JSON, nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("device_id", "mid", name=op.f("pk_applied_mutation")),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("base", JSON, nullable=True),
        sa.Column("mine", JSON, nullable=True),
        sa.Column("theirs", JSON, nullable=True),
        sa.Column("mine_by", sa.String(length=64), nullable=False),
        sa.Column("mine_device", sa.String(length=64), nullable=False),
        sa.Column("mine_mid", sa.BigInteger(), nullable=False),
        sa.Column("theirs_by", sa.String(length=64), nullable=False),
        sa.Column("theirs_seq", sa.BigInteger(), nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.Column("resolved_at", TIME, nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index("ix_conflict_entity_row_id", ["entity", "row_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_resolved_at"), ["resolved_at"], unique=False)

    op.create_table(
        "counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("purged_seq", sa.BigInteger(), nullable=False),
        sa.Column("tree_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counter")),
    )
    op.create_table(
        "jurisdiction",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("parent_code", sa.String(length=16), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_jurisdiction")),
        sa.UniqueConstraint("record_id", name=op.f("uq_jurisdiction_record_id")),
    )
    with op.batch_alter_table("jurisdiction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_jurisdiction_parent_code"), ["parent_code"], unique=False
        )

    op.create_table(
        "login_audit",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", TIME, nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_audit")),
    )
    with op.batch_alter_table("login_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_audit_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_login_audit_login"), ["login"], unique=False)

    op.create_table(
        "record",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("scope_code", sa.String(length=16), nullable=False),
        sa.Column("parent_id", sa.String(length=64), nullable=True),
        sa.Column("fields", JSON, nullable=False),
        sa.Column("field_seq", JSON, nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("entity", "id", name=op.f("pk_record")),
        sa.UniqueConstraint("seq", name=op.f("uq_record_seq")),
    )
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index("ix_record_scope_code_seq", ["scope_code", "seq"], unique=False)

    op.create_table(
        "revision",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("fields", JSON, nullable=False),
        sa.Column("user_login", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("mid", sa.BigInteger(), nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_revision")),
    )
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_revision_entity_row_id_seq", ["entity", "row_id", "seq"], unique=False
        )

    op.create_table(
        "scope_exit",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=64), nullable=False),
        sa.Column("from_code", sa.String(length=16), nullable=False),
        sa.Column("to_code", sa.String(length=16), nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_scope_exit")),
    )
    with op.batch_alter_table("scope_exit", schema=None) as batch_op:
        batch_op.create_index("ix_scope_exit_from_code_seq", ["from_code", "seq"], unique=False)

    op.create_table(
        "user_account",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("scope", JSON, nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("login", name=op.f("uq_user_account_login")),
    )
    op.create_table(
        "device",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("registered_at", TIME, nullable=False),
        sa.Column("last_seen_at", TIME, nullable=False),
        sa.Column("last_mid", sa.BigInteger(), nullable=False),
        sa.Column("revoked_at", TIME, nullable=True),
        sa.Column("revoked_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_device_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
    )
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_user_id"), ["user_id"], unique=False)

    op.create_table(
        "access_token",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("family_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("expires_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_access_token_device_id_device")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_access_token_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_access_token")),
    )
    with op.batch_alter_table("access_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_token_device_id"), ["device_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_access_token_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_access_token_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_token_user_id"), ["user_id"], unique=False)

    op.create_table(
        "refresh_token",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("family_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("issued_at", TIME, nullable=False),
        sa.Column("expires_at", TIME, nullable=False),
        sa.Column("used_at", TIME, nullable=True),
        sa.Column("replaced_by", sa.String(length=64), nullable=True),
        sa.Column("revoked_at", TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_refresh_token_device_id_device")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_refresh_token_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_token_token_hash")),
    )
    with op.batch_alter_table("refresh_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refresh_token_device_id"), ["device_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_refresh_token_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_refresh_token_user_id"), ["user_id"], unique=False)

    counter = sa.table(
        "counter",
        sa.column("id", sa.Integer),
        sa.column("seq", sa.BigInteger),
        sa.column("purged_seq", sa.BigInteger),
        sa.column("tree_version", sa.Integer),
    )
    op.bulk_insert(counter, [{"id": 1, "seq": 0, "purged_seq": 0, "tree_version": 0}])


def downgrade() -> None:
    with op.batch_alter_table("refresh_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refresh_token_user_id"))
        batch_op.drop_index(batch_op.f("ix_refresh_token_family_id"))
        batch_op.drop_index(batch_op.f("ix_refresh_token_device_id"))

    op.drop_table("refresh_token")
    with op.batch_alter_table("access_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_token_user_id"))
        batch_op.drop_index(batch_op.f("ix_access_token_family_id"))
        batch_op.drop_index(batch_op.f("ix_access_token_expires_at"))
        batch_op.drop_index(batch_op.f("ix_access_token_device_id"))

    op.drop_table("access_token")
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_user_id"))

    op.drop_table("device")
    op.drop_table("user_account")
    with op.batch_alter_table("scope_exit", schema=None) as batch_op:
        batch_op.drop_index("ix_scope_exit_from_code_seq")

    op.drop_table("scope_exit")
    with op.batch_alter_table("revision", schema=None) as batch_op:
        batch_op.drop_index("ix_revision_entity_row_id_seq")

    op.drop_table("revision")
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.drop_index("ix_record_scope_code_seq")
        batch_op.drop_index(batch_op.f("ix_record_parent_id"))

    op.drop_table("record")
    with op.batch_alter_table("login_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_audit_login"))
        batch_op.drop_index(batch_op.f("ix_login_audit_at"))

    op.drop_table("login_audit")
    with op.batch_alter_table("jurisdiction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jurisdiction_parent_code"))

    op.drop_table("jurisdiction")
    op.drop_table("counter")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_resolved_at"))
        batch_op.drop_index("ix_conflict_entity_row_id")

    op.drop_table("conflict")
    op.drop_table("applied_mutation")
