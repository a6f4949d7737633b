"""docs/rules.md is generated from the rules; this fails when it is stale."""

from __future__ import annotations

import json
from pathlib import Path

from keraslint.registry import all_rules
from keraslint.ruledocs import markdown
from tests.helpers import run_keraslint

RULES_MD = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_rules_md_is_up_to_date():
    assert RULES_MD.read_text() == markdown(list(all_rules().values())), (
        "docs/rules.md is stale: run `keraslint rule --all --output-format markdown > docs/rules.md`"
    )


def test_the_command_prints_the_file():
    done = run_keraslint("rule", "--all", "--output-format", "markdown")
    assert done.returncode == 0
    assert done.stdout.decode() == RULES_MD.read_text()


def test_every_rule_has_a_section_with_its_docs_and_an_anchor_the_links_use():
    text = RULES_MD.read_text()
    for code, rule in all_rules().items():
        assert f"\n## {code} {rule.name}\n" in text
        assert f"| [{code}](#{code.lower()}-{rule.name}) | {rule.name} |" in text
        first_section = rule.docs().split("\n", 1)[1].split("\n\n")[0]  # text under "What it does"
        assert first_section in text


def test_rule_all_json_for_tooling():
    data = json.loads(run_keraslint("rule", "--all", "--output-format", "json").stdout)
    assert [item["code"] for item in data] == list(all_rules())
    kl101 = next(item for item in data if item["code"] == "KL101")
    rule = all_rules()["KL101"]
    assert kl101 == {
        "code": "KL101", "name": rule.name, "summary": rule.summary, "fix": rule.fix_title,
        "explicit": False, "explanation": rule.docs(),
        "url": f"https://github.com/keraslint/keraslint/blob/main/docs/rules.md#kl101-{rule.name}",
    }
    one = json.loads(run_keraslint("rule", "KL309", "--output-format", "json").stdout)
    assert one["code"] == "KL309" and one["explicit"] is True
