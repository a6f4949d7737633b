"""Before -> after checks shared by the rule tests (django-upgrade's check_noop/check_transformed)."""

from __future__ import annotations

import ast

from keraslint.config import Settings
from keraslint.diagnostics import Diagnostic
from keraslint.engine import Options, check_source
from keraslint.registry import all_rules, select_rules
from keraslint.rule import Invalid, Valid


def lint(source: str, select: tuple[str, ...] = ("ALL",), **settings) -> list[Diagnostic]:
    options = Options(select_rules(select, ()), Settings(**settings))
    return list(check_source(source.encode(), "case.py", options).diagnostics)


def fix(source: str, select: tuple[str, ...] = ("ALL",), *, unsafe: bool = False, **settings) -> str:
    options = Options(select_rules(select, ()), Settings(**settings), fix=True, unsafe_fixes=unsafe)
    result = check_source(source.encode(), "case.py", options)
    assert result.error is None, result.error
    return source if result.fixed_source is None else result.fixed_source.decode()


def check_noop(source: str, select: tuple[str, ...] = ("ALL",), **settings) -> None:
    """No finding, and --fix leaves the text byte-identical."""
    found = lint(source, select, **settings)
    assert found == [], [f"{d.code} {d.message}" for d in found]
    assert fix(source, select, **settings) == source


def check_transformed(before: str, after: str, select: tuple[str, ...] = ("ALL",), *,
                      unsafe: bool = False, **settings) -> None:
    """Flagged; --fix gives exactly ``after``, which parses and is a fixed point."""
    found = lint(before, select, **settings)
    assert found, f"expected a finding for {select}"
    assert all(any(d.code.startswith(s) or s == "ALL" for s in select) for d in found)
    fixed = fix(before, select, unsafe=unsafe, **settings)
    assert fixed == after
    ast.parse(fixed)
    assert fix(fixed, select, unsafe=unsafe, **settings) == fixed, "a second --fix changed the code"


def all_cases():
    """(id, rule code, case) for every ``Valid``/``Invalid`` case declared on a rule."""
    for code, rule in all_rules().items():
        for i, case in enumerate(rule.cases):
            yield f"{code}-{type(case).__name__.lower()}-{i}", code, case


def run_case(code: str, case: Valid | Invalid) -> None:
    """A rule's own case, on the case's target (else the rule's ``case_target``)."""
    target = case.target or all_rules()[code].case_target
    if isinstance(case, Valid):
        check_noop(case.code, (code,), target=target)
        assert fix(case.code, (code,), unsafe=True, target=target) == case.code
        return
    found = lint(case.code, (code,), target=target)
    assert found, f"expected a {code} finding"
    assert found[0].message == case.message
    if case.fixed is None:  # reported without a fix: nothing is written, even unsafe
        assert all(d.fix is None or not d.fix.applicability.applies(True) for d in found)
        assert fix(case.code, (code,), unsafe=True, target=target) == case.code
        return
    safe = fix(case.code, (code,), target=target)
    if case.unsafe:
        assert safe != case.fixed, "the fix applies without --unsafe-fixes"
    check_transformed(case.code, case.fixed, (code,), unsafe=case.unsafe, target=target)
