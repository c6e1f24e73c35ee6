"""The migrations make exactly the models' schema on both databases, and the wire schema
round-trips through orjson and validation."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pydantic import ValidationError

from app.sync import wire
from server.core.database import Database
from server.models import Base


def test_migrations_build_the_schema_the_models_describe(database_url: str) -> None:
    database = Database(database_url)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    database.dispose()
    assert differences == []


def test_wire_objects_survive_encoding_and_decoding() -> None:
    now = dt.datetime(2026, 1, 5, 8, 30, tzinfo=dt.UTC)
    row = wire.Row(
        entity="member",
        id="m-1",
        seq=7,
        scope_code="310907001001",
        deleted=False,
        fields={"name": "𠮷田·阿依古丽", "monthly_income": {"pension": 322500}},
        created_at=now,
        created_by="advisor",
        updated_at=now,
        updated_by="advisor",
    )
    page = wire.PullPage(
        rows=[row], cursor=7, has_more=False, server_seq=7, scope=wire.ScopeInfo(fingerprint="f")
    )

    assert wire.decode(wire.PullPage, wire.encode(page)) == page


def test_wire_decoding_refuses_what_does_not_fit() -> None:
    with pytest.raises(ValidationError):
        wire.decode(wire.Mutation, b'{"mid": 0, "entity": "household", "id": "x", "fields": {}}')
    with pytest.raises(ValidationError):
        wire.decode(wire.PushResponse, b'{"outcomes": "no"}')


def test_small_bodies_go_plain_and_large_ones_gzipped() -> None:
    small, small_headers = wire.gzip_request(b"{}")
    large, large_headers = wire.gzip_request(b"[" + b"1," * 2000 + b"1]")

    assert small == b"{}" and "Content-Encoding" not in small_headers
    assert large_headers["Content-Encoding"] == "gzip" and len(large) < 200
