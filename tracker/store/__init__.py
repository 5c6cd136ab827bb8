"""Storage: the only package that touches TinyDB and the data files."""

from tracker.store.backups import BackupInfo
from tracker.store.health import Finding, Level
from tracker.store.repository import Store

__all__ = ["BackupInfo", "Finding", "Level", "Store"]
