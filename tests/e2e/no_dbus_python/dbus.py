"""Stands in for a system's python3-dbus that a pipx venv cannot see: importing it fails."""

raise ImportError("dbus-python is not visible from this environment (as in a pipx venv)")
