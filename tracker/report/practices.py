"""The report's parts for the couple's practices: check-ins, appreciations, bids for connection.

Each is a `Section` (see `tracker.report`), added only when the practice has been used
at all, over the report's weeks (whole Monday-to-Sunday weeks ending with today's).
Private by default: the dates and agreements of check-ins and the counts of
appreciations and bids are shown; the words of check-in answers and appreciations only
with `include_answers` (`tracker report --include-notes`). Bids are counted calmly,
with research figures beside them as context, never as a grade.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from tracker.formats.data import TrackerData
from tracker.practices.answers import AFTERMATH_PROMPTS, IStatement
from tracker.practices.bids import (
    REFERENCE_LINES,
    BidCounts,
    BidSummary,
    bid_summary,
    summary_lines,
)
from tracker.practices.checkin import CheckIn
from tracker.practices.records import Appreciation, Bid, BidResponse, Person
from tracker.report import Section
from tracker.report.figures import MAX_WEEKS
from tracker.report.html import Html, element, join, lines
from tracker.report.parts import card, plural, short_day
from tracker.report.svg import TIME, week_bars
from tracker.schedule import week_start

# The practices' charts are lower than the promises' (two of them share a page).
CHART_HEIGHT = 130


def practice_sections(
    data: TrackerData,
    *,
    checkins: Sequence[CheckIn],
    appreciations: Sequence[Appreciation],
    bids: Sequence[Bid],
    today: date,
    weeks: int,
    include_answers: bool = False,
) -> list[Section]:
    """The parts for the practices used so far (none for a practice never used)."""
    weeks = max(1, min(MAX_WEEKS, weeks))
    first = week_start(today) - timedelta(weeks=weeks - 1)
    titles = {promise.id: promise.title for promise in data.promises}
    sections = []
    if checkins:
        sections.append(checkin_section(checkins, titles, first, today, include_answers))
    if appreciations:
        sections.append(appreciation_section(appreciations, first, today, weeks, include_answers))
    if bids:
        sections.append(bid_section(bid_summary(bids, appreciations, today, weeks)))
    return sections


# --- check-ins ---------------------------------------------------------------------------------


def checkin_section(
    checkins: Sequence[CheckIn],
    titles: dict[int, str],
    first: date,
    today: date,
    include_answers: bool,
) -> Section:
    held = sorted(
        (c for c in checkins if first <= c.held_on <= today), key=lambda c: (c.held_on, c.id)
    )
    finished = [c for c in held if not c.is_draft]
    drafts = len(held) - len(finished)
    privacy = (
        "with their answers, included on request"
        if include_answers
        else "their answers stay private"
    )
    intro = (
        f"{plural(len(finished), 'weekly check-in', 'weekly check-ins')} held in these weeks "
        f"and what you agreed; {privacy}."
    )
    parts: list[Html] = []
    if drafts:
        parts.append(
            element(
                "p",
                f"{plural(drafts, 'check-in was', 'check-ins were')} begun and not finished.",
                class_="intro",
            )
        )
    if not finished:
        parts.append(element("p", "No check-in was finished in these weeks.", class_="intro"))
        return Section("Weekly check-ins", intro, join(parts))
    items = [_checkin_item(c, titles, include_answers) for c in finished]
    parts.append(element("ul", *items, class_="checkins"))
    return Section("Weekly check-ins", intro, join(parts))


def _checkin_item(checkin: CheckIn, titles: dict[int, str], include_answers: bool) -> Html:
    agreements = checkin.agreements or ()
    meta = (
        f"{short_day(checkin.held_on)} · looking back on the week of {short_day(checkin.week_of)}"
    )
    if checkin.skipped:
        passed = ", ".join(step.label.lower() for step in checkin.skipped)
        meta += f" · passed over: {passed}"
    agreed: list[Html] = []
    for agreement in agreements:
        became = titles.get(agreement.promise_id) if agreement.promise_id else None
        agreed.append(
            element(
                "li",
                agreement.text,
                element("span", f" → promise: {became}", class_="became") if became else None,
            )
        )
    body: list[Html | None] = [element("p", meta, class_="note-meta")]
    if agreed:
        body.append(element("p", "Agreed:", class_="label"))
        body.append(element("ul", *agreed, class_="agreements"))
    else:
        body.append(element("p", "No agreement written down.", class_="label"))
    if include_answers:
        body.extend(_answers(checkin))
    return element("li", *body)


def _answers(checkin: CheckIn) -> list[Html]:
    said: list[tuple[str, str]] = []
    for item in checkin.appreciations or ():
        quality = f" ({item.quality})" if item.quality else ""
        said.append(("Appreciated", item.text + quality))
    if checkin.went_right:
        said.append(("What went right", checkin.went_right))
    issue = checkin.issue
    if isinstance(issue, IStatement):
        if issue.sentence:
            said.append(("The issue", issue.sentence))
    elif issue is not None:
        said.extend(
            (prompt, part)
            for prompt, part in zip(AFTERMATH_PROMPTS, issue.parts, strict=True)
            if part
        )
    if checkin.loved is not None:
        if checkin.loved.mine:
            said.append(("What would make me feel loved", checkin.loved.mine))
        if checkin.loved.partners:
            said.append(("What would make my partner feel loved", checkin.loved.partners))
    plan = checkin.reconnect
    if plan is not None and not plan.is_empty:
        when = " ".join(
            part
            for part in (
                short_day(plan.day) if plan.day else "",
                plan.at.strftime("%H:%M") if plan.at else "",
                f"({plan.minutes} min)" if plan.minutes else "",
            )
            if part
        )
        said.append(("Time together planned", " · ".join(p for p in (plan.text, when) if p)))
    return [
        element("p", element("span", f"{label}: ", class_="label"), lines(words), class_="answer")
        for label, words in said
    ]


# --- appreciations -----------------------------------------------------------------------------


def appreciation_section(
    appreciations: Sequence[Appreciation],
    first: date,
    today: date,
    weeks: int,
    include_answers: bool,
) -> Section:
    shown = sorted(
        (a for a in appreciations if first <= a.day <= today), key=lambda a: (a.day, a.id)
    )
    given = [a for a in shown if a.by is Person.ME]
    received = [a for a in shown if a.by is Person.PARTNER]
    mondays = [first + timedelta(weeks=n) for n in range(weeks)]
    per_week = Counter((a.day - first).days // 7 for a in shown)
    counts = [per_week[index] for index in range(weeks)]
    chart = week_bars(
        counts,
        [short_day(monday) for monday in mondays],
        [str(count) if count else "–" for count in counts],
        label="Appreciations each week, given and received",
        top=max([*counts, 4]) * 1.15,
        colour=TIME,
        height=CHART_HEIGHT,
    )
    qualities = Counter(a.quality.casefold() for a in shown if a.quality)
    parts: list[Html | None] = [
        element(
            "div",
            card("Given", str(len(given)), "what I appreciated in my partner"),
            card("Received", str(len(received)), "what my partner appreciated in me"),
            class_="cards",
        ),
        element("figure", chart),
    ]
    if qualities:
        named = ", ".join(
            f"{quality} ×{count}" if count > 1 else quality
            for quality, count in sorted(qualities.items(), key=lambda item: (-item[1], item[0]))
        )
        parts.append(element("p", element("span", "Qualities named: ", class_="label"), named))
    if include_answers and shown:
        parts.append(
            element(
                "ul",
                *(
                    element(
                        "li",
                        element(
                            "span",
                            f"{short_day(a.day)} · {'given' if a.by is Person.ME else 'received'} ",
                            class_="label",
                        ),
                        a.text,
                    )
                    for a in shown
                ),
                class_="compact",
            )
        )
    privacy = "with their words" if include_answers else "counted; their words stay private"
    intro = f"Small, specific thanks noted in these weeks, {privacy}."
    return Section("Appreciations", intro, join(parts))


# --- bids --------------------------------------------------------------------------------------


def bid_section(summary: BidSummary) -> Section:
    shares = [week.moments.bids.share_toward for week in summary.weeks]
    chart = week_bars(
        shares,
        [short_day(week.week_start) for week in summary.weeks],
        ["–" if share is None else f"{share * 100:.0f}%" for share in shares],
        label="Share of bids turned toward, each week",
        top=1.0,
        height=CHART_HEIGHT,
    )
    answered = element(
        "table",
        element(
            "thead",
            element(
                "tr",
                element("th", "Who answered", scope="col"),
                *(
                    element("th", response.label, scope="col", class_="number")
                    for response in BidResponse
                ),
            ),
        ),
        element(
            "tbody",
            _answer_row("I answered my partner's bids", summary.answered_by_me),
            _answer_row("My partner answered mine", summary.answered_by_partner),
        ),
        class_="kinds",
    )
    parts = [
        *(element("p", line) for line in summary_lines(summary)),
        element("figure", chart),
        answered,
        element(
            "aside",
            element("p", "For context", class_="label"),
            *(element("p", line) for line in REFERENCE_LINES),
            class_="context",
        ),
    ]
    return Section(
        "Bids for connection",
        "Moments one of us reached out, and how the other turned: toward, away or against. "
        "Each bar is the share turned toward that week.",
        join(parts),
        new_page=False,
    )


def _answer_row(who: str, counts: BidCounts) -> Html:
    values = (counts.toward, counts.away, counts.against)
    return element(
        "tr",
        element("th", who, scope="row"),
        *(element("td", str(value), class_="number") for value in values),
    )
