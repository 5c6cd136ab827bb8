"""The `tracker` command: no command opens the app; each command does one thing, fast.

parser.py   the grammar (global options declared once), commands/<area>.py the commands,
output.py   what is printed (user text made visible), main.py the entry point.
"""

from tracker.cli.main import EXIT_BUG, EXIT_ERROR, EXIT_USAGE, main

__all__ = ["EXIT_BUG", "EXIT_ERROR", "EXIT_USAGE", "main"]
