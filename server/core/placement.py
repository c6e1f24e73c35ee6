"""Where a row belongs: its scope code and parent, from the entity rules (server/core/entities.py).

Checks that can refuse a mutation live here and run before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync.wire import PUBLIC_SCOPE, RefusalCode
from server.core.entities import EntityRule, ScopeFrom
from server.core.records import StoredRow
from server.core.refusals import Refused, refusal
from server.core.scope import Access
from server.models import Jurisdiction

Place = tuple[str, str | None]  # (scope code, parent row id)


class Placement:
    """Scope decisions for one mutation of a ``rule`` row."""

    def __init__(
        self,
        session: Session,
        access: Access,
        rule: EntityRule,
        lookup: Callable[[tuple[str, str]], StoredRow | None],
    ) -> None:
        self.session = session
        self.access = access
        self.rule = rule
        self.lookup = lookup

    def for_new(self, fields: dict[str, Any], row_id: str) -> Place:
        """The place of a new row; refuses a missing or unknown committee or parent."""
        rule = self.rule
        if rule.scope_from is ScopeFrom.PUBLIC:
            if rule.name == "jurisdiction":
                self._check_jurisdiction(fields, row_id)
            return PUBLIC_SCOPE, None
        value = fields.get(rule.field)
        if rule.author_fallback and not value and self.access.principal.scope:
            return self.access.principal.scope[0], None
        if not isinstance(value, str) or not value:
            raise Refused(
                refusal(
                    RefusalCode.MISSING_PARENT,
                    f"缺少{rule.field}，无法确定这条记录属于哪个辖区。",
                    f"a new {rule.name} needs {rule.field}",
                    rule.field,
                )
            )
        if rule.scope_from is ScopeFrom.OWN_FIELD:
            if value not in self.access.tree.codes:
                raise Refused(_unknown(rule, value))
            return value, None
        parent_entity = rule.parent or fields.get(rule.parent_from)
        parent = self.lookup((str(parent_entity), value))
        if parent is None:
            raise Refused(_unknown(rule, value))
        return parent.scope_code, value

    def after_change(self, record: StoredRow, applying: dict[str, Any]) -> Place | None:
        """The new place when the applied fields move the row, checked against the target."""
        if self.rule.name == "jurisdiction" and applying:
            self._check_jurisdiction({**record.fields, **applying}, record.id)
        if self.rule.scope_from is ScopeFrom.PUBLIC or self.rule.field not in applying:
            return None
        place = self.for_new({**record.fields, **applying}, record.id)
        self.access.check_target(self.rule, place[0])
        return place

    def _check_jurisdiction(self, fields: dict[str, Any], row_id: str) -> None:
        code, parent = fields.get("code"), fields.get("parent_code")
        if not isinstance(code, str) or not code or len(code) > 16:
            raise Refused(
                refusal(RefusalCode.INVALID_FIELDS, "区划代码无效。", "invalid code", "code")
            )
        stmt = select(Jurisdiction.record_id).where(Jurisdiction.code == code)
        holder = self.session.execute(stmt).scalar_one_or_none()
        if holder is not None and holder != row_id:
            raise Refused(
                refusal(
                    RefusalCode.INVALID_FIELDS,
                    f"区划代码 {code} 已被使用。",
                    f"code {code} is taken",
                    "code",
                )
            )
        if parent is not None and parent not in self.access.tree.codes:
            raise Refused(_unknown(self.rule, str(parent)))


def _unknown(rule: EntityRule, value: str) -> Any:
    return refusal(
        RefusalCode.UNKNOWN_PARENT,
        f"找不到{rule.field}={value}，请先同步它所属的记录。",
        f"{rule.field} {value!r} does not exist on the server",
        rule.field,
    )


def check_append_only(rule: EntityRule, mutation: Any, record: StoredRow | None) -> None:
    """An append-only row (the audit log) is created once, never deleted, and never changed:
    the same row sent again is accepted as it is, anything else is refused."""
    fields = dict(mutation.fields)
    changed = record is not None and ({**record.fields, "deleted": record.deleted} | fields) != {
        **record.fields,
        "deleted": record.deleted,
    }
    if fields.get("deleted") or changed or (record is None and mutation.base_seq > 0):
        raise Refused(
            refusal(
                RefusalCode.APPEND_ONLY,
                f"{rule.name} 只能新增，不能修改或删除（审计记录不可更改）。",
                f"{rule.name} rows are append-only: they cannot be changed or deleted",
            )
        )
