"""A change of the user's scope: drop the local rows of jurisdiction codes that left it.

Local rows carry no scope code, so it is found as the server finds it (server/core/entities.py):
households, ledger keys and help requests by ``committee_code``; members, visits, assessments,
plans and referrals by their household; amendments, plan actions and referral steps by their
parent; merge records and dismissals by the row they name. Rows with pending edits, and rows
never synced (``server_seq`` 0: drafts, local seed data), are never dropped."""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.sync.apply import Pending, chunks, delete_rows

OWN_CODE = ("household", "ledger_key", "help_request")
OF_HOUSEHOLD = ("member", "visit", "assessment", "service_plan", "referral")
OF_PARENT = (("visit_amendment", "visit_id", "visit"), ("plan_action", "plan_id", "service_plan"))
OF_PARENT_2 = (("referral_step", "referral_id", "referral"),)
NAMED = (("merge_record", "into_id"), ("duplicate_dismissal", "first_id"))


def drop_codes(session: Session, codes: set[str], pending: Pending) -> int:
    """Remove synced rows whose scope is one of ``codes``; returns how many went."""
    if not codes:
        return 0
    connection = session.connection()
    doomed: dict[str, set[str]] = {}
    for entity in OWN_CODE:
        doomed[entity] = _select(connection, entity, "committee_code", codes)
    households = doomed["household"]
    for entity in OF_HOUSEHOLD:
        doomed[entity] = _select(connection, entity, "household_id", households)
    for entity, column, parent in (*OF_PARENT, *OF_PARENT_2):
        doomed[entity] = _select(connection, entity, column, doomed[parent])
    named = households | doomed["member"]
    for entity, column in NAMED:
        doomed[entity] = _select(connection, entity, column, named)
    dropped = 0
    for entity, ids in doomed.items():
        keep = pending.ids(entity)
        dropped += delete_rows(connection, entity, sorted(ids - keep))
    return dropped


def _select(connection: Connection, entity: str, column: str, values: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(values)):
        marks = ", ".join("?" * len(chunk))
        result = connection.exec_driver_sql(
            f'SELECT id FROM "{entity}" WHERE "{column}" IN ({marks}) AND server_seq > 0',
            tuple(chunk),
        )
        found.update(str(row_id) for (row_id,) in result)
    return found
