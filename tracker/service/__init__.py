"""The service: the one door the faces use to reach the data (see `tracker.service.tracker`).

The names below are imported when first used (PEP 562), so that `from tracker.service
import Tracker` loads the tracker alone, not every area's module.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.day_view import DayRow, DayView
    from tracker.service.asking import OpenDay
    from tracker.service.change import Change, Undo
    from tracker.service.plans import PlannedExcuse
    from tracker.service.reminders import Firing
    from tracker.service.streaks import PromiseStanding
    from tracker.service.tracker import Tracker
    from tracker.store import BackupInfo

_HOMES = {
    "BackupInfo": "tracker.store",
    "Change": "tracker.service.change",
    "DayRow": "tracker.day_view",
    "DayView": "tracker.day_view",
    "Firing": "tracker.service.reminders",
    "OpenDay": "tracker.service.asking",
    "PlannedExcuse": "tracker.service.plans",
    "PromiseStanding": "tracker.service.streaks",
    "Tracker": "tracker.service.tracker",
    "Undo": "tracker.service.change",
}

__all__ = [
    "BackupInfo",
    "Change",
    "DayRow",
    "DayView",
    "Firing",
    "OpenDay",
    "PlannedExcuse",
    "PromiseStanding",
    "Tracker",
    "Undo",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(home), name)
