"""Helpers for the sharing tests: two partners on one folder, shares from a store, leak search."""

from __future__ import annotations

import base64
import shutil
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from dateutil import tz

from tracker.daybreak import local_day
from tracker.demo import write_demo
from tracker.model import Acknowledgement
from tracker.share.folder import NameKind, classify
from tracker.share.payload import ShareSource
from tracker.share.sharing import Sharing
from tracker.store import Store

BERLIN_NAME = "Europe/Berlin"
BERLIN = tz.gettz(BERLIN_NAME)
TODAY = date(2026, 11, 25)  # a Wednesday
EVENING = datetime(2026, 11, 25, 20, 30, tzinfo=BERLIN)


@dataclass
class Couple:
    """Two partners' trackers, each with its own data file, sharing one folder."""

    alex: Sharing
    sam: Sharing
    folder: Path
    code: str
    safety_words: tuple[str, ...]


def pair(root: Path, now: datetime = EVENING, folder: Path | None = None) -> Couple:
    """Alex sets up, Sam joins (on the same folder, or each on a copy when `folder` differs)."""
    shared = root / "shared" if folder is None else folder
    alex = Sharing(root / "alex" / "tracker.json")
    sam = Sharing(root / "sam" / "tracker.json")
    invitation = alex.setup(shared, "Alex", now)
    joined = sam.join(shared, invitation.code, "Sam", now)
    return Couple(alex, sam, shared, invitation.code, joined.safety_words)


def open_store(path: Path) -> Store:
    return Store.open(path, now=lambda: datetime(2026, 11, 25, 19, 0, tzinfo=UTC))


def source_from(
    store: Store,
    now: datetime = EVENING,
    zone: str | None = BERLIN_NAME,
    acknowledgements: Sequence[Acknowledgement] = (),
) -> ShareSource:
    """What the service hands `Sharing.publish`: the store's values and the moment."""
    settings = store.settings()
    local = now.astimezone(tz.gettz(zone)) if zone else now
    return ShareSource(
        promises=store.promises(),
        marks=store.all_marks(),
        quality=store.quality_entries(),
        notes=store.notes(),
        settings=settings,
        zone=zone,
        today=local_day(local, settings.day_starts_at),
        now=local,
        acknowledgements=acknowledgements,
    )


def demo_store(folder: Path, years: int = 5, today: date = TODAY) -> Store:
    """The five-year demo (the README's `tracker demo`), ending on `today`."""
    path = folder / "demo.json"
    write_demo(path, years=years, promises=20, today=today, seed=2026)
    return open_store(path)


def readable_forms(data: bytes) -> Iterator[bytes]:
    """`data` and every way its bytes could hide readable text: as UTF-16, and whatever
    inflates (zlib or raw deflate) from any offset in it."""
    yield data
    yield data.decode("utf-16-le", errors="ignore").encode("utf-8")
    for offset in range(len(data)):
        for wbits in (15, -15):
            inflater = zlib.decompressobj(wbits)
            try:
                inflated = inflater.decompress(data[offset:], 1 << 22)
            except zlib.error:
                continue
            if len(inflated) >= 4:
                yield inflated


def leaks(folder: Path, secrets: list[str]) -> list[str]:
    """Which of `secrets` can be read anywhere in `folder`: names or bytes, plain,
    compressed, base64 or hex, in any file under it."""
    found = []
    needles = {
        secret: [
            form
            for text in {secret, secret.lower(), secret.upper()}
            for form in (
                text.encode("utf-8"),
                text.encode("utf-16-le"),
                base64.b64encode(text.encode()),
                text.encode().hex().encode(),
            )
        ]
        for secret in secrets
    }
    for path in sorted(folder.rglob("*")):
        name = path.name.encode("utf-8")
        forms = [name, *readable_forms(path.read_bytes())] if path.is_file() else [name]
        for secret, patterns in needles.items():
            if any(pattern in form for form in forms for pattern in patterns):
                found.append(f"{secret!r} in {path.name}")
    return found


class Stick:
    """What a person carries between two machines: copies of the share files, taken when
    asked, handed over later (by a file manager: no temp files, no fsync)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.taken = 0

    def take(self, folder: Path) -> Path:
        self.taken += 1
        copy = self.root / f"copy-{self.taken}"
        copy.mkdir(parents=True)
        for path in folder.iterdir():
            if classify(path.name) is NameKind.SHARE:
                shutil.copy2(path, copy / path.name)
        return copy

    @staticmethod
    def hand_over(copy: Path, folder: Path, cut_short: bool = False) -> None:
        for path in copy.iterdir():
            data = path.read_bytes()
            (folder / path.name).write_bytes(data[: len(data) // 2] if cut_short else data)
