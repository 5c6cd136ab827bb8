"""The shape of the code is checked like behaviour: contracts and lint run with the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MYPY_CACHE = str(ROOT / ".mypy_cache")


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_code_keeps_to_its_import_contracts():
    """The core is pure; only tracker.store imports TinyDB; only the service uses the store;
    the service knows no face; only the entry point opens the app (pyproject.toml)."""
    # Beside this interpreter: a virtualenv run as .venv/bin/python is not on PATH.
    executable = shutil.which("lint-imports", path=sysconfig.get_path("scripts"))
    assert executable, "import-linter is a test tool: pip install -r requirements/test.txt"
    # Its cache (.import_linter_cache, gitignored) is kept between runs: a warm check.
    result = _run(executable)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_textual_contract_covers_every_module_outside_the_app():
    """ "Nothing outside tracker.ui imports Textual" must stay total as modules are added."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [
        contract
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["name"].startswith("Only the entry point that opens the app")
    ]
    package = ROOT / "tracker"
    modules = {
        f"tracker.{path.stem if path.is_file() else path.name}"
        for path in package.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert modules - {"tracker.ui"} == set(contract["source_modules"])


def _imported_modules(path: Path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_views_know_the_app_only_through_its_face():
    """Screens, dialogs, widgets, the palette's helpers and the app's own parts reach the
    app through the protocols of tracker.ui.face (or their own small one): no module under
    tracker.ui but the app itself imports tracker.ui.app, not even for a type hint (the
    contracts see run-time imports only)."""
    app = ROOT / "tracker" / "ui" / "app.py"
    parts = [path for path in sorted((ROOT / "tracker" / "ui").rglob("*.py")) if path != app]
    assert len(parts) > 50
    through_the_app = [
        path.relative_to(ROOT).as_posix()
        for path in parts
        if {"tracker.ui.app", "tracker.ui.app.TrackerApp"} & _imported_modules(path)
    ]
    assert through_the_app == []


def test_the_app_contract_covers_every_module_of_the_ui_but_the_app():
    """ "Inside tracker.ui only the app imports tracker.ui.app" must stay total as modules
    are added; and no circle of imports is skipped, tracker.ui included."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    [contract] = [c for c in contracts if c["name"].startswith("Inside tracker.ui only the app")]
    ui = ROOT / "tracker" / "ui"
    modules = {
        f"tracker.ui.{path.stem if path.is_file() else path.name}"
        for path in ui.iterdir()
        if (path.suffix == ".py" and path.stem not in {"__init__", "app"})
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert set(contract["source_modules"]) == modules
    [acyclic] = [c for c in contracts if c["type"] == "acyclic_siblings"]
    assert acyclic["ancestors"] == ["tracker"]
    assert not acyclic.get("skip_descendants")


def test_the_types_check():
    """mypy, configured in pyproject.toml (every function typed, unused ignores reported),
    finds nothing."""
    # Its cache is kept between runs (one SQLite file in .mypy_cache, gitignored; SQLite
    # keeps it whole if two runs meet): a warm check takes seconds, a cold one a minute.
    result = _run(sys.executable, "-m", "mypy", "--sqlite-cache", "--cache-dir", MYPY_CACHE)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_the_code_is_ruff_clean():
    result = _run(sys.executable, "-m", "ruff", "check", "tracker", "tests")
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_code_is_ruff_formatted():
    result = _run(sys.executable, "-m", "ruff", "format", "--check", "tracker", "tests")
    assert result.returncode == 0, result.stdout[-4000:]


def test_every_checkbox_shows_its_state_by_its_glyph():
    """Textual's Checkbox shows X ticked or not (only the colour differs): the app uses
    TickBox (✓ or empty) everywhere (issue 11.6)."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "tracker" / "ui").rglob("*.py")
        if path.name != "tick_box.py" and "Checkbox(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_no_module_outside_the_store_imports_tinydb():
    """A second, plain-text guard beside import-linter: a future lazy import cannot slip by."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "tracker").rglob("*.py")
        if "store" not in path.relative_to(ROOT / "tracker").parts[:1]
        and any(
            line.strip().startswith(("import tinydb", "from tinydb"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []


OPEN_THE_APP = """
import sys
from textual.app import App
from tracker.cli import main
from tracker.ui.app import TrackerApp

def exit_once_today_is_drawn(self, screen, renderable):
    App._display(self, screen, renderable)
    if renderable is not None and getattr(screen, "rows", None):
        self.exit()

TrackerApp._display = exit_once_today_is_drawn
TrackerApp.run = lambda self, **options: App.run(self, headless=True)
assert main(["--db", sys.argv[1]]) == 0
print(" ".join(sorted(name for name in sys.modules if name in sys.argv[2:])))
"""


def test_opening_the_app_leaves_what_it_does_not_need_unloaded(tmp_path):
    """Start-up budget: `tracker --db FILE` up to Today drawn loads no TinyDB (writes
    only), no rrule (due-date lists only), no reminder machinery (first tick), no other
    view, no command palette, no command's parser."""
    from datetime import date

    from tracker.model import Mark, MarkStatus, Promise
    from tracker.schedule import parse_schedule
    from tracker.store import Store

    store = Store.open(tmp_path / "tracker.json")
    promise = store.add_promise(Promise("Call Sam", parse_schedule("daily"), date(2026, 11, 1)))
    store.put_mark(Mark(promise.id, date(2026, 11, 20), MarkStatus.KEPT))
    watched = [
        "tinydb",
        "dateutil.rrule",
        "tracker.reminders.inapp",
        "tracker.reminder_rules.due",
        "tracker.store.session",
        "tracker.journey",
        "tracker.ui.screens.streaks",
        "tracker.ui.screens.notes",
        "tracker.ui.screens.quality",
        "tracker.ui.screens.checkin",
        "tracker.practices.checkin",
        "tracker.ui.commands",
        "tracker.cli.commands",
        # Export, import and the report: loaded by those commands and dialogs only.
        "tracker.formats",
        "tracker.report",
        "tracker.ui.exporting",
        "icalendar",
        "sqlite3",
        "zipfile",
    ]
    env = {**os.environ, "TRACKER_NOW": "2026-11-25T20:30:00", "TZ": "Europe/Berlin"}
    result = subprocess.run(
        [sys.executable, "-c", OPEN_THE_APP, str(store.path), *watched],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == []
