"""Bids for connection over the last weeks, calmly: counts, a quiet chart, research as context.

Never a grade: no red, no target line, no "good" or "bad"; the research figures are said
as context beside the couple's own counts.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from tracker.practices.bids import REFERENCE_LINES, BidCounts, BidSummary, summary_lines
from tracker.ui.palette import Palette

EIGHTHS = "▁▂▃▄▅▆▇█"
SHORT_REFERENCE = (
    "In research, couples who stayed together turned toward about 86% of bids, with about "
    "five positive moments for each negative one in conflict: context, not a target."
)


def week_strip(summary: BidSummary, palette: Palette) -> Text:
    """One cell per week, oldest first: how much of that week's bids were turned toward
    (a taller block for more); a dot for a week without bids."""
    strip = Text(no_wrap=True, end="")
    for week in summary.weeks:
        share = week.moments.bids.share_toward
        if share is None:
            strip.append("·", palette.faint)
        else:
            strip.append(EIGHTHS[round(share * (len(EIGHTHS) - 1))], palette.kept_soft)
    return strip


def answered(counts: BidCounts) -> str:
    return f"{counts.toward} of {counts.total}" if counts.total else "none yet"


class BidsPanel(Static):
    """The weeks' bids; `detailed` adds who reached out and the research in full."""

    def __init__(self, *, detailed: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="bids-panel")
        self.detailed = detailed

    def show(self, summary: BidSummary) -> None:
        palette = Palette.of(self.app)
        weeks = len(summary.weeks)
        bids = summary.moments.bids
        lines: list[Content] = [Content.styled(f"Bids for connection, last {weeks} weeks", "bold")]
        if self.detailed:
            lines += [Content(line) for line in summary_lines(summary)]
            if bids.total:
                lines.append(
                    Content(
                        f"Your partner's bids, as you answered: {answered(summary.answered_by_me)} "
                        f"turned toward. Yours, as they answered: "
                        f"{answered(summary.answered_by_partner)}."
                    )
                )
        elif bids.total:
            share = round((bids.share_toward or 0) * 100)
            lines.append(Content(f"{bids.toward} of {bids.total} turned toward ({share}%)"))
            lines.append(Content(summary_lines(summary)[-1]))
        else:
            lines.append(Content("None logged yet: b logs one."))
        strip = Content.from_rich_text(week_strip(summary, palette))
        lines.append(Content.assemble(strip, ("  turned toward, week by week", "$text-muted")))
        reference = " ".join(REFERENCE_LINES) if self.detailed else SHORT_REFERENCE
        lines.append(Content.styled(reference, "$text-muted"))
        self.update(Content("\n").join(lines))
