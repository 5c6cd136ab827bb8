"""The errors a user can cause; each message is written for a person, not a log."""

from __future__ import annotations


class TrackerError(Exception):
    """A problem the user can cause or fix; its message is meant for people."""


class ValidationError(TrackerError):
    """Input that is refused, with the reason."""


class NotFoundError(TrackerError):
    """A promise, entry or note that does not exist."""


class AmbiguousNameError(TrackerError):
    """A name that matches more than one promise."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        listed = "; ".join(candidates)
        super().__init__(
            f"'{query}' matches more than one promise: {listed}. Say more of the title."
        )
        self.candidates = candidates


class StoreError(TrackerError):
    """The data file cannot be read or written; the message says what to do."""


class DamagedFileError(StoreError):
    """The data file is not what tracker wrote; it is left untouched."""


class NewerVersionError(StoreError):
    """The data file was written by a newer tracker."""


class LockedError(StoreError):
    """Another tracker holds the data file for too long."""


class ForeignFileError(TrackerError):
    """A file to import that cannot be read (unknown, damaged, too large or hostile).

    Its message is one line that names the file and what is wrong; nothing was changed.
    """
