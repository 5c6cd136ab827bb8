"""Whether a path sits in a folder a sync tool manages (doctor warns about the data file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.share.synced import synced_folder_of


@pytest.mark.parametrize(
    ("marker", "tool"),
    [
        (".stfolder", "Syncthing"),
        (".dropbox", "Dropbox"),
        (".sync_3f2a9c.db", "Nextcloud or ownCloud"),
        ("._sync_3f2a9c.db", "Nextcloud or ownCloud"),
        (".owncloudsync.log", "Nextcloud or ownCloud"),
    ],
)
def test_a_data_file_inside_a_synced_folder_is_found_with_its_tool(tmp_path, marker, tool):
    synced = tmp_path / "Sync"
    (synced / "deep" / "er").mkdir(parents=True)
    (synced / marker).mkdir() if marker == ".stfolder" else (synced / marker).write_text("")
    found = synced_folder_of(synced / "deep" / "er" / "tracker.json")
    assert found is not None
    assert (found.tool, found.root) == (tool, synced)


def test_a_data_file_in_a_plain_folder_is_not_taken_for_synced(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "notes.sync.db").write_text("")  # not Nextcloud's journal name
    assert synced_folder_of(tmp_path / "data" / "tracker.json") is None


@pytest.mark.parametrize(
    ("path", "tool"),
    [
        ("/Users/sam/Library/Mobile Documents/com~apple~CloudDocs/tracker.json", "iCloud Drive"),
        ("/Users/sam/Library/CloudStorage/GoogleDrive-sam/tracker.json", "a cloud drive"),
        ("/home/sam/OneDrive/tracker.json", "OneDrive"),
    ],
)
def test_cloud_drives_are_told_by_their_paths(path, tool):
    found = synced_folder_of(Path(path))
    assert found is not None and found.tool == tool
