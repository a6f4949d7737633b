"""What a run asks of the engine. Kept apart from engine.py, so that a run whose files all
come from the cache never imports the engine or the rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from keraslint.config import Settings

if TYPE_CHECKING:
    from keraslint.rule import Rule


@dataclass(frozen=True)
class Options:
    #: None: the rules ``settings.select`` and ``settings.ignore`` choose, looked up when a
    #: file is first checked.
    rules: tuple[type[Rule], ...] | None
    settings: Settings
    fix: bool = False
    unsafe_fixes: bool = False
    edits: bool = False  # compute the text edits of each fix (for JSON output)

    def for_path(self, path: str) -> Options:
        """These options for one file: its ``per-file-ignores`` added to the ignored codes."""
        extra = self.settings.ignores_for(path)
        if not extra:
            return self
        from dataclasses import replace

        settings = replace(self.settings, ignore=self.settings.ignore + extra)
        rules = None if self.rules is None else tuple(
            r for r in self.rules if not any(r.code.startswith(code) for code in extra))
        return replace(self, settings=settings, rules=rules)

    def selected(self) -> tuple[type[Rule], ...]:
        if self.rules is not None:
            return self.rules
        from keraslint.registry import select_rules

        return select_rules(self.settings.select, self.settings.ignore, self.settings.target)
