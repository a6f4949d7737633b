"""The cache and the process pool change speed, never results."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import libcst as cst
import pytest

from keraslint import parallel, walk
from keraslint.cache import DIRECTORY
from tests.helpers import run_keraslint

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# A model\n"]},
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
         "source": ["import keras\n", "model = keras.models.Sequential()\n"]},
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
         "source": ["model.add(keras.layers.Dense(3, input_shape=(4,)))\n"]},
    ],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
}


def _tree(root: Path, examples: list[Path]) -> Path:
    """Examples, the fixtures, a notebook and a file without Keras: big enough that ``-j2``
    really forks (more than parallel.SMALL_WORK bytes of Keras code)."""
    (root / "examples").mkdir(parents=True)
    for example in examples:
        shutil.copyfile(example, root / "examples" / example.name)
    shutil.copytree(FIXTURES, root / "fixtures")
    (root / "notebook.ipynb").write_text(json.dumps(NOTEBOOK, indent=1))
    (root / "plain.py").write_text("import os\n")
    assert sum(p.stat().st_size for p in root.rglob("*.py")) > parallel.SMALL_WORK
    return root


@pytest.fixture
def tree(tmp_path: Path, keras224_examples: list[Path]) -> Path:
    return _tree(tmp_path / "project", keras224_examples)


@pytest.fixture
def some(tmp_path: Path, keras224_examples: list[Path]) -> Path:
    """A third of the examples: for the slower modes (JSON edits, fixes)."""
    return _tree(tmp_path / "project", keras224_examples[::3])


def _run(root: Path, *args: str) -> tuple[bytes, bytes]:
    done = run_keraslint(*args, ".", cwd=root)
    assert done.returncode == 1, done.stderr.decode()
    return done.stdout, done.stderr


def _entries(root: Path) -> list[Path]:
    return [p for p in (root / DIRECTORY).rglob("*") if p.is_file() and p.name != ".gitignore"]


def test_same_output_with_and_without_cache_and_with_one_or_two_processes(tree: Path):
    _same_output(tree)


@pytest.mark.parametrize("args", [("--output-format", "json"), ("--diff",)])
def test_same_output_in_every_mode(some: Path, args):
    _same_output(some, *args)


def _same_output(tree: Path, *args: str) -> None:
    reference = _run(tree, "--no-cache", "-j1", *args)
    assert not (tree / DIRECTORY).exists()
    assert _run(tree, "-j2", *args) == reference  # cold: fills the cache
    heavy = [p for p in tree.rglob("*.py") if b"keras" in p.read_bytes()] + [tree / "notebook.ipynb"]
    assert len(_entries(tree)) == len(heavy)
    assert _run(tree, "-j2", *args) == reference  # warm
    assert _run(tree, "-j1", *args) == reference


def test_fix_from_a_warm_diff_cache_writes_the_same_files(some: Path, tmp_path: Path):
    tree, other = some, tmp_path / "other"
    shutil.copytree(tree, other)
    run_keraslint("--fix", "--no-cache", "-j1", ".", cwd=other)
    _run(tree, "--diff")  # --diff and --fix share entries: the fixed source is cached
    run_keraslint("--fix", ".", cwd=tree)
    for path in other.rglob("*.py"):
        assert (tree / path.relative_to(other)).read_bytes() == path.read_bytes(), path
    assert (tree / "notebook.ipynb").read_bytes() == (other / "notebook.ipynb").read_bytes()


def _poison(root: Path) -> None:
    """Rewrite every cached message, to see whether an entry is served."""
    for entry in _entries(root):
        data = json.loads(entry.read_text())
        for diagnostic in data["diagnostics"]:
            diagnostic[1] = "POISONED"
        entry.write_text(json.dumps(data))


@pytest.fixture
def small(tmp_path: Path) -> Path:
    (tmp_path / "model.py").write_text("import keras\nm = keras.layers.Dense(3)\n")
    return tmp_path


def test_a_cached_entry_is_served_for_an_unchanged_file(small: Path):
    _run(small)
    _poison(small)
    assert b"POISONED" in _run(small)[0]


def test_a_changed_file_is_checked_again(small: Path):
    _run(small)
    _poison(small)
    (small / "model.py").write_text("import keras\nm = keras.layers.Dense(4)\n")
    out, _ = _run(small)
    assert b"POISONED" not in out and b"KL101" in out


@pytest.mark.parametrize("change", [
    ("--select", "KL1"),
    ("--target", "keras2"),
    ("--unsafe-fixes",),
])
def test_entries_go_stale_when_the_effective_config_changes(small: Path, change):
    _run(small)
    _poison(small)
    out, _ = _run(small, *change)
    assert b"POISONED" not in out
    assert out == _run(small, "--no-cache", *change)[0]


def test_entries_go_stale_when_the_configuration_file_changes(small: Path):
    (small / "pyproject.toml").write_text("[tool.keraslint]\n")
    _run(small)
    _poison(small)
    (small / "pyproject.toml").write_text("[tool.keraslint]\nkernel-initializer = 'he_normal'\n")
    out, _ = _run(small)
    assert b"POISONED" not in out


def test_entries_go_stale_when_the_version_changes(small: Path):
    from keraslint.cache import config_key
    from keraslint.config import Settings
    from keraslint.engine import Options
    from keraslint.registry import select_rules

    options = Options(select_rules(("ALL",), ()), Settings())
    import keraslint

    before = config_key(options)
    keraslint.__version__, saved = "999.0", keraslint.__version__
    try:
        assert config_key(options) != before
    finally:
        keraslint.__version__ = saved
    # And through the command line: a run under another version does not see the entries.
    _run(small)
    _poison(small)
    code = ("import sys, keraslint; keraslint.__version__ = '999.0'; "
            "from keraslint.cli import main; main(sys.argv[1:])")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code, "."], cwd=small, capture_output=True)
    assert b"KL101" in done.stdout and b"POISONED" not in done.stdout


def test_a_corrupt_entry_is_ignored(small: Path):
    reference = _run(small, "--no-cache")
    _run(small)
    for garbage in (b"", b"{not json", b'{"diagnostics": 3}', b"\x00\xff" * 10):
        for entry in _entries(small):
            entry.write_bytes(garbage)
        assert _run(small) == reference


def test_an_unwritable_cache_is_no_error(small: Path):
    reference = _run(small, "--no-cache")
    (small / DIRECTORY).write_text("a file where the folder should be")
    assert _run(small) == reference


def test_no_cache_reads_and_writes_nothing(small: Path):
    _run(small, "--no-cache")
    assert not (small / DIRECTORY).exists()


def test_clean_removes_the_cache(small: Path):
    _run(small)
    assert (small / DIRECTORY / ".gitignore").read_text().strip().endswith("*")
    done = run_keraslint("clean", cwd=small)
    assert done.returncode == 0 and b"Removed" in done.stderr
    assert not (small / DIRECTORY).exists()
    assert b"No cache" in run_keraslint("clean", cwd=small).stderr


def test_the_pool_survives_a_worker_that_dies():
    """A worker killed mid-file (out of memory, a crash) costs its files a rerun here."""
    parent = os.getpid()

    def work(path: str) -> str:
        if path == "die" and os.getpid() != parent:
            os._exit(1)
        return path.upper()

    items = [(i, name, parallel.SMALL_WORK) for i, name in enumerate(["a", "die", "b", "c"])]
    results = dict(parallel.run(items, work, jobs=2))
    assert results == {0: "A", 1: "DIE", 2: "B", 3: "C"}


def test_small_work_stays_in_one_process():
    parent = os.getpid()
    items = [(0, "a", 1), (1, "b", 1)]
    assert dict(parallel.run(items, lambda path: os.getpid(), jobs=2)) == {0: parent, 1: parent}


def test_walk_children_are_libcsts_children_in_order(keras224_examples: list[Path]):
    """The fast walk's child order, on every node of the 42 examples."""
    for example in keras224_examples[:10]:
        stack = [cst.parse_module(example.read_bytes())]
        while stack:
            node = stack.pop()
            mine = walk.children(node)
            assert [id(c) for c in mine] == [id(c) for c in node.children], type(node).__name__
            stack.extend(mine)


def test_ancestors_are_the_nodes_on_the_path():
    module = cst.parse_module("def f():\n    return g(x)\n")
    call = module.body[0].body.body[0].body[0].value
    found = walk.ancestors(module, {id(call)})
    path = [module, module.body[0], module.body[0].body, module.body[0].body.body[0],
            module.body[0].body.body[0].body[0]]
    assert found == {id(n) for n in path}


@pytest.mark.parametrize("args, jobs", [((), parallel.available_cores()), (("-j1",), 1), (("-j3",), 3)])
def test_every_core_by_default_and_j1_forces_one(tmp_path: Path, monkeypatch, args, jobs):
    from keraslint.cli import main

    (tmp_path / "model.py").write_text("import keras\n")
    asked = []
    real = parallel.run

    def run(items, work, jobs, warm=None):
        asked.append(jobs)
        return real(items, work, jobs, warm)

    monkeypatch.setattr(parallel, "run", run)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["--no-cache", *args, "."])
    assert asked == [jobs]


def test_the_ast_walk_gives_children_in_source_order():
    """Rules that track state read the code in order: decorators before the body, a
    conditional's value before its test, ``**kw`` before a later ``*args``."""
    import ast

    from keraslint import ast_walk

    tree = ast.parse("@d\ndef f(a=b): c\nx = e if t else o\ng(k=1, *s)\n{p: q, **r}\n")
    seen = []

    class Names:
        def visit_Name(self, node):
            seen.append(node.id)

    ast_walk.Walker.of([Names()]).walk(tree)
    assert seen == ["d", "b", "c", "x", "e", "t", "o", "g", "s", "p", "q", "r"]


def test_the_ast_walk_reads_every_child(keras224_examples: list[Path]):
    """The per-class child getters miss no child node (``ast.iter_child_nodes`` is the
    reference; contexts and operators are left out on purpose)."""
    import ast

    from keraslint import ast_walk, pyast

    texts = [p.read_bytes() for p in keras224_examples] + [
        b"match x:\n case {1: a, **r}: pass\n case None: pass\n case P(k=1) as z: pass\n case [*s]: pass\n"
        b"from . import (a as b)\nglobal q\ntry: pass\nexcept E as e: pass\nf'{x!r:>{w}}'\n"
        b"async def f(*a, b=None, **c) -> d:\n async with a as b: await c\nlambda: (yield)\n"]
    operators = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)
    for text in texts:
        for node in ast.walk(pyast.parse(text)):
            expected = [c for c in ast.iter_child_nodes(node) if not isinstance(c, operators)]
            assert sorted(map(id, ast_walk.children(node))) == sorted(map(id, expected)), type(node).__name__


def test_the_import_table_reads_the_ast():
    import ast

    from keraslint.imports import ImportTable

    table = ImportTable.of(ast.parse("import keras as k\nfrom x import Dense\n[k for k in y]\n"))
    assert table.bindings == {"k": "keras"} and {"Dense", "k"} <= table.shadowed
