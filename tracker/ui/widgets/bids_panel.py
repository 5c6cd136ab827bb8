"""Bids for connection over the last weeks, calmly: counts, a quiet chart, research as context.

Never a grade: no red, no target line, no "good" or "bad". The research figures are
shown only on request (i in Us → Bids): beside a struggling couple's own counts on every
visit, "couples who parted, about 33%" reads as a verdict on them. Beside the weeks of
time together (a narrow column at 80 columns) it says the same in shorter lines.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widget import Widget

from tracker.practices.bids import REFERENCE_LINES, BidCounts, BidSummary, summary_lines
from tracker.ui.palette import Palette

EIGHTHS = "▁▂▃▄▅▆▇█"
# Below this width the panel speaks in short lines (one thought each).
ROOMY = 56
ON_REQUEST = "What research found about bids, as context: i shows it."
SHORT_REFERENCE = "What research found about bids: Us → Bids, then i."


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


def ratio_words(summary: BidSummary) -> str:
    """'9 positive moments to 2 negative (about 4.5 to 1)', in one short line."""
    moments = summary.moments
    if moments.ratio is None:
        return f"{moments.positive} positive moments, none negative"
    ratio = f"{moments.ratio:.1f}".rstrip("0").rstrip(".")
    return f"{moments.positive} positive moments to {moments.negative} negative ({ratio} to 1)"


def answered(counts: BidCounts) -> str:
    return f"{counts.toward} of {counts.total}" if counts.total else "none yet"


class BidsPanel(Widget):
    """The weeks' bids; `detailed` adds who reached out and the research in full."""

    DEFAULT_CSS = "BidsPanel { height: auto; }"

    def __init__(self, *, detailed: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="bids-panel")
        self.detailed = detailed
        self.summary: BidSummary | None = None
        self.research_shown = False  # the figures, only when asked for (i)

    def toggle_research(self) -> None:
        self.research_shown = not self.research_shown
        self.refresh(layout=True)

    def show(self, summary: BidSummary) -> None:
        self.summary = summary
        self.refresh(layout=True)

    def render(self) -> Content:
        if self.summary is None:
            return Content("")
        roomy = self.detailed or self.size.width >= ROOMY
        lines = self._lines(self.summary) if roomy else self._short_lines(self.summary)
        return Content("\n").join(lines)

    def _strip(self, summary: BidSummary, label: str) -> Content:
        strip = Content.from_rich_text(week_strip(summary, Palette.of(self.app)))
        return Content.assemble(strip, (label, "$text-muted"))

    def _lines(self, summary: BidSummary) -> list[Content]:
        bids = summary.moments.bids
        weeks = len(summary.weeks)
        lines = [Content.styled(f"Bids for connection, last {weeks} weeks", "bold")]
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
            lines.append(Content(ratio_words(summary)))
        else:
            lines.append(Content("None logged yet: b logs one."))
        lines.append(self._strip(summary, "  turned toward, week by week"))
        if not self.detailed:
            reference = SHORT_REFERENCE
        else:
            reference = " ".join(REFERENCE_LINES) if self.research_shown else ON_REQUEST
        lines.append(Content.styled(reference, "$text-muted"))
        return lines

    def _short_lines(self, summary: BidSummary) -> list[Content]:
        moments = summary.moments
        bids = moments.bids
        lines = [Content.styled("Bids for connection", "bold")]
        weeks = f"{len(summary.weeks)} weeks"
        if bids.total:
            lines.append(Content(f"{weeks}: {bids.toward} of {bids.total} toward"))
            negative = f"{moments.negative} negative" if moments.negative else "none negative"
            lines.append(Content(f"{moments.positive} positive, {negative}"))
        else:
            lines.append(Content(f"None in {weeks}; b logs one"))
        lines.append(self._strip(summary, " by week"))
        return lines
