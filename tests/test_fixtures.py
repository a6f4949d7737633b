"""The shipped fixtures: each fixture's --fix output is reviewed and kept in tests/expected/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import run_keraslint

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").glob("*.py"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_fixture_fixed_as_expected(fixture: Path, tmp_path: Path):
    target = tmp_path / fixture.name
    target.write_bytes(fixture.read_bytes())
    first = run_keraslint("--fix", str(target))
    assert first.returncode in (0, 1), first.stderr.decode()
    fixed = target.read_text()
    assert fixed == (ROOT / "tests" / "expected" / fixture.name).read_text()
    ast.parse(fixed)
    second = run_keraslint("--fix", str(target))
    assert target.read_text() == fixed, "a second --fix changed the file"
    assert second.returncode == first.returncode


def test_fixtures_cover_the_common_shapes():
    text = {f.stem: f.read_text() for f in FIXTURES}
    assert "Sequential()" in text["sequential_mnist"]
    assert "Model([story, question], answer)" in text["functional_api"]
    assert "def build_model(" in text["builder_function"]
    assert "from keras.layers import *" in text["star_and_aliases"]
    assert "import Dense as FC" in text["star_and_aliases"]
