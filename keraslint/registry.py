"""All rules, by code, and selection by code or prefix."""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keraslint.rule import Rule

CODE_PATTERN = re.compile(r"^KL\d{3}$")
PARSE_ERROR = "KL000"  # not a rule: a file that could not be read or parsed


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Every rule class in ``keraslint.rules``, discovered once, sorted by code."""
    import keraslint.rules as package
    from keraslint.rule import Rule

    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and "code" in vars(value):
                if value.code in found and found[value.code] is not value:
                    raise RuntimeError(f"duplicate rule code {value.code}")
                found[value.code] = value
    return dict(sorted(found.items()))


def is_valid_selector(selector: str) -> bool:
    """``ALL``, a full code, or a prefix of at least one code (``KL1``, ``KL10``)."""
    if selector == "ALL":
        return True
    return any(code.startswith(selector) for code in (*all_rules(), PARSE_ERROR))


@lru_cache(maxsize=None)
def select_rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[type[Rule], ...]:
    """Rules enabled by ``select`` minus ``ignore``; the most specific selector wins."""
    chosen = []
    for code, rule in all_rules().items():
        best_select = _best_match(code, select)
        if rule.explicit and code not in select:
            best_select = -1
        best_ignore = _best_match(code, ignore)
        if best_select >= 0 and best_select > best_ignore:
            chosen.append(rule)
    return tuple(chosen)


def _best_match(code: str, selectors: tuple[str, ...]) -> int:
    """Length of the longest selector that matches ``code``; -1 if none does."""
    best = -1
    for selector in selectors:
        if selector == "ALL":
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best
