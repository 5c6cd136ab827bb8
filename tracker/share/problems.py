"""What can go wrong with sharing, each in plain words: the one place these messages live."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tracker.errors import TrackerError


class Problem(StrEnum):
    """Why a partner's share was not taken, or why ours could not be written."""

    # The file itself (the partner's view is kept as it was).
    NOT_A_SHARE = "not-a-share"
    CUT_SHORT = "cut-short"
    DAMAGED = "damaged"
    OTHER_KEY = "other-key"
    NEWER_VERSION = "newer-version"
    OLDER_SHARE = "older-share"
    TOO_LARGE = "too-large"
    NOT_A_FILE = "not-a-file"
    UNREADABLE = "unreadable"
    NEWER_PARTS = "newer-parts"
    # Where it should be.
    FOLDER_MISSING = "folder-missing"
    NOT_WRITTEN_YET = "not-written-yet"
    FILE_MISSING = "file-missing"
    CANNOT_READ = "cannot-read"
    WAITING_FOR_PARTNER = "waiting-for-partner"
    PARTNER_STOPPED = "partner-stopped"
    UNKNOWN_SHARES = "unknown-shares"
    # Our own share.
    CANNOT_WRITE = "cannot-write"
    IN_THE_WAY = "in-the-way"


_MESSAGES = {
    Problem.NOT_A_SHARE: "The file where {partner}'s share should be is not a tracker share "
    "({detail}). It was left alone.",
    Problem.CUT_SHORT: "{partner}'s latest share has not fully arrived ({detail}); your sync "
    "tool may still be copying it.",
    Problem.DAMAGED: "{partner}'s share could not be verified: it was changed or damaged "
    "after {partner}'s tracker wrote it ({detail}). It was not used.",
    Problem.OTHER_KEY: "{partner}'s share was written with another pairing's key: "
    "{partner} may have set up sharing again. To pair anew, both run `tracker share stop`, "
    "then one `tracker share setup` and the other `tracker share join`.",
    Problem.NEWER_VERSION: "{partner}'s share was written by a newer tracker ({detail}). "
    "Update tracker to read it.",
    Problem.OLDER_SHARE: "An older share from {partner} was put back in the folder ({detail}); "
    "it was not used. This happens when a backup or an old copy is restored; "
    "{partner}'s next share will be read as usual.",
    Problem.TOO_LARGE: "The file where {partner}'s share should be is far larger than a share "
    "({detail}); it was not read.",
    Problem.NOT_A_FILE: "Where {partner}'s share should be there is {detail}, not a file; "
    "it was left alone.",
    Problem.UNREADABLE: "{partner}'s share is genuine but could not be understood ({detail}). "
    "Updating tracker on both machines should fix it.",
    Problem.NEWER_PARTS: "Part of {partner}'s share ({detail}) comes from a newer tracker; "
    "update tracker to see it.",
    Problem.FOLDER_MISSING: "The shared folder {detail} is not there (a USB stick unplugged, "
    "or a sync tool not running?). Shares will be read and written when it is back.",
    Problem.NOT_WRITTEN_YET: "{partner}'s tracker has not written a share in the folder yet.",
    Problem.FILE_MISSING: "{partner}'s share is no longer in the folder; "
    "it may be on its way again through your sync tool.",
    Problem.CANNOT_READ: "{partner}'s share cannot be read: {detail}.",
    Problem.WAITING_FOR_PARTNER: "Waiting for your partner to join with the code (their "
    "answer arrives through the folder).",
    Problem.PARTNER_STOPPED: "{partner} stopped sharing{detail}.",
    Problem.UNKNOWN_SHARES: "The folder holds {detail} from another pairing; they are ignored.",
    Problem.CANNOT_WRITE: "Your share could not be written: {detail}. tracker tries again "
    "each time it looks at the folder and after your next change; `tracker share publish` "
    "tries now.",
    Problem.IN_THE_WAY: "Your share could not be written: a file you did not write is in its "
    "place, {detail}. tracker never writes through it nor removes it: move it out of the "
    "folder (or delete it, if nobody needs it), then `tracker share publish` writes your share.",
}


@dataclass(frozen=True)
class ShareProblem:
    """One thing that went wrong, and the words a person reads about it."""

    kind: Problem
    message: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind.value, "message": self.message}


def describe(kind: Problem, partner: str = "your partner", detail: str = "") -> ShareProblem:
    message = _MESSAGES[kind].format(partner=partner, detail=detail)
    return ShareProblem(kind, message[:1].upper() + message[1:])


class ShareError(TrackerError):
    """Sharing cannot do what was asked; the message says why and what to do."""


class ShareRefused(TrackerError):
    """A file in the shared folder that is not taken: `kind` says why, `detail` adds facts."""

    def __init__(self, kind: Problem, detail: str = "") -> None:
        super().__init__(describe(kind, detail=detail).message)
        self.kind = kind
        self.detail = detail

    def problem(self, partner: str) -> ShareProblem:
        return describe(self.kind, partner, self.detail)
