"""The report in a real browser: Debian's chromium prints the five-year demo's report to PDF
(A4 and Letter) and takes a screenshot; poppler reads the pages back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from foreign_files import DEMO_TODAY, five_year_demo

from tracker.formats.data import TrackerData
from tracker.report import render_report
from tracker.report.figures import report_figures

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
BROWSER_SECONDS = 120


def program(name: str, package: str) -> str:
    found = shutil.which(name) or (name if Path(name).exists() else None)
    if found is None:
        pytest.fail(f"{name} is needed for this test: install it with `apt-get install {package}`")
    return found


def chromium(tmp_path: Path, page: Path, *arguments: str) -> None:
    command = [
        program(CHROMIUM, "chromium"),
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
