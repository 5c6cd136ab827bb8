"""The report: self-contained, user text as data, figures by tracker's own rules, notes private."""

from __future__ import annotations

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from foreign_files import DEMO_TODAY, five_year_demo

from tracker.formats.data import TrackerData
from tracker.model import (
    Mark,
    MarkStatus,
    Note,
    NoteStatus,
    Promise,
    QualityKind,
    QualityTime,
    Settings,
    Trigger,
)
from tracker.report import Section, render_report
from tracker.report.figures import Share, report_figures
from tracker.report.html import element, text
from tracker.schedule import parse_schedule

TODAY = date(2026, 3, 18)  # a Wednesday
MONDAY = date(2026, 3, 16)
HOSTILE = '<script>alert("x")</script><img src="http://evil.example/x.png"> & 🌙'


class Page(HTMLParser):
    """Every tag, attribute and text of a page, as a browser's parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.texts: list[str] = []
        self.style = ""
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        else:
            self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def small() -> TrackerData:
    walk = Promise(HOSTILE, parse_schedule("daily"), date(2026, 1, 1), id=1)
    weekly = Promise("Plan a date night", parse_schedule("2/week"), date(2026, 1, 1), id=2)
    archived = Promise("Old one", parse_schedule("daily"), date(2026, 1, 1), id=3, archived=True)
    marks = {
        1: {
            MONDAY: Mark(1, MONDAY, MarkStatus.KEPT),
            MONDAY + timedelta(days=1): Mark(1, MONDAY + timedelta(days=1), MarkStatus.EXCUSED),
            MONDAY - timedelta(days=1): Mark(1, MONDAY - timedelta(days=1), MarkStatus.KEPT),
        },
        2: {
            MONDAY - timedelta(days=7): Mark(2, MONDAY - timedelta(days=7), MarkStatus.KEPT),
            MONDAY - timedelta(days=5): Mark(2, MONDAY - timedelta(days=5), MarkStatus.KEPT),
            MONDAY: Mark(2, MONDAY, MarkStatus.KEPT),
        },
    }
    notes = (
        Note(
            MONDAY,
            HOSTILE + "\nsecond line",
            Trigger.NEGLECT,
            id=1,
            feeling="I feel <b>small</b>",
            status=NoteStatus.LET_GO,
            let_go_on=TODAY,
        ),
        Note(date(2025, 6, 1), "An old hurt", Trigger.BETRAYAL, id=2),
    )
    quality = (
        QualityTime(MONDAY, 90, QualityKind.DATE_NIGHT, id=1),
        QualityTime(MONDAY - timedelta(days=3), 200, QualityKind.CONVERSATION, id=2),
    )
    return TrackerData(
        promises=(walk, weekly, archived),
        marks=marks,
        quality=quality,
        notes=notes,
        settings=Settings(weekly_quality_minutes=180),
    )


def test_the_page_loads_nothing_and_runs_nothing():
    page = Page(render_report(small(), today=TODAY, weeks=4, include_notes=True))
    assert "script" not in page.tags and "img" not in page.tags and "link" not in page.tags
    assert "iframe" not in page.tags and "object" not in page.tags
    for name, value in page.attributes:
        assert not name.startswith("on"), name
        assert name not in {"src", "href", "xlink:href", "srcset", "action"}, (name, value)
        assert "://" not in value and "url(" not in value, (name, value)
    assert (
        "url(" not in page.style and "@import" not in page.style and "@font-face" not in page.style
    )
    assert "http" not in page.style


def test_user_text_with_markup_is_shown_as_written_never_run():
    html = render_report(small(), today=TODAY, weeks=4, include_notes=True)
    page = Page(html)
    assert "<script>" not in html and '<img src="http' not in html
    assert '<script>alert("x")</script><img src="http://evil.example/x.png"> & 🌙' in page.text
    assert "I feel <b>small</b>" in page.text


def test_note_text_appears_only_when_asked_for():
    private = Page(render_report(small(), today=TODAY, weeks=4)).text
    assert "second line" not in private and "I feel" not in private
    assert "their words stay private" in private
    shared = Page(render_report(small(), today=TODAY, weeks=4, include_notes=True)).text
    assert "second line" in shared and "includes private words: forgiveness notes" in shared


def test_the_figures_follow_trackers_rules_week_by_week():
    figures = report_figures(small(), today=TODAY, weeks=2)
    assert figures.mondays == (MONDAY - timedelta(days=7), MONDAY)
    walk, weekly = figures.rows  # the archived promise is left out
    # Last week: only Sunday kept (started long before), six missed days.
    assert walk.weeks[0] == Share(1, 7)
    # This week: Monday kept, Tuesday excused, today still open: 1 of 1.
    assert walk.weeks[1] == Share(1, 1)
    # 2/week: last week met (2 of 2); this week 1 of 2 so far is open, so it drags nothing.
    assert weekly.weeks == (Share(2, 2), Share(1, 1))
    assert figures.total == Share(5, 11)
    assert [week.minutes for week in figures.time] == [200, 90]
    assert figures.weeks_at_goal == 1
    assert figures.notes.let_go == {Trigger.NEGLECT: 1}
    assert figures.notes.still_open == {Trigger.BETRAYAL: 1}


def test_the_report_names_promises_figures_and_the_period():
    text_shown = Page(render_report(small(), today=TODAY, weeks=2)).text
    assert "Keeping our promises: the last 2 weeks" in text_shown
    assert "9 March 2026 to 18 March 2026" in text_shown
    assert "Plan a date night" in text_shown and "Old one" not in text_shown
    assert "45%" in text_shown  # 5 of 11
    assert "5 of 11 due days and weekly targets" in text_shown
    assert "4 h 50" in text_shown  # 200 + 90 minutes


def test_later_sections_are_added_with_their_text_escaped():
    body = element("p", text("You made dinner <again> when I was tired"))
    section = Section("Appreciations", "Thanks said out loud, week by week.", body)
    html = render_report(small(), today=TODAY, weeks=2, sections=[section])
    assert "You made dinner &lt;again&gt; when I was tired" in html
    assert "Appreciations" in Page(html).text


@pytest.mark.parametrize(("paper", "size"), [(None, "auto"), ("a4", "A4"), ("Letter", "letter")])
def test_the_paper_size_is_set_for_print(paper, size):
    assert f"@page {{ size: {size};" in render_report(small(), today=TODAY, paper=paper)


def test_an_unknown_paper_size_is_refused():
    with pytest.raises(ValueError, match="paper"):
        render_report(small(), today=TODAY, paper="a3")


def test_an_empty_file_still_makes_a_calm_report():
    text_shown = Page(render_report(TrackerData(), today=TODAY)).text
    assert "No promise was active in these weeks." in text_shown
    assert "grade" not in text_shown.lower()


def test_no_red_anywhere():
    html = render_report(small(), today=TODAY, include_notes=True).lower()
    for red in ("red", "#f00", "#ff0000", "crimson", "#c00", "#d32f2f"):
        assert f": {red}" not in html and f'="{red}"' not in html


def test_the_five_year_demo_report_shows_every_active_promise(tmp_path):
    data = five_year_demo(tmp_path)
    page = Page(render_report(data, today=DEMO_TODAY, weeks=8)).text
    active = [
        p
        for p in data.promises
        if not p.archived and (p.end is None or p.end >= DEMO_TODAY - timedelta(weeks=8))
    ]
    for promise in active:
        assert promise.title in page
