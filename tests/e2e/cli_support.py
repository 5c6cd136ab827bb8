"""Run the real `tracker` command on a data file in the test's own folder: in a fresh process,
or (the `cli` fixture, for tests not about the process) through main(argv) in this one."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# "Now" for the child processes: a Wednesday evening, so that today, yesterday and
# last week are all ordinary days. Time flows from there (TRACKER_NOW, see tracker.clock).
NOW = "2026-11-25T20:00:00"

# Not data: the lock, and the store's record of files found sound (a cache).
CACHES = (".lock", ".checked")


@dataclass(frozen=True)
class Result:
    """What one run printed and how it ended."""

    args: tuple[str | bytes, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def error_line(self) -> str:
        """The single line a failed command wrote on stderr (and nothing else)."""
        lines = self.stderr.splitlines()
        assert self.returncode != 0, f"{self.args} should have failed: {self.stdout}"
        assert len(lines) == 1, f"{self.args}: expected one line on stderr, got:\n{self.stderr}"
        assert lines[0].startswith("tracker: "), self.stderr
        return lines[0].removeprefix("tracker: ")


@dataclass
class Cli:
    """The `tracker` command with its data in `db` (through TRACKER_DB), run from `cwd`.

    `in_process`: `python -m tracker` runs as main(argv) in this process, with the child's
    environment, working folder and standard streams (see `as_a_process`); a run with
    `module=False` (the installed script) or a terminal on stdin is still a real process.
    """

    db: Path
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    in_process: bool = False

    def run(
        self,
        *args: str | bytes,
        now: str | None = NOW,
        module: bool = True,
        stdin: bytes | int | None = None,
        **env: str,
    ) -> Result:
        """Run `python -m tracker ARGS` (or the `tracker` script) at `now`; never raises.

        `stdin`: bytes to pipe in, or a file descriptor to read from (a terminal's).
        """
        child_env = {**self.env, **env}
        if now is not None:
            child_env["TRACKER_NOW"] = now
        command: list[str | bytes] = (
            [sys.executable, "-m", "tracker"] if module else [tracker_script()]
        )
        if self.in_process and module and not isinstance(stdin, int):
            return run_in_process(args, cwd=self.cwd, env=child_env, stdin=stdin or b"")
        given: dict[str, Any] = {}
        if isinstance(stdin, bytes):
            given["input"] = stdin
        elif stdin is not None:
            given["stdin"] = stdin
        done = subprocess.run(
            [*command, *args],
            cwd=self.cwd,
            env=child_env,
            capture_output=True,
            timeout=120,
            check=False,
            **given,
        )
        return Result(
            tuple(args),
            done.returncode,
            done.stdout.decode("utf-8", "backslashreplace"),
            done.stderr.decode("utf-8", "backslashreplace"),
        )

    def ok(self, *args: str | bytes, **options: Any) -> str:
        """Run a command that must succeed quietly on stderr; returns what it printed."""
        result = self.run(*args, **options)
        assert result.returncode == 0, f"{args} failed ({result.returncode}): {result.stderr}"
        assert result.stderr == "", f"{args} wrote on stderr: {result.stderr}"
        return result.stdout

    def fails(self, *args: str | bytes, **options: Any) -> str:
        """Run a command that must fail with one clear line; returns that line."""
        return self.run(*args, **options).error_line

    def json(self, *args: str | bytes, **options: Any) -> Any:
        return json.loads(self.ok(*args, **options))

    def add(self, title: str, schedule: str, *extra: str, now: str = "2026-11-01T09:00:00") -> int:
        """Add a promise as if on `now` (so it has a past to mark); returns its id."""
        return self.json("add", title, "--schedule", schedule, "--json", *extra, now=now)["id"]

    def files(self) -> dict[str, bytes]:
        """Every data file, backup and marks file beside `db`, byte for byte (not CACHES)."""
        return snapshot(self.db.parent)


def run_in_process(
    args: Sequence[str | bytes], *, cwd: Path, env: dict[str, str], stdin: bytes
) -> Result:
    """`python -m tracker ARGS` as main(argv) in this process: what it printed, its status."""
    from tracker.cli import main
    from tracker.store import vault

    argv = [os.fsdecode(arg) for arg in args]  # as Python builds sys.argv from bytes
    with as_a_process(cwd, env, stdin) as (out, err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse's --help and --version
            code = exit_.code if isinstance(exit_.code, int) else 1
        finally:
            vault.forget_all()  # a process's keys end with it
    return Result(
        tuple(args),
        code,
        out.getvalue().decode("utf-8", "backslashreplace"),
        err.getvalue().decode("utf-8", "backslashreplace"),
    )


@contextmanager
def as_a_process(cwd: Path, env: dict[str, str], stdin: bytes) -> Iterator[tuple[io.BytesIO, ...]]:
    """While inside: exactly `env` (TZ applied; an 80x24 terminal size, which is what a
    child with piped output falls back to), `cwd`, a fresh temporary folder from TMPDIR,
    and standard streams as a child's with PYTHONIOENCODING=utf-8 and pipes. All is put
    back afterwards. Yields the bytes written to stdout and stderr."""
    saved_env, saved_cwd, saved_tempdir = dict(os.environ), os.getcwd(), tempfile.tempdir
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    out, err = io.BytesIO(), io.BytesIO()
    os.environ.clear()
    os.environ.update({"COLUMNS": "80", "LINES": "24", **env})
    time.tzset()
    tempfile.tempdir = None  # read TMPDIR again
    os.chdir(cwd)
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(
        err, encoding="utf-8", errors="backslashreplace", write_through=True
    )
    try:
        yield out, err
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for stream in (sys.stdin, sys.stdout, sys.stderr):
            stream.detach()  # keep the bytes readable
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        tempfile.tempdir = saved_tempdir
        os.environ.clear()
        os.environ.update(saved_env)
        time.tzset()


def snapshot(folder: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.endswith(CACHES):
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def tracker_script() -> str:
    """The installed `tracker` console script next to this Python."""
    script = Path(sys.executable).with_name("tracker")
    if not script.exists():
        pytest.fail(f"the `tracker` command is not installed beside {sys.executable}")
    return str(script)


def child_env(home: Path) -> dict[str, str]:
    """A clean environment: nothing of ours inherited, throwaway HOME and TMPDIR, UTC, UTF-8."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TRACKER_", "PYTEST_", "HYPOTHESIS", "XDG_"))
    }
    env.update({"HOME": str(home), "TZ": "UTC", "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"})
    # Never the user's real keyring (the lock may remember its key there): a failing one.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    # `tracker --demo` writes its throwaway history under TMPDIR: keep it in the test's folder.
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    env["TMPDIR"] = str(home / "tmp")
    return env


def partner_cli(root: Path, name: str) -> Cli:
    """One partner of a sharing story: their own HOME and data file (apart from any shared
    folder), their own working folder, in Berlin."""
    env = child_env(root / name / "home")
    env["TZ"] = "Europe/Berlin"
    db = root / name / "data" / "tracker.json"
    env["TRACKER_DB"] = str(db)
    (root / name / "work").mkdir(parents=True)
    return Cli(db=db, cwd=root / name / "work", env=env)
