"""Sharing for one data file: pair, choose, publish our share, take the partner's, stop.

The one object the service calls. Every method takes the moment (`now`, aware) from
the caller and never reads the clock; every problem with the folder or the partner's
file comes back as plain words in a `ShareStatus`, never as a traceback, and never
costs the partner's last good view.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from tracker.share import envelope, folder, pairing
from tracker.share.keys import Role
from tracker.share.local import LastGood, ShareHome, Written
from tracker.share.pairing import Pairing
from tracker.share.payload import (
    ACKNOWLEDGEMENTS,
    NOTES,
    PRACTICE_PARTS,
    PROMISES,
    TIME,
    ShareChoices,
    SharedData,
    ShareSource,
    build_share,
    decode,
    encode,
    same_content,
    stopped_share,
)
from tracker.share.problems import Problem, ShareError, ShareProblem, ShareRefused, describe
from tracker.store.files import ensure_private_dir


class PairingState(StrEnum):
    NOT_SET_UP = "not-set-up"
    WAITING = "waiting"
    PAIRED = "paired"


@dataclass(frozen=True)
class Invitation:
    """What `setup` gives the first partner: the code to pass on, and what will be shared."""

    code: str
    folder: Path
    name: str
    choices: ShareChoices


@dataclass(frozen=True)
class Joined:
    """What `join` gives the other partner: who they paired with and the words to compare."""

    partner: str
    safety_words: tuple[str, ...]
    folder: Path
    choices: ShareChoices


@dataclass(frozen=True)
class Published:
    """What became of one `publish` (`unchanged`: not written, our last share says it all)."""

    written: bool
    sequence: int | None = None
    size: int = 0
    problem: ShareProblem | None = None
    unchanged: bool = False


@dataclass(frozen=True)
class Stopped:
    """What `stop` did: `left_behind` is our file when the folder could not be reached;
    `was_damaged` says the sharing files here were damaged (so our last share, whose name
    only the lost key could tell, may still be in the folder)."""

    partner: str | None
    left_behind: Path | None = None
    was_damaged: bool = False


@dataclass(frozen=True)
class SharedCounts:
    """How much of each part our last share holds: exactly what the partner can see."""

    promises: int | None
    marks: int | None
    time_entries: int | None
    acknowledgements: int | None
    notes: int | None
    practices: Mapping[str, int | None] = field(default_factory=dict)  # by part name

    def to_json(self) -> dict[str, int | None]:
        return {
            "promises": self.promises,
            "marks": self.marks,
            "time_entries": self.time_entries,
            "acknowledgements": self.acknowledgements,
            "notes": self.notes,
            **self.practices,
        }


@dataclass(frozen=True)
class ShareStatus:
    """Where sharing stands, for `share status`, the app's Partner view and doctor."""

    state: PairingState
    folder: Path | None = None
    name: str | None = None
    partner: str | None = None
    safety_words: tuple[str, ...] | None = None
    choices: ShareChoices = field(default_factory=ShareChoices)
    last_good_at: datetime | None = None  # when their last good share came (our clock)
    partner_wrote_at: datetime | None = None  # when their tracker wrote it (their clock)
    partner_stopped: bool = False
    written_at: datetime | None = None  # when ours was last written (our clock)
    written_sequence: int = 0
    shared: SharedCounts | None = None  # what our last share holds (status only)
    problems: tuple[ShareProblem, ...] = ()
    letters_shared: int = 0  # letters shared by hand (the sharer's data knows them)

    @property
    def partner_can_see(self) -> list[str]:
        """What the partner can see, in words (nothing before sharing is set up)."""
        if self.state is PairingState.NOT_SET_UP:
            return []
        return self.choices.in_words(letters=self.letters_shared)

    def to_json(self) -> dict[str, Any]:
        def iso(moment: datetime | None) -> str | None:
            return None if moment is None else moment.isoformat()

        return {
            "state": self.state.value,
            "folder": None if self.folder is None else str(self.folder),
            "name": self.name,
            "partner": self.partner,
            "safety_words": None if self.safety_words is None else list(self.safety_words),
            "sharing": self.choices.to_doc(),
            "partner_can_see": self.partner_can_see,
            "shared": None if self.shared is None else self.shared.to_json(),
            "last_good_at": iso(self.last_good_at),
            "partner_wrote_at": iso(self.partner_wrote_at),
            "partner_stopped": self.partner_stopped,
            "written_at": iso(self.written_at),
            "written_sequence": self.written_sequence,
            "problems": [problem.to_json() for problem in self.problems],
        }


@dataclass(frozen=True)
class PartnerRead:
    """The partner's last good share (None before the first, or once they stopped) and the
    status of sharing as this read left it."""

    share: SharedData | None
    status: ShareStatus


def _own_names(current: Pairing) -> tuple[str, ...]:
    """The names of the files we write in the shared folder: our share, and the hellos."""
    mine = (current.my_file,) if current.is_paired else ()
    return (*mine, *current.hello_names)


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(os.path.expanduser(path)))


class Sharing:
    """Sharing beside one data file. Safe to use from several threads and processes."""

    def __init__(self, data_file: Path) -> None:
        self.home = ShareHome(data_file)
        # The last good share decoded, by its bytes: a read that finds nothing new is cheap.
        self._decoded: tuple[bytes, envelope.Opened, SharedData] | None = None

    # -- pairing -------------------------------------------------------------------------------

    def setup(self, shared_folder: Path, name: str, now: datetime) -> Invitation:
        """Start pairing in `shared_folder`: a one-time code for the partner to join with."""
        shared_folder = self._usable_folder(shared_folder)
        with self.home.locked():
            self._refuse_if_set_up(now)
            ensure_private_dir(shared_folder)
            started, code, hello = pairing.start(shared_folder, name, now)
            self._write_hello(shared_folder, hello, started)
        return Invitation(code, shared_folder, started.name, started.choices)

    def join(self, shared_folder: Path, code: str, name: str, now: datetime) -> Joined:
        """Join the partner who gave `code`: paired at once, with the safety words to compare."""
        shared_folder = self._usable_folder(shared_folder)
        where = pairing.invitation_name(code)  # a mistyped code is refused here, first
        with self.home.locked():
            self._refuse_if_set_up(now)
            if not folder.folder_present(shared_folder):
                raise ShareError(
                    f"The folder {shared_folder} is not there. Let your sync tool bring your "
                    "partner's folder to this machine first, then join."
                )
            try:
                invitation = folder.read_bounded(shared_folder / where, pairing.MAX_HELLO_BYTES)
            except ShareRefused as refused:
                raise ShareError(f"Your partner's invitation cannot be read: {refused}") from None
            if invitation is None:
                raise ShareError(
                    f"No invitation for this code is in {shared_folder} yet. Check it is the "
                    "folder your partner chose, wait for your sync tool to bring it, then join."
                )
            joined, hello = pairing.join(shared_folder, code, name, invitation, now)
            self._write_hello(shared_folder, hello, joined)
        return Joined(joined.partner_label, joined.keys.safety_words, shared_folder, joined.choices)

    def _usable_folder(self, shared_folder: Path) -> Path:
        """The folder, refused if the data file (or this tracker's keys) would sync in it."""
        shared_folder = _resolved(shared_folder)
        data = Path(os.path.realpath(self.home.data_file))
        real = Path(os.path.realpath(shared_folder))
        for own in (data, Path(os.path.realpath(self.home.dir))):
            if own == real or real in own.parents:
                raise ShareError(
                    f"{shared_folder} holds your data file ({self.home.data_file}). Two machines "
                    "writing one data file lose each other's writes, and your keys would travel "
                    "with it: pick a folder apart from your data file."
                )
        if real.exists() and not real.is_dir():
            raise ShareError(f"{shared_folder} is a file, not a folder.")
        return shared_folder

    def _refuse_if_set_up(self, now: datetime) -> None:
        existing = self.home.load_pairing()
        if existing is not None:
            existing, _ = self._settled(existing, now)
            who = f"with {existing.partner_name}" if existing.partner_name else "(waiting)"
            raise ShareError(
                f"Sharing is already set up {who} in {existing.folder}. "
                "To pair again, run `tracker share stop` first."
            )

    def _write_hello(self, shared_folder: Path, hello: pairing.HelloFile, saved: Pairing) -> None:
        """Our hello in the folder, then the key file; no hello is left without its key file
        (a note of the hello comes first, so a run killed in between has it removed later)."""
        self.home.note_hello(shared_folder, hello.name)
        try:
            folder.write_share(shared_folder, hello.name, hello.data)
        except ShareRefused as refused:
            raise ShareError(refused.problem("your partner").message) from None
        try:
            self.home.save_pairing(saved)
        except BaseException:
            folder.remove_share(shared_folder, hello.name)
            raise
        self.home.hello_saved()

    def _settled(self, current: Pairing, now: datetime) -> tuple[Pairing, ShareProblem | None]:
        """The pairing, completed if it was waiting and the partner's answer has arrived."""
        invitation = current.invitation
        if current.is_paired or invitation is None:
            return current, None
        answer_path = current.folder / invitation.hello_name(Role.JOIN)
        try:
            answer = folder.read_bounded(answer_path, pairing.MAX_HELLO_BYTES)
            if answer is None:
                return current, describe(Problem.WAITING_FOR_PARTNER)
            paired = pairing.finish(current, answer, now)
        except ShareRefused as refused:
            if refused.kind is Problem.CUT_SHORT:  # still arriving
                return current, describe(Problem.WAITING_FOR_PARTNER)
            return current, refused.problem("your partner")
        self.home.save_pairing(paired)
        if current.own_hello is not None:
            folder.remove_share(current.folder, current.own_hello)
        return paired, None

    def pairing(self) -> Pairing | None:
        return self.home.load_pairing()

    def set_choices(self, change: Callable[[ShareChoices], ShareChoices]) -> ShareChoices:
        """Change what is shared; the next `publish` applies it."""
        with self.home.locked():
            current = self._required()
            updated = replace(current, choices=change(current.choices))
            self.home.save_pairing(updated)
        return updated.choices

    def _required(self) -> Pairing:
        current = self.home.load_pairing()
        if current is None:
            raise ShareError(
                "Sharing is not set up. One of you runs `tracker share setup FOLDER --name NAME`, "
                "the other `tracker share join FOLDER CODE --name NAME`."
            )
        return current

    # -- our share -----------------------------------------------------------------------------

    def publish(self, source: ShareSource, *, only_if_changed: bool = False) -> Published:
        """Write our share now, from `source`, as the choices allow; with `only_if_changed`,
        only if it would tell the partner something our last share does not (a new day
        is something)."""
        with self.home.locked():
            current, waiting = self._settled(self._required(), source.now)
            if not current.is_paired:
                return Published(False, problem=waiting)
            document = build_share(source, current.choices, name=current.name)
            if only_if_changed:
                ours = self._open_own(current)
                if ours is not None and same_content(ours.body, document):
                    return Published(False, sequence=ours.sequence, unchanged=True)
            return self._write(current, encode(document), source.now)

    def _write(self, current: Pairing, body: bytes, now: datetime) -> Published:
        keys = current.keys
        mine = current.writer_id
        before = self.home.load_written()
        sequence = max(before.sequence, self._own_sequence(current)) + 1
        # Counted before writing: a number is never used for two different shares.
        self.home.save_written(Written(sequence, before.at))
        data = envelope.seal(
            body, key=keys.writer_key(mine), key_id=keys.key_id, writer_id=mine, sequence=sequence
        )
        try:
            folder.write_share(current.folder, current.my_file, data)
        except ShareRefused as refused:
            return Published(False, problem=refused.problem(current.partner_label))
        self.home.save_written(Written(sequence, now))
        folder.remove_own_leftovers(current.folder, _own_names(current))
        return Published(True, sequence, len(data))

    def own_share_behind(self) -> bool:
        """Whether the folder lacks our latest share while it could take it: paired, the
        folder there, and our file missing, unreadable, or older than our last attempt to
        write (never written yet, or the folder was gone, read-only or full then)."""
        return self._own_share_owed(while_the_folder_is_gone=False)

    def own_share_owed(self) -> bool:
        """Whether our latest share has yet to reach the folder: as `own_share_behind`, and
        also while the folder is gone (an app keeps looking until it is back and written)."""
        return self._own_share_owed(while_the_folder_is_gone=True)

    def _own_share_owed(self, *, while_the_folder_is_gone: bool) -> bool:
        if not os.path.lexists(self.home.pairing_path):
            return False
        with self.home.locked():
            current = self.home.load_pairing()
            if current is None or not current.is_paired:
                return False
            if not folder.folder_present(current.folder):
                return while_the_folder_is_gone  # nothing can be written now
            ours = self._open_own(current)
            return ours is None or ours.sequence < self.home.load_written().sequence

    def _own_sequence(self, current: Pairing) -> int:
        """The number of our file in the folder: a restored or reinstalled tracker whose own
        count went back still writes numbers the partner takes."""
        opened = self._open_own(current)
        return 0 if opened is None else opened.sequence

    def _open_own(self, current: Pairing) -> envelope.Opened | None:
        try:
            data = folder.read_bounded(current.folder / current.my_file)
            if data is None:
                return None
            keys = current.keys
            return envelope.open_sealed(
                data,
                key=keys.writer_key(current.writer_id),
                key_id=keys.key_id,
                writer_id=current.writer_id,
            )
        except ShareRefused:
            return None

    # -- the partner's share -------------------------------------------------------------------

    def read_partner(self, now: datetime) -> PartnerRead:
        """Take the partner's share if a newer good one is in the folder; else keep the last."""
        if not os.path.lexists(self.home.pairing_path):
            # Not set up: nothing to read, and no sharing folder made just to say so.
            self.home.tidy_after_killed_setup()
            return PartnerRead(None, ShareStatus(PairingState.NOT_SET_UP))
        with self.home.locked():
            current = self.home.load_pairing()
            if current is None:
                return PartnerRead(None, ShareStatus(PairingState.NOT_SET_UP))
            current, waiting = self._settled(current, now)
            if not current.is_paired:
                waited = () if waiting is None else (waiting,)
                return PartnerRead(None, self._status(current, None, None, waited))
            last = self._last_good(current)
            problems: list[ShareProblem] = []
            try:
                arrived = self._take_newer(current, last, now)
                if arrived is not None:
                    last = arrived
            except ShareRefused as refused:
                problems.append(refused.problem(current.partner_label))
            share = None if last is None else last[1]
            if share is not None and share.newer_parts:
                parts = ", ".join(share.newer_parts)
                problems.append(describe(Problem.NEWER_PARTS, current.partner_label, parts))
            if share is not None and share.stopped:
                when = f" on {share.writer.written_at:%Y-%m-%d}"
                problems.append(describe(Problem.PARTNER_STOPPED, current.partner_label, when))
            status = self._status(current, last, share, tuple(problems))
            return PartnerRead(None if share is None or share.stopped else share, status)

    def _last_good(self, current: Pairing) -> tuple[LastGood, SharedData, int] | None:
        """The partner's last good share as kept here, opened again (None if there is none)."""
        kept = self.home.load_last_good()
        if kept is None:
            return None
        try:
            opened, shared = self._opened_and_decoded(current, kept.data)
        except ShareRefused:
            return None  # kept under another pairing or by another version: not ours to show
        return kept, shared, opened.sequence

    def _opened_and_decoded(
        self, current: Pairing, data: bytes
    ) -> tuple[envelope.Opened, SharedData]:
        cached = self._decoded
        if cached is not None and cached[0] == data:
            return cached[1], cached[2]
        opened = self._open_partner(current, data)
        shared = decode(opened.body)
        self._decoded = (data, opened, shared)
        return opened, shared

    def _open_partner(self, current: Pairing, data: bytes) -> envelope.Opened:
        keys = current.keys
        partner = current.partner_id
        assert partner is not None  # paired
        return envelope.open_sealed(
            data, key=keys.writer_key(partner), key_id=keys.key_id, writer_id=partner
        )

    def _take_newer(
        self,
        current: Pairing,
        last: tuple[LastGood, SharedData, int] | None,
        now: datetime,
    ) -> tuple[LastGood, SharedData, int] | None:
        """A newer good share from the folder, kept as the last good; None if nothing new.

        `ShareRefused` says why what is there was not taken.
        """
        if not folder.folder_present(current.folder):
            raise ShareRefused(Problem.FOLDER_MISSING, str(current.folder))
        data = folder.read_bounded(current.folder / current.partner_file)
        if data is None:
            raise ShareRefused(Problem.NOT_WRITTEN_YET if last is None else Problem.FILE_MISSING)
        if last is not None and data == last[0].data:
            return None
        opened = self._open_partner(current, data)
        if last is not None and opened.sequence <= last[2]:
            if opened.sequence == last[2]:
                return None  # the same number again: keep the copy we have
            raise ShareRefused(
                Problem.OLDER_SHARE, f"number {opened.sequence}; already read {last[2]}"
            )
        opened, shared = self._opened_and_decoded(current, data)
        kept = LastGood(data, now)
        self.home.save_last_good(kept)
        if current.own_hello is not None:
            # A share under the pair key: they have read our hello, which can go.
            folder.remove_share(current.folder, current.own_hello)
            self.home.save_pairing(replace(current, own_hello=None))
        return kept, shared, opened.sequence

    # -- status --------------------------------------------------------------------------------

    def status(self, now: datetime) -> ShareStatus:
        """Where sharing stands, with what our last share holds and what else is in the folder."""
        read = self.read_partner(now)
        status = read.status
        current = self.home.load_pairing()
        if current is None:
            return status
        problems = list(status.problems)
        shared = None
        if current.is_paired:
            opened = self._open_own(current)
            if opened is not None:
                try:
                    shared = _counts(decode(opened.body))
                except ShareRefused:
                    shared = None
            known = {current.my_file, current.partner_file, *current.hello_names}
            unknown = folder.scan(current.folder, known).unknown_shares
            if unknown:
                count = len(unknown)
                problems.append(
                    describe(
                        Problem.UNKNOWN_SHARES, detail=f"{count} share file{'s' * (count > 1)}"
                    )
                )
        return replace(status, shared=shared, problems=tuple(problems))

    def _status(
        self,
        current: Pairing,
        last: tuple[LastGood, SharedData, int] | None,
        share: SharedData | None,
        problems: tuple[ShareProblem, ...],
    ) -> ShareStatus:
        written = self.home.load_written()
        return ShareStatus(
            state=PairingState.PAIRED if current.is_paired else PairingState.WAITING,
            folder=current.folder,
            name=current.name,
            partner=current.partner_name,
            safety_words=current.keys.safety_words if current.is_paired else None,
            choices=current.choices,
            last_good_at=None if last is None else last[0].received_at,
            partner_wrote_at=None if share is None else share.writer.written_at,
            partner_stopped=share is not None and share.stopped,
            written_at=written.at,
            written_sequence=written.sequence,
            problems=problems,
        )

    def revision(self) -> tuple[object, ...]:
        """Changes whenever the partner's file, our pairing or the last good share change:
        a cheap poll (a few `lstat` calls) for an app that redraws on change."""
        paths = [self.home.pairing_path, self.home.last_good_path]
        current = None
        with contextlib.suppress(ShareError):
            current = self.home.load_pairing()
        if current is not None and current.is_paired:
            paths.append(current.folder / current.partner_file)
        elif current is not None and current.invitation is not None:
            paths.append(current.folder / current.invitation.hello_name(Role.JOIN))
        return tuple(folder.file_revision(path) for path in paths)

    # -- stopping ------------------------------------------------------------------------------

    def stop(self, now: datetime) -> Stopped:
        """Stop sharing: our share in the folder says we stopped (nothing else of it is left),
        the pairing and the partner's last share are forgotten here (the acknowledgements
        you gave stay in your data file).

        Works on damaged sharing files too (nothing in them can be used then, and the user
        asked to forget them)."""
        with self.home.locked():
            try:
                current: Pairing | None = self._required()
            except ShareError:
                if not os.path.lexists(self.home.pairing_path):
                    raise
                current = None
            left_behind = None
            if current is not None and current.is_paired:
                body = encode(stopped_share(name=current.name, now=now))
                if not self._write(current, body, now).written:
                    left_behind = current.folder / current.my_file
            if current is not None:
                if current.own_hello is not None:
                    folder.remove_share(current.folder, current.own_hello)
                folder.remove_own_leftovers(current.folder, _own_names(current))
            self.home.forget()
        self.home.remove_dir()
        if current is None:
            return Stopped(None, was_damaged=True)
        return Stopped(current.partner_name, left_behind)


def _counts(share: SharedData) -> SharedCounts:
    def present(part: str, count: int) -> int | None:
        return count if part in share.parts else None

    marks = sum(len(share.marks_of(promise.id)) for promise in share.promises)
    return SharedCounts(
        promises=present(PROMISES, len(share.promises)),
        marks=present(PROMISES, marks),
        time_entries=present(TIME, len(share.quality)),
        acknowledgements=present(ACKNOWLEDGEMENTS, len(share.acknowledgements)),
        notes=present(NOTES, len(share.notes)),
        practices={name: present(name, len(getattr(share, name))) for name in PRACTICE_PARTS},
    )
