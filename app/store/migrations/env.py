"""Alembic environment: runs in batch mode on the connection app.store.migrations hands over."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext

from app.models import Base
from app.models.base import UTCDateTime
from app.store.migrations import is_unmodelled_table


def render_item(kind: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render the model's UTC wrapper as a plain DateTime: migrations need no app imports."""
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime()"
    return False


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Leave raw-SQL tables without a model (FTS5 indexes) out of autogenerate."""
    return not (type_ == "table" and name is not None and is_unmodelled_table(name))


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run store migrations through app.store.migrations, not the alembic CLI")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported for the client store")
run_migrations_online()
