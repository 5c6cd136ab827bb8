"""The reminder service's own files (its lock, its pid file, its systemd unit) follow the
store's rules: never through a link, 0600, atomic, owner kept; one lock implementation."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tracker.errors import TrackerError
from tracker.reminders.install import SESSION_TARGET, install_systemd, unit_path
from tracker.reminders.service import (
    instance_lock_path,
    pid_file_path,
    running_service_pid,
    service_files_problem,
    single_instance,
)

OTHER_UID, OTHER_GID = 4242, 4343  # neither root nor this process
ROOT = Path(__file__).resolve().parents[2]


def need_root() -> None:
    if os.geteuid() != 0:
        pytest.fail("this test gives files to another user with chown: run it as root")


def owner(path: Path) -> tuple[int, int]:
    info = os.lstat(path)
    return info.st_uid, info.st_gid


@pytest.mark.parametrize("which", [pid_file_path, instance_lock_path])
def test_a_link_planted_at_the_services_files_is_refused_and_its_target_kept(tmp_path, which):
    data = tmp_path / "t.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("my own words", encoding="utf-8")
    os.symlink(victim, which(data))
    with pytest.raises(TrackerError, match="symbolic link") as refused, single_instance(data):
        pass
    assert str(which(data)) in str(refused.value) and "rm '" in str(refused.value)
    assert victim.read_text(encoding="utf-8") == "my own words"
    assert os.path.islink(which(data))  # not ours to remove
    assert "symbolic link" in (service_files_problem(data) or "")


def test_the_pid_file_is_private_and_goes_when_the_service_ends(tmp_path):
    data = tmp_path / "t.json"
    with single_instance(data):
        assert pid_file_path(data).read_text(encoding="ascii") == str(os.getpid())
        assert stat.S_IMODE(os.lstat(pid_file_path(data)).st_mode) == 0o600
        assert stat.S_IMODE(os.lstat(instance_lock_path(data)).st_mode) == 0o600
        assert running_service_pid(data) == os.getpid()
    assert not pid_file_path(data).exists()
    assert running_service_pid(data) is None


def test_a_root_run_leaves_the_lock_and_pid_file_to_the_data_folders_owner(tmp_path):
    need_root()
    folder = tmp_path / "home"
    folder.mkdir()
    os.chown(folder, OTHER_UID, OTHER_GID)
    data = folder / "t.json"
    with single_instance(data):
        assert owner(pid_file_path(data)) == (OTHER_UID, OTHER_GID)
    assert owner(instance_lock_path(data)) == (OTHER_UID, OTHER_GID)


def test_a_lock_the_user_cannot_use_is_said_by_the_service_and_by_doctor(request):
    """A root-owned lock left by an older run as root: the user is told what to do."""
    need_root()
    folder = Path(tempfile.mkdtemp(prefix="tracker-remind-"))
    request.addfinalizer(lambda: shutil.rmtree(folder))
    os.chown(folder, OTHER_UID, OTHER_GID)
    data = folder / "t.json"
    lock = instance_lock_path(data)
    lock.write_bytes(b"")
    lock.chmod(0o600)  # root's, as an older tracker left it
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tracker.errors import TrackerError\n"
        "from tracker.reminders.service import service_files_problem, single_instance\n"
        "data = Path(sys.argv[1])\n"
        "print(service_files_problem(data))\n"
        "try:\n"
        "    with single_instance(data):\n"
        "        print('started')\n"
        "except TrackerError as error:\n"
        "    print(error)\n"
    )
    setpriv = ["setpriv", f"--reuid={OTHER_UID}", f"--regid={OTHER_GID}", "--clear-groups"]
    child = subprocess.run(
        [*setpriv, sys.executable, "-c", code, str(data)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == 0, child.stderr
    said, started = child.stdout.splitlines()
    assert said == started
    assert f"{lock} belongs to user root" in said and f"sudo rm '{lock}'" in said


def test_the_unit_is_written_privately_and_bound_to_the_graphical_session(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    installed = install_systemd(tmp_path / "t.json", env=env)
    text = installed.path.read_text(encoding="utf-8")
    for line in (f"PartOf={SESSION_TARGET}", f"After={SESSION_TARGET}"):
        assert line in text.split("[Service]")[0]
    assert text.rstrip().endswith(f"WantedBy={SESSION_TARGET}")
    assert "default.target" not in text
    assert stat.S_IMODE(os.lstat(installed.path).st_mode) == 0o600
    assert sorted(os.listdir(installed.path.parent)) == [installed.path.name]


def test_a_link_at_the_units_place_is_never_written_through(tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    target = tmp_path / "elsewhere.service"
    install_systemd(tmp_path / "t.json", env=env)
    os.replace(unit_path(env), target)
    os.symlink(target, unit_path(env))
    before = target.read_bytes()
    with pytest.raises(TrackerError, match="not written by tracker"):
        install_systemd(tmp_path / "other.json", env=env)
    assert target.read_bytes() == before
