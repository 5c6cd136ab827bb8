"""A keyring backend for the tests: a JSON file named by $KEYRING_TEST_FILE, never the
user's real keyring (PYTHON_KEYRING_BACKEND=keyring_support.FileKeyring selects it)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ["KEYRING_TEST_FILE"])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        kept = self._load()
        kept[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(kept), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        kept = self._load()
        if kept.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("not kept")
        self._path().write_text(json.dumps(kept), encoding="utf-8")
