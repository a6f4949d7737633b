"""The harness's comparison of traces, on hand-made traces (no TensorFlow needed)."""

from __future__ import annotations

from tests.programs import harness


def approx(value, rel=1e-3, abs_=0.0):
    return {"~": value, "rel": rel, "abs": abs_}


def test_approximate_numbers_compare_within_their_tolerance() -> None:
    assert harness.compare({"loss": approx([1.0, 0.5])}, {"loss": approx([1.0005, 0.5])}) == []
    assert harness.compare({"loss": approx([1.0, 0.5])}, {"loss": approx([1.01, 0.5])}) == ["loss"]
    assert harness.compare({"x": approx(0.0, abs_=1e-4)}, {"x": approx(5e-5, abs_=1e-4)}) == []


def test_exact_values_keys_and_types_must_match() -> None:
    assert harness.compare({"keys": ["acc", "loss"]}, {"keys": ["accuracy", "loss"]}) == ["keys"]
    assert harness.compare({"n": 1}, {"n": 1.0}) == [] and harness.compare({"n": 1}, {"n": "1"}) == ["n"]
    assert harness.compare({"shape": [2, 3]}, {"shape": [2, 3], "extra": 1}) == ["extra"]
    assert harness.compare({"lr": 0.1}, {"lr": 0.1 + 1e-9}) == []  # float32 round trip
    assert harness.compare({"flag": True}, {"flag": 1}) == ["flag"]


def test_a_row_reports_crashes_and_differences() -> None:
    ok, crash = harness.Run("ok", {"a": 1}), harness.Run("crash", error="KeyError: 'lr'")
    row = harness.Row("p", ok, {"keras3": crash, "naive": harness.Run("ok", {"a": 2})},
                      {"keras3": ["a"], "naive": ["a"]})
    assert row.verdict("keras3") == "crash: KeyError: 'lr'" and row.verdict("naive") == "differs: a"
    table = harness.markdown([row], ["naive", "keras3"])
    assert "| p | runs | differs: a | crash: KeyError: 'lr' |" in table
    assert "- `p` (keras3): not explained yet." in table and "(naive)" not in table.split("Why")[1]


def test_the_last_error_line_skips_logs_and_warnings() -> None:
    stderr = "W0000 log line\nTraceback (most recent call last):\n  File x\nKeyError: 'lr'\nWARNING: shutdown\n"
    assert harness.last_error_line(stderr) == "KeyError: 'lr'"


def test_the_corpus_is_the_programs_only() -> None:
    names = {p.name for p in harness.programs()}
    assert len(names) >= 80 and not names & {"harness.py", "known.py", "_trace.py", "__init__.py"}
    assert not any(n.startswith("test_") for n in names)
