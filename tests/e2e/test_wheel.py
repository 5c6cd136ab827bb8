"""The installed wheel, not the source tree: commands work from anywhere and the styles ship."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

# One worker runs the whole module: the wheel and its virtualenv are built once.
pytestmark = pytest.mark.xdist_group("wheel")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding tracker's wheel and its dependencies, as a user's.

    Nothing leaks in from outside: not the packages of the environment running the tests
    (which may itself be a virtualenv), nor the system's. The dependencies come from pip's
    configured index, as they do for `pipx install`.
    """
    if importlib.util.find_spec("ensurepip") is None:
        pytest.fail(
            "This Python cannot create a virtual environment with pip: install python3-venv "
            "(`sudo apt-get install python3-venv`; the README's test command does it)."
        )
    work = tmp_path_factory.mktemp("wheel")
    _pip(sys.executable, "wheel", "--no-deps", "-w", str(work), str(ROOT))
    (wheel,) = work.glob("tracker-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    _pip(str(env_dir / "bin" / "python"), "install", str(wheel))
    return env_dir


def _outside_env() -> dict[str, str]:
    """This environment without the variables that would let the tests' packages leak in."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def _pip(python: str, *args: str) -> None:
    done = subprocess.run(
        [python, "-m", "pip", "-q", *args],
        capture_output=True,
        text=True,
        check=False,
        env=_outside_env(),
    )
    assert done.returncode == 0, f"pip {' '.join(args)} failed:\n{done.stdout}{done.stderr}"


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**_outside_env(), "TRACKER_DB": str(cwd / "data" / "tracker.json")}
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
            "import tracker, textual, platformdirs, pathlib; "
            "p = pathlib.Path(tracker.__file__).parent; print(p); "
            "print(sorted(x.name for x in (p / 'styles').glob('*.tcss'))); "
            "print(textual.__file__); print(platformdirs.__file__)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env=_outside_env(),
    )
    package_dir, styles, *dependencies = probe.stdout.splitlines()
    assert Path(package_dir).is_relative_to(installed)
    assert "app.tcss" in styles
    # The dependencies were installed with the wheel, into the same environment.
    assert all(Path(module).is_relative_to(installed) for module in dependencies), dependencies
