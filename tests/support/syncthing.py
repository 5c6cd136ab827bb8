"""Two real Syncthing instances on 127.0.0.1 keeping one folder in step, for end-to-end tests.

The recipe of RESEARCH.md ("Sharing through a sync tool"): `syncthing generate` a home
for each; in each `config.xml` listen on a loopback port only, turn global and local
discovery, relays, NAT traversal, STUN, usage and crash reports and upgrades off, put
the GUI (the REST API the test polls) on a free loopback port, drop the default folder,
add the peer at its loopback address and one folder shared by both; then
`syncthing serve`. Each instance runs in its own process group with its own HOME, and
is stopped by its pid when the test ends, whatever happened. Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

INSTALL_HINT = "Syncthing is needed for this test: apt-get install syncthing"
FOLDER_ID = "tracker-share"
# What docs/sharing.md tells people to put in .stignore: tracker's temporary files.
STIGNORE = "(?d).tmp-*\n"
START_SECONDS = 60.0
STOP_SECONDS = 10.0

T = TypeVar("T")


def syncthing_binary() -> str:
    """The `syncthing` program; the test fails (never skips) saying how to install it."""
    found = shutil.which("syncthing")
    if found is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    return found


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Syncthing:
    """One Syncthing instance: its home, the folder it syncs, and how to reach its API."""

    name: str
    binary: str
    root: Path
    folder: Path
    device_id: str
    listen_port: int = field(default_factory=free_loopback_port)
    gui_port: int = field(default_factory=free_loopback_port)
    api_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    process: subprocess.Popen[bytes] | None = None

    @property
    def home(self) -> Path:
        return self.root / "syncthing"

    @property
    def log(self) -> Path:
        return self.root / "syncthing.log"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "HOME": str(self.root),
            "STNODEFAULTFOLDER": "1",
            "STNOUPGRADE": "1",
            "STNORESTART": "1",
            "all_proxy": "",
            "http_proxy": "",
            "https_proxy": "",
        }

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [
                    self.binary,
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                    "--no-default-folder",
                ],
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self) -> None:
        """Stop it by its pid (its process group): politely, then for good."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_SECONDS)

    def rest(self, path: str) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}/rest/{path}", headers={"X-API-Key": self.api_key}
        )
        # Loopback only; no proxy may stand in between.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=5) as response:
            return json.load(response)

    def is_connected_to(self, other: Syncthing) -> bool:
        try:
            connections = self.rest("system/connections")["connections"]
        except OSError:
            return False
        return bool(connections.get(other.device_id, {}).get("connected"))

    def log_tail(self, lines: int = 25) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


def wait_until(
    check: Callable[[], T | None],
    seconds: float,
    what: str,
    instances: tuple[Syncthing, ...] = (),
    every: float = 0.2,
) -> T:
    """Poll `check` until it gives something truthy; fail after `seconds`, with the logs."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        for instance in instances:
            if instance.process is not None and instance.process.poll() is not None:
                pytest.fail(f"Syncthing ({instance.name}) exited:\n{instance.log_tail()}")
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {i.name} ---\n{i.log_tail()}" for i in instances)
            pytest.fail(f"Waited {seconds:.0f} s for {what}; it did not happen.\n{logs}")
        time.sleep(every)


def _generate(binary: str, root: Path, name: str) -> Syncthing:
    place = root / name
    folder = place / "Shared"
    folder.mkdir(parents=True)
    home = place / "syncthing"
    env = {**os.environ, "HOME": str(place), "STNODEFAULTFOLDER": "1"}
    subprocess.run(
        [binary, "generate", f"--home={home}"],
        env=env,
        capture_output=True,
        check=True,
        timeout=60,
    )
    shown = subprocess.run(
        [binary, f"--home={home}", "--device-id"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return Syncthing(name, binary, place, folder, shown.stdout.strip())


def _set(parent: ElementTree.Element, tag: str, text: str) -> None:
    for old in parent.findall(tag):
        parent.remove(old)
    ElementTree.SubElement(parent, tag).text = text


def _configure(me: Syncthing, peer: Syncthing) -> None:
    """Loopback only, nothing announced or relayed, the peer known, one folder shared."""
    path = me.home / "config.xml"
    tree = ElementTree.parse(path)
    config = tree.getroot()
    for folder in config.findall("folder"):
        config.remove(folder)
    options = config.find("options")
    assert options is not None, "config.xml has no <options>"
    for tag, text in {
        "listenAddress": f"tcp://127.0.0.1:{me.listen_port}",
        "globalAnnounceEnabled": "false",
        "localAnnounceEnabled": "false",
        "relaysEnabled": "false",
        "natEnabled": "false",
        "stunKeepaliveStartS": "0",
        "stunKeepaliveMinS": "0",
        "startBrowser": "false",
        "urAccepted": "-1",
        "autoUpgradeIntervalH": "0",
        "crashReportingEnabled": "false",
        "announceLANAddresses": "false",
        "reconnectionIntervalS": "1",
    }.items():
        _set(options, tag, text)
    gui = config.find("gui")
    assert gui is not None, "config.xml has no <gui>"
    gui.set("tls", "false")
    _set(gui, "address", f"127.0.0.1:{me.gui_port}")
    _set(gui, "apikey", me.api_key)
    device = ElementTree.SubElement(
        config,
        "device",
        {"id": peer.device_id, "name": peer.name, "compression": "metadata"},
    )
    _set(device, "address", f"tcp://127.0.0.1:{peer.listen_port}")
    _set(device, "autoAcceptFolders", "false")
    folder = ElementTree.SubElement(
        config,
        "folder",
        {
            "id": FOLDER_ID,
            "label": "us",
            "path": str(me.folder),
            "type": "sendreceive",
            "rescanIntervalS": "30",
            "fsWatcherEnabled": "true",
            "fsWatcherDelayS": "1",
        },
    )
    for member in (me, peer):
        ElementTree.SubElement(folder, "device", {"id": member.device_id})
    ElementTree.SubElement(folder, "minDiskFree", {"unit": "%"}).text = "0"
    tree.write(path, encoding="utf-8", xml_declaration=False)


@contextlib.contextmanager
def syncthing_pair(root: Path) -> Iterator[tuple[Syncthing, Syncthing]]:
    """Alex's and Sam's Syncthing, connected, each with its folder; stopped on the way out."""
    binary = syncthing_binary()
    alex, sam = _generate(binary, root, "alex"), _generate(binary, root, "sam")
    _configure(alex, sam)
    _configure(sam, alex)
    for instance in (alex, sam):
        (instance.folder / ".stignore").write_text(STIGNORE, encoding="utf-8")
    try:
        alex.start()
        sam.start()
        wait_until(
            lambda: alex.is_connected_to(sam) and sam.is_connected_to(alex),
            START_SECONDS,
            "the two Syncthing instances to connect on 127.0.0.1",
            (alex, sam),
        )
        yield alex, sam
    finally:
        alex.stop()
        sam.stop()
