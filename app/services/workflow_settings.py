"""Settings of the daily workflow kept in the store: visit frequencies by 困境等级.

Stored as one SettingsEntry ``visit_frequencies`` = {"high": "14d", "medium": "1m", "low": "3m"};
missing levels fall back to the domain's defaults.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from app.domain.enums import AuditAction, HardshipLevel
from app.domain.visit_schedule import DEFAULT_VISIT_FREQUENCIES, Interval, parse_frequencies
from app.models import SettingsEntry
from app.services import audit
from app.store.engine import Store

FREQUENCIES_KEY = "visit_frequencies"


def visit_frequencies(session: Session) -> dict[HardshipLevel, Interval]:
    """The frequencies in force: stored values over the defaults."""
    entry = session.get(SettingsEntry, FREQUENCIES_KEY)
    merged = dict(DEFAULT_VISIT_FREQUENCIES)
    if entry is not None:
        merged.update(parse_frequencies({k: str(v) for k, v in entry.value.items()}))
    return merged


def read_visit_frequencies(store: Store) -> dict[HardshipLevel, Interval]:
    with store.sessions() as session:
        return visit_frequencies(session)


def save_visit_frequencies(store: Store, actor: str, values: Mapping[str, str]) -> None:
    """Validate (ValidationError naming the level) and store new frequencies, audited."""
    parsed = parse_frequencies(values)
    text = {level.value: str(interval) for level, interval in parsed.items()}
    with store.transaction() as session:
        entry = session.get(SettingsEntry, FREQUENCIES_KEY)
        if entry is None:
            session.add(SettingsEntry(key=FREQUENCIES_KEY, value=text))
        else:
            entry.value = {**entry.value, **text}
        audit.record(session, actor, AuditAction.UPDATE, "setting", FREQUENCIES_KEY, **text)
