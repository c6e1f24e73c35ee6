"""A small asyncio HTTP/1.1 load generator of our own: keep-alive connections, each sending one
request after another, with per-request latencies. Light enough (raw sockets, no HTTP library)
that one process drives a Python server at full speed on the same two-core machine.

Run as a process: ``python -m bench._http_load HOST PORT SECONDS CONNECTIONS`` with the request
(bytes, one per line of JSON list of [method, path, headers]) on stdin; prints JSON results."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass, field


@dataclass
class Tally:
    ok: int = 0
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)


def raw_request(
    method: str, path: str, headers: dict[str, str], host: str, body: bytes = b""
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body or method != "GET":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _one_connection(
    host: str, port: int, requests: list[bytes], deadline: float, tally: Tally
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    index = 0
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            writer.write(requests[index % len(requests)])
            index += 1
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            tally.latencies.append(time.perf_counter() - started)
            tally.statuses[status] = tally.statuses.get(status, 0) + 1
            if status == 200:
                tally.ok += 1
            else:
                tally.errors += 1
    except (OSError, asyncio.IncompleteReadError, ValueError):
        tally.errors += 1
    finally:
        writer.close()


async def hammer(
    host: str, port: int, requests: list[bytes], seconds: float, connections: int
) -> tuple[Tally, float]:
    tally = Tally()
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(_one_connection(host, port, requests, deadline, tally) for _ in range(connections))
    )
    return tally, time.perf_counter() - started


def main() -> None:
    host, port, seconds, connections = (
        sys.argv[1],
        int(sys.argv[2]),
        float(sys.argv[3]),
        int(sys.argv[4]),
    )
    requests = [bytes.fromhex(line.strip()) for line in sys.stdin if line.strip()]
    tally, elapsed = asyncio.run(hammer(host, port, requests, seconds, connections))
    latencies = sorted(tally.latencies)
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else 0.0
    print(
        json.dumps(
            {
                "ok": tally.ok,
                "errors": tally.errors,
                "statuses": tally.statuses,
                "per_second": tally.ok / elapsed,
                "p95_ms": p95 * 1000,
            }
        )
    )


if __name__ == "__main__":
    main()
