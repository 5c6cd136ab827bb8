"""The installed wheel, not the source tree, installed at the pinned versions
(requirements/constraints.txt) as the README's install command does: commands work from
anywhere, the styles, the manual page and the completions ship, no test tool is published."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

# One worker runs the whole module: the wheel and its virtualenv are built once.
pytestmark = pytest.mark.xdist_group("wheel")

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding tracker's wheel and its dependencies, as a user's.

    Nothing leaks in from outside: not the packages of the environment running the tests
    (which may itself be a virtualenv), nor the system's. The dependencies come from pip's
    configured index, as they do for `pipx install`, at the versions the constraints pin.
    """
    if importlib.util.find_spec("ensurepip") is None:
        pytest.fail(
            "This Python cannot create a virtual environment with pip: install python3-venv "
            "(`sudo apt-get install python3-venv`; the README's test command does it)."
        )
    work = tmp_path_factory.mktemp("wheel")
    _pip(sys.executable, "wheel", "--no-deps", "-w", str(work), str(ROOT))
    (wheel,) = work.glob("trust_tracker-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    _pip(str(env_dir / "bin" / "python"), "install", "-c", str(CONSTRAINTS), str(wheel))
    return env_dir


def _wheel_metadata(env_dir: Path) -> str:
    (wheel,) = env_dir.parent.glob("trust_tracker-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name).decode("utf-8")


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


def test_the_dependencies_are_installed_at_the_pinned_versions(installed: Path):
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split(";")[0].strip().split("==")
            pins[canonicalize_name(name)] = version
    frozen = subprocess.run(
        [str(installed / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
        env=_outside_env(),
    ).stdout.splitlines()
    installed_versions = {
        canonicalize_name(name): version for name, version in (line.split("==") for line in frozen)
    }
    for name in ("textual", "rich", "tinydb", "python-dateutil", "cryptography", "tzlocal"):
        assert installed_versions[name] == pins[name], name
    for name, version in installed_versions.items():
        if name not in ("trust-tracker", "pip", "setuptools"):
            assert pins.get(name) == version, f"{name} {version} is not the pinned version"


def test_the_published_metadata_has_the_licence_and_no_test_tools(installed: Path):
    metadata = Parser().parsestr(_wheel_metadata(installed))
    requires = metadata.get_all("Requires-Dist") or []
    assert not metadata.get_all("Provides-Extra")
    assert not [r for r in requires if r.split()[0] in ("pytest", "ruff", "mypy", "shtab")]
    assert any(r.startswith("rich") for r in requires)
    assert metadata["License-Expression"] == "MIT"


def test_the_manual_page_and_completions_are_installed_where_man_and_the_shells_look(
    installed: Path, tmp_path: Path
):
    shell = ROOT / "tracker" / "cli" / "shell"
    shipped = {
        "share/man/man1/tracker.1": shell / "tracker.1",
        "share/bash-completion/completions/tracker": shell / "tracker.bash",
        "share/zsh/site-functions/_tracker": shell / "tracker.zsh",
        "share/fish/vendor_completions.d/tracker.fish": shell / "tracker.fish",
    }
    for where, source in shipped.items():
        assert (installed / where).read_bytes() == source.read_bytes(), where
    printed = _run(installed, "man", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == (shell / "tracker.1").read_text(encoding="utf-8")


def test_the_distribution_has_a_name_of_its_own_and_the_command_is_tracker(
    installed: Path, tmp_path: Path
):
    probe = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "from importlib.metadata import distribution; d = distribution('trust-tracker'); "
            "print(d.version); print([e.name for e in d.entry_points])",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env=_outside_env(),
    )
    assert probe.stdout.splitlines() == ["0.1.0", "['tracker']"]


def test_the_installed_command_keeps_data_in_a_folder_of_its_own(installed: Path, tmp_path: Path):
    data_home = tmp_path / "share"
    env = {**_outside_env(), "HOME": str(tmp_path), "XDG_DATA_HOME": str(data_home)}
    env.pop("TRACKER_DB", None)
    done = subprocess.run(
        [str(installed / "bin" / "tracker"), "add", "Walk together"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert (data_home / "trust-tracker" / "tracker.json").is_file()
    assert not (data_home / "tracker").exists()
