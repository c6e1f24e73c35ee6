"""Per-field three-way merge of one pushed mutation against the server's row (DESIGN §5).

A field is applied when the server's last change of it is at or before the mutation's base_seq,
when the server value still equals the base (changed and changed back), or when every change of
it since base_seq came from the pushing device itself (its earlier mutations, which this edit was
made on top of: editing a phone twice offline, or after a lost push answer, is no conflict with
oneself). A field whose pushed value equals the server value is neither applied nor a conflict, and
neither is one whose pushed value equals the base (the edit did not change it: a whole row pushed
again after a restore, or a field changed and changed back offline): the other change stands.
Everything else is a conflict: the server value stays and the pushed value is kept in the
conflict for the user to decide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from server.core.entities import DELETED


@dataclass(frozen=True)
class Clash:
    field: str
    base: Any
    mine: Any
    theirs: Any
    theirs_seq: int


@dataclass
class MergeResult:
    apply: dict[str, Any] = field(default_factory=dict)
    clashes: list[Clash] = field(default_factory=list)


def merge(
    current: dict[str, Any],
    field_seq: dict[str, int],
    pushed: dict[str, Any],
    base_seq: int,
    base_value: Callable[[str], Any],
    own_changes: Callable[[str], bool] = lambda _name: False,
) -> MergeResult:
    """Decide each pushed field; ``current`` includes ``deleted``; ``base_value(f)`` the value at
    base_seq and ``own_changes(f)`` whether only the pushing device changed it since (both
    looked up only for fields changed since)."""
    result = MergeResult()
    for name, mine in pushed.items():
        theirs = current.get(name)
        changed_at = int(field_seq.get(name, 0))
        if mine == theirs:
            continue
        if changed_at <= base_seq:
            result.apply[name] = mine
            continue
        base = base_value(name)
        if base == theirs or own_changes(name):
            result.apply[name] = mine
        elif mine == base:  # this edit leaves the field as it found it: the other change stands
            continue
        else:
            result.clashes.append(Clash(name, base, mine, theirs, changed_at))
    _edit_of_deleted_row(current, field_seq, pushed, base_seq, result, own_changes)
    return result


def _edit_of_deleted_row(
    current: dict[str, Any],
    field_seq: dict[str, int],
    pushed: dict[str, Any],
    base_seq: int,
    result: MergeResult,
    own_changes: Callable[[str], bool],
) -> None:
    """An edit made without knowing the row was deleted since: the edit is kept on the tombstone
    and the deletion is reported as a conflict, so the user decides to restore it or not."""
    deleted_at = int(field_seq.get(DELETED, 0))
    if not pushed or DELETED in pushed or not current.get(DELETED) or deleted_at <= base_seq:
        return
    if own_changes(DELETED):  # this device deleted it itself
        return
    result.clashes.append(Clash(DELETED, False, False, True, deleted_at))
