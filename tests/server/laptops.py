"""A test stand-in for one client laptop: logs in as a user, numbers its mutations, pushes and
pulls through the HTTP API and decodes every answer with the wire schema (so a reply that does
not fit the schema fails the test)."""

from __future__ import annotations

from typing import Any, Protocol

import httpx

from app.sync import wire
from app.sync.wire import Mutation, PullPage, PushResponse, TokenPair
from tests.server.world import PASSWORD


class Http(Protocol):
    def get(self, url: str, **kwargs: Any) -> httpx.Response: ...
    def post(self, url: str, **kwargs: Any) -> httpx.Response: ...


class Laptop:
    def __init__(self, http: Http, login: str, password: str = PASSWORD) -> None:
        self.http = http
        self.login_name = login
        self.password = password
        self.next_mid = 1
        self.tokens = self.log_in()
        self.cursor = 0
        self.history = ""  # sent with pushes when set (the server's line of the sequence)
        self.stamps = False  # ask for stamps instead of rows the push leaves as sent

    def log_in(self, device_id: str | None = None) -> TokenPair:
        body = {"login": self.login_name, "password": self.password, "device_id": device_id}
        response = self.http.post(wire.LOGIN_PATH, json=body)
        assert response.status_code == 200, response.text
        return wire.decode(TokenPair, response.content)

    @property
    def device_id(self) -> str:
        return self.tokens.device_id

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens.access_token}"}

    def mutation(
        self, entity: str, row_id: str, fields: dict[str, Any], base_seq: int = 0, **extra: Any
    ) -> Mutation:
        made = Mutation(
            mid=self.next_mid, entity=entity, id=row_id, fields=fields, base_seq=base_seq, **extra
        )
        self.next_mid += 1
        return made

    def push_body(self, mutations: list[Mutation]) -> bytes:
        request = wire.PushRequest(
            device_id=self.device_id,
            schema_version=wire.SCHEMA_VERSION,
            mutations=mutations,
            history=self.history,
            stamps=self.stamps,
        )
        return wire.encode(request)

    def push_raw(self, mutations: list[Mutation]) -> httpx.Response:
        body, headers = wire.gzip_request(self.push_body(mutations))
        return self.http.post(wire.PUSH_PATH, content=body, headers={**headers, **self.headers})

    def push(self, *mutations: Mutation) -> PushResponse:
        response = self.push_raw(list(mutations))
        assert response.status_code == 200, response.text
        return wire.decode(PushResponse, response.content)

    def pull_raw(self, cursor: int | None = None, **params: Any) -> httpx.Response:
        query = {"cursor": self.cursor if cursor is None else cursor}
        query.setdefault("schema_version", wire.SCHEMA_VERSION)
        query.update(params)
        return self.http.get(wire.PULL_PATH, params=query, headers=self.headers)

    def pull(self, cursor: int | None = None, **params: Any) -> PullPage:
        response = self.pull_raw(cursor, **params)
        assert response.status_code == 200, response.text
        page = wire.decode(PullPage, response.content)
        self.cursor = page.cursor
        return page

    def pull_all(self, cursor: int = 0, **params: Any) -> dict[tuple[str, str], wire.Row]:
        """Every page from ``cursor`` on, applied in order: the rows this laptop would hold."""
        held: dict[tuple[str, str], wire.Row] = {}
        self.cursor = cursor
        while True:
            page = self.pull(**params)
            for row in page.rows:
                if row.left_scope:
                    held.pop((row.entity, row.id), None)
                else:
                    held[(row.entity, row.id)] = row
            if not page.has_more:
                return held
