"""What keraslint prints and writes on three corpora, in every mode, as digests.

A restructuring must not change what users see. ``tests/test_output_unchanged.py`` runs the
command line on the 42 Keras 2.2.4 examples, the rest of the Keras 2.2.4 sdist and a fuzz
corpus, in every output format, with ``--statistics``, ``--diff`` (safe and unsafe), on the
keras2 target and with ``--fix``, and compares the SHA-256 of each output with
``tests/expected/outputs.json``. The third-party code itself is never stored: the sdist is
downloaded by the tests, and only digests of what keraslint made of it are kept.

    python -m tests.output_lock --record     # after a change that is meant to change output
    python -m tests.output_lock --corpus     # make tests/data/fuzz_corpus.json again

Recording is for changes of behaviour, stated in the commit; a refactor records nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from keraslint import __version__
from keraslint.report import FORMATS

TESTS = Path(__file__).resolve().parent
EXPECTED = TESTS / "expected" / "outputs.json"
FUZZ_CORPUS = TESTS / "data" / "fuzz_corpus.json"
FUZZ_SIZE = 300

#: mode name → the command line's options. The first run of each lint mode fills the cache,
#: which the format runs after it read, as a user's second run would.
MODES: dict[str, list[str]] = {
    **{f"format-{name}": ["--output-format", name] for name in FORMATS},
    "statistics": ["--statistics"],
    "target-keras2": ["--target", "keras2", "--output-format", "concise"],
    "diff": ["--diff", "--show-fixes"],
    "diff-unsafe": ["--diff", "--unsafe-fixes"],
}


def fuzz_sources() -> list[bytes]:
    data = json.loads(FUZZ_CORPUS.read_text())
    return [text.encode("utf-8", "surrogateescape") for text in data["modules"]]


def corpora(keras224: Path) -> dict[str, dict[str, bytes]]:
    """Corpus name → {relative path: bytes}."""
    sdist = {str(p.relative_to(keras224)): p.read_bytes() for p in sorted(keras224.rglob("*.py"))}
    return {
        "examples": {k: v for k, v in sdist.items() if k.startswith("examples/")},
        "sdist": {k: v for k, v in sdist.items() if not k.startswith("examples/")},
        "fuzz": {f"fuzz/m{i:03d}.py": source for i, source in enumerate(fuzz_sources())},
    }


def _lay_out(files: dict[str, bytes], root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source)


def _run(root: Path, options: list[str]) -> bytes:
    """Exit code, stdout and stderr of ``keraslint OPTIONS .`` in ``root``, as one text."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-m", "keraslint", *options, "-j", "2", "."], cwd=root,
                          capture_output=True, env=env)
    return b"exit %d\n--- stdout\n%s\n--- stderr\n%s" % (done.returncode, done.stdout, done.stderr)


def _normal(output: bytes, root: Path) -> bytes:
    """Without what differs between machines and versions: the scratch folder and the version."""
    for path in {str(root), str(root.resolve())}:
        output = output.replace(path.encode(), b"<root>").replace(Path(path).as_uri().encode(), b"<root-uri>")
    return output.replace(__version__.encode(), b"<version>")


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and ".keraslint_cache" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def outputs(files: dict[str, bytes], scratch: Path) -> dict[str, str]:
    """Mode → SHA-256 of what keraslint printed (and, for ``fix``, the tree it left)."""
    root = scratch / "corpus"
    _lay_out(files, root)
    found = {}
    for mode, options in MODES.items():
        found[mode] = hashlib.sha256(_normal(_run(root, options), root)).hexdigest()
    printed = _normal(_run(root, ["--fix", "--no-cache"]), root)
    found["fix"] = hashlib.sha256(printed + _tree_digest(root).encode()).hexdigest()
    return found


def record(keras224: Path, scratch: Path) -> None:
    expected = {name: outputs(files, scratch / name) for name, files in corpora(keras224).items()}
    EXPECTED.write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


def make_fuzz_corpus() -> None:
    """FUZZ_SIZE modules from the fuzz campaign's generator, drawn once and kept as data, so that
    the corpus does not move with hypothesis' version."""
    from hypothesis import HealthCheck, Phase, given, seed, settings

    from tests.keras_fuzz import keras_modules

    drawn: list[bytes] = []

    @seed(224)
    @settings(max_examples=4 * FUZZ_SIZE, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), deadline=None)
    @given(keras_modules())
    def draw(source: bytes) -> None:
        drawn.append(source)

    draw()
    modules = [source.decode("utf-8", "surrogateescape") for source in dict.fromkeys(drawn)][:FUZZ_SIZE]
    FUZZ_CORPUS.write_text(json.dumps({"generator": "tests/keras_fuzz.py::keras_modules", "modules": modules},
                                      indent=1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write tests/expected/outputs.json")
    parser.add_argument("--corpus", action="store_true", help="write tests/data/fuzz_corpus.json")
    args = parser.parse_args()
    if args.corpus:
        make_fuzz_corpus()
    if args.record:
        import tempfile

        from tests.conftest import SDIST_NAME, _cache_dir

        keras224 = _cache_dir() / SDIST_NAME
        if not (keras224 / "examples").is_dir():
            sys.exit("run the test suite once first: it downloads the Keras 2.2.4 sdist")
        with tempfile.TemporaryDirectory() as scratch:
            record(keras224, Path(scratch))


if __name__ == "__main__":
    main()
