"""What each laptop derives from pulled rows: the household list's head name, its pinyin sort
key and member count (as app.services.households computes them), and the search documents.

Small pulls index the changed households in the page's transaction; a large one (a first sync)
marks the index dirty and rebuilds it once at the end, which is far cheaper than 20,000 single
updates. The dirty mark is stored with the page, so a crash before the rebuild is repaired on
the next sync."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.domain.enums import RelationToHead
from app.services import search
from app.services.households import sort_key
from app.sync.apply import chunks

REINDEX_LIMIT = 1000  # households per page above which the index is rebuilt at the end instead
SINGLE_REINDEX = 5  # up to this many households are indexed one by one

_HEAD = RelationToHead.SELF.value
_REFRESH = f"""
UPDATE household SET
  member_count = (SELECT count(*) FROM member AS m
                  WHERE m.household_id = household.id AND m.deleted = 0),
  head_name = coalesce((SELECT m.name FROM member AS m
                        WHERE m.household_id = household.id AND m.deleted = 0
                        ORDER BY m.relation_to_head != '{_HEAD}', m.created_at, m.id
                        LIMIT 1), '')
"""


def refresh_households(session: Session, ids: Iterable[str] | None) -> None:
    """Recompute head name, member count and pinyin sort key (``None``: every household)."""
    session.flush()
    connection = session.connection()
    if ids is None:
        connection.exec_driver_sql(_REFRESH)
        _sort_keys(connection, None)
        return
    for chunk in chunks(sorted(ids)):
        marks = ", ".join("?" * len(chunk))
        connection.exec_driver_sql(f"{_REFRESH} WHERE id IN ({marks})", tuple(chunk))
        _sort_keys(connection, chunk)


def _sort_keys(connection: Connection, ids: list[str] | None) -> None:
    query = "SELECT id, head_name, head_name_sort FROM household"
    if ids is None:
        rows = connection.exec_driver_sql(query).all()
    else:
        marks = ", ".join("?" * len(ids))
        rows = connection.exec_driver_sql(f"{query} WHERE id IN ({marks})", tuple(ids)).all()
    keys: dict[str, str] = {}
    updates = []
    for row_id, name, current in rows:
        if name not in keys:
            keys[name] = sort_key(name) if name else ""
        if keys[name] != current:
            updates.append((keys[name], row_id))
    if updates:
        connection.exec_driver_sql("UPDATE household SET head_name_sort = ? WHERE id = ?", updates)


def reindex(session: Session, ids: Iterable[str]) -> None:
    """Bring the search documents of these households up to date (removed ones are dropped):
    their old documents go in one statement, the new ones are written in a batch
    (search.index_new_households), some 20 times faster than one household at a time."""
    wanted = sorted(ids)
    if len(wanted) <= SINGLE_REINDEX:
        for household_id in wanted:
            search.index_household(session, household_id)
        return
    session.flush()
    connection = session.connection()
    for chunk in chunks(wanted):
        marks = ", ".join("?" * len(chunk))
        docs = (
            connection.exec_driver_sql(
                f"SELECT doc FROM {search.DOC_TABLE} WHERE household_id IN ({marks})", tuple(chunk)
            )
            .scalars()
            .all()
        )
        if docs:
            doc_marks = ", ".join("?" * len(docs))
            connection.exec_driver_sql(
                f"DELETE FROM {search.FTS_TABLE} WHERE rowid IN ({doc_marks})", tuple(docs)
            )
            connection.exec_driver_sql(
                f"DELETE FROM {search.DOC_TABLE} WHERE doc IN ({doc_marks})", tuple(docs)
            )
    search.index_new_households(session, wanted)
