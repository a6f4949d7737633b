"""Writes: atomic, mode and owner kept, and a killed `keraslint --fix` leaves every file whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from keraslint import files
from keraslint.config import Settings
from keraslint.engine import Options, check_source
from keraslint.registry import select_rules

GOOD = b"from keras.layers import Dense\nDense(3)\n"
FIX = Options(select_rules(("ALL",), ()), Settings(), fix=True)


def _temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob(".keraslint-*")]


def test_write_keeps_mode_and_owner(tmp_path: Path):
    target = tmp_path / "script.py"
    target.write_bytes(GOOD)
    os.chmod(target, 0o751)
    if os.geteuid() == 0:  # only root can give a file away; then the owner must survive too
        os.chown(target, 1234, 4321)
    before = os.stat(target)
    files.write_atomic(str(target), b"new\n")
    after = os.stat(target)
    assert target.read_bytes() == b"new\n"
    assert after.st_mode == before.st_mode
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert after.st_ino != before.st_ino  # replaced by rename, not rewritten in place
    assert _temp_files(tmp_path) == []


def test_write_through_a_symlink_replaces_the_target(tmp_path: Path):
    (tmp_path / "real.py").write_bytes(GOOD)
    os.symlink("real.py", tmp_path / "link.py")
    files.write_atomic(str(tmp_path / "link.py"), b"new\n")
    assert (tmp_path / "link.py").is_symlink()
    assert (tmp_path / "real.py").read_bytes() == b"new\n"


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError(28, "No space left on device")])
def test_interrupted_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch, failure):
    target = tmp_path / "model.py"
    target.write_bytes(GOOD)

    def fail(fd):
        raise failure

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(type(failure) if isinstance(failure, BaseException) else failure):
        files.write_atomic(str(target), b"half")
    assert target.read_bytes() == GOOD
    assert _temp_files(tmp_path) == []


def test_temp_files_of_killed_runs_are_removed_by_the_next_write(tmp_path: Path, monkeypatch):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".keraslint-{dead.pid}-abc123.tmp"
    live = tmp_path / f".keraslint-{os.getppid()}-def456.tmp"  # the parent is alive
    foreign = tmp_path / ".keraslint-notes.tmp"  # not our pattern: never touched
    for path in (stale, live, foreign):
        path.write_bytes(b"partial")
    (tmp_path / "model.py").write_bytes(GOOD)
    monkeypatch.setattr(files, "_swept", set())
    files.write_atomic(str(tmp_path / "model.py"), b"new\n")
    assert not stale.exists()
    assert live.exists() and foreign.exists()


# --- killing a real run --------------------------------------------------------------------


@pytest.fixture(scope="module")
def originals(keras224_examples: list[Path]) -> dict[str, tuple[bytes, bytes]]:
    """name -> (original bytes, bytes after --fix), for a handful of real examples."""
    chosen = [p for p in keras224_examples if p.name in
              {"mnist_cnn.py", "imdb_lstm.py", "cifar10_cnn.py", "mnist_mlp.py", "babi_rnn.py"}]
    assert len(chosen) == 5
    table = {}
    for path in chosen:
        source = path.read_bytes()
        with warnings.catch_warnings():  # the examples' own invalid escape sequences
            warnings.simplefilter("ignore")
            table[path.name] = (source, check_source(source, path.name, FIX).fixed_source)
        assert table[path.name][1] not in (None, source)
    return table


def _make_tree(root: Path, originals, copies: int) -> dict[Path, tuple[bytes, bytes]]:
    expected = {}
    for i in range(copies):
        folder = root / f"pkg{i % 7}"
        folder.mkdir(exist_ok=True)
        for name, pair in originals.items():
            path = folder / f"{i}_{name}"
            path.write_bytes(pair[0])
            expected[path] = pair
    return expected


def _start_and_wait_for_first_write(root: Path, expected, jobs: int = 1) -> tuple[subprocess.Popen, set]:
    """The running ``keraslint --fix -j jobs``, once it has written a file, and its workers."""
    before = {path: path.read_bytes() for path in expected}  # a later run: some are new already
    process = subprocess.Popen([sys.executable, "-m", "keraslint", "--fix", f"-j{jobs}", str(root)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_default_sigint)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any(path.read_bytes() != data for path, data in before.items()):
            workers = _children(process.pid)
            assert len(workers) == (jobs if jobs > 1 else 0), workers  # the pool really runs
            return process, workers
        time.sleep(0.01)
    process.kill()
    pytest.fail("keraslint --fix wrote nothing before finishing or timing out")


def _default_sigint() -> None:
    """A shell starts background jobs (``pytest &``, nohup) with SIGINT ignored, and Python
    keeps it so: give the run the default, as a terminal's Ctrl-C would find it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _children(pid: int) -> set[tuple[int, str]]:
    """(pid, start time) of the live child processes of ``pid``, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and int(fields[1]) == pid:
            found.add((int(entry.name), fields[19]))
    return found


def _stat(pid: int) -> list[str] | None:
    """/proc/pid/stat after the command name (state first), or None for a gone or zombie process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] in "ZX" else fields


def _assert_workers_gone(workers: set[tuple[int, str]]) -> None:
    """No worker of a stopped run still alive (the same pid with the same start time)."""
    deadline = time.monotonic() + 10
    while True:
        alive = {w for w in workers if (fields := _stat(w[0])) and fields[19] == w[1]}
        if not alive or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not alive, f"keraslint workers still running: {sorted(alive)}"


def _states(expected) -> tuple[int, int]:
    """(files still old, files new); fails on any file that is neither."""
    old = new = 0
    for path, (before, after) in expected.items():
        data = path.read_bytes()
        assert data in (before, after), f"{path} is neither the old nor the new file"
        old += data == before
        new += data == after
    return old, new


# With -j 2 the files are fixed (and written) by two forked workers, which must stop with
# the parent: at once when it is interrupted, and by the kernel when it is killed.
JOBS = pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "pool"])


@JOBS
def test_sigint_in_the_middle_of_a_large_tree(tmp_path: Path, originals, jobs):
    expected = _make_tree(tmp_path, originals, copies=40)
    process, workers = _start_and_wait_for_first_write(tmp_path, expected, jobs)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in out + err
    assert err.decode().strip().splitlines()[-1] == (
        "keraslint: interrupted; each file is either unchanged or wholly fixed")
    _assert_workers_gone(workers)
    old, new = _states(expected)
    assert old > 0 and new > 0  # really stopped in the middle
    assert _temp_files(tmp_path) == []


@JOBS
def test_sigkill_in_the_middle_of_a_large_tree(tmp_path: Path, originals, jobs):
    """A SIGKILL cannot be caught: files are still old or new, and a temp file the kill may
    strand (at most one, from the file being written) is removed by the next run. Workers
    get SIGTERM from the kernel and remove theirs."""
    expected = _make_tree(tmp_path, originals, copies=16)
    for _ in range(3):  # kill three runs, each at its first write (later runs have less to do)
        process, workers = _start_and_wait_for_first_write(tmp_path, expected, jobs)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)  # workers hold the pipes too: this waits for them
        assert process.returncode == -signal.SIGKILL
        _assert_workers_gone(workers)
        old, new = _states(expected)
        assert old > 0 and new > 0
        stranded = _temp_files(tmp_path)
        assert len(stranded) <= 1 and all(f"-{process.pid}-" in p.name for p in stranded)
    done = subprocess.run([sys.executable, "-m", "keraslint", "--fix", str(tmp_path)], capture_output=True)
    assert done.returncode == 1 and b"KL000" not in done.stdout  # findings with no safe fix remain
    assert _states(expected) == (0, len(expected))
    assert _temp_files(tmp_path) == []


@JOBS
def test_sigterm_is_handled_like_sigint(tmp_path: Path, originals, jobs):
    expected = _make_tree(tmp_path, originals, copies=20)
    process, workers = _start_and_wait_for_first_write(tmp_path, expected, jobs)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 143 and b"Traceback" not in out + err
    _assert_workers_gone(workers)
    _states(expected)
    assert _temp_files(tmp_path) == []
