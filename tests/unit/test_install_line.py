"""The README's install line, run as a user's shell runs it, with fake programs on the PATH:
when pipx is missing and cannot be installed, one clear line says what to do and nothing
else runs; with pipx, it installs at the pinned versions and opens the app."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHAT_TO_DO = (
    "Could not install pipx: install it (as root: apt-get install pipx), then run this line again."
)


def readme_command(heading: str) -> str:
    """The one line of the first sh block under `## heading`, as .ci/run reads it."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    section = lines[lines.index(f"## {heading}") + 1 :]
    start = section.index("```sh") + 1
    block = section[start : section.index("```", start)]
    assert len(block) == 1, block
    return block[0]


def program(folder: Path, name: str, body: str, log: Path) -> None:
    """A fake program: writes its name and arguments to `log`, then runs `body`."""
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n{body}\n', encoding="utf-8")
    path.chmod(0o755)


def run_install_line(tmp_path: Path, programs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The README's install line in bash, in a home of its own, with only `programs` on PATH
    (and the app it would open being a fake that notes it was started)."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for name, body in programs.items():
        program(fake_bin, name, body, tmp_path / "calls")
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    program(home / ".local" / "bin", "tracker", "exit 0", tmp_path / "calls")
    return subprocess.run(
        ["/bin/bash", "-c", readme_command("Install")],
        cwd=ROOT,
        env={"PATH": str(fake_bin), "HOME": str(home)},
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )


def calls(tmp_path: Path) -> list[str]:
    log = tmp_path / "calls"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


@pytest.mark.parametrize(
    "programs",
    [
        pytest.param({}, id="no sudo"),
        pytest.param(
            {"sudo": 'echo "sudo: a password is required" >&2; exit 1'}, id="sudo refused"
        ),
        pytest.param(
            {
                "sudo": 'exec "$@"',
                "apt-get": 'echo "E: Unable to locate package pipx" >&2; exit 100',
            },
            id="apt-get fails",
        ),
    ],
)
def test_without_pipx_a_failed_install_says_what_to_do_and_stops(tmp_path, programs):
    done = run_install_line(tmp_path, programs)
    assert done.returncode != 0
    assert done.stderr.splitlines()[-1] == WHAT_TO_DO
    assert "pipx: command not found" not in done.stderr
    assert not any(call.startswith(("pipx", "tracker")) for call in calls(tmp_path))


def test_with_pipx_it_installs_at_the_pinned_versions_and_opens_the_app(tmp_path):
    done = run_install_line(tmp_path, {"pipx": "exit 0"})
    assert done.returncode == 0, done.stderr
    assert calls(tmp_path) == [
        "pipx install --force --pip-args=-c requirements/constraints.txt .",
        "pipx ensurepath",
        "tracker ",
    ]
    assert (ROOT / "requirements" / "constraints.txt").is_file()


def test_when_apt_installs_pipx_the_line_goes_on_with_it(tmp_path):
    stash = tmp_path / "stash"
    stash.mkdir()
    program(stash, "pipx", "exit 0", tmp_path / "calls")
    apt_installs_pipx = f'[ "$1" = install ] && /bin/cp -p {stash}/pipx {tmp_path}/bin/pipx; exit 0'
    done = run_install_line(tmp_path, {"sudo": 'exec "$@"', "apt-get": apt_installs_pipx})
    assert done.returncode == 0, done.stderr
    assert calls(tmp_path) == [
        "sudo apt-get update",
        "apt-get update",
        "sudo apt-get install -y pipx",
        "apt-get install -y pipx",
        "pipx install --force --pip-args=-c requirements/constraints.txt .",
        "pipx ensurepath",
        "tracker ",
    ]
