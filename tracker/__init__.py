"""tracker: rebuild trust one kept promise at a time."""

__version__ = "0.1.0"
