"""Killing a writer at any moment loses nothing it acknowledged and never leaves a broken file.

A writer process (writer.py) writes through the store and prints "ack N" after each write
returns. The test SIGKILLs it at random moments: right after an ack, a few milliseconds
into a write, or at an exact point of a write (the writer kills itself halfway through
writing a temp file, between fsync and rename, just before or just after the rename,
inside a migration). After every kill the store opens, passes check_all(), holds every
acknowledged write exactly once and has no stray temporary files.

Replay a failure with the seed its message prints: TRACKER_CRASH_SEED=<seed> pytest ...
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import IO, Any

import pytest
import writer
from support import PYTHON, clean_env

from tracker.model import Promise
from tracker.schedule import parse_schedule
from tracker.store import Store, schema
from tracker.store.backups import is_readable_backup
from tracker.store.files import TEMP_PREFIX

WRITER = str(Path(writer.__file__).resolve())
SEED = int(os.environ.get("TRACKER_CRASH_SEED", random.randrange(1 << 32)))
POINTS = ("write", "fsync", "replace-before", "replace-after")
LINE_TIMEOUT = 60.0
CREATED_IN = schema.SCHEMA_VERSION  # the format the seeded files are written in

KILLS: Counter[str] = Counter()  # per scenario, reported at the end of the session
WRITES: Counter[str] = Counter()


@dataclass
class Round:
    """What one writer process acknowledged before it died."""

    acks: list[int] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    done: bool = False
    signal: int | None = None


@dataclass
class Ledger:
    """Everything the writers acknowledged so far, and the writes that may or may not be in."""

    promises: list[int]
    acked: set[int] = field(default_factory=set)
    uncertain: set[int] = field(default_factory=set)
    backups: list[Path] = field(default_factory=list)
    next_seq: int = 0

    def record(self, start: int, count: int, outcome: Round) -> None:
        self.acked.update(outcome.acks)
        self.backups.extend(outcome.backups)
        last = max(outcome.acks, default=start - 1)
        if outcome.done:
            self.next_seq = start + count
        else:
            # The write after the last ack was under way: it may or may not have landed,
            # and it is never retried (a retried append would count twice).
            self.uncertain.add(last + 1)
            self.next_seq = last + 2


def _line(stream: IO[bytes], context: str) -> str:
    ready, _, _ = select.select([stream], [], [], LINE_TIMEOUT)
    assert ready, f"the writer went silent for {LINE_TIMEOUT}s {context}"
    raw = stream.readline()
    assert raw, f"the writer's output ended early {context}"
    return raw.decode("utf-8").rstrip("\n")


class ForkServer:
    """One writer.py process that forks a fresh writer child per round."""

    def __init__(self, log: Path) -> None:
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            [PYTHON, WRITER, "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=clean_env(),
            bufsize=0,  # unbuffered: select() must see every line the writer printed
        )

    def round(self, command: dict[str, Any], killer: Killer, context: str) -> Round:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write((json.dumps(command) + "\n").encode())
        self.process.stdin.flush()
        outcome = Round()
        child = 0
        while True:
            line = _line(self.process.stdout, context)
            if line.startswith("{"):
                ended = json.loads(line)
                assert ended["exit"] == child, context
                outcome.signal = ended["signal"]
                return outcome
            child = _follow(line, outcome, killer, child, context)

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=30)
        self.log.close()


def fresh_round(command: dict[str, Any], killer: Killer, log: Path, context: str) -> Round:
    """A round in a brand-new interpreter (nothing inherited from a fork)."""
    with log.open("ab") as errors:
        process = subprocess.Popen(
            [PYTHON, WRITER, "run", json.dumps(command)],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=clean_env(),
            bufsize=0,
        )
        assert process.stdout is not None
        outcome = Round()
        child = 0
        while True:
            if not select.select([process.stdout], [], [], LINE_TIMEOUT)[0]:
                pytest.fail(f"the writer went silent for {LINE_TIMEOUT}s {context}")
            raw = process.stdout.readline()
            if not raw:
                break
            child = _follow(raw.decode().rstrip("\n"), outcome, killer, child, context)
        process.wait(timeout=30)
    outcome.signal = -process.returncode if process.returncode < 0 else None
    return outcome


@dataclass
class Killer:
    """When the test kills: after `after_acks` acks and `delay` seconds, or never (hooks)."""

    after_acks: int | None
    delay: float = 0.0
    fired: bool = False

    def maybe_kill(self, child: int, acks: int) -> None:
        if self.fired or self.after_acks is None or acks < self.after_acks:
            return
        if self.delay:
            time.sleep(self.delay)
        self.kill(child)

    def kill(self, child: int) -> None:
        if not self.fired:
            self.fired = True
            os.kill(child, signal.SIGKILL)


def _follow(line: str, outcome: Round, killer: Killer, child: int, context: str) -> int:
    word, _, rest = line.partition(" ")
    if word == "pid":
        child = int(rest)
    elif word == "ack":
        outcome.acks.append(int(rest))
    elif word == "backup":
        outcome.backups.append(Path(rest))
    elif word == "done":
        outcome.done = True
        killer.kill(child)
        return child
    else:
        pytest.fail(f"the writer failed: {line} {context}")
    killer.maybe_kill(child, len(outcome.acks))
    return child


def _choose_killer(rng: random.Random, hook_points: tuple[str, ...], nth_max: int):
    """Half the rounds die at an exact point of a write, half at a random moment."""
    if rng.random() < 0.5:
        hook = {"point": rng.choice(hook_points), "nth": rng.randint(1, nth_max)}
        return Killer(after_acks=None), hook, 0.0
    slow = rng.choice([0.0, 0.002])
    delay = rng.choice([0.0, rng.uniform(0, 0.004)])
    return Killer(after_acks=rng.randint(0, 8), delay=delay), None, slow


def _seed_store(path: Path) -> list[int]:
    store = Store.open(path)
    return [
        store.add_promise(Promise(title, parse_schedule("daily"), date(2000, 1, 1))).id
        for title in ("Phone away at dinner", "Home by seven", "Ask about her day")
    ]


# -- checking the store after a kill ------------------------------------------------------


def _stray_temp_files(store: Store) -> list[Path]:
    folders = (store.path.parent, store.marks_dir, store.backup_dir)
    return [
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.iterdir()
        if path.name.startswith(TEMP_PREFIX)
    ]


def check_store(path: Path, ledger: Ledger, context: str) -> Store:
    """The store opens, reads back completely and holds exactly what was acknowledged."""
    store = Store.open(path)
    counts = store.check_all()
    assert _stray_temp_files(store) == [], f"temp files left behind {context}"
    allowed = ledger.acked | ledger.uncertain
    promises = ledger.promises

    found_marks = {seq: 0 for seq in allowed if writer.write_kind(seq) == "mark"}
    for promise_id, marks in store.all_marks(promises).items():
        for day, mark in marks.items():
            seq = (day - writer.BASE_DAY).days
            assert seq in allowed, f"a mark nobody wrote: {mark} {context}"
            assert mark == writer.expected_mark(seq, promises), context
            assert promise_id == mark.promise_id, context
            found_marks[seq] += 1
    for seq, times in found_marks.items():
        assert times == 1 or (times == 0 and seq not in ledger.acked), (
            f"acknowledged mark {seq} is missing {context}"
        )

    def check_appended(items: list[Any], text_of, expected_of, what: str) -> None:
        seen = Counter(writer.seq_of(text_of(item)) for item in items)
        for item in items:
            seq = writer.seq_of(text_of(item))
            assert seq in allowed and writer.write_kind(seq) == what, f"{item} {context}"
            assert replace(item, id=0, created=None, **_no_updated(item)) == expected_of(seq)
        duplicated = sorted(seq for seq, times in seen.items() if times > 1)
        assert duplicated == [], f"{what} written twice: {duplicated} {context}"
        missing = sorted(
            seq for seq in ledger.acked if writer.write_kind(seq) == what and seq not in seen
        )
        assert missing == [], f"acknowledged {what} writes missing: {missing} {context}"

    check_appended(store.quality_entries(), lambda e: e.note, writer.expected_quality, "quality")
    check_appended(store.notes(), lambda n: n.what_happened, writer.expected_note, "note")

    for promise in store.promises(include_archived=True):
        edits = [
            seq
            for seq in ledger.acked
            if writer.write_kind(seq) == "edit"
            and writer.target_promise(seq, promises) == promise.id
        ]
        if not promise.why:
            assert edits == [], f"acknowledged edits of {promise.id} lost {context}"
            continue
        seq = writer.seq_of(promise.why)
        assert seq in allowed and promise.why == writer.why_of(seq), context
        assert writer.target_promise(seq, promises) == promise.id, context
        assert seq >= max(edits, default=0), f"an older edit won over {max(edits)} {context}"

    for info in store.backups():
        assert is_readable_backup(info.path), f"a broken backup is listed: {info} {context}"
    for backup in ledger.backups:
        assert is_readable_backup(backup), f"acknowledged backup {backup} lost {context}"
    assert counts["promises"] == len(promises), context
    return store


def _no_updated(item: Any) -> dict[str, Any]:
    return {"updated": None} if hasattr(item, "updated") else {}


@contextmanager
def reading_format(version: int):
    """This test process reads format `version` (as the migrating writer does), then goes back."""
    saved = (schema.SCHEMA_VERSION, dict(schema.MIGRATIONS))
    writer.install_schema(version)
    try:
        yield
    finally:
        schema.SCHEMA_VERSION = saved[0]
        schema.MIGRATIONS.clear()
        schema.MIGRATIONS.update(saved[1])


# -- the scenarios --------------------------------------------------------------------------


def _crash_rounds(
    tmp_path: Path,
    scenario: str,
    rounds: int,
    make_command,
    hook_points: tuple[str, ...],
    nth_max: int,
    after_check=None,
) -> Ledger:
    rng = random.Random(f"{SEED}-{scenario}")
    db = tmp_path / "data" / "tracker.json"
    ledger = Ledger(promises=_seed_store(db))
    server = ForkServer(tmp_path / "writer-errors.log")
    try:
        for number in range(rounds):
            killer, hook, slow = _choose_killer(rng, hook_points, nth_max)
            command = {
                "db": str(db),
                "promises": ledger.promises,
                "start": ledger.next_seq,
                "count": rng.randint(3, 14),
                "hook": hook,
                "slow": slow,
                "seed": rng.randrange(1 << 30),
                **make_command(number),
            }
            context = (
                f"(replay: TRACKER_CRASH_SEED={SEED}; scenario {scenario}, round {number}, "
                f"command {json.dumps(command)})"
            )
            if number % 10 == 9:
                outcome = fresh_round(command, killer, tmp_path / "writer-errors.log", context)
            else:
                outcome = server.round(command, killer, context)
            assert outcome.signal == signal.SIGKILL, f"the writer was not killed {context}"
            KILLS[scenario] += 1
            WRITES[scenario] += len(outcome.acks)
            ledger.record(command["start"], command["count"], outcome)
            with reading_format(command.get("version", CREATED_IN)):
                store = check_store(db, ledger, context)
                if after_check is not None:
                    after_check(store, command, context)
    finally:
        server.close()
    errors = (tmp_path / "writer-errors.log").read_text(errors="replace")
    assert "Traceback" not in errors, errors[-3000:]
    return ledger


def test_killing_a_writer_at_random_moments_never_loses_an_acknowledged_write(tmp_path):
    ledger = _crash_rounds(
        tmp_path, "writes", 150, lambda _n: {"mode": "writes"}, POINTS, nth_max=10
    )
    assert KILLS["writes"] == 150
    print(f"\nwrites: seed {SEED}, {KILLS['writes']} kills, {len(ledger.acked)} writes acked")
    assert len(ledger.acked) > 100  # the rounds did real work between kills


def test_killing_a_backup_midway_never_leaves_a_broken_backup_or_data_file(tmp_path):
    ledger = _crash_rounds(
        tmp_path, "backup", 40, lambda _n: {"mode": "backup"}, POINTS, nth_max=12
    )
    assert KILLS["backup"] == 40
    print(f"\nbackup: seed {SEED}, {KILLS['backup']} kills, {len(ledger.backups)} backups acked")
    assert ledger.backups, "no backup was ever acknowledged"


def _migration_log_is_exact(store: Store, command: dict[str, Any], context: str) -> None:
    """Each file holds one trace per migration step it went through: none ran twice or never."""
    files = [store.path, *sorted(store.marks_dir.glob("*.json"))]
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        version = data["_meta"]["1"]["schema_version"]
        assert version <= command["version"], context
        steps = data.get("migrations", {})
        # The main file was created in this tracker's format; a marks file is created in the
        # format of the tracker that first checked the promise off, and migrated from there.
        first = CREATED_IN if path == store.path else min(map(int, steps), default=version)
        expected = {str(n): {"runs": 1} for n in range(first, version)}
        assert steps == expected, f"{path} {context}"


def test_killing_a_migration_midway_leaves_a_file_that_still_opens(tmp_path):
    # Round n reads format n + 1 past the one the files were created in: every round
    # upgrades the files it writes once more.
    def command(number: int) -> dict[str, Any]:
        return {"mode": "migrate", "version": CREATED_IN + 1 + number, "migration_delay": 0.001}

    ledger = _crash_rounds(
        tmp_path,
        "migrate",
        30,
        command,
        (*POINTS, "migration"),
        nth_max=4,
        after_check=_migration_log_is_exact,
    )
    assert KILLS["migrate"] == 30
    print(f"\nmigrate: seed {SEED}, {KILLS['migrate']} kills, {len(ledger.acked)} writes acked")


# -- the real upgrade from format 1 (which marks files exist is listed in the main file) --------


def _format_one_files(folder: Path) -> Path:
    """Files as tracker 1 wrote them: three promises, marks files for the first two."""
    path = folder / "tracker.json"
    folder.mkdir(parents=True)
    main = {
        "_meta": {"1": {"schema_version": 1, "kind": "tracker"}},
        "promises": {
            str(n): {"title": f"Promise {n}", "schedule": "daily", "start": "2000-01-01"}
            for n in (1, 2, 3)
        },
    }
    path.write_text(json.dumps(main), encoding="utf-8")
    (folder / "tracker.marks").mkdir()
    for promise_id in (1, 2):
        marks = {
            "_meta": {"1": {"schema_version": 1, "kind": "tracker-marks"}},
            "marks": {"730120": {"date": "2000-01-01", "status": "kept"}},
        }
        (folder / "tracker.marks" / f"{promise_id}.json").write_text(
            json.dumps(marks), encoding="utf-8"
        )
    return path


def test_killing_the_upgrade_to_format_two_leaves_the_old_file_or_the_new_one(tmp_path):
    rng = random.Random(f"{SEED}-format-two")
    for round_number in range(24):
        path = _format_one_files(tmp_path / f"round-{round_number}")
        original = path.read_bytes()
        point, nth = rng.choice(POINTS), rng.randint(1, 6)
        child = os.fork()
        if child == 0:  # the writer: upgrades on its first change, killed at `point`
            try:
                writer.install_hook(point, nth, 0.0, random.Random(0))
                Store.open(path).add_note(writer.expected_note(round_number * 4 + 2))
            finally:
                os._exit(0)
        _, status = os.waitpid(child, 0)
        context = f"(TRACKER_CRASH_SEED={SEED}, round {round_number}, {point} #{nth})"
        KILLS["format-two"] += os.WIFSIGNALED(status)
        store = Store.open(path)
        assert store.check_all()["marks"] == 2, context
        assert store.notices() == [], context
        main = json.loads(path.read_text(encoding="utf-8"))
        if main["_meta"]["1"]["schema_version"] == 1:
            assert path.read_bytes() == original, context
            continue
        assert sorted(main["histories"]) == ["1", "2"], context
        (before,) = [b for b in store.backups() if b.label == "before-upgrade"]
        assert is_readable_backup(before.path), context
        assert json.loads(before.path.read_text(encoding="utf-8"))["main"]["1"] == json.loads(
            original
        ), context
    assert KILLS["format-two"] >= 12, "too few rounds were killed midway"
