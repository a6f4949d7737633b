"""The command line, run as a subprocess the way users, editors and pre-commit run it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import run_keraslint

KERAS = b"import keras\nfrom keras.layers import Dense\nm = Dense(3)\n"
FIXED = (b"from tensorflow import keras\nfrom tensorflow.keras.layers import Dense\n"
         b"m = Dense(3, kernel_initializer='glorot_uniform')\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "model.py").write_bytes(KERAS)
    (tmp_path / "clean.py").write_bytes(b"import os\n")
    return tmp_path


def test_check_text_output_and_exit_code(project: Path):
    done = run_keraslint(".", cwd=project)
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert lines == [
        "model.py:1:1: KL001 [*] Standalone `keras` import; use `tensorflow.keras`",
        "model.py:2:1: KL001 [*] Standalone `keras` import; use `tensorflow.keras.layers`",
        "model.py:3:5: KL101 [*] `Dense` relies on the implicit `kernel_initializer` default",
    ]
    assert "Found 3 errors." in done.stderr.decode()
    assert "[*] 3 fixable with the `--fix` option." in done.stderr.decode()
    assert (project / "model.py").read_bytes() == KERAS


def test_path_defaults_to_current_directory(project: Path):
    assert run_keraslint(cwd=project).returncode == 1


def test_fix_writes_and_exits_zero_when_everything_is_fixed(project: Path):
    done = run_keraslint("--fix", ".", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "model.py").read_bytes() == FIXED
    assert "Found 3 errors (3 fixed, 0 remaining)." in done.stderr.decode()
    assert run_keraslint(".", cwd=project).returncode == 0


def test_fix_exits_one_when_unfixable_findings_remain(tmp_path: Path):
    (tmp_path / "a.py").write_text("from keras.utils import multi_gpu_model, to_categorical\n")
    done = run_keraslint("--fix", ".", cwd=tmp_path)
    assert done.returncode == 1
    assert "KL002" in done.stdout.decode()
    assert (tmp_path / "a.py").read_text() == (
        "from keras.utils import multi_gpu_model\nfrom tensorflow.keras.utils import to_categorical\n"
    )


def test_diff_writes_nothing(project: Path):
    done = run_keraslint("--diff", "model.py", cwd=project)
    assert done.returncode == 1
    out = done.stdout.decode()
    assert "--- a/model.py" in out and "+++ b/model.py" in out
    assert "-import keras" in out and "+from tensorflow import keras" in out
    assert (project / "model.py").read_bytes() == KERAS
    assert run_keraslint("--diff", "clean.py", cwd=project).returncode == 0


def test_json_output(project: Path):
    done = run_keraslint("--output-format", "json", "model.py", cwd=project)
    assert done.returncode == 1
    items = json.loads(done.stdout)
    assert [i["code"] for i in items] == ["KL001", "KL001", "KL101"]
    dense = items[2]
    assert dense["filename"] == "model.py"
    assert dense["location"] == {"row": 3, "column": 5}
    assert dense["end_location"] == {"row": 3, "column": 13}
    assert dense["fix"]["applicability"] == "safe"
    assert dense["fix"]["edits"] == [{
        "content": ", kernel_initializer='glorot_uniform'",
        "location": {"row": 3, "column": 12},
        "end_location": {"row": 3, "column": 12},
    }]


def test_json_edits_reproduce_the_fix(project: Path):
    """Applying every JSON edit, as an editor would, gives what --fix writes."""
    items = json.loads(run_keraslint("--output-format", "json", "model.py", cwd=project).stdout)
    lines = KERAS.decode().splitlines(keepends=True)
    edits = [e for item in items for e in item["fix"]["edits"]]
    text = KERAS.decode()

    def offset(loc):
        return sum(len(line) for line in lines[: loc["row"] - 1]) + loc["column"] - 1

    for edit in sorted(edits, key=lambda e: offset(e["location"]), reverse=True):
        text = text[: offset(edit["location"])] + edit["content"] + text[offset(edit["end_location"]):]
    assert text.encode() == FIXED


def test_json_without_findings_is_an_empty_list(project: Path):
    done = run_keraslint("--output-format", "json", "clean.py", cwd=project)
    assert done.returncode == 0
    assert json.loads(done.stdout) == []


def test_stdin_check_uses_stdin_filename():
    done = run_keraslint("-", "--stdin-filename", "src/m.py", stdin=KERAS)
    assert done.returncode == 1
    assert done.stdout.decode().startswith("src/m.py:1:1: KL001")


def test_stdin_diff_is_labelled_with_the_stdin_filename():
    done = run_keraslint("--diff", "-", "--stdin-filename", "src/m.py", stdin=KERAS)
    assert done.stdout.decode().splitlines()[:2] == ["--- a/src/m.py", "+++ b/src/m.py"]


def test_stdin_fix_prints_the_fixed_code():
    done = run_keraslint("--fix", "-", stdin=KERAS)
    assert done.returncode == 0
    assert done.stdout == FIXED


def test_stdin_fix_prints_unchanged_code_as_is():
    source = b"import os\r\nx = 1\r\n"
    done = run_keraslint("--fix", "-", stdin=source)
    assert (done.returncode, done.stdout) == (0, source)


@pytest.mark.parametrize(
    "args,codes",
    [
        (["--select", "KL1"], ["KL101"]),
        (["--select", "KL001,KL101"], ["KL001", "KL001", "KL101"]),
        (["--ignore", "KL0"], ["KL101"]),
        (["--select", "KL0", "--ignore", "KL001"], []),
        (["--select", "KL101", "--ignore", "KL1"], ["KL101"]),
    ],
)
def test_select_and_ignore(project: Path, args, codes):
    done = run_keraslint(*args, "--output-format", "json", "model.py", cwd=project)
    assert [i["code"] for i in json.loads(done.stdout)] == codes


@pytest.mark.parametrize("args", [["--select", "KL999"], ["--ignore", "XX1"], ["--output-format", "xml"]])
def test_bad_options_exit_two(project: Path, args):
    done = run_keraslint(*args, "model.py", cwd=project)
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr


def test_exit_zero(project: Path):
    done = run_keraslint("--exit-zero", ".", cwd=project)
    assert done.returncode == 0
    assert b"KL101" in done.stdout


def test_exclude_glob(project: Path):
    (project / "gen").mkdir()
    (project / "gen" / "old.py").write_bytes(KERAS)
    done = run_keraslint("--exclude", "gen", "--exclude", "model.py", ".", cwd=project)
    assert done.returncode == 0, done.stdout


def test_recursion_skips_virtualenvs_and_build_dirs(project: Path):
    for skipped in (".git", "build", "dist", "__pycache__", ".tox", "lib/site-packages", "venv"):
        (project / skipped).mkdir(parents=True)
        (project / skipped / "x.py").write_bytes(KERAS)
    (project / "myenv").mkdir()
    (project / "myenv" / "pyvenv.cfg").write_text("home = /usr\n")
    (project / "myenv" / "x.py").write_bytes(KERAS)
    (project / "model.py").unlink()
    done = run_keraslint(".", cwd=project)
    assert done.returncode == 0, done.stdout


def test_config_in_pyproject(project: Path):
    (project / "pyproject.toml").write_text(
        '[tool.keraslint]\nselect = ["KL201", "KL202"]\nbatchnorm-momentum = 0.9\nbatchnorm-epsilon = 1e-5\n'
        'exclude = ["skip_me.py"]\n'
    )
    (project / "bn.py").write_text("from keras.layers import BatchNormalization\nBatchNormalization()\n")
    (project / "skip_me.py").write_text("from keras.layers import BatchNormalization\nBatchNormalization()\n")
    done = run_keraslint("--fix", "--unsafe-fixes", ".", cwd=project)
    assert (project / "bn.py").read_text().endswith("BatchNormalization(momentum=0.9, epsilon=1e-05)\n")
    assert (project / "model.py").read_bytes() == KERAS  # KL0/KL1 not selected
    assert (project / "skip_me.py").read_text().endswith("BatchNormalization()\n")
    assert done.returncode == 0


def test_config_found_from_a_subdirectory(project: Path):
    (project / "pyproject.toml").write_text('[tool.keraslint]\nignore = ["KL1"]\n')
    (project / "sub").mkdir()
    done = run_keraslint("--output-format", "json", "../model.py", cwd=project / "sub")
    assert [i["code"] for i in json.loads(done.stdout)] == ["KL001", "KL001"]


def test_explicit_config_file(project: Path):
    config = project / "other.toml"
    config.write_text('[tool.keraslint]\nselect = ["KL001"]\n')
    (project / "pyproject.toml").write_bytes(config.read_bytes())
    done = run_keraslint("--config", "pyproject.toml", "--output-format", "json", "model.py", cwd=project)
    assert [i["code"] for i in json.loads(done.stdout)] == ["KL001", "KL001"]


@pytest.mark.parametrize(
    "toml,message",
    [
        ('[tool.keraslint]\nkernel_init = "x"\n', "unknown key 'kernel_init'"),
        ('[tool.keraslint]\nbatchnorm-momentum = "high"\n', "batchnorm-momentum has the wrong type"),
        ('[tool.keraslint]\nselect = ["KL9"]\n', "unknown rule selector(s): KL9"),
        ("[tool.keraslint\n", "pyproject.toml"),
    ],
)
def test_bad_config_is_one_clear_line(project: Path, toml, message):
    (project / "pyproject.toml").write_text(toml)
    done = run_keraslint("--config", "pyproject.toml", ".", cwd=project)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_list_rules_and_rule_docs():
    listing = run_keraslint("--list-rules").stdout.decode()
    for code in ("KL001", "KL002", "KL003", "KL101", "KL102", "KL103", "KL104", "KL105",
                 "KL201", "KL202"):
        assert code in listing
    docs = run_keraslint("rule", "KL101")
    assert docs.returncode == 0
    text = docs.stdout.decode()
    assert text.startswith("# implicit-kernel-initializer (KL101)")
    assert "## Fix safety" in text
    assert run_keraslint("rule", "KL999").returncode == 2
    everything = json.loads(run_keraslint("rule", "--all", "--output-format", "json").stdout)
    assert len(everything) == len(listing.splitlines())


def test_version():
    from keraslint import __version__

    done = run_keraslint("--version")
    assert done.returncode == 0
    assert __version__ in done.stdout.decode()


def test_lint_path_never_imports_tensorflow(tmp_path: Path):
    """The linter must start fast: no tensorflow (or numpy) on its import path."""
    (tmp_path / "m.py").write_bytes(KERAS)
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sys, runpy\n"
        "sys.argv = ['keraslint', '--fix', sys.argv[1]]\n"
        "try:\n    runpy.run_module('keraslint', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'numpy', 'keras'))\n"
        "print('HEAVY', heavy)\n"
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(probe), str(tmp_path / "m.py")], capture_output=True, text=True)
    assert "HEAVY []" in done.stdout, done.stdout + done.stderr
    assert (tmp_path / "m.py").read_bytes() == FIXED  # the run really did the work


@pytest.mark.parametrize("options, parses_cst", [
    ([], False), (["--output-format", "concise"], False), (["--statistics"], False),
    (["--diff"], True), (["--output-format", "json"], True), (["--fix"], True),
])
def test_only_modes_that_write_or_show_fixes_import_libcst(tmp_path: Path, options, parses_cst):
    """Detection runs on the stdlib ast. libcst is imported only to write a fix, show one as a
    diff, or give its edits in JSON, and only for a file that has one."""
    (tmp_path / "m.py").write_bytes(KERAS)
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sys, runpy\n"
        "sys.argv = ['keraslint', '--no-cache', *sys.argv[2:], sys.argv[1]]\n"
        "try:\n    runpy.run_module('keraslint', run_name='__main__')\n"
        "except SystemExit as done:\n    print('EXIT', done.code)\n"
        "print('LIBCST', 'libcst' in sys.modules)\n"
    )
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(probe), str(tmp_path / "m.py"), *options],
                          capture_output=True, text=True)
    did_work = (tmp_path / "m.py").read_bytes() == FIXED if "--fix" in options else \
        "KL101" in done.stdout or "kernel_initializer" in done.stdout
    assert did_work, done.stdout + done.stderr
    assert f"LIBCST {parses_cst}" in done.stdout, done.stdout + done.stderr


def test_a_cached_run_imports_no_engine(tmp_path: Path):
    """Run again on unchanged files (with one that never mentions keras), keraslint reads the
    cache and imports neither the engine, nor the rules, nor libcst."""
    (tmp_path / "m.py").write_bytes(KERAS)
    (tmp_path / "other.py").write_text("x = 1\n")
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import sys, runpy\n"
        "sys.argv = ['keraslint', sys.argv[1]]\n"
        "try:\n    runpy.run_module('keraslint', run_name='__main__')\n"
        "except SystemExit as done:\n    print('EXIT', done.code)\n"
        "print('LOADED', sorted(m for m in sys.modules if m in ('keraslint.engine', 'keraslint.rule', 'libcst')))\n"
    )
    import subprocess
    import sys

    first = subprocess.run([sys.executable, str(probe), str(tmp_path)], capture_output=True, text=True, cwd=tmp_path)
    again = subprocess.run([sys.executable, str(probe), str(tmp_path)], capture_output=True, text=True, cwd=tmp_path)
    assert "LOADED ['keraslint.engine', 'keraslint.rule']" in first.stdout, first.stdout + first.stderr
    assert "LOADED []" in again.stdout and "KL101" in again.stdout, again.stdout + again.stderr


def test_fix_keeps_file_mode(project: Path):
    os.chmod(project / "model.py", 0o640)
    run_keraslint("--fix", "model.py", cwd=project)
    assert (project / "model.py").stat().st_mode & 0o777 == 0o640
    assert not [p for p in project.iterdir() if p.name.startswith(".keraslint-")]


@pytest.mark.parametrize(
    "toml,message",
    [
        ('[tool.keraslint]\nbatchnorm-epsilon = inf\n', "expected a positive number"),
        ('[tool.keraslint]\nbatchnorm-momentum = 1.5\n', "expected a number from 0 to 1"),
        ('[tool.keraslint]\nkernel-initializer = "he_normal\\n"\n', "expected an initializer name"),
    ],
)
def test_config_values_that_cannot_be_written_are_rejected(project: Path, toml, message):
    (project / "pyproject.toml").write_text(toml)
    done = run_keraslint("--fix", "--unsafe-fixes", ".", cwd=project)
    assert done.returncode == 2
    assert message in done.stderr.decode()
    assert (project / "model.py").read_bytes() == KERAS


def test_exclude_never_excludes_the_directory_given(project: Path):
    (project / "pyproject.toml").write_text('[tool.keraslint]\nexclude = [".*"]\n')
    (project / ".hidden.py").write_bytes(KERAS)
    done = run_keraslint("--output-format", "json", ".", cwd=project)
    assert {i["filename"] for i in json.loads(done.stdout)} == {"model.py"}


def test_diff_reports_files_it_cannot_parse(project: Path):
    (project / "py2.py").write_bytes(b"import keras\nprint 'x'\n")
    done = run_keraslint("--diff", "py2.py", cwd=project)
    assert done.returncode == 1
    assert b"py2.py:2:1: KL000" in done.stderr


def test_unsafe_hint_not_shown_when_unsafe_fixes_given(project: Path):
    (project / "pyproject.toml").write_text('[tool.keraslint]\nkernel-initializer = "he_normal"\n')
    plain = run_keraslint(".", cwd=project)
    assert b"hidden fix can be enabled with the `--unsafe-fixes` option" in plain.stderr
    given = run_keraslint("--unsafe-fixes", ".", cwd=project)
    assert b"--unsafe-fixes" not in given.stderr


# --- ruff's habits ----------------------------------------------------------------------------

def test_check_subcommand_is_the_default_command(project: Path):
    plain, check = run_keraslint("model.py", cwd=project), run_keraslint("check", "model.py", cwd=project)
    assert (check.returncode, check.stdout) == (plain.returncode, plain.stdout) and check.returncode == 1


def test_quiet_prints_findings_only_and_silent_prints_nothing(project: Path):
    quiet = run_keraslint("-q", "model.py", cwd=project)
    assert quiet.returncode == 1 and quiet.stdout.decode().count("\n") == 3 and quiet.stderr == b""
    silent = run_keraslint("--silent", "model.py", cwd=project)
    assert (silent.returncode, silent.stdout, silent.stderr) == (1, b"", b"")
    assert run_keraslint("-s", "clean.py", cwd=project).returncode == 0


def test_extend_select_ignore_and_exclude_add_to_the_configuration(project: Path):
    (project / "pyproject.toml").write_text('[tool.keraslint]\nselect = ["KL0"]\nexclude = ["clean.py"]\n')
    codes = lambda done: [i["code"] for i in json.loads(done.stdout)]  # noqa: E731
    base = run_keraslint("--output-format", "json", "model.py", cwd=project)
    assert codes(base) == ["KL001", "KL001"]
    wider = run_keraslint("--output-format", "json", "--extend-select", "KL101", "model.py", cwd=project)
    assert codes(wider) == ["KL001", "KL001", "KL101"]
    narrower = run_keraslint("--output-format", "json", "--extend-select", "KL1", "--extend-ignore", "KL001",
                             "model.py", cwd=project)
    assert codes(narrower) == ["KL101"]
    (project / "other.py").write_bytes(KERAS)
    excluded = run_keraslint("--output-format", "json", "--extend-exclude", "other.py", ".", cwd=project)
    assert {Path(i["filename"]).name for i in json.loads(excluded.stdout)} == {"model.py"}


def test_groups_select_what_a_finding_means_on_the_target(project: Path):
    codes = lambda *args: [i["code"] for i in json.loads(  # noqa: E731
        run_keraslint("--output-format", "json", *args, "model.py", cwd=project).stdout)]
    assert codes("--select", "raises") == ["KL001", "KL001"]
    assert codes("--select", "unchanged") == ["KL101"]
    assert codes("--ignore", "unchanged") == ["KL001", "KL001"]
    assert codes("--select", "raises,KL101") == ["KL001", "KL001", "KL101"]


def test_fix_only_fixes_and_reports_nothing_that_remains(project: Path):
    (project / "left.py").write_bytes(b"from keras.wrappers.scikit_learn import KerasClassifier\n")
    done = run_keraslint("--fix-only", ".", cwd=project)
    assert done.returncode == 0 and done.stdout == b"" and b"Found" not in done.stderr
    assert (project / "model.py").read_bytes() == FIXED
    assert run_keraslint("left.py", cwd=project).returncode == 1  # KL002 remains, unreported


def test_add_noqa_marks_every_finding_and_the_next_run_is_clean(project: Path):
    source = (b"import keras  # a comment\nfrom keras.layers import Dense, LSTM\n"
              b"x = LSTM(4)  # noqa: KL101 - pinned by hand\ns = '''\nDense(1)\n'''\n")
    (project / "model.py").write_bytes(source)
    done = run_keraslint("--add-noqa", "model.py", cwd=project)
    assert done.returncode == 0 and b"Added 3 noqa directives." in done.stderr
    assert (project / "model.py").read_bytes() == (
        b"import keras  # a comment  # noqa: KL001\nfrom keras.layers import Dense, LSTM  # noqa: KL001\n"
        b"x = LSTM(4)  # noqa: KL101, KL102, KL401 - pinned by hand\ns = '''\nDense(1)\n'''\n")
    assert run_keraslint("model.py", cwd=project).returncode == 0
    assert run_keraslint("--add-noqa", "--fix", "model.py", cwd=project).returncode == 2


def test_per_file_ignores(project: Path):
    (project / "pyproject.toml").write_text(
        '[tool.keraslint]\nper-file-ignores = {"legacy/*" = ["KL1"], "model.py" = ["KL001"]}\n')
    (project / "legacy").mkdir()
    (project / "legacy" / "old.py").write_bytes(KERAS)
    done = run_keraslint("--output-format", "json", ".", cwd=project)
    found = sorted((Path(i["filename"]).name, i["code"]) for i in json.loads(done.stdout))
    assert found == [("model.py", "KL101"), ("old.py", "KL001"), ("old.py", "KL001")]
    (project / "pyproject.toml").write_text('[tool.keraslint]\nper-file-ignores = {"x.py" = "KL1"}\n')
    bad = run_keraslint(".", cwd=project)
    assert bad.returncode == 2 and b"per-file-ignores must map globs to lists of rule codes" in bad.stderr
