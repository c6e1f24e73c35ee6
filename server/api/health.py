"""Liveness: GET /api/v1/health answers while the process serves requests."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

from app import __version__

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"]
    version: str


@router.get("/health")
def health() -> Health:
    """The server is up; `version` is the installed nuanxin distribution's."""
    return Health(status="ok", version=__version__)
