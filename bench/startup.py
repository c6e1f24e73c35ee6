"""Startup benchmark: a fresh `python -m app demo --screenshot` process on a 100k-household demo
profile (10k with --quick), from process start to the main window's ``loaded`` signal, and its
memory. The profile is built once (by a first `demo` run) and cached in the temp folder, keyed
by size and a fingerprint of the migrations and the demo generator."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

DEMO_PASSPHRASE = (
    "nuanxin-demo"  # app.services.demo_profile; not imported: keeps this process small
)
FULL_HOUSEHOLDS = 100_000
QUICK_HOUSEHOLDS = 10_000
FULL_RUNS, QUICK_RUNS = 5, 2
READY_PREFIX = "nuanxin-ready "
TIMEOUT_S = 300
ROOT = Path(__file__).resolve().parents[1]


def _row(metric: str, value: float, unit: str) -> dict[str, Any]:
    return {"bench": "startup", "metric": metric, "value": round(value, 3), "unit": unit}


def _data_fingerprint() -> str:
    """Changes when the schema (migrations) or the demo generator changes: rebuild then."""
    digest = hashlib.sha256()
    sources = sorted((ROOT / "app" / "store" / "migrations" / "versions").glob("*.py"))
    sources += sorted((ROOT / "app" / "services").glob("demo_*.py"))
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached_profile(households: int, scratch: Path) -> tuple[Path, float | None]:
    """The demo profile folder for ``households`` and, when it had to be made now, the seconds
    of that first `nuanxin demo` run (generation, load, index, window)."""
    key = f"{households}-{_data_fingerprint()}"
    folder = Path(tempfile.gettempdir()) / f"nuanxin-bench-startup-{key}"
    if (folder / "profile.json").is_file():
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)  # an interrupted build
    started = time.perf_counter()
    measure_once(folder, scratch / "build.png", ["--households", str(households)])
    return folder, time.perf_counter() - started


def measure_once(
    folder: Path, screenshot: Path, extra: Sequence[str] = (), *, demo: bool = True
) -> dict[str, float]:
    """One fresh process: seconds from spawn to loaded, and the memory it reported then.

    ``demo`` runs `nuanxin demo` (which also starts the embedded server and syncs before the
    window); otherwise the same profile opens as an advisor's laptop does, passphrase from the
    environment.

    The child reports its own ru_maxrss; Linux carries the parent's peak into a vforked child,
    so this process stays small (it never imports the app)."""
    env = dict(os.environ, NUANXIN_REPORT_READY="1", PYTHONPATH=str(ROOT))
    env["NUANXIN_PASSPHRASE"] = DEMO_PASSPHRASE
    if sys.platform.startswith("linux") and not env.get("DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = [sys.executable, "-m", "app", "--profile", str(folder)]
    command += ["demo", *extra] if demo else [*extra]
    command += ["--screenshot", str(screenshot)]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    report: dict[str, float] = {}
    for line in process.stdout:
        if line.startswith(READY_PREFIX):
            report = {
                "loaded_s": time.perf_counter() - started,
                **json.loads(line[len(READY_PREFIX) :]),
            }
    if process.wait(TIMEOUT_S) != 0 or not report:
        raise RuntimeError(f"{' '.join(command)} failed with exit code {process.returncode}")
    return report


def run(quick: bool) -> Iterator[dict[str, Any]]:
    households = QUICK_HOUSEHOLDS if quick else FULL_HOUSEHOLDS
    runs = []
    with tempfile.TemporaryDirectory(prefix="nuanxin-startup-") as scratch:
        folder, build_s = cached_profile(households, Path(scratch))
        yield _row("households", households, "count")
        if build_s is not None:
            yield _row("first_demo_run_with_build", build_s, "s")
        measure_once(folder, Path(scratch) / "warm.png")  # warms the OS file cache
        demo_runs = []
        for number in range(QUICK_RUNS if quick else FULL_RUNS):
            runs.append(measure_once(folder, Path(scratch) / f"run{number}.png", demo=False))
            demo_runs.append(measure_once(folder, Path(scratch) / f"demo{number}.png"))
    yield _row(
        "demo_loaded_window_median", statistics.median(r["loaded_s"] for r in demo_runs), "s"
    )
    yield _row("loaded_window_median", statistics.median(r["loaded_s"] for r in runs), "s")
    yield _row("loaded_window_max", max(r["loaded_s"] for r in runs), "s")
    yield _row("rss_when_loaded", max(r["rss_mb"] for r in runs), "MB")
    yield _row("peak_rss", max(r["peak_rss_mb"] for r in runs), "MB")
