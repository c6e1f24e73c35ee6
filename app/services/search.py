"""Household search: one FTS5 document per household, ranked tiers, exact ID lookup by index.

Columns of the document (FTS5's unicode61 tokenizer, contentless):
- ``names``: whole member names, one token each (unicode61 keeps a run of Chinese letters as one
  token), for exact-name and name-prefix matches (张伟, 张*);
- ``chars``: every Chinese character of the names as its own token, so any substring is a phrase
  (伟明 finds 张伟明). A trigram tokenizer was rejected: it finds nothing for queries shorter than
  three characters, and most Chinese names are two or three;
- ``pinyin``: full, initials and mixed keys (zhangwei, zw, zhw, zhangw), with surname readings;
- ``phones``: digits reversed, so a tail query (5678) is an indexed prefix query (8765*);
- ``address``: characters and digit runs as tokens; ``tags``: committee/status/category tokens, so
  filters are FTS terms combined with AND and a LIMIT stays correct.
Members are separated by a private-use token so a phrase never spans two names. Beside the index,
``household_search_doc`` holds what a result line shows (head, address, members), so a search
reads one small row per hit. Tables are made by store migration 0002.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.domain.enums import RelationToHead
from app.domain.id_numbers import compact_id_text
from app.models import Household, Member
from app.services.household_filters import HouseholdFilters, apply_filters
from app.services.search_hits import Found, MatchKind, SearchHit, ranked_hits
from app.services.search_keys import (
    MAX_QUERY_CHARS,
    MEMBER_SEPARATOR,
    char_tokens,
    has_ascii_letter,
    has_non_ascii_letter,
    is_phone_query,
    name_char_tokens,
    name_pinyin_keys,
    phone_key,
    query_pinyin,
    quoted,
    word_tokens,
)

__all__ = [
    "MatchKind",
    "SearchHit",
    "ensure_index",
    "index_documents",
    "index_household",
    "index_new_households",
    "rebuild_index",
    "search_households",
    "write_index",
]

FTS_TABLE = "household_search"
DOC_TABLE = "household_search_doc"
COLUMNS = ("names", "chars", "pinyin", "phones", "address", "tags")
DOC_COLUMNS = ("household_id", "head_name", "address", "committee_code", "members")
REBUILD_BATCH = 5000
_INSERT_FTS = (
    f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})"
)
_INSERT_DOC = (
    f"INSERT INTO {DOC_TABLE} (doc, {', '.join(DOC_COLUMNS)}) VALUES (?{', ?' * len(DOC_COLUMNS)})"
)
_SELECT_DOC = f"SELECT d.doc, {', '.join('d.' + c for c in DOC_COLUMNS)} FROM {DOC_TABLE} AS d"
_HOUSEHOLD_COLUMNS = (
    Household.id,
    Household.head_name,
    Household.committee_code,
    Household.status,
    Household.categories,
    Household.address,
    Household.phone,
)
_MEMBER_COLUMNS = (Member.household_id, Member.name, Member.phone, Member.relation_to_head)
_ID_LIKE = re.compile(r"[0-9A-Z]{6,32}")
_TAG_UNSAFE = re.compile(r"[^0-9a-z]")
_HEAD = RelationToHead.SELF.value

# ---- indexing ---------------------------------------------------------------------------


def _tag(prefix: str, value: str) -> str:
    return prefix + _TAG_UNSAFE.sub("", value.lower())


def _fts_values(household: Any, members: Sequence[Any]) -> tuple[str, ...]:
    """The FTS row of one household from its row and its live members (name, phone, ...)."""
    separator = f" {MEMBER_SEPARATOR} "
    names = [m.name for m in members]
    pinyin = {key for name in names for key in name_pinyin_keys(name)}
    phones = {phone_key(p) for p in [household.phone, *(m.phone for m in members)] if p}
    tags = [_tag("c", household.committee_code), _tag("s", household.status)]
    tags += [_tag("k", c) for c in household.categories or ()]
    return (
        separator.join(names),
        separator.join(name_char_tokens(n) for n in names),
        " ".join(sorted(pinyin)),
        " ".join(sorted(k for k in phones if k)),
        " ".join(char_tokens(household.address or "")),
        " ".join(tags),
    )


def _doc_values(household: Any, members: Sequence[Any]) -> tuple[str, ...]:
    """What a result line shows: head, address, committee and the members, head first."""
    ordered = sorted(members, key=lambda m: m.relation_to_head != _HEAD)
    people = [[m.name, m.phone, m.relation_to_head == _HEAD] for m in ordered]
    return (
        household.id,
        household.head_name,
        household.address,
        household.committee_code,
        json.dumps(people, ensure_ascii=False),
    )


def index_household(session: Session, household_id: str) -> None:
    """Bring one household's search document up to date, in the caller's transaction."""
    session.flush()
    connection = session.connection()
    household = session.execute(
        select(*_HOUSEHOLD_COLUMNS).where(
            Household.id == household_id, Household.deleted.is_(False)
        )
    ).first()
    doc = connection.exec_driver_sql(
        f"SELECT doc FROM {DOC_TABLE} WHERE household_id = ?", (household_id,)
    ).scalar_one_or_none()
    if doc is not None:
        connection.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", (doc,))
        connection.exec_driver_sql(f"DELETE FROM {DOC_TABLE} WHERE doc = ?", (doc,))
    if household is None:
        return
    members = session.execute(
        select(*_MEMBER_COLUMNS).where(
            Member.household_id == household_id, Member.deleted.is_(False)
        )
    ).all()
    inserted = connection.exec_driver_sql(_INSERT_DOC, (doc, *_doc_values(household, members)))
    doc = inserted.lastrowid if doc is None else doc  # a new household gets the next number
    connection.exec_driver_sql(_INSERT_FTS, (doc, *_fts_values(household, members)))


def index_new_households(session: Session, household_ids: Sequence[str]) -> None:
    """Index households that have no document yet (a bulk import), a batch at a time: the same
    documents as index_household gives, in a few statements instead of several per household."""
    session.flush()
    connection = session.connection()
    for first in range(0, len(household_ids), 500):
        ids = list(household_ids[first : first + 500])
        members: dict[str, list[Any]] = {}
        for member in session.execute(
            select(*_MEMBER_COLUMNS).where(Member.household_id.in_(ids), Member.deleted.is_(False))
        ):
            members.setdefault(member.household_id, []).append(member)
        households = session.execute(
            select(*_HOUSEHOLD_COLUMNS).where(Household.id.in_(ids), Household.deleted.is_(False))
        ).all()
        last = connection.exec_driver_sql(f"SELECT coalesce(max(doc), 0) FROM {DOC_TABLE}")
        start = int(last.scalar_one())
        batch = [(start + i + 1, h, members.get(h.id, [])) for i, h in enumerate(households)]
        if batch:
            connection.exec_driver_sql(_INSERT_DOC, [(d, *_doc_values(h, m)) for d, h, m in batch])
            connection.exec_driver_sql(_INSERT_FTS, [(d, *_fts_values(h, m)) for d, h, m in batch])


def rebuild_index(session: Session) -> int:
    """Rebuild every document in one pass (after a bulk load or pull); returns the count."""
    return write_index(session, index_documents(session))


Documents = list[tuple[tuple[str, ...], tuple[str, ...]]]  # (result line, FTS row) each


def index_documents(session: Session) -> Documents:
    """Every live household's search document, computed from the stored rows (a read only: a
    first sync does it while another connection builds the table indexes)."""
    session.flush()
    members: dict[str, list[Any]] = {}
    for member in session.execute(select(*_MEMBER_COLUMNS).where(Member.deleted.is_(False))):
        members.setdefault(member.household_id, []).append(member)
    households = session.execute(
        select(*_HOUSEHOLD_COLUMNS).where(Household.deleted.is_(False)).order_by(Household.id)
    ).all()
    found = []
    for household in households:
        people = members.get(household.id, [])
        found.append((_doc_values(household, people), _fts_values(household, people)))
    return found


def write_index(session: Session, documents: Documents) -> int:
    """Replace the whole index with these documents; returns their count."""
    session.flush()
    connection = session.connection()
    connection.exec_driver_sql(f"DELETE FROM {DOC_TABLE}")
    connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")
    for first in range(0, len(documents), REBUILD_BATCH):
        batch = list(enumerate(documents[first : first + REBUILD_BATCH], start=first + 1))
        connection.exec_driver_sql(_INSERT_DOC, [(d, *doc) for d, (doc, _fts) in batch])
        connection.exec_driver_sql(_INSERT_FTS, [(d, *fts) for d, (_doc, fts) in batch])
    connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")
    return len(documents)


def ensure_index(session: Session) -> int:
    """Rebuild when the documents do not match the live households (a store just migrated to
    revision 0002 with data in it); returns the number rebuilt, 0 when the index was whole."""
    docs = session.execute(sql(f"SELECT count(*) FROM {DOC_TABLE}")).scalar_one()
    live = session.execute(
        select(func.count()).select_from(Household).where(Household.deleted.is_(False))
    ).scalar_one()
    return rebuild_index(session) if docs != live else 0


# ---- searching --------------------------------------------------------------------------


def search_households(
    session: Session,
    text: str,
    *,
    limit: int = 200,
    filters: HouseholdFilters | None = None,
) -> list[SearchHit]:
    """Households matching what an advisor typed, best first: ID, name, pinyin, phone, address."""
    query = text.strip()[:MAX_QUERY_CHARS]
    if not query or limit <= 0:
        return []
    found: dict[str, Found] = {}
    for position, (row, member) in enumerate(_id_matches(session, query, filters)[:limit]):
        found[row.household_id] = Found(MatchKind.ID_NUMBER, position, row, member)
    if found:  # an exact ID number names its household; partial matches would only add noise
        return ranked_hits(query, found)
    suffix = _filter_terms(filters)
    for kind, expression in _tier_queries(query):
        if len(found) >= limit:
            break
        rows = _fts_matches(session, expression + suffix, limit + len(found))
        fresh = [r for r in rows if r.household_id not in found][: limit - len(found)]
        for position, row in enumerate(fresh):
            found[row.household_id] = Found(kind, position, row)
    return ranked_hits(query, found)


def _filter_terms(filters: HouseholdFilters | None) -> str:
    if filters is None:
        return ""
    terms = []
    if filters.committee_code:
        terms.append(_tag("c", filters.committee_code))
    if filters.status:
        terms.append(_tag("s", filters.status))
    if filters.category:
        terms.append(_tag("k", filters.category))
    return "".join(f" AND tags : {quoted([t])}" for t in terms)


def _tier_queries(query: str) -> list[tuple[MatchKind, str]]:
    """The FTS5 MATCH expression of each tier that applies to ``query``, best tier first."""
    tiers: list[tuple[MatchKind, str]] = []
    if has_non_ascii_letter(query):
        words, chars = word_tokens(query), char_tokens(query)
        tiers += [
            (MatchKind.NAME, f"names : {quoted(words)}"),
            (MatchKind.NAME_PREFIX, f"names : {quoted(words)} *"),
            (MatchKind.NAME_PART, f"chars : {quoted(chars)}"),
        ]
    digits = any(c.isdigit() for c in query)
    pinyin = query_pinyin(query) if has_ascii_letter(query) and not digits else ""
    if pinyin:
        tiers += [
            (MatchKind.PINYIN, f"pinyin : {quoted([pinyin])}"),
            (MatchKind.PINYIN_PREFIX, f"pinyin : {quoted([pinyin])} *"),
        ]
    if is_phone_query(query):
        tiers.append((MatchKind.PHONE, f"phones : {quoted([phone_key(query)])} *"))
    address = char_tokens(query)
    if address and (has_non_ascii_letter(query) or digits):
        tiers.append((MatchKind.ADDRESS, f"address : {quoted(address)} *"))
    return tiers


def _id_matches(
    session: Session, query: str, filters: HouseholdFilters | None
) -> list[tuple[Row[Any], str]]:
    """(document, member name) of members whose ID number is exactly the query (x and X alike)."""
    compact = compact_id_text(query)
    if not _ID_LIKE.fullmatch(compact) or not any(c.isdigit() for c in compact):
        return []
    stmt = (
        select(Member.household_id, Member.name)
        .join(Household, Household.id == Member.household_id)
        .where(Member.id_number.in_({compact, query.strip()}), Member.deleted.is_(False))
    )
    owners: dict[str, str] = {
        hid: name for hid, name in session.execute(apply_filters(stmt, filters))
    }
    if not owners:
        return []
    marks = ", ".join("?" * len(owners))
    rows = session.connection().exec_driver_sql(
        f"{_SELECT_DOC} WHERE d.household_id IN ({marks})", tuple(owners)
    )
    return [(row, owners[row.household_id]) for row in rows]


def _fts_matches(session: Session, expression: str, limit: int) -> list[Row[Any]]:
    """Documents matching one tier's expression, in index order, at most ``limit``."""
    return list(
        session.connection().exec_driver_sql(
            f"{_SELECT_DOC} JOIN (SELECT rowid AS doc FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH ? LIMIT ?) AS m ON m.doc = d.doc",
            (expression, limit),
        )
    )
