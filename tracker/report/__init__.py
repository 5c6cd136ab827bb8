"""The report to bring to a counsellor: one self-contained HTML file, printable to PDF.

`render_report(data, today=..., weeks=8)` returns the page: promises kept week by week
(a heatmap of each promise's days and its consistency), time together against the
weekly goal, the notes let go (counts by trigger; their text only with
`include_notes=True`), and any `sections` later work adds (check-ins, appreciations,
bids). Charts are inline SVG drawn from the data; the page has no script and loads
nothing (no URL, font, stylesheet or image), so it opens offline and leaks nothing.
It prints on A4 and Letter (``paper``), each part on its own page, and reads the same
in black and white: states are shapes (kept ●, missed ○, excused –). No red, no grades.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.formats.data import TrackerData
from tracker.model import DayStatus, QualityKind, Trigger
from tracker.parsing import streak_words
from tracker.report.figures import PromiseRow, ReportFigures, Share, report_figures
from tracker.report.html import Html, element, join, lines, text
from tracker.report.parts import card, plural, short_day
from tracker.report.style import page_style
from tracker.report.svg import TIME, count_bars, day_strip, legend_mark, week_bars

PAPER_SIZES = ("a4", "letter")
GENERATOR = '<meta name="generator" content="tracker report">'


def is_tracker_report(head: bytes) -> bool:
    """Whether the start of a file is a report tracker wrote (for replacing it)."""
    return head.startswith(b"<!DOCTYPE html>") and GENERATOR.encode() in head[:2048]


@dataclass(frozen=True)
class Section:
    """A part later work adds (check-ins, appreciations, bids): a heading, one line saying
    what it shows, and a body built with `tracker.report.html` (user text escaped)."""

    heading: str
    intro: str
    body: Html
    # Printed from the top of a new page (else it follows the part before it).
    new_page: bool = True


def render_report(
    data: TrackerData,
    *,
    today: date,
    weeks: int = 8,
    include_notes: bool = False,
    paper: str | None = None,
    sections: Sequence[Section] = (),
) -> str:
    """The report's HTML (a whole document)."""
    if paper is not None and paper.lower() not in PAPER_SIZES:
        raise ValueError(f"paper is one of {PAPER_SIZES}, not {paper!r}")
    figures = report_figures(data, today=today, weeks=weeks)
    weeks_shown = len(figures.mondays)
    heading = f"Keeping our promises: the last {weeks_shown} weeks"
    body = join(
        [
            _summary(figures, heading, include_notes),
            _promises(figures),
            _time_and_notes(figures, include_notes),
            *(_section(section) for section in sections),
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        + element(
            "html",
            element(
                "head",
                Html('<meta charset="utf-8">'),
                Html(GENERATOR),
                Html('<meta name="viewport" content="width=device-width, initial-scale=1">'),
                Html('<meta name="referrer" content="no-referrer">'),
                element("title", heading),
                element("style", Html(page_style(paper))),
            ),
            element("body", element("main", body)),
            lang="en",
        )
        + "\n"
    )


# --- words -------------------------------------------------------------------------------------


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _percent(share: Share) -> str:
    ratio = share.ratio
    return "–" if ratio is None else f"{ratio * 100:.0f}%"


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest:02d}"


# --- parts -------------------------------------------------------------------------------------


def _summary(figures: ReportFigures, heading: str, include_notes: bool) -> Html:
    total_minutes = sum(week.minutes for week in figures.time)
    notes = figures.notes
    let_go = sum(notes.let_go.values())
    still_open = sum(notes.still_open.values())
    cards = [
        card(
            "Promises kept",
            _percent(figures.total),
            f"{figures.total.kept:,} of {figures.total.judged:,} due days and weekly targets",
        ),
        card(
            "Time together",
            _hours(total_minutes),
            f"{plural(figures.weeks_at_goal, 'week', 'weeks')} of {len(figures.time)} at the "
            f"goal of {_hours(figures.weekly_goal)}",
        ),
        card(
            "Notes let go",
            str(let_go),
            f"{plural(sum(notes.written.values()), 'note', 'notes')} written in these weeks; "
            f"{still_open} still open",
        ),
    ]
    privacy = (
        "This report includes private words: forgiveness notes, check-in answers and appreciations."
        if include_notes
        else "Notes, check-ins and appreciations are counted here; their words stay private."
    )
    kept_chart = week_bars(
        [share.ratio for share in figures.weekly],
        [short_day(monday) for monday in figures.mondays],
        [_percent(share) for share in figures.weekly],
        label="Share of promises kept each week",
        top=1.0,
    )
    return element(
        "section",
        element(
            "header",
            element("h1", heading),
            element(
                "p",
                f"{_day(figures.first_day)} to {_day(figures.last_day)} · "
                f"prepared {_day(figures.today)} · {privacy}",
                class_="meta",
            ),
        ),
        element("div", *cards, class_="cards"),
        element("h2", "Promises kept, week by week"),
        element(
            "p",
            "Each bar is the share of due days (and weekly targets) kept that week; "
            "excused days are left out.",
            class_="intro",
        ),
        element("figure", kept_chart),
        _time_chart(figures),
        class_="part summary",
    )


def _time_chart(figures: ReportFigures) -> Html:
    goal = figures.weekly_goal
    top = max([week.minutes for week in figures.time] + [goal, 60]) * 1.1
    chart = week_bars(
        [week.minutes for week in figures.time],
        [short_day(week.monday) for week in figures.time],
        [_hours(week.minutes) if week.minutes else "–" for week in figures.time],
        label="Time together each week, against the weekly goal",
        top=top,
        goal=goal or None,
        goal_label=f"goal {_hours(goal)}",
        colour=TIME,
    )
    return join(
        [
            element("h2", "Time together, week by week"),
            element(
                "p",
                "Undistracted time logged each week; the dashed line is the weekly goal.",
                class_="intro",
            ),
            element("figure", chart),
        ]
    )


def _legend() -> Html:
    items = [
        (DayStatus.KEPT, "kept"),
        (DayStatus.MISSED, "missed"),
        (DayStatus.EXCUSED, "excused"),
        (DayStatus.OPEN, "still open today"),
        (DayStatus.NOT_DUE, "nothing asked that day"),
    ]
    return element(
        "p",
        *(element("span", legend_mark(state), " ", words, class_="key") for state, words in items),
        class_="legend",
    )


# Above this many weeks, "14 Sep" over each week of the day-by-day table runs together.
ROOMY_WEEK_HEADS = 8


def week_head_words(mondays: Sequence[date]) -> list[str]:
    """The day-by-day table's week heads: '7 Sep', '14 Sep'…; with many weeks, the day
    alone and the month where one begins ('7 Sep', '14', '21', '28', '5 Oct')."""
    if len(mondays) <= ROOMY_WEEK_HEADS:
        return [short_day(monday) for monday in mondays]
    words, month = [], 0
    for monday in mondays:
        words.append(short_day(monday) if monday.month != month else str(monday.day))
        month = monday.month
    return words


def _rhythm(row: PromiseRow) -> str:
    measure = row.promise.measure
    said = row.promise.schedule.describe()
    return said if measure is None else f"{said}, {measure.describe()}"


def _amounts(row: PromiseRow, mondays: Sequence[date]) -> Html:
    """A measured promise's weeks under its days, each below its week: "52/70", with
    "Week of 16 Nov: 52 of 70 min" as the cell's title."""
    if not row.amounts:
        return join(())
    cells = []
    for monday, amount in zip(mondays, row.amounts, strict=False):
        if amount is None:
            cells.append(element("span", "", class_="week-amount"))
        else:
            said = f"Week of {short_day(monday)}: {amount.said()}"
            cells.append(element("span", amount.short(), class_="week-amount", title=said))
    return element("span", *cells, class_="week-amounts")


def _promises(figures: ReportFigures) -> Html:
    days = figures.days
    week_heads = join(
        element("span", words, class_="week-head") for words in week_head_words(figures.mondays)
    )
    rows = []
    for row in figures.rows:
        unit = "week" if row.streak_unit == "weeks" else "day"
        rows.append(
            element(
                "tr",
                element(
                    "th",
                    element("span", row.promise.title, class_="title"),
                    element("span", _rhythm(row), class_="schedule"),
                    scope="row",
                ),
                element(
                    "td",
                    day_strip(days, row.states, f"Days of {row.promise.title}"),
                    _amounts(row, figures.mondays),
                    class_="days",
                ),
                element("td", _percent(row.total), class_="number"),
                element("td", streak_words(row.streak, unit + "s"), class_="number"),
            )
        )
    if not rows:
        table = element("p", "No promise was active in these weeks.", class_="intro")
    else:
        table = element(
            "table",
            element(
                "thead",
                element(
                    "tr",
                    element("th", "Promise", scope="col"),
                    element("th", element("span", week_heads, class_="week-heads"), scope="col"),
                    element("th", "Kept", scope="col", class_="number"),
                    element("th", "Streak now", scope="col", class_="number"),
                ),
            ),
            element("tbody", *rows),
            class_="promises",
        )
    return element(
        "section",
        element("h2", "Each promise, day by day"),
        element(
            "p",
            f"{len(figures.rows)} promises, one row each, Monday to Sunday. "
            "“Kept” counts due days and weekly targets in these weeks."
            + (
                " Under a measured promise's days: each week's amount against the week's "
                "target (“52/70”)."
                if any(row.amounts for row in figures.rows)
                else ""
            ),
            class_="intro",
        ),
        _legend(),
        table,
        class_="part promises-part",
    )


def _time_and_notes(figures: ReportFigures, include_notes: bool) -> Html:
    minutes_by_kind: dict[QualityKind, int] = {}
    for week in figures.time:
        for kind, minutes in week.by_kind.items():
            minutes_by_kind[kind] = minutes_by_kind.get(kind, 0) + minutes
    kinds = element(
        "table",
        element(
            "thead",
            element(
                "tr",
                element("th", "Kind of time", scope="col"),
                element("th", "Together", scope="col", class_="number"),
            ),
        ),
        element(
            "tbody",
            *(
                element(
                    "tr",
                    element("th", kind.label, scope="row"),
                    element("td", _hours(minutes_by_kind.get(kind, 0)), class_="number"),
                )
                for kind in QualityKind
            ),
        ),
        class_="kinds",
    )
    notes = figures.notes
    trigger_rows = [(trigger.label, notes.let_go.get(trigger, 0)) for trigger in Trigger]
    written_rows = element(
        "table",
        element(
            "thead",
            element(
                "tr",
                element("th", "What it touched", scope="col"),
                element("th", "Written", scope="col", class_="number"),
                element("th", "Let go", scope="col", class_="number"),
                element("th", "Still open", scope="col", class_="number"),
            ),
        ),
        element(
            "tbody",
            *(
                element(
                    "tr",
                    element("th", trigger.label, scope="row"),
                    element("td", str(notes.written.get(trigger, 0)), class_="number"),
                    element("td", str(notes.let_go.get(trigger, 0)), class_="number"),
                    element("td", str(notes.still_open.get(trigger, 0)), class_="number"),
                )
                for trigger in Trigger
            ),
        ),
        class_="triggers",
    )
    parts = [
        element("h2", "Time together, by kind"),
        kinds,
        element("h2", "Notes let go"),
        element(
            "p",
            "Forgiving is not forgetting: a note let go stays written, it just stops "
            "being open. Counted by the trigger each note touched.",
            class_="intro",
        ),
        element(
            "figure", count_bars(trigger_rows, label="Notes let go in these weeks, by trigger")
        ),
        written_rows,
    ]
    if include_notes:
        parts.append(_note_texts(figures))
    return element("section", *parts, class_="part time-notes")


def _note_texts(figures: ReportFigures) -> Html:
    shown = figures.notes.shown
    if not shown:
        return element("p", "No note was written or let go in these weeks.", class_="intro")
    items = []
    for note in shown:
        state = note.status.label
        if note.let_go_on is not None:
            state = f"let go on {short_day(note.let_go_on)}"
        items.append(
            element(
                "li",
                element(
                    "p",
                    f"{short_day(note.day)} · {note.trigger.label} · {state}",
                    class_="note-meta",
                ),
                element("p", lines(note.what_happened), class_="note-text"),
                element("p", lines(note.feeling), class_="note-feeling") if note.feeling else None,
            )
        )
    return join([element("h3", "The notes themselves"), element("ul", *items, class_="notes")])


def _section(section: Section) -> Html:
    return element(
        "section",
        element("h2", section.heading),
        element("p", section.intro, class_="intro"),
        section.body,
        class_="part extra" if section.new_page else "extra",
    )


__all__ = ["PAPER_SIZES", "Section", "is_tracker_report", "render_report", "text"]
