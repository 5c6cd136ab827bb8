"""tracker: rebuild trust one kept promise at a time."""

__version__ = "0.1.0"

# The name the command and the notifications go by.
APP_NAME = "tracker"
# The user's data folder (~/.local/share/trust-tracker), named like the distribution: the
# folder `tracker` is GNOME Tracker 2's, whose `tracker reset --hard` deletes it.
DATA_FOLDER_NAME = "trust-tracker"
# Where tracker kept its data before: still used while a data file is there.
FIRST_DATA_FOLDER_NAME = "tracker"
