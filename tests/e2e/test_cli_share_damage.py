"""Whatever a sync tool (or a person) does to the partner's share, the command line keeps
showing the last good one, says what happened in one calm line, and `share status --json`
names it with when the last good share came. A sync tool's conflict copy is ignored."""

from __future__ import annotations

import json
import shutil
import struct
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from app_support import EVENING, add_promise, frozen_clock, open_store
from cli_support import Cli, child_env

from tracker.service import Tracker
from tracker.share import envelope


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(bytes(data))


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])


def _newer_version(path: Path) -> None:
    data = bytearray(path.read_bytes())
    struct.pack_into(">H", data, len(envelope.MAGIC), envelope.FORMAT_VERSION + 1)
    path.write_bytes(bytes(data))


def _removed(path: Path) -> None:
    path.unlink()


def _folder_unplugged(path: Path) -> None:
    path.parent.rename(path.parent.with_name("unplugged"))


def _from_another_pairing(path: Path) -> None:
    root = path.parent.parent / "others"
    them = Tracker(open_store(root / "a" / "tracker.json"), frozen_clock())
    code = them.sharing.setup(root / "folder", "Stranger").saved.code
    Tracker(open_store(root / "b" / "tracker.json"), frozen_clock()).sharing.join(
        root / "folder", code, "Other"
    )
    assert them.sharing.publish().written
    pairing = them.sharing.files.pairing()
    assert pairing is not None
    shutil.copyfile(root / "folder" / pairing.my_file, path)


def _a_conflict_copy_beside_it(path: Path) -> None:
    stem = path.name.removesuffix(".tracker-share")
    conflict = f"{stem}.sync-conflict-20261125-203000-ABCDEF7.tracker-share"
    path.with_name(conflict).write_bytes(b"what the other machine had")


SPOILED: dict[str, tuple[Callable[[Path], None], str | None]] = {
    "a byte flipped": (_flip_a_byte, "damaged"),
    "cut short": (_cut_short, "cut-short"),
    "from a newer tracker": (_newer_version, "newer-version"),
    "written with another key": (_from_another_pairing, "other-key"),
    "removed": (_removed, "file-missing"),
    "the folder unplugged": (_folder_unplugged, "folder-missing"),
    "a conflict copy beside it": (_a_conflict_copy_beside_it, None),
}


@pytest.mark.parametrize("spoiled", SPOILED)
def test_the_last_good_share_is_shown_and_what_happened_said_calmly(tmp_path, spoiled):
    alex = Tracker(open_store(tmp_path / "alex" / "tracker.json"), frozen_clock())
    sam = Tracker(open_store(tmp_path / "sam" / "tracker.json"), frozen_clock())
    folder = tmp_path / "Sync" / "us"
    sam.sharing.join(folder, alex.sharing.setup(folder, "Alex").saved.code, "Sam")
    walk = add_promise(alex._context.store, "Evening walk")
    alex.marks.check_off(walk, EVENING.date())
    assert alex.sharing.publish().written
    assert sam.sharing.read().share is not None  # Sam's tracker has its last good share
    pairing = alex.sharing.files.pairing()
    assert pairing is not None

    spoil, kind = SPOILED[spoiled]
    spoil(folder / pairing.my_file)
    env = child_env(tmp_path / "home")
    env["TZ"] = "Europe/Berlin"
    later = (EVENING + timedelta(hours=1)).replace(tzinfo=None).isoformat()
    cli = Cli(db=sam.data_path, cwd=tmp_path, env=env)
    result = cli.run("--db", str(sam.data_path), "partner", "today", "--json", now=later)
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert (row["title"], row["status"]) == ("Evening walk", "kept")  # the last good view
    said = result.stderr.splitlines()
    status = json.loads(
        cli.run("--db", str(sam.data_path), "share", "status", "--json", now=later).stdout
    )
    if kind is None:
        assert said == [] and status["problems"] == []
        return
    assert len(said) == 1 and said[0].startswith("tracker: ") and "Traceback" not in said[0]
    assert [problem["kind"] for problem in status["problems"]] == [kind]
    assert status["last_good_at"] == EVENING.isoformat()
    assert "Alex" in said[0] or kind == "folder-missing"
