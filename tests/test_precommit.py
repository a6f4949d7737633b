"""The pre-commit hooks in ``.pre-commit-hooks.yaml`` work when installed by real pre-commit.

Runs ``pre-commit try-repo`` with this keraslint checkout against a throwaway git repository
holding a Keras 2.2.4 style model, and proves that:

(a) the ``keraslint`` hook fails on that file, reports KL codes and leaves the file alone;
(b) the ``keraslint-fix`` hook rewrites the file for ``tensorflow.keras`` (pre-commit fails
    because files were modified) and the result still compiles;
(c) afterwards both hooks pass.

pre-commit builds its own virtualenv and pip-installs keraslint into it from the repository,
so this exercises the packaging as well as the hook definitions. That needs PyPI access.

The checkout is snapshotted (tracked plus untracked, non-ignored files, as they are on disk)
into a temporary git repository first: ``try-repo`` on a dirty local path only carries over
changes to *tracked* files, and this way the test needs nothing staged in the real checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

KERASLINT_REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 600  # seconds; pre-commit creates a virtualenv and pip-installs keraslint into it

KERAS224_MODEL = '''\
"""A small convnet classifier, written for Keras 2.2.4."""
import keras
from keras.models import Sequential
from keras.layers import BatchNormalization, Conv2D, Dense, Flatten, MaxPooling2D


def build_model(input_shape=(28, 28, 1), num_classes=10):
    model = Sequential()
    model.add(Conv2D(32, (3, 3), activation='relu', input_shape=input_shape))
    model.add(BatchNormalization())
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Conv2D(64, (3, 3), activation='relu'))
    model.add(BatchNormalization())
    model.add(Flatten())
    model.add(Dense(128, activation='relu'))
    model.add(Dense(num_classes, activation='softmax'))
    model.compile(loss=keras.losses.categorical_crossentropy,
                  optimizer=keras.optimizers.Adadelta(),
                  metrics=['accuracy'])
    return model
'''


#: A notebook with that model's imports in a cell (the hooks run on `types_or: [python, jupyter]`).
NOTEBOOK = json.dumps({
    "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
               "source": ["%matplotlib inline\n", "from keras.layers import Dense\n", "d = Dense(3)"]}],
    "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5,
}, indent=1) + "\n"


# --- helpers -------------------------------------------------------------------------------


def _clean_env(pre_commit_home: Path) -> dict[str, str]:
    """The environment for git and pre-commit: our own cache, no inherited git state."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(pre_commit_home.resolve())
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT)


def _describe(done: subprocess.CompletedProcess) -> str:
    return (f"$ {' '.join(map(str, done.args))}\nexit code {done.returncode}\n"
            f"--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}")


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    done = _run(["git", *args], cwd=repo, env=env)
    assert done.returncode == 0, _describe(done)


def _init_repo(repo: Path, env: dict[str, str]) -> None:
    """``git init`` with a local identity, so committing works on any machine."""
    repo.mkdir(parents=True, exist_ok=True)
    _git(repo, env, "init", "--quiet")
    _git(repo, env, "config", "user.email", "keraslint-tests@example.invalid")
    _git(repo, env, "config", "user.name", "keraslint tests")
    _git(repo, env, "config", "commit.gpgsign", "false")


def _commit_all(repo: Path, env: dict[str, str], message: str) -> None:
    _git(repo, env, "add", "--all")
    _git(repo, env, "commit", "--quiet", "--no-verify", "-m", message)


def _snapshot_keraslint(dest: Path, env: dict[str, str]) -> Path:
    """Commit the checkout's current files (including uncommitted work) into a new repo."""
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                  cwd=KERASLINT_REPO, env=env)
    assert listed.returncode == 0, _describe(listed)
    for name in filter(None, listed.stdout.split("\0")):
        source = KERASLINT_REPO / name
        if source.is_file():  # skip files deleted in the working tree
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    assert (dest / ".pre-commit-hooks.yaml").is_file(), "the checkout has no .pre-commit-hooks.yaml"
    _init_repo(dest, env)
    _commit_all(dest, env, "keraslint snapshot")
    return dest


def _try_repo(keraslint_repo: Path, project: Path, env: dict[str, str],
              hook: str | None = None) -> subprocess.CompletedProcess:
    """``pre-commit try-repo`` on every file of ``project``; one hook, or all of them."""
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(keraslint_repo.resolve())]
    if hook is not None:
        command.append(hook)
    command += ["--all-files", "--color", "never", "--verbose"]
    return _run(command, cwd=project, env=env)


# --- the test ------------------------------------------------------------------------------


@pytest.fixture
def pre_commit_home(tmp_path: Path) -> Path:
    cache = os.environ.get("KERASLINT_TEST_CACHE")
    home = Path(cache) / "pre-commit" if cache else tmp_path / "pre-commit-home"
    home.mkdir(parents=True, exist_ok=True)
    return home


def test_pre_commit_hooks_check_then_fix(tmp_path: Path, pre_commit_home: Path) -> None:
    # pre-commit is in the `test` extra; a missing one must fail here, never skip.
    import pre_commit  # noqa: F401

    env = _clean_env(pre_commit_home)
    keraslint_repo = _snapshot_keraslint(tmp_path / "keraslint", env)
    project = tmp_path / "project"
    _init_repo(project, env)
    model = project / "model.py"
    model.write_text(KERAS224_MODEL)
    notebook = project / "model.ipynb"
    notebook.write_text(NOTEBOOK)
    _commit_all(project, env, "a Keras 2.2.4 model")

    # (a) The check hook reports findings and changes nothing.
    check = _try_repo(keraslint_repo, project, env, hook="keraslint")
    assert check.returncode != 0, _describe(check)
    assert "KL001" in check.stdout, _describe(check)
    assert "KL101" in check.stdout, _describe(check)
    assert "files were modified" not in check.stdout, _describe(check)
    assert model.read_text() == KERAS224_MODEL
    assert "model.ipynb:cell 1:2:1: KL001" in check.stdout, _describe(check)
    assert notebook.read_text() == NOTEBOOK

    # (b) The fix hook rewrites the file; pre-commit fails because the file changed.
    fix = _try_repo(keraslint_repo, project, env, hook="keraslint-fix")
    assert fix.returncode != 0, _describe(fix)
    assert "files were modified by this hook" in fix.stdout, _describe(fix)
    fixed = model.read_text()
    assert fixed != KERAS224_MODEL
    assert "from tensorflow.keras.layers import" in fixed, fixed
    assert "from tensorflow.keras.models import Sequential" in fixed, fixed
    assert "from keras" not in fixed and "\nimport keras\n" not in fixed, fixed
    assert "kernel_initializer='glorot_uniform'" in fixed, fixed
    compile(fixed, str(model), "exec")
    assert notebook.read_text() == NOTEBOOK.replace(
        '"from keras.layers import Dense\\n",\n    "d = Dense(3)"',
        '"from tensorflow.keras.layers import Dense\\n",\n'
        '    "d = Dense(3, kernel_initializer=\'glorot_uniform\')"')
    assert notebook.read_text() != NOTEBOOK

    # (c) Both hooks now pass and leave the file as it is.
    again = _try_repo(keraslint_repo, project, env)
    assert again.returncode == 0, _describe(again)
    assert again.stdout.count("Passed") == 2, _describe(again)
    assert model.read_text() == fixed
    assert "KL" not in again.stdout, _describe(again)


def _readme_snippet() -> str:
    """The ``.pre-commit-config.yaml`` the README tells users to paste."""
    readme = (KERASLINT_REPO / "README.md").read_text()
    section = readme.split("\n## pre-commit\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_the_readme_snippet_works_when_pasted(tmp_path: Path, pre_commit_home: Path) -> None:
    import pre_commit  # noqa: F401 - in the test extra; a missing one must fail here

    env = _clean_env(pre_commit_home)
    env["PATH"] = os.pathsep.join((str(Path(sys.executable).parent), env.get("PATH", "")))  # keraslint installed
    project = tmp_path / "project"
    _init_repo(project, env)
    (project / ".pre-commit-config.yaml").write_text(_readme_snippet())
    model = project / "model.py"
    model.write_text(KERAS224_MODEL)
    _commit_all(project, env, "a Keras 2.2.4 model")
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never", "--verbose"]
    check = _run(command, cwd=project, env=env)
    assert check.returncode == 1 and "KL001" in check.stdout and "Failed" in check.stdout, _describe(check)
    assert model.read_text() == KERAS224_MODEL
    # the fix form the snippet's comment names
    (project / ".pre-commit-config.yaml").write_text(
        _readme_snippet().replace("entry: keraslint ", "entry: keraslint --fix "))
    fix = _run(command, cwd=project, env=env)
    assert "files were modified by this hook" in fix.stdout, _describe(fix)
    assert "from tensorflow.keras.models import Sequential" in model.read_text()
    again = _run(command, cwd=project, env=env)
    assert again.returncode == 0 and "Passed" in again.stdout, _describe(again)
