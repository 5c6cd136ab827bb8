"""Shared test settings: a moderate hypothesis profile so the whole suite stays quick.

The suite runs in parallel (pyproject.toml: `-n auto --dist loadgroup`, pytest-xdist): each
worker is its own process and takes any test in any order. So that a test passes beside
any other, every test:

- writes only under its own `tmp_path` (or `tmp_path_factory`): no fixed path in /tmp, no
  real HOME (set HOME, XDG_* and TRACKER_DB to folders of tmp_path for a child process);
- asks the OS for a port (bind to 127.0.0.1 port 0) instead of a fixed one;
- starts its own servers: a private D-Bus bus in tmp_path (tests/e2e/dbus_fixtures.py),
  a tmux server of its own (`tmux -S tmp_path/...` or `-L` with a unique name), Syncthing
  homes in tmp_path (tests/support/syncthing.py), Chromium with its own profile folder;
- keeps no state in module globals that another test reads (module-scoped fixtures are
  built once per worker, so they must be read-only for the tests);
- marks tests that must share one worker with `pytest.mark.xdist_group("name")`, e.g.
  a module whose costly module-scoped fixture (a wheel, a large file) should be built once.

Hypothesis keeps its examples in .hypothesis/, a folder database that is safe to share
between workers. `-n 0` runs everything in one process (for a debugger or `-s`).
"""

from __future__ import annotations

import os

from hypothesis import settings

# "ci" is the default: enough examples to find the usual edge cases, no per-example
# deadline (a shared 2-core machine makes timings noisy). `HYPOTHESIS_PROFILE=thorough`
# digs deeper when a rule changes.
settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
