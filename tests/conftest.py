"""Shared test settings: a moderate hypothesis profile so the whole suite stays quick."""

from __future__ import annotations

import os

from hypothesis import settings

# "ci" is the default: enough examples to find the usual edge cases, no per-example
# deadline (a shared 2-core machine makes timings noisy). `HYPOTHESIS_PROFILE=thorough`
# digs deeper when a rule changes.
settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
