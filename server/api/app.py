"""The FastAPI application of the Nuanxin server: routers mounted under /api/v1."""

from __future__ import annotations

from fastapi import FastAPI

from app import __version__
from server.api import health

API_PREFIX = "/api/v1"


def create_app(database_url: str | None = None) -> FastAPI:
    """A new application; `database_url` is kept in `app.state` for the routers that need it."""
    application = FastAPI(title="Nuanxin 暖心 server", version=__version__)
    application.state.database_url = database_url
    application.include_router(health.router, prefix=API_PREFIX)
    return application
