"""A laptop revoked by an administrator stops syncing at once with its own error, and keeps the
edits it had not synced: they wait in the outbox until someone signs in on it again (with the
password: the laptop registers as a new device, the revoked one stays dead)."""

from __future__ import annotations

import pytest

from app.sync.admin import AdminClient
from app.sync.errors import DeviceRevokedError
from tests.sync.conftest import LaptopMaker
from tests.sync.harness import LiveServer, server_rows
from tests.sync.households import new_household, set_household


def test_a_revoked_laptop_keeps_its_unsynced_edits_for_the_next_sign_in(
    laptop: LaptopMaker, server: LiveServer
) -> None:
    advisor, admin = laptop("advisor"), laptop("admin")
    household = new_household(advisor)
    advisor.sync()
    set_household(advisor, household, phone="13911112222")  # not yet synced
    pending = [entry.mid for entry in advisor.outbox()]

    devices = AdminClient(admin.engine)
    target = next(d for d in devices.devices() if d.id == advisor.engine.state.device_id)
    assert devices.revoke(target.id).revoked

    with pytest.raises(DeviceRevokedError) as stopped:
        advisor.sync()
    assert "停用" in stopped.value.zh
    assert [entry.mid for entry in advisor.outbox()] == pending  # nothing lost

    assert server_rows(server, "household")[household]["phone"] != "13911112222"

    advisor.login()  # the advisor signs in again on that laptop: a new device, same edits
    advisor.sync()
    assert advisor.outbox() == []
    assert server_rows(server, "household")[household]["phone"] == "13911112222"
    assert advisor.engine.state.device_id != target.id
