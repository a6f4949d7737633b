"""Real code: the 42 examples of the Keras 2.2.4 sdist, fixed with the real command line."""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path

from tests.helpers import run_keraslint

STANDALONE_IMPORT = re.compile(r"^\s*(import keras\b|from keras[. ])", re.M)


def test_fix_all_examples(keras224_examples: list[Path], tmp_path: Path):
    work = tmp_path / "examples"
    work.mkdir()
    for example in keras224_examples:
        shutil.copy(example, work / example.name)

    fixed = run_keraslint("--fix", "--output-format", "json", str(work))
    assert fixed.returncode in (0, 1), fixed.stderr.decode()
    remaining = json.loads(fixed.stdout)
    assert all(item["code"] != "KL000" for item in remaining), remaining

    originals = {p.name: p.read_bytes() for p in keras224_examples}
    changed = [p.name for p in sorted(work.glob("*.py")) if p.read_bytes() != originals[p.name]]
    assert len(changed) == 42, sorted(set(originals) - set(changed))

    # Every file still compiles.
    with warnings.catch_warnings():  # the examples' own escape-sequence warnings
        warnings.simplefilter("ignore")
        for path in sorted(work.glob("*.py")):
            compile(path.read_bytes(), str(path), "exec")

    # No standalone keras import is left, except those reported as having no tf.keras home.
    homeless = {(Path(i["filename"]).name, i["location"]["row"]) for i in remaining if i["code"] == "KL002"}
    for path in sorted(work.glob("*.py")):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines, start=1):
            if STANDALONE_IMPORT.match(line):
                assert (path.name, number) in homeless, f"{path.name}:{number}: {line}"

    # The Adadelta default that makes mnist_cnn stall on current TF is pinned.
    assert "optimizer=keras.optimizers.Adadelta(learning_rate=1.0)," in (work / "mnist_cnn.py").read_text()

    # A second --fix changes nothing.
    snapshot = {p.name: p.read_bytes() for p in work.glob("*.py")}
    again = run_keraslint("--fix", str(work))
    assert {p.name: p.read_bytes() for p in work.glob("*.py")} == snapshot
    assert again.returncode == fixed.returncode


def test_fix_leaves_exactly_what_check_could_not_fix(keras224_examples: list[Path], tmp_path: Path):
    """Check mode and fix mode agree: what --fix leaves is what check reported without a
    safe fix (compared by file, code and message; rows move when imports are split)."""
    checked = json.loads(run_keraslint("--output-format", "json", *map(str, keras224_examples)).stdout)
    for example in keras224_examples:
        shutil.copy(example, tmp_path / example.name)
    done = run_keraslint("--fix", "--output-format", "json", str(tmp_path))
    fixed = json.loads(done.stdout)
    # Fix mode found what check mode found: no finding appears only because of another fix.
    found = re.search(r"Found (\d+) errors? \((\d+) fixed", done.stderr.decode())
    assert found and int(found.group(1)) == len(checked), done.stderr.decode()

    def key(item):
        return Path(item["filename"]).name, item["code"], item["message"]

    unfixable = sorted(key(i) for i in checked if not (i["fix"] and i["fix"]["applicability"] == "safe"))
    assert sorted(key(i) for i in fixed) == unfixable


def test_check_finds_every_rule_family_in_the_examples(keras224_examples: list[Path]):
    done = run_keraslint("--output-format", "json", *map(str, keras224_examples))
    codes = {item["code"] for item in json.loads(done.stdout)}
    assert {"KL001", "KL002", "KL003", "KL101", "KL102", "KL103", "KL201", "KL202"} <= codes
    assert "KL000" not in codes


def test_unsafe_fixes_on_all_examples_compile_and_settle(keras224_examples: list[Path], tmp_path: Path):
    """With --unsafe-fixes (the keras3 hard sigmoid, implementation=1) too."""
    for example in keras224_examples:
        shutil.copy(example, tmp_path / example.name)
    run_keraslint("--fix", "--unsafe-fixes", str(tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in sorted(tmp_path.glob("*.py")):
            compile(path.read_bytes(), str(path), "exec")
    imdb = (tmp_path / "imdb_lstm.py").read_text()
    assert imdb.count("def hard_sigmoid_224(x):") == 1
    assert "recurrent_activation=hard_sigmoid_224" in imdb
    snapshot = {p.name: p.read_bytes() for p in tmp_path.glob("*.py")}
    run_keraslint("--fix", "--unsafe-fixes", str(tmp_path))
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.py")} == snapshot
