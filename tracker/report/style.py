"""The report's stylesheet (inline): calm on screen, each part on its own page when printed."""

from __future__ import annotations

_PAGE_SIZES = {"a4": "A4", "letter": "letter"}

# Local fonts only: nothing is fetched. Widths fit A4 (the narrower of A4 and Letter).
_STYLE = """
:root { --ink: #2b2a28; --soft: #6d665d; --line: #e4ddd2; --kept: #2f6b5d; --time: #c98a3d;
        --paper: #fffdf9; }
* { box-sizing: border-box; }
html { background: #f3efe8; }
body { margin: 0; color: var(--ink); font: 15px/1.45 "DejaVu Sans", "Noto Sans",
       "Helvetica Neue", Arial, sans-serif; }
main { max-width: 920px; margin: 0 auto; padding: 12mm 10mm; background: var(--paper); }
h1 { font-size: 24px; margin: 0 0 4px; font-weight: 600; }
h2 { font-size: 18px; margin: 26px 0 4px; font-weight: 600; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .intro { color: var(--soft); margin: 0 0 10px; font-size: 13px; }
.cards { display: flex; gap: 10px; margin: 18px 0 6px; }
.card { flex: 1; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card p { margin: 0; }
.card-name { font-size: 13px; color: var(--soft); }
.card-figure { font-size: 26px; font-weight: 600; }
.card-detail { font-size: 12px; color: var(--soft); }
figure { margin: 6px 0 0; }
svg.chart { width: 100%; height: auto; display: block; }
svg text { font: 12px "DejaVu Sans", Arial, sans-serif; fill: var(--ink); }
svg text.axis, svg text.axis-left { fill: var(--soft); font-size: 11px; }
svg text.figure, svg text.figure-left { font-weight: 600; font-size: 11px; }
table { width: 100%; border-collapse: collapse; margin-top: 8px; }
th, td { text-align: left; padding: 5px 6px; border-bottom: 1px solid var(--line);
         vertical-align: middle; font-size: 13px; }
thead th { font-size: 11px; color: var(--soft); font-weight: 600; }
th[scope=row] { font-weight: normal; }
.number { text-align: right; white-space: nowrap; }
table.promises th, table.promises td { padding: 3px 5px; font-size: 12px; line-height: 1.3; }
table.promises th[scope=row] { width: 31%; }
table.promises td.days { width: 55%; }
.title { display: block; overflow-wrap: anywhere; }
.schedule { display: block; color: var(--soft); font-size: 11px; }
svg.strip { width: 100%; height: auto; display: block; }
.week-heads { display: flex; }
.week-head { flex: 1; font-weight: normal; font-size: 10px; white-space: nowrap; overflow: hidden; }
.week-amounts { display: flex; }
.week-amount { flex: 1; font-size: 10px; color: var(--soft); white-space: nowrap;
               overflow: hidden; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: var(--soft);
          margin: 6px 0; }
.key { white-space: nowrap; }
svg.legend-mark { width: 12px; height: 12px; vertical-align: -1px; }
table.kinds, table.triggers { width: 70%; }
ul.notes { list-style: none; padding: 0; }
ul.notes li { border-left: 3px solid var(--line); padding: 2px 10px; margin: 8px 0;
              break-inside: avoid; }
ul.notes p { margin: 2px 0; }
.note-meta { font-size: 12px; color: var(--soft); }
.note-feeling { font-style: italic; }
ul.checkins { list-style: none; padding: 0; }
ul.checkins > li { border-left: 3px solid var(--line); padding: 2px 10px; margin: 10px 0;
                   break-inside: avoid; }
ul.checkins p { margin: 2px 0; }
ul.agreements { margin: 2px 0 4px; padding-left: 20px; }
ul.compact { list-style: none; padding: 0; columns: 2; column-gap: 24px; font-size: 12px; }
ul.compact li { margin: 0 0 5px; break-inside: avoid; }
.label { font-size: 12px; color: var(--soft); }
.became { color: var(--soft); font-size: 12px; }
.answer { font-size: 13px; }
aside.context { margin-top: 12px; padding: 6px 12px; border: 1px dashed var(--line);
                border-radius: 8px; font-size: 12px; color: var(--soft); }
aside.context p { margin: 2px 0; }
tr, figure, .card, .cards { break-inside: avoid; }
/* A part that follows another on its page moves whole to the next page if it must. */
section.extra:not(.part) { break-inside: avoid; }
h2, h3 { break-after: avoid; }
@media print {
  html { background: none; }
  body { font-size: 13px; }
  main { max-width: none; margin: 0; padding: 0; background: none; }
  .part + .part { break-before: page; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def page_style(paper: str | None) -> str:
    """The stylesheet, with an `@page` size when one is asked for (else the printer's)."""
    size = _PAGE_SIZES.get((paper or "").lower(), "auto")
    return _STYLE + f"@page {{ size: {size}; margin: 14mm 13mm; }}\n"
