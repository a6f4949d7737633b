"""Bad input: one clear line naming the file and the reason, no traceback, others go on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import run_keraslint

GOOD = b"from keras.layers import Dense\nDense(3)\n"


def _check(project: Path, name: str, expected_reason: str, *args: str):
    done = run_keraslint(*args, "--output-format", "json", ".", cwd=project)
    items = json.loads(done.stdout)
    bad = [i for i in items if i["filename"].endswith(name)]
    assert len(bad) == 1, items
    assert bad[0]["code"] == "KL000"
    assert expected_reason in bad[0]["message"]
    assert b"Traceback" not in done.stderr
    # the good file was still processed
    assert any(i["filename"].endswith("good.py") for i in items) or "--fix" in args
    return done, bad[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "good.py").write_bytes(GOOD)
    return tmp_path


@pytest.mark.parametrize(
    "content,reason,row",
    [
        (b"import keras\nprint 'hello'\n", "SyntaxError: Missing parentheses in call to 'print'", 2),
        (b"import keras\ndef f(:\n", "SyntaxError", 2),
        (b"import keras\nx = '\xff\xfe'\n", "'utf-8' codec can't decode byte 0xff", 2),
    ],
    ids=["python2-print", "syntax-error", "undecodable-no-cookie"],
)
def test_unparsable_file_is_left_untouched(project: Path, content: bytes, reason: str, row: int):
    (project / "bad.py").write_bytes(content)
    done, item = _check(project, "bad.py", reason, "--fix")
    assert item["location"]["row"] == row
    assert (project / "bad.py").read_bytes() == content
    assert b"kernel_initializer" in (project / "good.py").read_bytes()
    assert done.returncode == 1


def test_text_output_is_one_line_naming_the_file(project: Path):
    (project / "bad.py").write_bytes(b"import keras\nprint 'x'\n")
    done = run_keraslint("bad.py", cwd=project)
    lines = done.stdout.decode().splitlines()
    assert lines == ["bad.py:2:1: KL000 Failed to parse: SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?"]


def test_binary_file(project: Path):
    (project / "blob.py").write_bytes(b"keras\x00\x01\x02" * 10)
    _check(project, "blob.py", "binary file")


def test_missing_path_is_reported_and_others_go_on(project: Path):
    done = run_keraslint("--output-format", "json", "nope.py", "good.py", cwd=project)
    items = json.loads(done.stdout)
    assert items[0]["filename"] == "nope.py" and items[0]["code"] == "KL000"
    assert "No such file or directory" in items[0]["message"]
    assert any(i["code"] == "KL101" for i in items)
    assert done.returncode == 1


def test_unreadable_file(project: Path, monkeypatch):
    """Tests run as root in CI, where chmod 0 does not stop reads: fail the read instead."""
    from keraslint import files, runner
    from tests.rules.cases import Options, Settings, select_rules

    (project / "secret.py").write_bytes(GOOD)
    real_read = files.read

    def read(path):
        if path.endswith("secret.py"):
            raise PermissionError(13, "Permission denied", path)
        return real_read(path)

    monkeypatch.setattr(files, "read", read)
    options = Options(select_rules(("ALL",), ()), Settings())
    results = {Path(r.filename).name: r for r in runner.run_paths((str(project),), options, write=False)}
    [diagnostic] = results["secret.py"].diagnostics
    assert diagnostic.code == "KL000"
    assert diagnostic.message == "Failed to process: Permission denied"
    assert [d.code for d in results["good.py"].diagnostics] == ["KL001", "KL101"]


def test_unreadable_directory_entry_via_broken_symlink(project: Path):
    os.symlink(project / "missing.py", project / "dangling.py")
    done = run_keraslint("--output-format", "json", "dangling.py", cwd=project)
    [item] = json.loads(done.stdout)
    assert item["code"] == "KL000" and "broken symbolic link" in item["message"]


def test_read_only_file_is_not_written(project: Path):
    target = project / "good.py"
    os.chmod(target, 0o444)
    done = run_keraslint("--fix", "good.py", cwd=project)
    assert target.read_bytes() == GOOD
    assert "read-only" in done.stdout.decode()
    assert done.returncode == 1
    assert not [p for p in project.iterdir() if p.name.startswith(".keraslint-")]


def test_internal_error_exits_two_and_names_the_file(project: Path, monkeypatch):
    """A bug in a rule must not lose other files: simulate one with a broken plugin."""
    probe = project / "probe.py"
    probe.write_text(
        "import sys\n"
        "import keraslint.rules._pinned as p\n"
        "def boom(self, node):\n    raise RuntimeError('kaboom')\n"
        "p.PinnedDefaultRule.visit_Call = boom\n"
        "from keraslint.cli import main\n"
        "main(['--fix', 'good.py', 'other.py'])\n"
    )
    (project / "other.py").write_bytes(b"import keras\n")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(probe)], cwd=project, capture_output=True)
    assert done.returncode == 2
    assert b"good.py:1:1: KL000 Failed to process: internal error: RuntimeError: kaboom" in done.stdout
    assert b"Traceback" not in done.stderr
    assert (project / "good.py").read_bytes() == GOOD
