"""The report in a real browser: Debian's chromium prints the five-year demo's report to PDF
(A4 and Letter) and takes a screenshot; poppler reads the pages back. The report `tracker
report` writes, with the practices' parts, is printed and read back the same way."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from exchange_support import add_practices
from foreign_files import DEMO_TODAY, five_year_demo

from tracker.clock import Clock
from tracker.demo import write_demo
from tracker.formats.data import TrackerData
from tracker.practices.bids import REFERENCE_LINES, bid_summary
from tracker.practices.records import Person
from tracker.report import render_report
from tracker.report.figures import report_figures
from tracker.service import Tracker
from tracker.store import Store
from tracker.store.kinds import APPRECIATIONS, BIDS

# One worker runs the whole module: its five-year demos are written once.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report_browser")]

# Debian names it chromium, Ubuntu chromium-browser.
BROWSERS = ("chromium", "chromium-browser")
BROWSER_SECONDS = 120


def program(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is needed for this test: install it with `apt-get install {package}`")
    return found


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found is not None:
            return found
    pytest.fail(
        "chromium is needed for this test: install it with `apt-get install chromium` "
        "(Debian) or `apt-get install chromium-browser` (Ubuntu)"
    )


def chromium(tmp_path: Path, page: Path, *arguments: str) -> None:
    command = [
        browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
        f"--user-data-dir={tmp_path / 'profile'}",
        *arguments,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=BROWSER_SECONDS)
    assert done.returncode == 0, done.stderr[-2000:]


def pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(
        [program("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])  # type: ignore[index]
    size = re.search(r"^Page size:\s+(.*)$", info, re.M)[1]  # type: ignore[index]
    return pages, size


def page_text(pdf: Path, page: int) -> str:
    done = subprocess.run(
        [
            program("pdftotext", "poppler-utils"),
            "-f",
            str(page),
            "-l",
            str(page),
            "-layout",
            str(pdf),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(done.stdout.split())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> TrackerData:
    return five_year_demo(tmp_path_factory.mktemp("demo"))


@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "(letter)")])
def test_the_demo_report_prints_three_pages_with_its_promises_and_figures(
    tmp_path: Path, demo: TrackerData, paper: str, size: str
):
    page = tmp_path / "report.html"
    page.write_text(render_report(demo, today=DEMO_TODAY, weeks=8, paper=paper), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, page, f"--print-to-pdf={pdf}")
    pages, shown_size = pdf_pages(pdf)
    # The summary, the promises' days, time together and notes: one page each.
    assert pages == 3
    assert shown_size.endswith(size)
    figures = report_figures(demo, today=DEMO_TODAY, weeks=8)
    first, second, third = (page_text(pdf, n) for n in (1, 2, 3))
    assert "Keeping our promises: the last 8 weeks" in first
    assert f"{figures.total.kept * 100 / figures.total.judged:.0f}%" in first
    assert f"{figures.total.kept:,} of {figures.total.judged:,} due days" in first
    assert "Promises kept, week by week" in first and "Time together, week by week" in first
    for row in figures.rows:
        # Long titles wrap in the table: compare their first words.
        assert " ".join(row.promise.title.split()[:3]) in second, row.promise.title
    assert "Each promise, day by day" in second
    assert "Notes let go" in third and "Poor communication" in third
    assert "their words stay private" in first


def test_the_screenshot_and_the_report_with_notes(tmp_path: Path, demo: TrackerData):
    page = tmp_path / "report.html"
    page.write_text(render_report(demo, today=DEMO_TODAY, include_notes=True), encoding="utf-8")
    shot = tmp_path / "report.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=900,1400")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
    pdf = tmp_path / "notes.pdf"
    chromium(tmp_path, page, f"--print-to-pdf={pdf}")
    pages, _ = pdf_pages(pdf)
    assert pages >= 3
    everything = " ".join(page_text(pdf, n) for n in range(1, pages + 1))
    shown = report_figures(demo, today=DEMO_TODAY, weeks=8).notes.shown
    assert shown and all(note.what_happened.split("\n")[0][:30] in everything for note in shown)


# -- the report `tracker report` writes, with the practices' parts ------------------------------

NOW = "2026-11-25T20:00:00"


def tracker_command(*args: str) -> str:
    env = {**os.environ, "TRACKER_NOW": NOW, "TZ": "UTC"}
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The five-year demo without its own practices, and the season of practices the
    # assertions below know (the demo's own would double the check-ins of these weeks).
    path = tmp_path_factory.mktemp("cli-demo") / "tracker.json"
    write_demo(path, years=5, promises=20, today=DEMO_TODAY, seed=2026)
    add_practices(path, DEMO_TODAY)
    return path


def _everything(pdf: Path) -> tuple[int, list[str]]:
    pages, _ = pdf_pages(pdf)
    return pages, [page_text(pdf, n) for n in range(1, pages + 1)]


@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "(letter)")])
def test_the_report_from_the_command_line_prints_its_practices_on_two_more_pages(
    tmp_path: Path, demo_file: Path, paper: str, size: str
):
    page = tmp_path / "report.html"
    tracker_command("--db", str(demo_file), "report", "--out", str(page), "--paper", paper)
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, page, f"--print-to-pdf={pdf}")
    pages, texts = _everything(pdf)
    # The three parts of before, then the check-ins, then appreciations and bids together.
    assert pages == 5 and pdf_pages(pdf)[1].endswith(size)
    store = Store.open(demo_file)
    data = Tracker(store, Clock.system()).exchange.snapshot()
    figures = report_figures(data, today=DEMO_TODAY, weeks=8)
    first, second, third, fourth, fifth = texts
    assert f"{figures.total.kept:,} of {figures.total.judged:,} due days" in first
    for row in figures.rows:
        assert " ".join(row.promise.title.split()[:3]) in second, row.promise.title
    assert "Notes let go" in third
    assert "Weekly check-ins" in fourth and "Plan Saturdays together on Thursday" in fourth
    assert "their answers stay private" in fourth
    assert "We laughed at dinner twice" not in " ".join(texts)
    assert "Appreciations" in fifth and "Bids for connection" in fifth
    bids = store.records(BIDS)
    appreciations = store.records(APPRECIATIONS)
    summary = bid_summary(bids, appreciations, DEMO_TODAY, 8)
    total = summary.moments.bids
    assert f"{total.total} bids; {total.toward} turned toward" in fifth
    assert " ".join(REFERENCE_LINES[0].split()[:8]) in fifth
    shown = [a for a in appreciations if a.day >= figures.first_day]
    given = sum(1 for a in shown if a.by is Person.ME)
    assert f"Given Received {given} {len(shown) - given}" in fifth  # two cards side by side


def test_the_report_with_notes_shows_the_words_of_check_ins_and_appreciations(
    tmp_path: Path, demo_file: Path
):
    page = tmp_path / "report.html"
    tracker_command(
        "--db", str(demo_file), "report", "--out", str(page), "--include-notes", "--weeks", "4"
    )
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, page, f"--print-to-pdf={pdf}")
    pages, texts = _everything(pdf)
    assert pages >= 5
    everything = " ".join(texts)
    assert "Keeping our promises: the last 4 weeks" in everything
    assert "We laughed at dinner twice" in everything
    assert "I feel left out about the weekend plans" in everything
    assert "<b>You</b> planned the walk" in everything  # markup is shown as written
    shot = tmp_path / "report.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=900,1400")
    assert shot.read_bytes().startswith(b"\x89PNG")
