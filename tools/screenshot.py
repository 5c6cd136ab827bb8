"""Draw the README's screenshot: the demo's Today at 100x30, as SVG, then PNG.

.venv/bin/python tools/screenshot.py   # writes docs/images/today.png (needs rsvg-convert)
"""

from __future__ import annotations

import asyncio
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

from dateutil import tz

from tracker.clock import Clock
from tracker.demo import write_demo
from tracker.service import Tracker
from tracker.ui.app import TrackerApp

ROOT = Path(__file__).resolve().parents[1]
PICTURE = ROOT / "docs" / "images" / "today.png"
BERLIN = tz.gettz("Europe/Berlin")
# A Wednesday evening: some promises kept, some still open.
EVENING = datetime(2026, 11, 25, 20, 30, tzinfo=BERLIN)


async def draw(folder: Path) -> Path:
    clock = Clock(zone=BERLIN, frozen=EVENING)
    data = folder / "demo.json"
    write_demo(data, years=5, promises=20, today=clock.today(), seed=2026, practices=True)
    app = TrackerApp(Tracker.open(data, clock), cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(1.5)
        return Path(app.save_screenshot(filename="today.svg", path=str(folder)))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        svg = asyncio.run(draw(Path(folder)))
        subprocess.run(["rsvg-convert", str(svg), "-o", str(PICTURE)], check=True)
    print(f"wrote {PICTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
