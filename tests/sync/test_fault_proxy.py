"""Sync through a proxy that breaks connections: every fault ends in an error, never in a half
or doubled change, and the sync finishes correctly once the proxy heals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.sync.errors import OfflineError
from tests.server.world import COMMITTEE_11
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.harness import Laptop, LiveServer, differences
from tests.sync.households import new_household, set_household
from tests.sync.test_resilience import revisions_of

CODES = {COMMITTEE_11}


@pytest.fixture
def proxy(server: LiveServer) -> Iterator[FaultProxy]:
    with FaultProxy(server.port) as running:
        yield running


@pytest.fixture
def remote(tmp_path: Path, proxy: FaultProxy) -> Iterator[Laptop]:
    """The advisor's laptop, reaching the server only through the proxy (short timeouts)."""
    one = Laptop(tmp_path / "remote", proxy.url, "advisor", timeout=0.5)
    one.login()
    one.sync()
    yield one
    one.close()


def assert_converged(laptop: Laptop, server: LiveServer) -> None:
    for entity in ("household", "member"):
        assert differences(laptop, server, entity, CODES) == []
    assert laptop.outbox() == []


@pytest.mark.parametrize(
    ("fault", "options"),
    [
        (Fault.CUT_ANSWER, {"after": 300}),
        (Fault.TRUNCATE_BODY, {}),
        (Fault.CUT_REQUEST, {"after": 120}),
        (Fault.DELAY, {"delay": 1.5}),
        (Fault.BLACKHOLE, {}),
    ],
)
def test_a_broken_connection_fails_the_sync_and_the_healed_one_finishes_it(
    remote: Laptop, proxy: FaultProxy, server: LiveServer, fault: Fault, options: dict[str, object]
) -> None:
    household = new_household(remote)
    set_household(remote, household, notes="第一次走访")
    proxy.break_with(fault, **options)

    with pytest.raises(OfflineError):
        remote.sync()

    assert proxy.faulty_connections >= 1
    proxy.heal()
    remote.sync()
    assert_converged(remote, server)
    assert revisions_of(server, remote.engine.state.device_id) == [1, 2, 3]


def test_small_delays_only_slow_the_sync_down(
    remote: Laptop, proxy: FaultProxy, server: LiveServer
) -> None:
    new_household(remote)
    proxy.break_with(Fault.DELAY, delay=0.05)

    remote.sync()

    assert_converged(remote, server)


def test_a_first_sync_over_a_flaky_line_gets_there_page_by_page(
    tmp_path: Path, proxy: FaultProxy, server: LiveServer
) -> None:
    station = Laptop(tmp_path / "station", server.url, "station")
    station.login()
    station.sync()
    for head in "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许":
        new_household(station, head=head)
    station.sync()
    advisor = Laptop(tmp_path / "flaky", proxy.url, "advisor", timeout=0.5)
    advisor.login()
    advisor.engine.page_limit = 6
    proxy.break_with(Fault.CUT_ANSWER, after=900, probability=0.6)

    failures = 0
    while True:
        try:
            advisor.sync()
            break
        except OfflineError:
            failures += 1
            assert failures < 40, "the flaky line never let a sync through"

    assert proxy.faulty_connections > 0
    proxy.heal()
    advisor.sync()
    assert_converged(advisor, server)
    assert len(advisor.households.page(limit=100)) == 20
    station.close()
    advisor.close()
