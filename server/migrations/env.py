"""Alembic environment of the server database (run through server.core.database.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from server.models import Base


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "set sqlalchemy.url or pass a connection"
    with create_engine(url).begin() as made:
        run(made)
