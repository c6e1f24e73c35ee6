"""Response deadlines of help requests by channel and urgency (no domain rule covers them).

紧急: within 24 hours whatever the channel; 较急: by the end of the next working day; 一般: by the
end of the 3rd working day for 12345 and 线上求助 (the platforms count their own deadlines), the 5th
for the others. Working days follow the State Council's holiday schedule, make-up Saturdays
included (app.domain.working_days).
"""

from __future__ import annotations

import datetime as dt

from app.domain.enums import HelpRequestChannel, Urgency
from app.domain.working_days import add_working_days
from app.services.local_time import SHANGHAI

URGENT_HOURS = 24
HIGH_WORKING_DAYS = 1
NORMAL_WORKING_DAYS = {
    HelpRequestChannel.HOTLINE_12345: 3,
    HelpRequestChannel.ONLINE: 3,
}
DEFAULT_NORMAL_WORKING_DAYS = 5


def respond_by(channel: str, urgency: str, received_at: dt.datetime) -> dt.datetime:
    """The moment by which the station must respond to a request received at ``received_at``."""
    if urgency == Urgency.URGENT:
        return received_at + dt.timedelta(hours=URGENT_HOURS)
    if urgency == Urgency.HIGH:
        days = HIGH_WORKING_DAYS
    else:
        days = NORMAL_WORKING_DAYS.get(HelpRequestChannel(channel), DEFAULT_NORMAL_WORKING_DAYS)
    local_day = received_at.astimezone(SHANGHAI).date()
    last_day = add_working_days(local_day, days)
    return dt.datetime.combine(last_day, dt.time(23, 59, 59), SHANGHAI)
