"""tracker: rebuild trust one kept promise at a time."""

__version__ = "0.1.0"

# The name the user's folders, notifications and the command go by.
APP_NAME = "tracker"
