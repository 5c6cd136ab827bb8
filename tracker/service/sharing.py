"""Sharing with your partner: the one door for both faces and the reminder service.

Pairing (setup, join, stop), what is shared, writing our share (now, or once a burst of
changes is over), reading the partner's, their day, streaks, week and heatmap (judged
by the rules of your own views), and the acknowledgements each of you gave: the ones
you give are kept in your data file (backed up with it); the partner's come in their
share and mark your own rows (`noticed`).

`tracker.share.sharing` (and `cryptography` with it) is imported only when a sharing
feature is used: `is_set_up` and `request_publish` cost one look at the disk and a
small write, so a check-off is not slower because sharing is on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import TrackerError
from tracker.model import Acknowledgement, DayStatus, Note, Promise
from tracker.service.change import Change, Undo
from tracker.service.context import Area, Context
from tracker.store.kinds import (
    ACKNOWLEDGEMENTS,
    APPRECIATIONS,
    BIDS,
    BOUNDARIES,
    CHECKINS,
    GOALS,
    LETTERS,
)

if TYPE_CHECKING:
    from tracker.practices.records import Appreciation, Letter
    from tracker.share.payload import ShareChoices, SharedData, ShareSource
    from tracker.share.problems import ShareProblem
    from tracker.share.sharing import (
        Invitation,
        Joined,
        PartnerRead,
        Published,
        ShareStatus,
        Stopped,
    )
    from tracker.share.sharing import Sharing as ShareFiles
    from tracker.share.synced import SyncedFolder
    from tracker.share.views import (
        AcknowledgementLine,
        Noticed,
        PartnerDay,
        PartnerStreaks,
        PartnerWeek,
    )


@dataclass(frozen=True)
class PartnerView:
    """Everything the Partner view shows, read at once (in the app, in a worker); their
    streaks, the costliest part, are worked out when first asked for.

    `share` is None until the partner's first good share (or once they stopped); the
    status then says why. `noticed` is what the partner noticed of your kept promises.
    """

    status: ShareStatus
    share: SharedData | None = None
    day: PartnerDay | None = None
    week: PartnerWeek | None = None
    acknowledgements: tuple[AcknowledgementLine, ...] = ()
    noticed: Mapping[tuple[int, date], Noticed] = field(default_factory=dict)
    read_at: datetime | None = None  # the moment it was read (their streaks are as of it)

    @property
    def partner(self) -> str:
        return self.status.partner or "Your partner"

    @cached_property
    def streaks(self) -> PartnerStreaks | None:
        from tracker.share import views

        if self.share is None or self.read_at is None:
            return None
        return views.partner_streaks(self.share, self.read_at)


class Sharing(Area):
    """Pairing, choices, our share and the partner's, acknowledgements."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self._files: ShareFiles | None = None

    @property
    def files(self) -> ShareFiles:
        """The sharing files beside the data file (imported and opened when first used)."""
        if self._files is None:
            from tracker.share.sharing import Sharing as ShareFiles

            self._files = ShareFiles(self._store.path)
        return self._files

    # -- cheap: no cryptography ----------------------------------------------------------

    def is_set_up(self) -> bool:
        """Whether sharing is set up for this data file (one look at the disk)."""
        from tracker.share.pending import is_set_up

        return is_set_up(self._store.path)

    def request_publish(self) -> str | None:
        """Ask for our share to be written once the changes stop coming: the token of this
        request (for `publish_if_latest`), or None when sharing is not set up."""
        if not self.is_set_up():
            return None
        from tracker.share.pending import request_publish

        return request_publish(self._store.path, self._context.clock.now())

    def data_file_synced(self) -> SyncedFolder | None:
        """The synced folder (Syncthing, Dropbox, ...) the data file sits in, if any: two
        machines writing one data file lose each other's writes."""
        from tracker.share.synced import synced_folder_of

        return synced_folder_of(self._store.path)

    def revision(self) -> tuple[object, ...]:
        """Changes whenever the partner's share, the pairing or the last good share change
        (a few `lstat` calls): what the app polls to re-read the partner's share."""
        return self.files.revision()

    # -- pairing -------------------------------------------------------------------------

    def setup(self, folder: Path, name: str) -> Change[Invitation]:
        """Start pairing in `folder`: a one-time code for the partner to join with."""
        folder = self._safe_folder(folder)
        invitation = self.files.setup(folder, name, self._context.clock.now())
        return Change(
            invitation,
            f"Sharing is set up in {invitation.folder}. Give your partner the code, then "
            "compare the safety words once they have joined.",
        )

    def join(self, folder: Path, code: str, name: str) -> Change[Joined]:
        """Join the partner who gave `code`; the safety words to compare come back at once."""
        folder = self._safe_folder(folder)
        joined = self.files.join(folder, code, name, self._context.clock.now())
        return Change(
            joined,
            f"Paired with {joined.partner}. Compare the safety words with {joined.partner} "
            "(aloud, or on a call): they must be the same on both machines.",
        )

    def _safe_folder(self, folder: Path) -> Path:
        """`folder`, refused if it holds the data file or lies inside tracker's own folders,
        or if the data file sits in the synced folder that holds it: two machines writing
        one data file lose each other's writes."""
        from tracker.share.problems import ShareError
        from tracker.share.synced import synced_folder_of

        chosen = Path(os.path.abspath(os.path.expanduser(folder)))
        real = Path(os.path.realpath(chosen))
        data = Path(os.path.realpath(self._store.path))
        if real == data or real in data.parents:
            raise ShareError(
                f"{chosen} holds your data file ({self._store.path}). Two machines writing "
                "one data file lose each other's writes: pick a folder apart from it "
                "(for example ~/Sync/us), and keep your data file where it is."
            )
        store = self._store
        for own in (store.marks_dir, store.backup_dir, self.files.home.dir):
            mine = Path(os.path.realpath(own))
            if real == mine or mine in real.parents:
                raise ShareError(
                    f"{chosen} is inside {own}, one of tracker's own folders. Pick a folder "
                    "apart from your data, such as ~/Sync/us."
                )
        synced = synced_folder_of(data.parent / data.name)
        if synced is not None:
            root = Path(os.path.realpath(synced.root))
            if real == root or root in real.parents:
                raise ShareError(
                    f"Your data file ({self._store.path}) is inside {synced.root}, which "
                    f"{synced.tool} keeps in step, and so is {chosen}. Move the data file out "
                    "of the synced folder first (see `tracker doctor`), then set up sharing."
                )
        return chosen

    def status(self) -> ShareStatus:
        """Where sharing stands: folder, partner, what you share, problems seen."""
        status = self.files.status(self._context.clock.now())
        tried, unwritten = self._catch_up()
        if tried:
            status = _with_problem(self.files.status(self._context.clock.now()), unwritten)
        return replace(status, letters_shared=len(self._shared_letters()))

    def _catch_up(self) -> tuple[bool, ShareProblem | None]:
        """Write our share if the folder lacks our latest one and can take it: the first
        share once the pairing is complete (the first partner learns of the answer on any
        look: `share status`, `partner today`, the app's poll), or one that could not be
        written when the folder was gone, read-only or full. Every look at the folder
        tries again, so a USB stick plugged back in gets our share without a new change.
        Called after a read (which completes a waiting pairing); says whether it tried,
        and the problem if our share still could not be written."""
        if not self.files.own_share_behind():
            return False, None
        return True, self.publish().problem

    def stop(self) -> Change[Stopped]:
        """Stop sharing: our share in the folder says so, the pairing is forgotten here.
        The acknowledgements you gave stay in your data file."""
        stopped = self.files.stop(self._context.clock.now())
        who = stopped.partner or "your partner"
        message = (
            f"Stopped sharing with {who}: your share now only says you stopped, and the "
            "key is forgotten on this machine."
        )
        if stopped.left_behind is not None:
            message += (
                f" The folder could not be reached: remove {stopped.left_behind} by hand "
                "when it is back."
            )
        elif stopped.was_damaged:
            message += (
                " The sharing files here were damaged: your last share may still be in the "
                "folder (its name cannot be told without the key); your partner's tracker "
                "will report it as old."
            )
        return Change(stopped, message)

    # -- what is shared ------------------------------------------------------------------

    def set_choice(self, name: str, on: bool) -> Change[ShareChoices]:
        """Share (or stop sharing) one kind of thing: `promises`, `reasons`, `time`, ..."""
        before = self.files.pairing()
        choices = self.files.set_choices(lambda current: current.with_choice(name, on))
        words = "now shares" if on else "no longer shares"
        return self._choices_changed(choices, before, f"Your share {words} {name}.")

    def share_promise(self, promise: Promise, on: bool) -> Change[ShareChoices]:
        """Share one promise, or keep it private (promises are shared unless kept private)."""
        before = self.files.pairing()
        choices = self.files.set_choices(lambda current: current.with_promise(promise.id, on))
        said = "is shared" if on else "is kept private: your partner will not see it"
        message = f"'{promise.title}' {said}."
        if on and not choices.promises:
            message += " (Promises are not shared at all now: tracker share set promises on.)"
        return self._choices_changed(choices, before, message)

    def share_note(self, note: Note, on: bool) -> Change[ShareChoices]:
        """Share one forgiveness note by hand (notes never leave the machine otherwise)."""
        before = self.files.pairing()
        choices = self.files.set_choices(lambda current: current.with_note(note.id, on))
        said = "is shared with your partner" if on else "is no longer shared"
        return self._choices_changed(choices, before, f"Note {note.id} {said}.")

    def _choices_changed(
        self, choices: ShareChoices, before: object, message: str
    ) -> Change[ShareChoices]:
        from tracker.share.pairing import Pairing

        files = self.files
        undo = None
        if isinstance(before, Pairing):
            previous = before.choices
            undo = Undo(
                "Put the sharing choices back", lambda: files.set_choices(lambda _: previous)
            )
        return Change(choices, message, undo)

    def share_letter(self, letter: Letter, on: bool) -> Change[Letter]:
        """Share one letter by hand, or take it back (letters are shared one by one)."""
        store = self._store
        saved = store.update_record(LETTERS, replace(letter, shared=on), base=letter)
        said = "is shared with your partner" if on else "is no longer shared"
        undo = Undo(
            "Put the letter's sharing back",
            lambda: store.update_record(LETTERS, replace(saved, shared=letter.shared), base=saved),
        )
        return Change(saved, f"The letter '{letter.title}' {said}.", undo)

    def letter(self, number: int) -> Letter:
        return self._store.record(LETTERS, number)

    def _shared_letters(self) -> list[Letter]:
        return [letter for letter in self._store.records(LETTERS) if letter.shared]

    # -- our share -----------------------------------------------------------------------

    def source(self) -> ShareSource:
        """Everything the share may take from the data, as of now (the choices pick)."""
        from tracker.share.payload import ShareSource
        from tracker.share.zones import zone_name_of

        store = self._store
        return ShareSource(
            promises=store.promises(),
            marks=store.all_marks(),
            quality=store.quality_entries(),
            notes=store.notes(),
            settings=self._context.settings(),
            zone=zone_name_of(self._context.clock.zone),
            today=self._context.today(),
            now=self._context.clock.now(),
            acknowledgements=store.records(ACKNOWLEDGEMENTS),
            appreciations=store.records(APPRECIATIONS),
            bids=store.records(BIDS),
            boundaries=store.records(BOUNDARIES),
            goals=store.records(GOALS),
            checkins=store.records(CHECKINS),
            letters=store.records(LETTERS),
        )

    def publish(self, *, only_if_changed: bool = False) -> Published:
        """Write our share now (while waiting for the partner to join, nothing is written);
        with `only_if_changed`, only if it tells the partner something new (the reminder
        service and the app's closing use this: a new day is something new)."""
        return self.files.publish(self.source(), only_if_changed=only_if_changed)

    def own_share_owed(self) -> bool:
        """Whether our latest share has yet to reach the folder (it was gone, read-only or
        full when we wrote): the app keeps looking until it is written."""
        return self.files.own_share_owed()

    def publish_if_latest(self, token: str) -> Published | None:
        """Write our share unless a later change asked again (that one will write it), or
        the changes have kept coming for so long that the partner must see them now."""
        from tracker.share.pending import publish_due

        last_written = self.files.home.load_written().at
        if not publish_due(self._store.path, token, self._context.clock.now(), last_written):
            return None
        return self.publish()

    # -- the partner's share -------------------------------------------------------------

    def read(self) -> PartnerRead:
        """The partner's last good share (taking a newer one from the folder) and the status."""
        read = self.files.read_partner(self._context.clock.now())
        tried, unwritten = self._catch_up()
        if not tried:
            return read
        read = self.files.read_partner(self._context.clock.now())
        return replace(read, status=_with_problem(read.status, unwritten))

    def view(self, day: date | None = None) -> PartnerView:
        """Everything the Partner view shows: their `day` (their today by default), their
        streaks and week, the acknowledgements both ways, what they noticed of yours."""
        from tracker.share import views

        read = self.read()
        share = read.share
        if share is None:
            return PartnerView(read.status)
        now = self._context.clock.now()
        given = self.given()
        me = read.status.name or "You"
        return PartnerView(
            status=read.status,
            share=share,
            day=views.partner_day(share, now, day, given, me),
            week=views.partner_week(share, now),
            acknowledgements=tuple(views.acknowledgements_both_ways(share, given, me)),
            noticed=views.noticed_by_partner(share),
            read_at=now,
        )

    def shared(self, read: PartnerRead | None = None) -> SharedData:
        """The partner's share, or a plain-words refusal saying why there is none."""
        from tracker.share.sharing import PairingState

        read = self.read() if read is None else read
        if read.share is not None:
            return read.share
        status = read.status
        if status.state is PairingState.NOT_SET_UP:
            raise TrackerError(
                "Sharing is not set up. One of you runs `tracker share setup FOLDER --name "
                "NAME`, the other `tracker share join FOLDER CODE --name NAME`."
            )
        if status.problems:
            raise TrackerError(status.problems[0].message)
        raise TrackerError(f"{status.partner or 'Your partner'}'s share has not arrived yet.")

    def day(self, day: date | None = None, read: PartnerRead | None = None) -> PartnerDay:
        """The partner's `day` (their today by default), as your Today shows yours."""
        from tracker.share import views

        read = self.read() if read is None else read
        share = self.shared(read)
        me = read.status.name or "You"
        return views.partner_day(share, self._context.clock.now(), day, self.given(), me)

    def streaks(self, read: PartnerRead | None = None) -> PartnerStreaks:
        from tracker.share import views

        return views.partner_streaks(self.shared(read), self._context.clock.now())

    def heatmap(
        self, share: SharedData, promise: Promise, start: date, end: date
    ) -> Mapping[date, DayStatus]:
        """One of their promises day by day (days their share does not speak for: future)."""
        from tracker.share import views

        return views.partner_heatmap(share, promise, start, end, self._context.clock.now())

    def partner_today(self, share: SharedData) -> date:
        """The partner's current day, in their time zone and by their day start."""
        from tracker.share import views

        return views.partner_today(share, self._context.clock.now())

    def find_promise(self, share: SharedData, query: str) -> Promise:
        """One of the partner's promises by number or by part of its title."""
        from tracker.share import views

        return views.find_partner_promise(share, query)

    # -- acknowledgements ----------------------------------------------------------------

    def given(self) -> list[Acknowledgement]:
        """The acknowledgements you gave, oldest first (kept in your data file)."""
        return sorted(self._store.records(ACKNOWLEDGEMENTS), key=lambda a: (a.day, a.promise_id))

    def notice(
        self, share: SharedData, promise: Promise, day: date, message: str = ""
    ) -> Change[Acknowledgement]:
        """'I noticed you kept this': for the partner's `promise` kept on `day` (refused if
        their share does not say it was kept). Noticing again replaces the message."""
        from tracker.share import views

        noticed = views.acknowledge(share, promise, day, self._context.clock.now(), message)
        store = self._store
        earlier = next((a for a in store.records(ACKNOWLEDGEMENTS) if a.key == noticed.key), None)
        who = share.writer.name
        told = f"{who} sees it with your next share."
        if earlier is None:
            saved = store.add_record(ACKNOWLEDGEMENTS, noticed)
            undo = Undo(
                "Take the acknowledgement back",
                lambda: store.delete_record(ACKNOWLEDGEMENTS, saved.id),
            )
        else:
            saved = store.update_record(ACKNOWLEDGEMENTS, replace(noticed, id=earlier.id))
            undo = Undo(
                "Put the earlier acknowledgement back",
                lambda: store.update_record(ACKNOWLEDGEMENTS, earlier),
            )
        when = "today" if day == views.partner_today(share, noticed.at) else f"{day:%a %-d %b}"
        return Change(saved, f"Noticed: {who} kept '{promise.title}' {when}. {told}", undo)

    def noticed_by_partner(
        self, read: PartnerRead | None = None
    ) -> dict[tuple[int, date], Noticed]:
        """What the partner noticed of your kept promises, by (promise id, day): the
        `noticed` of your own rows. Empty when sharing is off or cannot be read (`tracker
        share status` says why)."""
        if read is None:
            if not self.is_set_up():
                return {}
            try:
                read = self.read()
            except TrackerError:
                return {}
        from tracker.share import views

        return views.noticed_by_partner(read.share)

    def their_appreciations(self) -> tuple[str, Sequence[Appreciation]]:
        """(the partner's name, what they appreciate in you, from their share). Nothing when
        sharing is off or cannot be read (`tracker share status` says why)."""
        if not self.is_set_up():
            return "", ()
        try:
            read = self.read()
        except TrackerError:
            return "", ()
        if read.share is None or read.share.stopped:
            return read.status.partner or "", ()
        return read.status.partner or read.share.writer.name, read.share.appreciations


def _with_problem(status: ShareStatus, problem: ShareProblem | None) -> ShareStatus:
    """`status`, also saying why our share could not be written just now."""
    if problem is None or problem in status.problems:
        return status
    return replace(status, problems=(*status.problems, problem))
