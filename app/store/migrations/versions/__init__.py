"""Alembic revisions of the client store: 0001 is the baseline, later ones build on it."""
