"""The project stands on its own: no file refers to anything outside the repository, and the
facts page the code cites has the sections it cites."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE = ("../shared", "keras-defaults.md")


def _files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def test_no_file_refers_outside_the_repository() -> None:
    found = []
    for path in _files():
        if path.name == Path(__file__).name or path.suffix in (".png", ".h5", ".gz"):
            continue
        text = path.read_text(errors="replace")
        found += [f"{path.relative_to(ROOT)}: {marker}" for marker in OUTSIDE if marker in text]
    assert found == []


def test_cited_sections_of_the_facts_page_exist() -> None:
    sections = set(re.findall(r"^##+ (\d+[a-z]?)\. ", (ROOT / "docs" / "facts.md").read_text(), re.M))
    cited = {(str(path.relative_to(ROOT)), number) for path in _files() if path.suffix in (".py", ".md")
             for number in re.findall(r"docs/facts\.md §(\d+[a-z]?)", path.read_text(errors="replace"))}
    assert cited, "nothing cites docs/facts.md: this test would check nothing"
    assert [c for c in cited if c[1] not in sections] == []
