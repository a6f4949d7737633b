"""Users see the same bytes: every mode's output on three corpora against recorded digests.

See tests/output_lock.py. A failure names the corpus and the modes whose output changed; run
those modes by hand on the corpus (for the sdist: ``keraslint --output-format json .`` in the
unpacked Keras-2.2.4 folder) before and after the change to see how.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.output_lock import EXPECTED, FUZZ_SIZE, MODES, corpora, fuzz_sources, outputs


@pytest.mark.parametrize("corpus", ["examples", "sdist", "fuzz"])
def test_every_mode_prints_what_it_printed(corpus: str, keras224: Path, tmp_path: Path):
    expected = json.loads(EXPECTED.read_text())[corpus]
    found = outputs(corpora(keras224)[corpus], tmp_path)
    assert set(found) == set(expected) == {*MODES, "fix"}
    changed = sorted(mode for mode in found if found[mode] != expected[mode])
    assert changed == [], f"output changed on the {corpus} corpus in: {', '.join(changed)}"


def test_the_corpora_are_what_was_recorded(keras224: Path):
    files = corpora(keras224)
    assert (len(files["examples"]), len(files["sdist"])) == (42, 141)
    assert len(fuzz_sources()) == FUZZ_SIZE
    assert all(b"keras" in source for source in fuzz_sources())
