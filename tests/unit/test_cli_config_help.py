"""`tracker config --help` lists every setting with its meaning and its value now."""

from __future__ import annotations

import pytest

from tracker.settings_keys import SETTING_KEYS, SETTING_MEANINGS


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    path = tmp_path / "data.json"
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


def _config_help(capsys, flag: str) -> str:
    from tracker.cli import main

    capsys.readouterr()
    assert main(["config", flag]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_config_help_lists_every_setting_with_its_meaning_and_value_now(data_file, capsys, flag):
    from tracker.cli import main

    assert main(["config", "set", "day_starts_at", "03:00"]) == 0
    assert main(["config", "set", "notifications.weekly_checkin_day", "sunday"]) == 0
    lines = _config_help(capsys, flag).splitlines()
    assert lines[0].startswith("usage: tracker config")
    assert "  day_starts_at = 03:00" in lines
    assert "  notifications.weekly_checkin_day = sunday" in lines
    assert "  weekly_quality_target = 3h" in lines  # an untouched default is shown too
    for key in SETTING_KEYS:
        (line,) = [line for line in lines if line.startswith(f"  {key} = ")]
        assert lines[lines.index(line) + 1].strip() == SETTING_MEANINGS[key]


def test_config_help_creates_no_data_file(data_file, capsys):
    assert "  theme = tracker-dark" in _config_help(capsys, "--help").splitlines()
    assert not data_file.exists()


def test_config_help_still_helps_when_the_data_file_is_damaged(data_file, capsys):
    data_file.write_text("{broken", encoding="utf-8")
    out = _config_help(capsys, "--help")
    assert all(f"  {key}" in out.splitlines() for key in SETTING_KEYS)
    assert "tracker doctor" in out
    assert data_file.read_text(encoding="utf-8") == "{broken"
