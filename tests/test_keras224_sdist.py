"""The whole Keras 2.2.4 sdist (keras/, tests/, docs/, setup.py; the examples have their own
tests): no crash under --fix and --fix --unsafe-fixes, and every fixed file compiles.

In-process, one file at a time, as runner.run_file does. Check mode is the first step of fix
mode (the same parse and lint), so a crash there shows here too; the fixed point is asserted
on the examples (tests/test_keras224_examples.py) and by the fuzz campaign, to keep CI short.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from keraslint.config import Settings
from keraslint.diagnostics import Applicability
from keraslint.engine import Options, check_source
from keraslint.registry import select_rules

RULES = select_rules(("ALL",), ())
FIX = Options(RULES, Settings(), fix=True)
UNSAFE = Options(RULES, Settings(), fix=True, unsafe_fixes=True)


def test_whole_sdist_without_a_crash(keras224: Path):
    paths = sorted(p for p in keras224.rglob("*.py") if "examples" not in p.relative_to(keras224).parts)
    assert len(paths) == 141  # keras/ 82, tests/ 56, docs/ 2, setup.py
    problems, fixed_files = [], 0
    with warnings.catch_warnings():  # the sdist's own invalid escape sequences
        warnings.simplefilter("ignore")
        for path in paths:
            source, name = path.read_bytes(), str(path.relative_to(keras224))
            result = check_source(source, name, FIX)
            runs = [("fix", result)]
            if any(d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in result.diagnostics):
                runs.append(("unsafe-fix", check_source(source, name, UNSAFE)))
            for mode, outcome in runs:
                if outcome.error is not None:
                    problems.append(f"{name} ({mode}): {outcome.error}")
                elif outcome.fixed_source is not None:
                    fixed_files += mode == "fix"
                    try:
                        compile(outcome.fixed_source, name, "exec", dont_inherit=True)
                    except SyntaxError as error:
                        problems.append(f"{name} ({mode}): the fixed file does not compile: {error}")
    assert problems == []
    assert fixed_files >= 50  # real work was done (55 files at the time of writing)
