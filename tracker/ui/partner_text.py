"""The Partner view's words: the step-by-step guide, their week, what each of you noticed,
and the couple's practices they share, as Content (their text always literal).

Everything is said from where you sit: their boundary "mine" is theirs, "partner" is yours.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content

from tracker.model import QUALITY_KIND_LABELS
from tracker.parsing import format_ago, format_duration
from tracker.ui.literal import literal

if TYPE_CHECKING:
    from tracker.practices.records import Bid, Boundary
    from tracker.share.payload import SharedData
    from tracker.share.sharing import ShareStatus
    from tracker.share.views import AcknowledgementLine, PartnerWeek

STIGNORE_LINE = "(?d).tmp-*"
BOLD = "bold"
MUTED = "$text-muted"
THANKS_SHOWN = 40
RECORDS_SHOWN = 12


def _lines(*parts: Content | str) -> Content:
    return Content("\n").join(
        part if isinstance(part, Content) else Content(part) for part in parts
    )


def _title(text: str) -> Content:
    return Content.styled(text, "bold $text-primary")


def _command(text: str) -> Content:
    return Content.styled(f"    {text}", "$text-accent")


# -- before there is anything to show ---------------------------------------------------------


def setup_guide(data_file: Path) -> Content:
    """How to start sharing, step by step, Syncthing included (the view's empty state)."""
    return _lines(
        "Each of you keeps your own tracker and your own data. A folder that a sync tool "
        "keeps in step between your two machines carries an encrypted share from each of "
        "you; tracker itself never goes on the network. Nothing leaves this machine until "
        "you set it up, and then only what you choose.",
        "",
        _title("1. A folder for the two of you, on both machines"),
        "Install Syncthing on both (https://syncthing.net, or `apt install syncthing`) and "
        "open it (http://127.0.0.1:8384). On one machine: Add Remote Device with the other's "
        "device ID (Actions › Show ID there). Then Add Folder, say ~/Sync/us, and share it "
        "with that device; accept it on the other machine. Any sync tool will do (Nextcloud, "
        "Dropbox, iCloud Drive, even a USB stick).",
        "",
        _title("2. Keep your data file out of that folder"),
        Content.assemble(
            "Two machines writing one data file lose each other's writes. Yours is ",
            literal(str(data_file), "bold"),
            ": leave it there, apart from the shared folder.",
        ),
        "",
        _title("3. Tell Syncthing to skip tracker's temporary files"),
        Content.assemble(
            "In the folder's Ignore Patterns (the .stignore file), add this line: ",
            (STIGNORE_LINE, "bold $text-accent"),
        ),
        "",
        _title("4. One of you sets up sharing"),
        _command("tracker share setup ~/Sync/us --name Alex"),
        "It shows a one-time code: read it out or send it privately.",
        "",
        _title("5. The other joins, once the folder has arrived"),
        _command("tracker share join ~/Sync/us CODE --name Sam"),
        "",
        _title("6. Compare the six safety words aloud"),
        "`tracker share status` shows them on both machines: they must be the same. If they "
        "differ, both run `tracker share stop` and start again.",
        "",
        "What you share is yours to choose: `tracker share status` says what your partner "
        "can see, `tracker share set` changes it. This view fills in by itself once you "
        "have paired.",
    )


def waiting_guide(status: ShareStatus) -> Content:
    return _lines(
        Content.assemble("Sharing is set up in ", literal(str(status.folder), "bold"), "."),
        "Once your sync tool has brought the folder to their machine, your partner runs:",
        _command("tracker share join FOLDER CODE --name THEIR-NAME"),
        "with the code `tracker share setup` showed you. Their answer comes back through "
        "the folder; then `tracker share status` shows the safety words to compare aloud.",
        "",
        "Lost the code? `tracker share stop`, then `tracker share setup` again.",
    )


def no_share_guide(status: ShareStatus) -> Content:
    partner = status.partner or "Your partner"
    if status.partner_stopped:
        return _lines(
            _title(f"{partner} stopped sharing"),
            "",
            "Their tracker no longer writes a share. To share again, both run "
            "`tracker share stop`, then one `tracker share setup` and the other "
            "`tracker share join`.",
        )
    return _lines(
        _title(f"{partner}'s share has not arrived yet"),
        "",
        f"You are paired with {partner}. Their tracker writes its share after each change; "
        "your sync tool brings it here. If nothing arrives, check that the sync tool runs on "
        "both machines and that the folder is shared with this one.",
    )


def problems_line(
    status: ShareStatus, now: datetime, said_elsewhere: Collection[str] = ()
) -> Content:
    """What went wrong, plainly, with when the last good share came; empty if nothing
    (`said_elsewhere`: kinds of problem the view already explains)."""
    problems = [p for p in status.problems if p.kind.value not in said_elsewhere]
    if not problems:
        return Content("")
    said = " ".join(problem.message for problem in problems)
    if status.last_good_at is not None:
        said += f" Shown: the last good share, which came {format_ago(status.last_good_at, now)}."
    return Content(said)


# -- their week and what each of you noticed ---------------------------------------------------


def week_text(partner: str, week: PartnerWeek) -> Content:
    lines: list[Content | str] = [_title(f"{partner}'s time together this week")]
    total = format_duration(week.minutes) if week.minutes else "nothing yet"
    if week.target:
        lines.append(f"{total} of their {format_duration(week.target)} goal, since Monday.")
    else:
        lines.append(f"{total}, since Monday.")
    for entry in week.entries:
        line = Content.assemble(
            (f"  {entry.day:%a %-d %b}  ", MUTED),
            f"{QUALITY_KIND_LABELS[entry.kind]}, {format_duration(entry.minutes)}",
        )
        if entry.note:
            line = Content.assemble(line, "  ", literal(entry.note, MUTED))
        lines.append(line)
    return _lines(*lines)


def thanks_text(partner: str, lines: Sequence[AcknowledgementLine]) -> Content:
    shown: list[Content | str] = [_title("Noticed, both ways")]
    if not lines:
        shown.append(
            Content.styled(
                "Nothing yet. On the Day tab, n tells them you noticed a promise they kept.",
                MUTED,
            )
        )
    for line in lines[:THANKS_SHOWN]:
        who = "You noticed" if line.by_you else f"{partner} noticed"
        row = Content.assemble(
            (f"  {line.day:%a %-d %b}  ", MUTED), (f"{who}: ", BOLD), literal(line.title)
        )
        shown.append(row)
        if line.message:
            # On a line of its own, under the title: beside it, the words wrapped to the
            # left edge at 80 columns, away from whose thanks they are.
            shown.append(Content.assemble("    “", literal(line.message, "italic"), "”"))
    return _lines(*shown)


# -- the couple's practices --------------------------------------------------------------------


def practices_text(share: SharedData) -> Content:
    partner = share.writer.name
    parts = share.parts
    sections = [
        _appreciations(share) if "appreciations" in parts else None,
        _goals(share) if "goals" in parts else None,
        _boundaries(partner, share.boundaries) if "boundaries" in parts else None,
        _checkins(share) if "checkins" in parts else None,
        _bids(partner, share.bids) if "bids" in parts else None,
        _letters(share) if "letters" in parts else None,
    ]
    shown = [section for section in sections if section is not None]
    if not shown:
        return Content.styled(
            f"{partner} shares none of the couple's practices (appreciations, goals, "
            "boundaries, check-ins, bids, letters).",
            MUTED,
        )
    return Content("\n\n").join(shown)


def _section(title: str, empty: str, rows: Iterable[Content]) -> Content:
    body = list(rows)
    return _lines(_title(title), *(body or [Content.styled(f"  {empty}", MUTED)]))


def _dated(day: date, text: Content) -> Content:
    return Content.assemble((f"  {day:%a %-d %b %Y}  ", MUTED), text)


def _appreciations(share: SharedData) -> Content:
    newest = sorted(share.appreciations, key=lambda a: a.day, reverse=True)[:RECORDS_SHOWN]
    rows = []
    for item in newest:
        text = literal(item.text)
        if item.quality:
            text = Content.assemble(text, "  (", literal(item.quality, "italic"), ")")
        rows.append(_dated(item.day, text))
    return _section(f"What {share.writer.name} appreciates in you", "None yet.", rows)


def _goals(share: SharedData) -> Content:
    titles = {promise.id: promise.title for promise in share.promises}
    rows = []
    for goal in share.goals:
        row = literal(goal.text, BOLD)
        if goal.reached_on is not None:
            row = Content.assemble(row, (f"  reached {goal.reached_on:%-d %b %Y}", "$text-success"))
        elif goal.by is not None:
            row = Content.assemble(row, (f"  by {goal.by:%-d %b %Y}", MUTED))
        rows.append(Content.assemble("  ", row))
        served = [titles[i] for i in goal.promise_ids if i in titles]
        if served:
            rows.append(Content.assemble(("    served by: ", MUTED), literal(", ".join(served))))
    return _section("Shared goals", "None set.", rows)


def _whose(partner: str, boundary: Boundary) -> str:
    return {"mine": f"{partner}'s", "partner": "Yours", "ours": "Ours"}[boundary.whose.value]


def _boundaries(partner: str, boundaries: Sequence[Boundary]) -> Content:
    rows = []
    for boundary in sorted(boundaries, key=lambda b: (b.is_retired, b.agreed_on)):
        row = Content.assemble(
            (f"  {_whose(partner, boundary):<12}", MUTED), literal(boundary.text)
        )
        if boundary.retired_on is not None:
            row = Content.assemble(row, (f"  (retired {boundary.retired_on:%-d %b %Y})", MUTED))
        rows.append(row)
    return _section("Boundaries", "None agreed.", rows)


def _checkins(share: SharedData) -> Content:
    rows: list[Content] = []
    newest = sorted(share.checkins, key=lambda c: c.held_on, reverse=True)[:RECORDS_SHOWN]
    for checkin in newest:
        rows.append(_dated(checkin.held_on, Content.styled("check-in", BOLD)))
        if checkin.went_right:
            rows.append(Content.assemble(("    went right: ", MUTED), literal(checkin.went_right)))
        for agreement in checkin.agreements or ():
            rows.append(Content.assemble(("    agreed: ", MUTED), literal(agreement.text)))
        if checkin.reconnect is not None and checkin.reconnect.text:
            rows.append(
                Content.assemble(("    reconnect: ", MUTED), literal(checkin.reconnect.text))
            )
    return _section("Weekly check-ins", "None finished yet.", rows)


def _bids(partner: str, bids: Sequence[Bid]) -> Content:
    rows = []
    for bid in sorted(bids, key=lambda b: b.day, reverse=True)[:RECORDS_SHOWN]:
        answer = bid.response.label.lower()
        said = (
            f"you reached out; {partner} {answer}"
            if bid.by.value == "partner"
            else f"{partner} reached out; you {answer}"
        )
        row = Content(said)
        if bid.note:
            row = Content.assemble(row, "  ", literal(bid.note, MUTED))
        rows.append(_dated(bid.day, row))
    return _section(f"Bids for connection, as {partner} logged them", "None logged.", rows)


def _letters(share: SharedData) -> Content:
    blocks = [
        _lines(
            _dated(letter.written_on, literal(letter.title, BOLD)),
            *(literal(f"    {line}") for line in letter.body.splitlines()),
        )
        for letter in sorted(share.letters, key=lambda x: x.written_on, reverse=True)
    ]
    return _lines(_title(f"Letters {share.writer.name} shared with you"), *blocks)
