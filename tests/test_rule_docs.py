"""Every rule has a well-formed code, a name, a message, and ruff-style docs."""

from __future__ import annotations

import re
import sys

import pytest

from keraslint.registry import all_rules
from keraslint.rule import Invalid, Valid

RULES = list(all_rules().values())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_metadata_and_docs(rule):
    assert re.fullmatch(r"KL\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary and "\n" not in rule.summary
    assert rule.missing_doc_sections() == []
    assert "```python" in rule.docs()


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_cases_both_ways(rule):
    assert any(isinstance(case, Valid) for case in rule.cases), "no case that should pass"
    assert any(isinstance(case, Invalid) for case in rule.cases), "no case that should be flagged"
    assert all(case.message for case in rule.cases if isinstance(case, Invalid))


FAMILIES = {"0": "imports", "1": "initializers", "2": "batchnorm", "3": "optimizers",
            "4": "recurrent", "5": "keras1", "6": "training", "7": "backend", "8": "layers"}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_one_rule_per_module_named_after_it_in_its_family(rule):
    """``rules/<family>/<rule name>.py``: the hundreds digit names the family's folder."""
    assert rule.__module__ == f"keraslint.rules.{FAMILIES[rule.code[2]]}.{rule.name.replace('-', '_')}"
    module = sys.modules[rule.__module__]
    assert [value for value in vars(module).values() if value in RULES] == [rule]


def test_names_and_codes_are_unique():
    assert len({r.name for r in RULES}) == len(RULES)


def test_every_rule_says_what_it_means_on_each_target():
    from keraslint.keras224.impact import GROUPS, IMPACT

    assert set(IMPACT) == {rule.code for rule in RULES}
    assert all(len(entry) == 2 and set(entry) <= set(GROUPS) for entry in IMPACT.values())
