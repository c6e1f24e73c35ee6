"""Search as the household list needs it: what an advisor typed, as list rows, best first."""

from __future__ import annotations

from app.services.household_filters import HouseholdFilters
from app.services.household_records import HouseholdRow
from app.services.households import HouseholdService
from app.services.search import search_households

SEARCH_LIMIT = 200


def find_households(
    service: HouseholdService,
    text: str,
    filters: HouseholdFilters | None = None,
    limit: int = SEARCH_LIMIT,
) -> list[HouseholdRow]:
    """Rows of the households matching ``text`` within ``filters``, in rank order."""
    with service.store.sessions() as session:
        hits = search_households(session, text, limit=limit, filters=filters)
    return service.rows([hit.household_id for hit in hits])
