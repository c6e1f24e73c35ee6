"""The task runner delivers results and errors on the GUI thread and never blocks it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.views.tasks import TaskContext, TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_result_arrives_on_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work(a: int, b: int) -> int:
        seen["worker"] = threading.get_ident()
        return a + b

    def done(value: int) -> None:
        seen["value"] = value
        seen["delivered_on"] = threading.get_ident()

    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.submit(work, 2, 3, on_done=done)
    assert seen["value"] == 5
    assert seen["worker"] != gui
    assert seen["delivered_on"] == gui


def test_error_goes_to_on_error_or_task_failed(qtbot: QtBot, runner: TaskRunner) -> None:
    def broken() -> None:
        raise ValueError("boom")

    errors: list[BaseException] = []
    with qtbot.waitSignal(runner.idle, timeout=5000):
        runner.submit(broken, on_error=errors.append)
    assert isinstance(errors[0], ValueError)
    with qtbot.waitSignal(runner.task_failed, timeout=5000) as blocker:
        runner.submit(broken)
    assert str(blocker.args[0]) == "boom"


def test_write_task_emits_changed_once(qtbot: QtBot, runner: TaskRunner) -> None:
    with qtbot.waitSignal(runner.changed, timeout=5000) as blocker:
        runner.submit(lambda: None, changes="households")
    assert blocker.args == ["households"]


def test_cancelled_task_delivers_nothing(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    results: list[int] = []
    progress: list[int] = []

    def slow(task: TaskContext) -> int:
        task.progress(1, 2, "half")
        release.wait(5)
        task.check()
        return 1

    def quick() -> int:
        return 2

    first = runner.submit(slow, on_done=results.append, progress=lambda d, t, s: progress.append(d))
    second = runner.submit(slow, on_done=results.append, cancellable=True)
    third = runner.submit(quick, on_done=results.append)
    third.cancel()
    second.cancel()
    with qtbot.waitSignal(runner.idle, timeout=5000):
        release.set()
    assert results == [1]
    assert first.done
