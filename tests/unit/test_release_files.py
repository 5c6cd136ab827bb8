"""Files written by release 0.1 (tests/fixtures/release-0.1/, made by
tests/fixtures/make_release_fixtures.py) open, restore, import and read as they did:
the service's views of them are the views that release showed."""

from __future__ import annotations

import json
from pathlib import Path

from release_views import FIXTURES, all_views, as_text, copied, tracker_at


def test_release_fixtures_show_the_same_views_in_this_release(tmp_path: Path):
    expected = json.loads((FIXTURES / "expected-views.json").read_text(encoding="utf-8"))
    views = json.loads(as_text(all_views(copied(tmp_path))))
    for name in sorted(expected):
        for part in sorted(expected[name]):
            assert views[name][part] == expected[name][part], f"{name}: {part}"
    assert views == expected


def test_reading_a_release_data_file_leaves_its_bytes_as_they_were(tmp_path: Path):
    root = copied(tmp_path)
    data = root / "data"
    before = {p: p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}
    all_views(root)
    after = {p: p.read_bytes() for p in before}
    assert after == before


def test_a_share_this_release_writes_says_what_release_0_1_wrote(tmp_path: Path):
    """A partner on release 0.1 reads our share as before: from the same data, the share
    this release builds says what the one release 0.1 wrote (not written again)."""
    root = copied(tmp_path)
    for who in ("alex", "sam"):
        published = tracker_at(root / "share" / who / "tracker.json").sharing.publish(
            only_if_changed=True
        )
        assert published.unchanged and not published.written, who


def test_an_export_this_release_writes_says_what_release_0_1_wrote(tmp_path: Path):
    root = copied(tmp_path)
    out = tmp_path / "again.json"
    tracker_at(root / "data" / "tracker.json").exchange.export("json", out)
    again = json.loads(out.read_text(encoding="utf-8"))
    before = json.loads((root / "export.json").read_text(encoding="utf-8"))
    assert again == before
