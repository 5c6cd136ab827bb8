"""A writer process for the crash and concurrency tests: writes through the store, acks each write.

Run as a script:

    python writer.py run '<json command>'   one writer; prints "ack <seq>" after each write returns
    python writer.py serve                  a fork server: one JSON command per stdin line, each
                                            run in a forked child (imports paid once, so a test
                                            can afford a hundred kills); prints
                                            {"exit": pid, "signal": n} when the child dies
    python writer.py app|cli|reminders '<json command>'   the three roles of the concurrency test

A command is a JSON object: db (path), mode ("writes", "backup" or "migrate"), start (first
sequence number), count, promises (ids), and optional hook, slow, seed and version.

Every line on stdout is flushed as it is printed, so a line the test has read was printed
after the write it acknowledges had returned. A child that finished its writes prints
"done" and waits to be killed: every round of the crash test ends with a SIGKILL.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tracker.model import Mark, MarkStatus, Note, QualityKind, QualityTime, Trigger
from tracker.store import Store, schema

BASE_DAY = date(2000, 1, 1)
STATUSES = (MarkStatus.KEPT, MarkStatus.EXCUSED, MarkStatus.MISSED)
KINDS = tuple(QualityKind)
TRIGGERS = tuple(Trigger)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# -- what write number `seq` is, so the test can check it without being told ----------


def write_kind(seq: int) -> str:
    return ("mark", "quality", "note", "edit")[seq % 4]


def target_promise(seq: int, promises: list[int]) -> int:
    return promises[(seq // 4) % len(promises)]


def expected_mark(seq: int, promises: list[int]) -> Mark:
    return Mark(
        promise_id=target_promise(seq, promises),
        day=BASE_DAY + timedelta(days=seq),
        status=STATUSES[(seq // 4) % 3],
        note=f"w{seq} ✓ [bold]",
    )


def expected_quality(seq: int) -> QualityTime:
    return QualityTime(
        day=BASE_DAY + timedelta(days=seq % 9000),
        minutes=seq % 1440 + 1,
        kind=KINDS[seq % len(KINDS)],
        connection=seq % 5 + 1,
        note=f"w{seq} quality ⏳ $HOME",
    )


def expected_note(seq: int) -> Note:
    return Note(
        day=BASE_DAY + timedelta(days=seq % 9000),
        what_happened=f"w{seq} what happened\nשלום [/]",
        trigger=TRIGGERS[seq % len(TRIGGERS)],
        feeling=f"I feel w{seq}",
    )


def why_of(seq: int) -> str:
    return f"w{seq} why"


def seq_of(text: str) -> int:
    """The write number a stored text carries ("w123 ..." -> 123)."""
    return int(text.split()[0][1:])


def do_write(store: Store, seq: int, promises: list[int]) -> None:
    kind = write_kind(seq)
    if kind == "mark":
        store.put_mark(expected_mark(seq, promises))
    elif kind == "quality":
        store.add_quality(expected_quality(seq))
    elif kind == "note":
        store.add_note(expected_note(seq))
    else:
        promise = store.promise(target_promise(seq, promises))
        store.update_promise(replace(promise, why=why_of(seq)))


# -- schema versions for the migration scenario ------------------------------------------


def migration_step(version: int, delay: float = 0.0):
    """A migration from `version` to `version + 1` that leaves a trace of having run once."""

    def migrate(tables: dict[str, Any]) -> dict[str, Any]:
        if delay:
            time.sleep(delay)
        log = tables.setdefault("migrations", {})
        entry = log.setdefault(str(version), {"runs": 0})
        entry["runs"] += 1
        return tables

    return migrate


def install_schema(version: int, delay: float = 0.0) -> None:
    """Pretend this tracker reads format `version`, with a migration for each step up to it."""
    for step in range(1, version):
        schema.MIGRATIONS[step] = migration_step(step, delay)
    schema.SCHEMA_VERSION = version


# -- crash hooks: the process kills itself at a precise point of a write ---------------


def install_hook(point: str, nth: int, slow: float, rng: random.Random) -> None:
    """SIGKILL this process at the `nth` call of `point`, and optionally slow writes down.

    Points: "write" (part of a temp file written), "fsync" (temp file complete and
    synced, not yet renamed), "replace-before", "replace-after" (renamed, folder not
    yet synced), "unlink" (pruning old backups), "migration" (inside a migration step).
    """
    calls = {"n": 0}

    def tick(here: str) -> None:
        if here == point:
            calls["n"] += 1
            if calls["n"] == nth:
                os.kill(os.getpid(), signal.SIGKILL)

    def nap() -> None:
        if slow:
            time.sleep(rng.uniform(0, slow))

    real_write, real_fsync, real_replace, real_unlink = os.write, os.fsync, os.replace, os.unlink

    def write(fd: int, data: Any) -> int:
        if fd > 2:
            tick("write")
            # Write half first, so a kill here leaves a genuinely partial temp file.
            if point == "write" and len(data) > 1:
                return real_write(fd, data[: len(data) // 2])
        return real_write(fd, data)

    def fsync(fd: int) -> None:
        nap()
        real_fsync(fd)
        tick("fsync")

    def replace_(src: Any, dst: Any, **kwargs: Any) -> None:
        tick("replace-before")
        nap()
        real_replace(src, dst, **kwargs)
        tick("replace-after")

    def unlink(path: Any, **kwargs: Any) -> None:
        tick("unlink")
        real_unlink(path, **kwargs)

    os.write, os.fsync, os.replace, os.unlink = write, fsync, replace_, unlink
    if point == "migration":
        for step, migrate in list(schema.MIGRATIONS.items()):

            def killing(tables: dict[str, Any], migrate=migrate) -> dict[str, Any]:
                tables = migrate(tables)
                tick("migration")
                return tables

            schema.MIGRATIONS[step] = killing


# -- the crash-test writer ---------------------------------------------------------------


def run(command: dict[str, Any]) -> None:
    say(f"pid {os.getpid()}")
    rng = random.Random(command.get("seed", 0))
    mode = command.get("mode", "writes")
    if mode == "migrate":
        install_schema(command["version"], command.get("migration_delay", 0.0))
    hook = command.get("hook") or {}
    install_hook(hook.get("point", ""), hook.get("nth", 0), command.get("slow", 0.0), rng)
    store = Store.open(Path(command["db"]))
    promises = command["promises"]
    for seq in range(command["start"], command["start"] + command["count"]):
        do_write(store, seq, promises)
        say(f"ack {seq}")
        if mode == "backup":
            say(f"backup {store.backup()}")
    say("done")
    while True:  # wait for the test's SIGKILL
        time.sleep(60)


def serve() -> None:
    """Fork one child per command line; report how each child ended."""
    for line in sys.stdin:
        command = json.loads(line)
        sys.stdout.flush()
        child = os.fork()
        if child == 0:
            try:
                run(command)
            except BaseException as error:  # a failure the test must see, not a hang
                say(f"error {type(error).__name__}: {error}")
                os._exit(3)
            os._exit(0)
        _, status = os.waitpid(child, 0)
        killed_by = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
        say(json.dumps({"exit": child, "signal": killed_by, "code": code}))


# -- the three roles of the concurrency test ----------------------------------------------


def role_app(command: dict[str, Any]) -> None:
    """Like the open app: one Store kept open, mixed writes, and claiming reminders too."""
    store = Store.open(Path(command["db"]))
    promise_id = command["promise"]
    for i in range(command["count"]):
        match i % 4:
            case 0:
                day = BASE_DAY + timedelta(days=i)
                store.put_mark(Mark(promise_id, day, MarkStatus.KEPT, note=f"app {i}"))
            case 1:
                store.add_quality(QualityTime(BASE_DAY, 30, QualityKind.OTHER, note=f"app {i}"))
            case 2:
                store.add_note(Note(BASE_DAY, f"app {i}", Trigger.OTHER))
            case _:
                store.update_promise(replace(store.promise(promise_id), why=f"app {i}"))
        keys = [f"shared-{i}"]
        claimed = store.claim_fired(keys, datetime.now(UTC), datetime(2000, 1, 1, tzinfo=UTC))
        say(json.dumps({"ack": i, "claimed": claimed}))
    say("done")


def role_cli(command: dict[str, Any]) -> None:
    """Like `tracker check` run again and again: the real CLI code, a fresh Store each time."""
    from tracker.cli import main

    name = command["name"]
    for i in range(command["count"]):
        day = (BASE_DAY + timedelta(days=i)).isoformat()
        with contextlib.redirect_stdout(io.StringIO()):  # what the user would read
            code = main(["--db", command["db"], "check", name, "--date", day])
        if code != 0:
            say(json.dumps({"failed": i, "code": code}))
            sys.exit(1)
        say(json.dumps({"ack": i}))
    say("done")


def role_reminders(command: dict[str, Any]) -> None:
    """Like the reminder service: claims its own keys and the keys the app claims too."""
    store = Store.open(Path(command["db"]))
    since = datetime(2000, 1, 1, tzinfo=UTC)
    for i in range(command["count"]):
        keys = [f"service-{i}", f"shared-{i}"]
        claimed = store.claim_fired(keys, datetime.now(UTC), since)
        say(json.dumps({"ack": i, "claimed": claimed}))
    say("done")


def main(argv: list[str]) -> None:
    action = argv[0]
    if action == "serve":
        serve()
        return
    command = json.loads(argv[1])
    {"run": run, "app": role_app, "cli": role_cli, "reminders": role_reminders}[action](command)


if __name__ == "__main__":
    main(sys.argv[1:])
