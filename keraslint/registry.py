"""All rules, by code, and selection by code or prefix."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from keraslint.failures import PARSE_ERROR  # not a rule: KL000, a file not processed
from keraslint.keras224.impact import GROUPS  # raises, changes, unchanged: selectable by name
from keraslint.keras224.targets import Target

if TYPE_CHECKING:
    from keraslint.rule import Rule

CODE_PATTERN = re.compile(r"^KL\d{3}$")


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Every rule class in ``keraslint.rules`` and its family packages, discovered once, sorted by code."""
    import keraslint.rules as package
    from keraslint.rule import Rule

    found: dict[str, type[Rule]] = {}
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and "code" in vars(value):
                if value.code in found and found[value.code] is not value:
                    raise RuntimeError(f"duplicate rule code {value.code}")
                found[value.code] = value
    return dict(sorted(found.items()))


def is_valid_selector(selector: str) -> bool:
    """``ALL``, a full code, a prefix of at least one code (``KL1``, ``KL10``), or the name of
    a group of findings by what they mean on the target: ``raises``, ``changes``, ``unchanged``."""
    if selector == "ALL" or selector.lower() in GROUPS:
        return True
    return any(code.startswith(selector) for code in (*all_rules(), PARSE_ERROR))


@lru_cache(maxsize=None)
def select_rules(select: tuple[str, ...], ignore: tuple[str, ...], target: Target = Target.KERAS3) -> tuple[type[Rule], ...]:
    """Rules enabled by ``select`` minus ``ignore``; the most specific selector wins: a full
    code or a prefix beats a group name (``raises``, ``changes``, ``unchanged``: what the
    finding means on ``target``), which beats ``ALL``."""
    from keraslint.keras224.impact import impact

    chosen = []
    for code, rule in all_rules().items():
        group = impact(code, target)
        best_select = _best_match(code, group, select)
        if rule.explicit and code not in select:
            best_select = -1
        if best_select >= 0 and best_select > _best_match(code, group, ignore):
            chosen.append(rule)
    return tuple(chosen)


def _best_match(code: str, group: str | None, selectors: tuple[str, ...]) -> int:
    """How specific the most specific selector matching ``code`` is: ``ALL`` 0, its group 1,
    a prefix or code its length; -1 if none matches."""
    best = -1
    for selector in selectors:
        if selector == "ALL":
            best = max(best, 0)
        elif selector.lower() in GROUPS:
            best = max(best, 1) if selector.lower() == group else best
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best
