"""Jurisdiction scope: a user's codes expand to everything below them (a street includes its
committees, a district all of its streets and committees); reads and writes are checked here."""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import Role
from app.sync.wire import PUBLIC_SCOPE, Refusal, RefusalCode
from server.core.database import Database
from server.core.entities import EntityRule, is_public
from server.core.refusals import Refused, refusal
from server.models import Jurisdiction


@dataclass(frozen=True)
class Principal:
    """Who is calling: the user of a valid access token on a registered, unrevoked device."""

    user_id: str
    login: str
    role: Role
    scope: tuple[str, ...]
    device_id: str
    family_id: str


class JurisdictionTree:
    """Parent → children of every jurisdiction code."""

    def __init__(self, pairs: list[tuple[str, str | None]]) -> None:
        self.codes = frozenset(code for code, _ in pairs)
        self.children: dict[str, list[str]] = defaultdict(list)
        for code, parent in pairs:
            if parent is not None:
                self.children[parent].append(code)
        self._expanded: dict[tuple[str, ...], tuple[frozenset[str], str]] = {}

    def expand(self, granted: tuple[str, ...]) -> frozenset[str]:
        """The granted codes (those that exist) and every code below them."""
        return self.expanded(granted)[0]

    def expanded(self, granted: tuple[str, ...]) -> tuple[frozenset[str], str]:
        """expand() and the fingerprint of its result, remembered per scope (this tree is
        replaced, not changed, when the jurisdictions change)."""
        known = self._expanded.get(granted)
        if known is None:
            codes = self._expand(granted)
            known = self._expanded[granted] = (codes, fingerprint(codes))
        return known

    def _expand(self, granted: tuple[str, ...]) -> frozenset[str]:
        found: set[str] = set()
        stack = [code for code in granted if code in self.codes]
        while stack:
            code = stack.pop()
            if code not in found:
                found.add(code)
                stack.extend(self.children.get(code, ()))
        return frozenset(found)


class TreeCache:
    """The jurisdiction tree, reloaded only when the counter's tree_version moves."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = -1
        self._tree = JurisdictionTree([])

    def current(self, database: Database, version: int) -> JurisdictionTree:
        """The tree at ``version``, reading the database only when it moved on."""
        with self._lock:
            if version == self._version:
                return self._tree
        with database.reading() as session:
            return self.tree(session, version)

    def tree(self, session: Session, version: int) -> JurisdictionTree:
        with self._lock:
            if version != self._version:
                rows = session.execute(select(Jurisdiction.code, Jurisdiction.parent_code))
                self._tree = JurisdictionTree([(code, parent) for code, parent in rows])
                self._version = version
            return self._tree


@dataclass(frozen=True)
class Access:
    """What one principal may see: its expanded codes plus the public scope."""

    principal: Principal
    codes: frozenset[str]  # expanded jurisdiction codes, without the public scope
    tree: JurisdictionTree = field(compare=False, repr=False)

    @classmethod
    def of(cls, principal: Principal, tree: JurisdictionTree) -> Access:
        return cls(principal, tree.expand(principal.scope), tree)

    @property
    def readable(self) -> frozenset[str]:
        return self.codes | {PUBLIC_SCOPE}

    def can_read(self, scope_code: str) -> bool:
        return scope_code == PUBLIC_SCOPE or scope_code in self.codes

    def check_write(self, rule: EntityRule, scope_code: str) -> None:
        """Raise Refused unless this principal may write a ``rule`` row in ``scope_code``."""
        if not self.can_read(scope_code):
            raise Refused(out_of_scope(rule.name))
        if self.principal.role not in rule.writers:
            raise Refused(read_only(self.principal.role, rule, public=is_public(rule)))

    def check_target(self, rule: EntityRule, scope_code: str) -> None:
        """Raise Refused unless a row may move into ``scope_code``."""
        if not self.can_read(scope_code):
            raise Refused(
                refusal(
                    RefusalCode.TARGET_OUT_OF_SCOPE,
                    f"不能把{rule.name}移到您辖区以外（{scope_code}）。",
                    f"cannot move this {rule.name} outside your scope ({scope_code})",
                    rule.field,
                )
            )


def fingerprint(codes: frozenset[str]) -> str:
    """A short stable digest of a set of codes (the client compares it to notice scope changes)."""
    return hashlib.sha256("\n".join(sorted(codes)).encode()).hexdigest()[:32]


def out_of_scope(entity: str) -> Refusal:
    return refusal(
        RefusalCode.OUT_OF_SCOPE,
        "这条记录不在您的辖区内，修改未被接受；如需调整辖区请联系管理员。",
        f"this {entity} is outside your scope; ask an administrator to change your scope",
    )


def read_only(role: Role, rule: EntityRule, *, public: bool) -> Refusal:
    what = "只有管理员可以修改基础数据" if public else f"{role.label}角色只能查看，不能修改"
    return refusal(
        RefusalCode.READ_ONLY_ROLE,
        f"{what}（{rule.name}）。",
        f"role {role.value} may not change {rule.name} rows",
    )
