"""A TCP proxy of our own (asyncio, loopback) between a laptop and the server, that breaks the
connection in the ways networks do: cut mid-answer, truncate a body, delay, cut a request, or
swallow the connection. It runs its event loop in a thread; faults apply to new connections."""

from __future__ import annotations

import asyncio
import random
import threading
from dataclasses import dataclass, field
from enum import StrEnum

from tests.server.postgres import free_port

CHUNK = 16 * 1024


class Fault(StrEnum):
    NONE = "none"
    CUT_ANSWER = "cut_answer"  # forward `after` bytes of the answer, then close
    TRUNCATE_BODY = "truncate_body"  # forward the headers and half the body, then close
    DELAY = "delay"  # wait `delay` seconds before each chunk of the answer
    CUT_REQUEST = "cut_request"  # forward `after` bytes of the request, then close
    BLACKHOLE = "blackhole"  # accept, forward nothing, never answer


@dataclass
class Plan:
    fault: Fault = Fault.NONE
    after: int = 200
    delay: float = 0.0
    probability: float = 1.0  # of a new connection being faulty
    rng: random.Random = field(default_factory=lambda: random.Random(7))


class FaultProxy:
    """``url`` forwards to ``upstream_port`` on 127.0.0.1, faulty as ``plan`` says."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.plan = Plan()
        self.faulty_connections = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._serving: set[asyncio.Task[None]] = set()

    def start(self) -> FaultProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def break_with(self, fault: Fault, **options: object) -> None:
        """Fault new connections from now on; open ones are dropped, as a network change would."""
        self.plan = Plan(fault, **options)  # type: ignore[arg-type]
        asyncio.run_coroutine_threadsafe(self._drop_open(), self._loop).result(timeout=10)

    def heal(self) -> None:
        self.plan = Plan()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # ---- the event loop side -------------------------------------------------------------

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def _close(self) -> None:
        """Stop listening, drop the open connections and let their tasks end (a task left
        pending when the loop closes is reported as destroyed at exit)."""
        if self._server is not None:
            self._server.close()
        await self._drop_open()
        if self._serving:
            _done, pending = await asyncio.wait(set(self._serving), timeout=5)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _drop_open(self) -> None:
        for writer in list(self._writers):
            writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        plan = self.plan
        fault = plan.fault if plan.rng.random() < plan.probability else Fault.NONE
        if fault is not Fault.NONE:
            self.faulty_connections += 1
        opened = {writer}
        self._writers |= opened
        task = asyncio.current_task()
        if task is not None:
            self._serving.add(task)
        try:
            if fault is Fault.BLACKHOLE:
                await reader.read()  # until the client gives up
                return
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            opened.add(up_writer)
            self._writers.add(up_writer)
            request_fault = fault if fault is Fault.CUT_REQUEST else None
            answer_fault = None if fault is Fault.CUT_REQUEST else fault
            await asyncio.gather(
                self._pump(reader, up_writer, request_fault, plan),
                self._pump(up_reader, writer, answer_fault, plan),
                return_exceptions=True,
            )
        except OSError:
            pass
        finally:
            for one in opened:
                one.close()
            self._writers -= opened
            self._serving.discard(task)  # type: ignore[arg-type]

    async def _pump(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        fault: Fault | None,
        plan: Plan,
    ) -> None:
        sent = 0
        body_start = -1
        seen = b""
        try:
            while data := await reader.read(CHUNK):
                if fault is Fault.DELAY:
                    await asyncio.sleep(plan.delay)
                if fault is Fault.TRUNCATE_BODY and body_start < 0:
                    seen += data
                    body_start = seen.find(b"\r\n\r\n")
                    if body_start >= 0:
                        body_start += 4
                        cut = body_start + max(1, (len(seen) - body_start) // 2)
                        writer.write(seen[:cut])
                        await writer.drain()
                        break
                    continue
                if fault in (Fault.CUT_ANSWER, Fault.CUT_REQUEST) and sent + len(data) > plan.after:
                    writer.write(data[: plan.after - sent])
                    await writer.drain()
                    break
                writer.write(data)
                await writer.drain()
                sent += len(data)
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()
