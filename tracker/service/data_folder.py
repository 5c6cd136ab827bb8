"""Moving the data from the folder tracker first used into its own (`tracker move-data`)."""

from __future__ import annotations

from tracker.errors import ValidationError
from tracker.paths import first_data_file, own_data_file
from tracker.store.relocation import MoveRefused, move_data


def move_to_own_folder() -> str:
    """Move the data (all of it or none of it) and say so in one line; `ValidationError`
    with the reason when nothing was moved."""
    old, new = first_data_file(), own_data_file()
    try:
        moved = move_data(old, new)
    except MoveRefused as refused:
        raise ValidationError(f"Your data was not moved: {refused}") from None
    except OSError as error:
        raise ValidationError(
            f"Your data was not moved ({error.strerror or error}); it is whole where it was."
        ) from None
    if not moved:
        return f"Your data is in {new.parent}; the last of the old folder was cleared."
    return f"Moved your data from {old.parent} to {new.parent}."
