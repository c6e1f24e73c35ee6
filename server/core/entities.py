"""Which synced entities exist, where each one's scope code comes from, and who may write it.

| entity                                | scope code                             | writers   |
|---------------------------------------|----------------------------------------|-----------|
| jurisdiction, resource, standard      | public (``*``): every user pulls it    | admin     |
| household, ledger_key                 | its field ``committee_code``           | casework  |
| help_request                          | ``committee_code``; while it is empty, | casework  |
|                                       | the first scope code of its creator    |           |
| member, visit, assessment,            | its household's (``household_id``)     | casework  |
| service_plan, referral                |                                        |           |
| visit_amendment / plan_action /       | its visit's (``visit_id``) / plan's    | casework  |
| referral_step                         | (``plan_id``) / referral's             |           |
| merge_record / duplicate_dismissal    | the row named by ``into_id`` /         | casework  |
|                                       | ``first_id`` (its kind in ``entity``)  |           |
| audit_event (append-only, not pulled) | the first scope code of its author     | everyone  |

Casework = advisor, station, admin. Supervisors read their scope and write nothing. A child's
scope follows its parent: when a household moves to another committee, its children (and theirs)
move with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.domain.enums import Role
from app.sync.wire import PUBLIC_SCOPE


class ScopeFrom(StrEnum):
    PUBLIC = "public"
    OWN_FIELD = "own_field"  # a jurisdiction code in one of the row's fields
    PARENT = "parent"  # the scope of the row named by one of its fields


@dataclass(frozen=True)
class EntityRule:
    name: str
    scope_from: ScopeFrom
    writers: frozenset[Role]
    field: str = ""  # the committee field (OWN_FIELD) or the parent id field (PARENT)
    parent: str = ""  # the parent entity (PARENT)
    parent_from: str = ""  # or the field that names the parent entity (PARENT)
    author_fallback: bool = False  # OWN_FIELD may be empty: then the creator's first code
    append_only: bool = False  # rows are created once; no later mutation of them is accepted
    pulled: bool = True  # False: kept on the server only (read through its own API)


CASEWORK = frozenset({Role.ADVISOR, Role.STATION, Role.ADMIN})
ADMIN_ONLY = frozenset({Role.ADMIN})
EVERYONE = frozenset(Role)


def _child(name: str, parent: str = "household", field: str = "household_id") -> EntityRule:
    return EntityRule(name, ScopeFrom.PARENT, CASEWORK, field=field, parent=parent)


def _pair(name: str, field: str) -> EntityRule:
    return EntityRule(name, ScopeFrom.PARENT, CASEWORK, field=field, parent_from="entity")


RULES: dict[str, EntityRule] = {
    rule.name: rule
    for rule in (
        EntityRule("jurisdiction", ScopeFrom.PUBLIC, ADMIN_ONLY),
        EntityRule("resource", ScopeFrom.PUBLIC, ADMIN_ONLY),
        EntityRule("standard", ScopeFrom.PUBLIC, ADMIN_ONLY),
        EntityRule("household", ScopeFrom.OWN_FIELD, CASEWORK, field="committee_code"),
        EntityRule("ledger_key", ScopeFrom.OWN_FIELD, CASEWORK, field="committee_code"),
        EntityRule(
            "help_request",
            ScopeFrom.OWN_FIELD,
            CASEWORK,
            field="committee_code",
            author_fallback=True,
        ),
        _child("member"),
        _child("visit"),
        _child("assessment"),
        _child("service_plan"),
        _child("referral"),
        _child("visit_amendment", "visit", "visit_id"),
        _child("plan_action", "service_plan", "plan_id"),
        _child("referral_step", "referral", "referral_id"),
        _pair("merge_record", "into_id"),
        _pair("duplicate_dismissal", "first_id"),
        EntityRule(
            "audit_event",
            ScopeFrom.OWN_FIELD,
            EVERYONE,
            field="committee_code",
            author_fallback=True,
            append_only=True,
            pulled=False,
        ),
    )
}
NOT_PULLED = frozenset(name for name, rule in RULES.items() if not rule.pulled)

# Columns the server keeps itself; a mutation may not set them as fields.
RESERVED_FIELDS = frozenset(
    {
        "id",
        "seq",
        "server_seq",
        "scope_code",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    }
)
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
DELETED = "deleted"  # the tombstone flag travels as a field and merges like one


def children_of(entity: str) -> list[EntityRule]:
    """The entities whose scope may follow ``entity``'s (their parent_id names the parent)."""
    return [rule for rule in RULES.values() if rule.parent == entity or rule.parent_from]


def bad_field_names(fields: dict[str, object]) -> list[str]:
    """Field names a mutation may not carry (reserved, or not snake_case)."""
    return sorted(n for n in fields if n in RESERVED_FIELDS or not FIELD_NAME.fullmatch(n))


def has_nul(value: object) -> bool:
    """True when a JSON value holds a NUL character anywhere (PostgreSQL's JSONB refuses it)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


def is_public(rule: EntityRule) -> bool:
    return rule.scope_from is ScopeFrom.PUBLIC


__all__ = ["PUBLIC_SCOPE", "RULES", "EntityRule", "ScopeFrom"]
