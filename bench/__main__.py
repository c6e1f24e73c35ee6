"""Run benchmarks: `python -m bench NAME [--quick]`, `python -m bench all --quick`, `--list`.

A benchmark is a module `bench/<name>.py` (names starting with `_` are shared code, not benchmarks)
with `run(quick: bool) -> Iterator[dict]`; each dict holds "metric", "value" and "unit". The runner
prints one JSON object per line: {"bench", "metric", "value", "unit"} (DESIGN §8).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from collections.abc import Iterator
from typing import Any, Protocol, cast

EXIT_USAGE = 2


class BenchModule(Protocol):
    def run(self, quick: bool) -> Iterator[dict[str, Any]]: ...


def discover(package: str = "bench") -> list[str]:
    """Names of the benchmark modules in `package`, sorted, without importing them."""
    paths = importlib.import_module(package).__path__
    return sorted(
        info.name
        for info in pkgutil.iter_modules(paths)
        if not info.name.startswith("_") and not info.ispkg
    )


def results(name: str, quick: bool, package: str = "bench") -> Iterator[dict[str, Any]]:
    """The rows of one benchmark, each with its "bench" name first."""
    module = cast(BenchModule, importlib.import_module(f"{package}.{name}"))
    for row in module.run(quick):
        missing = {"metric", "value", "unit"} - row.keys()
        if missing:
            raise ValueError(f"bench {name!r} gave a row without {sorted(missing)}: {row!r}")
        yield {"bench": name, **{k: v for k, v in row.items() if k != "bench"}}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Run Nuanxin's benchmarks."
    )
    parser.add_argument("name", nargs="?", help="benchmark to run, or 'all'")
    parser.add_argument("--quick", action="store_true", help="small data, for CI and smoke runs")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, *, package: str = "bench") -> int:
    args = parse_args(argv)
    names = discover(package)
    if args.list:
        print("\n".join(names))
        return 0
    if args.name not in [*names, "all"]:
        problem = "name a benchmark" if args.name is None else f"unknown benchmark {args.name!r}"
        print(f"{problem}; choose one of: {', '.join([*names, 'all'])}", file=sys.stderr)
        return EXIT_USAGE
    for name in names if args.name == "all" else [args.name]:
        for row in results(name, args.quick, package):
            print(json.dumps(row, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
