"""The installed wheel, not the source tree: commands work from anywhere and the styles ship."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv (sharing this interpreter's dependencies) with only the wheel of tracker."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = work.glob("tracker-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            "--force-reinstall",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": "", "TRACKER_DB": str(cwd / "data" / "tracker.json")}
    return subprocess.run(
        [str(env_dir / "bin" / "tracker"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_installed_command_runs_from_any_folder(installed: Path, tmp_path: Path):
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    assert _run(installed, "add", "Phone away at dinner", cwd=elsewhere).returncode == 0
    checked = _run(installed, "check", "phone", cwd=elsewhere)
    assert checked.returncode == 0, checked.stderr
    today = json.loads(_run(installed, "today", "--json", cwd=elsewhere).stdout)
    assert [(row["title"], row["status"]) for row in today] == [("Phone away at dinner", "kept")]


def test_the_installed_package_is_the_wheel_and_carries_its_styles(installed: Path, tmp_path: Path):
    probe = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import tracker, pathlib; p = pathlib.Path(tracker.__file__).parent; "
            "print(p); print(sorted(x.name for x in (p / 'styles').glob('*.tcss')))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": ""},
    )
    package_dir, styles = probe.stdout.splitlines()
    assert Path(package_dir).is_relative_to(installed)
    assert "app.tcss" in styles
