"""Every rule's own cases (``Rule.cases``), one test each, generated from the registry."""

from __future__ import annotations

import pytest

from tests.rules.cases import all_cases, run_case

CASES = list(all_cases())


@pytest.mark.parametrize("code,case", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_case(code, case):
    run_case(code, case)
