"""The report's week bars (issue 20 point 10): the goal's label beside the bars, never over
the current week's; twelve weeks' labels that do not run together."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from tracker.report.parts import short_day
from tracker.report.svg import week_bars

AXIS = re.compile(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*class="axis"[^>]*>([^<]*)</text>')
RECT = re.compile(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"')
CHAR_WIDTH = 6.5  # about, for 11px text


def axis_texts(svg: str) -> list[tuple[float, float, str]]:
    found = [(float(x), float(y), text) for x, y, text in AXIS.findall(svg)]
    if not found:  # attributes in another order: read them one by one
        for tag in re.findall(r"<text[^>]*class=\"axis\"[^>]*>[^<]*</text>", svg):
            x = float(re.search(r' x="([\d.]+)"', tag)[1])
            y = float(re.search(r' y="([\d.]+)"', tag)[1])
            found.append((x, y, re.search(r">([^<]*)<", tag)[1]))
    return found


def twelve_weeks(goal: float | None) -> str:
    mondays = [date(2026, 9, 7) + timedelta(weeks=n) for n in range(12)]
    return str(
        week_bars(
            [120.0] * 12,
            [short_day(monday) for monday in mondays],
            ["2h"] * 12,
            label="Time together",
            top=200.0,
            goal=goal,
            goal_label="goal 3h" if goal else "",
        )
    )


def test_the_goal_label_sits_right_of_every_bar():
    svg = twelve_weeks(goal=180.0)
    [tag] = re.findall(r"<text[^>]*>goal 3h</text>", svg)
    x = float(re.search(r' x="([\d.]+)"', tag)[1])
    left = x - len("goal 3h") * CHAR_WIDTH if 'text-anchor="end"' in tag else x
    right_edges = [float(x) + float(w) for x, w in RECT.findall(svg)]
    assert right_edges and left > max(right_edges)


def test_many_weeks_head_the_day_by_day_table_with_the_month_where_it_begins():
    from tracker.report import week_head_words

    mondays = [date(2026, 9, 7) + timedelta(weeks=n) for n in range(12)]
    words = week_head_words(mondays)
    assert words[:5] == ["7 Sep", "14", "21", "28", "5 Oct"]
    assert week_head_words(mondays[:4]) == ["7 Sep", "14 Sep", "21 Sep", "28 Sep"]


def test_twelve_week_labels_do_not_run_together():
    svg = twelve_weeks(goal=None)
    by_line: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in axis_texts(svg):
        by_line.setdefault(y, []).append((x, text))
    for labels in by_line.values():
        labels.sort()
        for (x1, t1), (x2, t2) in pairwise(labels):
            assert x2 - x1 >= (len(t1) + len(t2)) / 2 * CHAR_WIDTH + 4, (t1, t2)
    shown = " ".join(text for _x, _y, text in sorted(axis_texts(svg)))
    assert "Sep" in shown and "Oct" in shown and "Nov" in shown
