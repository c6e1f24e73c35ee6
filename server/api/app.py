"""The FastAPI application of the Nuanxin server: thin routers over server.core under /api/v1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from fastapi import FastAPI
from starlette_compress import CompressMiddleware

from app import __version__
from app.sync.wire import API_PREFIX, GZIP_MIN_BYTES
from server.api import admin, audit, auth, errors, health, sync
from server.api.middleware import AccessLog, GunzipRequests
from server.api.plain_pulls import PlainPulls
from server.api.responses import ERRORS
from server.core.backend import Backend
from server.core.maintenance import prepare_schema, purge
from server.core.settings import ServerSettings

PURGE_EVERY_S = 24 * 3600
DESCRIPTION = "Sync server of 暖心 Nuanxin. Protocol: server/core/README.md in the source tree."


def create_app(
    database_url: str | None = None,
    *,
    settings: ServerSettings | None = None,
    backend: Backend | None = None,
) -> FastAPI:
    """An application on ``backend``, or on a new one for ``settings``/``database_url`` that is
    prepared (schema, purge) when the app starts and closed when it stops."""
    owned = backend is None
    if backend is None:
        settings = settings or ServerSettings()
        if database_url:
            settings = _with_url(settings, database_url)
        backend = Backend(settings)
    serving = backend

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if not owned:
            yield
            return
        prepare_schema(serving.database)
        purging = asyncio.create_task(_purge_daily(serving))
        try:
            yield
        finally:
            purging.cancel()
            serving.close()

    application = FastAPI(
        title="Nuanxin 暖心 server",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=ERRORS,
    )
    application.state.backend = backend
    application.state.database_url = backend.settings.database_url
    for router in (health.router, auth.router, sync.router, admin.router, audit.router):
        application.include_router(router, prefix=API_PREFIX)
    errors.install(application)
    application.add_middleware(GunzipRequests, limit=backend.settings.max_body_bytes)
    application.add_middleware(PlainPulls, backend=backend)  # before routing: plain_pulls.py
    # zstd level 1 for clients that take it (ours do, through httpx and zstandard): a 5,000-row
    # page in 2 ms against gzip's 11, a quarter smaller, and read back in 1 ms against 8.5.
    # Others get gzip level 1 (half the CPU of level 5). Brotli is off: our clients take zstd,
    # and one fewer encoding is one fewer to test.
    application.add_middleware(
        CompressMiddleware,
        minimum_size=GZIP_MIN_BYTES,
        zstd_level=1,
        brotli=False,
        gzip_level=1,
    )
    application.add_middleware(AccessLog)
    return application


async def _purge_daily(backend: Backend) -> None:
    """Drop expired tombstones and tokens at start and then once a day."""
    while True:
        await asyncio.to_thread(purge, backend)
        await asyncio.sleep(PURGE_EVERY_S)


def _with_url(settings: ServerSettings, url: str) -> ServerSettings:
    return replace(settings, database_url=url)
