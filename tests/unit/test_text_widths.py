"""Command-line tables line up by the columns text takes on screen, not by its characters."""

from __future__ import annotations

import pytest

from tracker.text import cell_width, cut_to_cells, pad_to_cells

TITLES = [
    "Walk together",
    "毎日一緒に散歩する",  # CJK: two columns each
    "🌙 Evening talk 🫶",  # emoji: two columns each
    "Cafe\u0301 date",  # a combining accent takes no column
    "Family 👨\u200d👩\u200d👧 dinner",  # a joined emoji: its joiners take none
    "長" * 40,  # longer than the column: cut with an ellipsis
]


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("毎日", 4), ("🌙", 2), ("Cafe\u0301", 4), ("a\u200db", 2), ("", 0)],
)
def test_the_width_of_text_is_the_columns_it_takes(text, width):
    assert cell_width(text) == width


@pytest.mark.parametrize("title", TITLES)
def test_a_padded_title_takes_exactly_its_column(title):
    padded = pad_to_cells(title, 32)
    assert cell_width(padded) == 32
    assert padded.rstrip() == title or padded.rstrip().endswith("…")


def test_a_wide_character_is_never_split_by_the_cut():
    assert cut_to_cells("長長長", 4) == "長…"  # 3 columns: the next 長 would make 5
    assert pad_to_cells("長長長", 4) == "長… "


def test_streaks_align_their_columns_for_cjk_and_emoji_titles(tmp_path, monkeypatch, capsys):
    from tracker.cli import main

    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "data.json"))
    for title in TITLES:
        assert main(["add", title]) == 0
        assert main(["check", title]) == 0
    capsys.readouterr()
    assert main(["streaks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + len(TITLES)
    # Every row is as wide as the header, and its streak ends where the header's "now" does.
    header_width = cell_width(lines[0])
    assert [cell_width(line) for line in lines] == [header_width] * len(lines)
    now_ends = cell_width(lines[0][: lines[0].index("now") + len("now")])
    assert {cell_width(line[: line.index("1d") + len("1d")]) for line in lines[1:]} == {now_ends}
