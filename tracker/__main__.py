"""Lets `python -m tracker` behave exactly like the `tracker` command."""

from tracker.cli import main

raise SystemExit(main())
