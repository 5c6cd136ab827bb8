"""The service: the one door the faces use to reach the data (see `tracker.service.tracker`)."""

from tracker.day_view import DayRow, DayView
from tracker.service.asking import OpenDay
from tracker.service.change import Change, Undo
from tracker.service.plans import PlannedExcuse
from tracker.service.reminders import Firing
from tracker.service.streaks import PromiseStanding
from tracker.service.tracker import Tracker
from tracker.store import BackupInfo

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
