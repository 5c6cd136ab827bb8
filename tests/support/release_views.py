"""What a user sees of the files a release wrote: the service's views, as plain text.

The fixtures under tests/fixtures/release-0.1/ were written by release 0.1 together with
these views as that release showed them; a later release must show the same views when
it opens, restores, imports and reads those files (tests/unit/test_release_files.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app_support import EVENING, TODAY, open_store

from tracker.cli.commands.marks import day_json
from tracker.clock import Clock
from tracker.model import NOTE_LISTED
from tracker.service import Tracker
from tracker.stats import stats_json

FIXTURES = Path(__file__).parent.parent / "fixtures" / "release-0.1"
DAYS = tuple(TODAY - timedelta(days=back) for back in (0, 1, 6, 30, 200))


def tracker_at(path: Path) -> Tracker:
    # The zone as tracker finds it on a machine (tzlocal gives a ZoneInfo, named by its key).
    return Tracker(open_store(path), Clock(zone=ZoneInfo("Europe/Berlin"), frozen=EVENING))


def own_views(tracker: Tracker) -> dict[str, Any]:
    """Today and past days, streaks, notes, settings and every practice's records."""
    return {
        "days": {day.isoformat(): day_json(tracker.marks.day(day)) for day in DAYS},
        "streaks": [
            stats_json(row.promise, row.stats)
            for row in tracker.streaks.table(TODAY, include_archived=True)
        ],
        "notes": [NOTE_LISTED.document(note) for note in tracker.notes.all()],
        "settings": repr(tracker.settings.current()),
        "practices": {
            name: [release_repr(record) for record in getattr(tracker, name).all()]
            for name in ("appreciations", "bids", "boundaries", "goals", "letters", "checkins")
        },
        "snoozes": [repr(snooze) for snooze in tracker.snoozes.all()],
        "data": data_digest(tracker),
    }


# Fields added since release 0.1 and unset in its data (a yes/no promise's measure, a yes/no
# mark's amount, a week in facts without amounts) are no part of what it holds.
_ADDED_UNSET = re.compile(r", (?:measure|amount|target|unit)=None(?=[,)])")


def release_repr(value: object) -> str:
    """`repr(value)` without the fields added since release 0.1 that its data leaves unset."""
    return _ADDED_UNSET.sub("", repr(value))


def data_digest(tracker: Tracker) -> str:
    """Everything the data holds (marks, quality time, ...), too long to keep as text; the
    practices' documents by their meaning (the order of their keys is no part of it)."""
    snapshot = tracker.exchange.snapshot()
    extras = {
        name: [json.dumps(doc, sort_keys=True) for doc in docs]
        for name, docs in sorted(snapshot.extras.items())
    }
    text = release_repr(replace(snapshot, extras={})) + json.dumps(extras)
    return hashlib.sha256(text.encode()).hexdigest()


def partner_views(tracker: Tracker) -> dict[str, Any]:
    """What the partner's share shows: their day, week and streaks, acknowledgements."""
    view = tracker.sharing.view()
    streaks = view.streaks
    return {
        "status": repr((view.status.state, view.status.partner, view.status.problems)),
        "day": None if view.day is None else view.day.to_json(),
        "week": release_repr(view.week),
        "streaks": None if streaks is None else streaks.to_json(),
        "acknowledgements": [repr(line) for line in view.acknowledgements],
        "noticed": {f"{key[0]} {key[1]}": repr(value) for key, value in view.noticed.items()},
        "given": [repr(given) for given in tracker.sharing.given()],
    }


def copied(root: Path) -> Path:
    """A copy of the fixtures under `root`, with the pairings' folder where it now is
    (a pairing remembers its synced folder's absolute path)."""
    target = root / "release-0.1"
    shutil.copytree(FIXTURES, target, symlinks=True)
    for who in ("alex", "sam"):
        pairing = target / "share" / who / "tracker.share" / "pairing.json"
        doc = json.loads(pairing.read_text(encoding="utf-8"))
        doc["folder"] = str(target / "share" / "Sync" / "us")
        pairing.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return target


def all_views(root: Path) -> dict[str, Any]:
    """Every view of the copied fixtures in `root`, as the running release shows them."""
    data = tracker_at(root / "data" / "tracker.json")
    views: dict[str, Any] = {"data": own_views(data)}
    [backup] = data.backups.all()
    restored = tracker_at(root / "restored" / "tracker.json")
    restored.backups.restore(backup.path, force=True)
    views["restored"] = own_views(tracker_at(root / "restored" / "tracker.json"))
    imported = tracker_at(root / "imported" / "tracker.json")
    imported.exchange.bring_in(root / "export.json")
    views["imported"] = own_views(imported)
    for who in ("alex", "sam"):
        tracker = tracker_at(root / "share" / who / "tracker.json")
        views[who] = own_views(tracker) | {"partner": partner_views(tracker)}
    return views


def as_text(views: dict[str, Any]) -> str:
    return json.dumps(views, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
