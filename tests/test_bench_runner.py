"""The benchmark runner: JSON lines per DESIGN §8, discovery of bench modules, usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[1]

ECHO_BENCH = """
def run(quick):
    size = 10 if quick else 1000
    yield {"metric": "rows", "value": size, "unit": "count"}
    yield {"metric": "p95 名字", "value": 1.5, "unit": "ms"}
"""


@pytest.fixture
def fake_benches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A bench package with two benchmarks and one shared helper module."""
    package = tmp_path / "fakebench"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "echo.py").write_text(ECHO_BENCH, encoding="utf-8")
    (package / "empty.py").write_text("def run(quick):\n    return iter(())\n")
    (package / "_datasets.py").write_text("raise RuntimeError('helpers are not benchmarks')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "fakebench"


def json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_quick_run_prints_one_json_object_per_metric(
    fake_benches: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["echo", "--quick"], package=fake_benches) == 0

    assert json_lines(capsys.readouterr().out) == [
        {"bench": "echo", "metric": "rows", "value": 10, "unit": "count"},
        {"bench": "echo", "metric": "p95 名字", "value": 1.5, "unit": "ms"},
    ]


def test_all_runs_every_benchmark_but_not_the_helper_modules(
    fake_benches: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["all"], package=fake_benches) == 0

    rows = json_lines(capsys.readouterr().out)
    assert [row["bench"] for row in rows] == ["echo", "echo"]
    assert rows[0]["value"] == 1000


def test_unknown_benchmark_is_a_usage_error_listing_the_choices(
    fake_benches: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serch"], package=fake_benches) == EXIT_USAGE

    assert "choose one of: echo, empty, all" in capsys.readouterr().err


def test_bench_lists_its_benchmarks_from_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "__main__" not in result.stdout
