"""Hypothesis profile for a longer hunt: pytest tests/domain --hypothesis-profile=thorough."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("thorough", max_examples=5000, deadline=None)
