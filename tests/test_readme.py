"""The README's promises: its two opening commands, its rules table, and CI's command."""

from __future__ import annotations

import re
from pathlib import Path

from keraslint.registry import all_rules
from tests.helpers import run_keraslint

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _code_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", README, re.S)


def test_readme_opens_with_install_and_test_commands():
    first, second = _code_blocks()[:2]
    assert first.strip() == "pip install -e . && keraslint --diff fixtures/"
    assert second.strip() == "pip install -e '.[test]' && python -m pytest -q"
    # Both come before any section heading.
    assert README.index(first) < README.index("\n## ")


def test_ci_runs_the_readme_test_command():
    test_command = _code_blocks()[1].strip()
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command in ci.splitlines()


def test_main_job_on_fixtures_shows_fixes_and_writes_nothing():
    before = {p: p.read_bytes() for p in (ROOT / "fixtures").glob("*.py")}
    done = run_keraslint("--diff", "fixtures/", cwd=ROOT)
    assert done.returncode == 1
    diff = done.stdout.decode()
    assert "+from tensorflow.keras.layers import" in diff
    assert "kernel_initializer='glorot_uniform'" in diff
    assert {p: p.read_bytes() for p in before} == before


def test_rules_table_lists_every_rule():
    rows = re.findall(r"^\| (KL\d{3}) \| ([a-z0-9-]+) \|", README, re.M)
    assert rows == [(code, rule.name) for code, rule in all_rules().items()]
