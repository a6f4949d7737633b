"""Fix safety (safe / unsafe / display-only), --show-fixes, --statistics, and color."""

from __future__ import annotations

import ast

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from keraslint.config import Settings
from keraslint.diagnostics import Applicability
from keraslint.engine import Options, check_source
from keraslint.report import RenderOptions, render
from keraslint.rule import Rule
from tests.helpers import run_keraslint

SOURCE = b"from keras.layers import Dense\nfrom keras.utils import multi_gpu_model\nm = Dense(3)\nn = Dense(4)\n"
HE = '[tool.keraslint]\nkernel-initializer = "he_normal"\n'  # a value 2.2.4 did not use: unsafe


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "model.py").write_bytes(SOURCE)
    return tmp_path


def _env(**changes: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update({k: v for k, v in changes.items() if v is not None})
    return env


def test_unsafe_fixes_apply_and_show_as_fixable_only_with_unsafe_fixes(project: Path):
    (project / "pyproject.toml").write_text(HE)
    plain = run_keraslint("model.py", cwd=project).stdout.decode().splitlines()
    assert plain[2] == "model.py:3:5: KL101 `Dense` relies on the implicit `kernel_initializer` default"
    given = run_keraslint("--unsafe-fixes", "model.py", cwd=project).stdout.decode().splitlines()
    assert given[2] == "model.py:3:5: KL101 [*] `Dense` relies on the implicit `kernel_initializer` default"
    full = run_keraslint("--output-format", "full", "model.py", cwd=project).stdout.decode()
    assert "  Unsafe fix\n3   |-m = Dense(3)\n  3 |+m = Dense(3, kernel_initializer='he_normal')\n" in full

    run_keraslint("--fix", "model.py", cwd=project)
    assert b"he_normal" not in (project / "model.py").read_bytes()
    run_keraslint("--fix", "--unsafe-fixes", "model.py", cwd=project)
    assert (project / "model.py").read_bytes().count(b"kernel_initializer='he_normal'") == 2


class _DisplayOnly(Rule):
    """A rule whose fix is guidance only (built here: no shipped rule has one yet)."""

    code = "KL999"
    name = "display-only-example"
    summary = "Example"
    fix_title = "Rename to `y`"

    def visit_Name(self, node: ast.Name) -> None:
        if node.id == "x":
            self.report(node, "`x` is a poor name", transform=lambda n: n.with_changes(value="y"),
                        applicability=Applicability.DISPLAY_ONLY)


def test_display_only_fixes_are_shown_and_never_applied():
    source = b"# keras\nx = 1\n"
    for unsafe in (False, True):
        result = check_source(source, "m.py", Options((_DisplayOnly,), Settings(), fix=True, unsafe_fixes=unsafe))
        assert result.fixed_source is None and not result.fixed
        assert [d.code for d in result.diagnostics] == ["KL999"]
    shown = check_source(source, "m.py", Options((_DisplayOnly,), Settings(), edits=True))
    options = RenderOptions(unsafe_fixes=True)
    assert render("concise", [shown], options) == "m.py:2:1: KL999 `x` is a poor name\n"
    assert "  Display-only fix\n2   |-x = 1\n  2 |+y = 1\n" in render("full", [shown], options)


def test_show_fixes_lists_what_was_fixed(project: Path):
    (project / "other.py").write_bytes(b"import keras\n")
    done = run_keraslint("--fix", "--show-fixes", ".", cwd=project)
    assert done.returncode == 1  # KL002 remains
    assert done.stderr.decode() == (
        "Fixed 4 errors:\n"
        "- model.py:\n"
        "    2 × KL101 (implicit-kernel-initializer)\n"
        "    1 × KL001 (standalone-keras-import)\n"
        "- other.py:\n"
        "    1 × KL001 (standalone-keras-import)\n"
        "Found 5 errors (4 fixed, 1 remaining).\n"
        "On the keras3 target the remaining ones: 1 would raise.\n"
        "1 will still fail on keras3: KL002 ×1 (by hand, as its message says).\n"
    )
    diff = run_keraslint("--diff", "--show-fixes", ".", cwd=project)
    assert "Would fix" not in diff.stderr.decode()  # nothing left to fix
    (project / "third.py").write_bytes(b"import keras\n")
    diff = run_keraslint("--diff", "--show-fixes", "third.py", cwd=project)
    assert diff.stderr.decode().startswith(
        "Would fix 1 error:\n- third.py:\n    1 × KL001 (standalone-keras-import)\n")


def test_statistics(project: Path):
    done = run_keraslint("--statistics", "model.py", cwd=project)
    assert done.returncode == 1
    assert done.stdout.decode() == (
        "2\tKL101\t[*] implicit-kernel-initializer\n"
        "1\tKL001\t[*] standalone-keras-import\n"
        "1\tKL002\t[ ] keras-name-without-tf-keras-home\n"
    )
    as_json = json.loads(run_keraslint("--statistics", "--output-format", "json", "model.py", cwd=project).stdout)
    assert as_json == [
        {"code": "KL101", "name": "implicit-kernel-initializer", "count": 2, "fixable_count": 2},
        {"code": "KL001", "name": "standalone-keras-import", "count": 1, "fixable_count": 1},
        {"code": "KL002", "name": "keras-name-without-tf-keras-home", "count": 1, "fixable_count": 0},
    ]
    (project / "pyproject.toml").write_text(HE)  # KL101 now unsafe: not fixable without the flag
    assert run_keraslint("--statistics", "model.py", cwd=project).stdout.decode().splitlines()[0] == (
        "2\tKL101\t[ ] implicit-kernel-initializer")
    refused = run_keraslint("--statistics", "--output-format", "sarif", "model.py", cwd=project)
    assert refused.returncode == 2 and b"--statistics prints text or json" in refused.stderr


ANSI = b"\x1b["


@pytest.mark.parametrize("env,colored", [
    ({}, False),  # a pipe
    ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins, as in CPython
])
def test_color_follows_force_color_and_no_color(project: Path, env, colored):
    for output_format in ("concise", "full"):
        done = run_keraslint("--output-format", output_format, "model.py", cwd=project, env=_env(**env))
        assert (ANSI in done.stdout) is colored
    machine = run_keraslint("--output-format", "json", "model.py", cwd=project, env=_env(**env))
    assert ANSI not in machine.stdout
    run_keraslint("-o", "out.txt", "model.py", cwd=project, env=_env(**env))
    assert ANSI.decode() not in (project / "out.txt").read_text()


def test_color_on_a_terminal(project: Path):
    """On a real terminal (a pseudo-terminal here) findings are colored, unless NO_COLOR."""
    for env, colored in (({}, True), ({"NO_COLOR": "1"}, False)):
        main, secondary = pty.openpty()
        with subprocess.Popen([sys.executable, "-m", "keraslint", "model.py"], cwd=project,
                              stdout=secondary, stderr=subprocess.DEVNULL, env=_env(**env)) as process:
            os.close(secondary)
            chunks = []
            while True:
                try:
                    chunk = os.read(main, 4096)
                except OSError:  # the terminal closes when the process exits
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        os.close(main)
        text = b"".join(chunks)
        assert b"KL101" in text
        assert (ANSI in text) is colored
        stripped = text.replace(b"\r\n", b"\n")
        if colored:
            import re

            stripped = re.sub(rb"\x1b\[[0-9;]*m", b"", stripped)
        assert b"model.py:3:5: KL101 [*] `Dense`" in stripped
