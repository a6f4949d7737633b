"""Every --output-format, exactly, on one fixed input; SARIF also against the SARIF 2.1.0 schema.

The input has a safe fix on an import (KL001), a finding with no fix (KL002) and a safe fix
on a call (KL101), so each format shows a fixable and an unfixable finding.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from keraslint import __version__
from keraslint.registry import all_rules
from tests.helpers import run_keraslint

SOURCE = b"from keras.layers import Dense\nfrom keras.utils import multi_gpu_model\nm = Dense(3)\n"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
DOCS = "https://github.com/keraslint/keraslint/blob/main/docs/rules.md"
KL001 = "Standalone `keras` import; use `tensorflow.keras.layers`"
KL002 = ("`keras.utils.multi_gpu_model` has no tf.keras home: multi_gpu_model was removed; "
         "use tf.distribute.MirroredStrategy")
KL101 = "`Dense` relies on the implicit `kernel_initializer` default"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "model.py").write_bytes(SOURCE)
    return tmp_path


def output(project: Path, output_format: str, *args: str, env: dict | None = None) -> str:
    done = run_keraslint("--output-format", output_format, *args, "model.py", cwd=project, env=env)
    assert done.returncode == 1, done.stderr
    return done.stdout.decode()


def test_concise(project: Path):
    assert output(project, "concise") == (
        f"model.py:1:1: KL001 [*] {KL001}\n"
        f"model.py:2:25: KL002 {KL002}\n"
        f"model.py:3:5: KL101 [*] {KL101}\n"
    )
    assert output(project, "text") == output(project, "concise")


def test_full(project: Path):
    assert output(project, "full") == f"""\
model.py:1:1: KL001 [*] {KL001}
  |
1 | from keras.layers import Dense
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ KL001
2 | from keras.utils import multi_gpu_model
3 | m = Dense(3)
  |
  = help: Import from `tensorflow.keras`

  Safe fix
1   |-from keras.layers import Dense
  1 |+from tensorflow.keras.layers import Dense

model.py:2:25: KL002 {KL002}
  |
1 | from keras.layers import Dense
2 | from keras.utils import multi_gpu_model
  |                         ^^^^^^^^^^^^^^^ KL002
3 | m = Dense(3)
  |

model.py:3:5: KL101 [*] {KL101}
  |
1 | from keras.layers import Dense
2 | from keras.utils import multi_gpu_model
3 | m = Dense(3)
  |     ^^^^^^^^ KL101
  |
  = help: Pin `kernel_initializer='glorot_uniform'`

  Safe fix
3   |-m = Dense(3)
  3 |+m = Dense(3, kernel_initializer='glorot_uniform')

"""


def test_json_lines(project: Path):
    assert output(project, "json-lines") == (
        '{"code":"KL001","message":"Standalone `keras` import; use `tensorflow.keras.layers`",'
        '"filename":"model.py","cell":null,"location":{"row":1,"column":1},'
        '"end_location":{"row":1,"column":31},"fix":{"applicability":"safe",'
        '"message":"Import from `tensorflow.keras`","edits":[{"content":"tensorflow.",'
        '"location":{"row":1,"column":6},"end_location":{"row":1,"column":6}}]},"noqa_row":1,'
        f'"url":"{DOCS}#kl001-standalone-keras-import"}}\n'
        f'{{"code":"KL002","message":"{KL002}","filename":"model.py","cell":null,'
        '"location":{"row":2,"column":25},"end_location":{"row":2,"column":40},"fix":null,'
        f'"noqa_row":2,"url":"{DOCS}#kl002-keras-name-without-tf-keras-home"}}\n'
        f'{{"code":"KL101","message":"{KL101}","filename":"model.py","cell":null,'
        '"location":{"row":3,"column":5},"end_location":{"row":3,"column":13},'
        '"fix":{"applicability":"safe","message":"Pin `kernel_initializer=\'glorot_uniform\'`",'
        '"edits":[{"content":", kernel_initializer=\'glorot_uniform\'","location":{"row":3,"column":12},'
        '"end_location":{"row":3,"column":12}}]},"noqa_row":3,'
        f'"url":"{DOCS}#kl101-implicit-kernel-initializer"}}\n'
    )


def test_json_lines_and_json_hold_the_same_objects(project: Path):
    lines = [json.loads(line) for line in output(project, "json-lines").splitlines()]
    assert lines == json.loads(output(project, "json"))


def test_github(project: Path):
    assert output(project, "github") == (
        "::warning file=model.py,line=1,col=1,endLine=1,endColumn=31,title=KL001::"
        f"model.py:1:1: KL001 {KL001}\n"
        "::warning file=model.py,line=2,col=25,endLine=2,endColumn=40,title=KL002::"
        f"model.py:2:25: KL002 {KL002}\n"
        "::warning file=model.py,line=3,col=5,endLine=3,endColumn=13,title=KL101::"
        f"model.py:3:5: KL101 {KL101}\n"
    )


def test_github_escapes_workflow_command_characters(tmp_path: Path):
    (tmp_path / "a,b:100%.py").write_bytes(b"import keras\n")
    done = run_keraslint("--output-format", "github", "a,b:100%.py", cwd=tmp_path)
    assert done.stdout.decode() == (
        "::warning file=a%2Cb%3A100%25.py,line=1,col=1,endLine=1,endColumn=13,title=KL001::"
        "a,b:100%25.py:1:1: KL001 Standalone `keras` import; use `tensorflow.keras`\n"
    )


def _gitlab_issue(code, message, fingerprint, begin, end, path="model.py"):
    return {
        "check_name": code,
        "description": f"{code}: {message}",
        "severity": "major",
        "fingerprint": fingerprint,
        "location": {"path": path, "positions": {
            "begin": {"line": begin[0], "column": begin[1]},
            "end": {"line": end[0], "column": end[1]},
        }},
    }


def test_gitlab(project: Path):
    expected = [
        _gitlab_issue("KL001", KL001, "1c6a5d6c660c1751fd1aba43d68fde30", (1, 1), (1, 31)),
        _gitlab_issue("KL002", KL002, "feed66c8aa754a9ed0ac1ce8f8066476", (2, 25), (2, 40)),
        _gitlab_issue("KL101", KL101, "c1c8f5f594d442384d4ca6859f4b6ecf", (3, 5), (3, 13)),
    ]
    assert output(project, "gitlab") == json.dumps(expected, indent=2) + "\n"


def test_gitlab_paths_relative_to_ci_project_dir_and_unique_fingerprints(project: Path):
    (project / "src").mkdir()
    (project / "src" / "twice.py").write_bytes(b"from keras.layers import Dense\na = Dense(1)\nb = Dense(1)\n")
    env = {**os.environ, "CI_PROJECT_DIR": str(project)}
    done = run_keraslint("--output-format", "gitlab", str(project / "src"), cwd=project, env=env)
    issues = json.loads(done.stdout)
    assert {i["location"]["path"] for i in issues} == {"src/twice.py"}
    kl101 = [i for i in issues if i["check_name"] == "KL101"]
    assert len(kl101) == 2 and kl101[0]["fingerprint"] != kl101[1]["fingerprint"]


def test_junit(project: Path):
    assert output(project, "junit") == f"""\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="keraslint" tests="3" failures="3" errors="0">
    <testsuite name="model.py" tests="3" disabled="0" errors="0" failures="3" package="org.keraslint">
        <testcase name="org.keraslint.KL001" classname="model" line="1" column="1">
            <failure message="{KL001}">line 1, col 1, {KL001}</failure>
        </testcase>
        <testcase name="org.keraslint.KL002" classname="model" line="2" column="25">
            <failure message="{KL002}">line 2, col 25, {KL002}</failure>
        </testcase>
        <testcase name="org.keraslint.KL101" classname="model" line="3" column="5">
            <failure message="{KL101}">line 3, col 5, {KL101}</failure>
        </testcase>
    </testsuite>
</testsuites>
"""


def test_junit_without_findings_is_one_passing_case(tmp_path: Path):
    (tmp_path / "clean.py").write_bytes(b"import os\n")
    done = run_keraslint("--output-format", "junit", "clean.py", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.decode() == """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="keraslint" tests="1" failures="0" errors="0">
    <testsuite name="keraslint" tests="1" disabled="0" errors="0" failures="0" package="org.keraslint">
        <testcase name="No errors found" classname="keraslint"/>
    </testsuite>
</testsuites>
"""


def test_pylint(project: Path):
    assert output(project, "pylint") == (
        f"model.py:1: [KL001] {KL001}\n"
        f"model.py:2: [KL002] {KL002}\n"
        f"model.py:3: [KL101] {KL101}\n"
    )


def _sarif_rule(code: str) -> dict:
    rule = all_rules()[code]
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs()},
        "help": {"text": rule.docs(), "markdown": rule.docs()},
        "helpUri": f"{DOCS}#{code.lower()}-{rule.name}",
        "defaultConfiguration": {"level": "warning"},
    }


def _region(start, end) -> dict:
    return {"startLine": start[0], "startColumn": start[1], "endLine": end[0], "endColumn": end[1]}


def _sarif_result(code, index, message, start, end, fix=None) -> dict:
    result = {
        "ruleId": code,
        "ruleIndex": index,
        "level": "warning",
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "model.py"}, "region": _region(start, end),
        }}],
    }
    if fix is not None:
        title, at, content = fix
        result["fixes"] = [{
            "description": {"text": f"{title} (safe fix)"},
            "artifactChanges": [{
                "artifactLocation": {"uri": "model.py"},
                "replacements": [{"deletedRegion": _region(at, at), "insertedContent": {"text": content}}],
            }],
        }]
    return result


def test_sarif(project: Path):
    expected = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "keraslint",
                "informationUri": "https://github.com/keraslint/keraslint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_sarif_rule("KL001"), _sarif_rule("KL002"), _sarif_rule("KL101")],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [
                _sarif_result("KL001", 0, KL001, (1, 1), (1, 31),
                              ("Import from `tensorflow.keras`", (1, 6), "tensorflow.")),
                _sarif_result("KL002", 1, KL002, (2, 25), (2, 40)),
                _sarif_result("KL101", 2, KL101, (3, 5), (3, 13),
                              ("Pin `kernel_initializer='glorot_uniform'`", (3, 12),
                               ", kernel_initializer='glorot_uniform'")),
            ],
        }],
    }
    assert output(project, "sarif") == json.dumps(expected, indent=2) + "\n"


def _validate_sarif(text: str) -> None:
    import jsonschema  # in the `test` extra: a missing one fails here, never skips

    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(json.loads(text)), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_sarif_validates_against_the_schema(project: Path, tmp_path: Path):
    (project / "broken.py").write_bytes(b"import keras\nprint 'x'\n")  # KL000, error level
    (project / "clean.py").write_bytes(b"import os\n")
    done = run_keraslint("--output-format", "sarif", ".", cwd=project)
    log = json.loads(done.stdout)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"KL000", "KL001", "KL002", "KL101"}
    _validate_sarif(done.stdout.decode())
    empty = run_keraslint("--output-format", "sarif", "clean.py", cwd=project)
    assert json.loads(empty.stdout)["runs"][0]["results"] == []
    _validate_sarif(empty.stdout.decode())


def test_the_schema_rejects_an_invalid_log():
    """The validation above has teeth: a result without a message fails it."""
    import jsonschema

    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "KL1"}]}]}
    with pytest.raises(AssertionError):
        _validate_sarif(json.dumps(bad))
    assert jsonschema.Draft4Validator(json.loads(SCHEMA.read_text())).is_valid({"version": "2.1.0", "runs": []})


def test_output_file_gets_the_report_and_stdout_stays_empty(project: Path):
    done = run_keraslint("--output-format", "json-lines", "-o", "report.jsonl", "model.py", cwd=project)
    assert done.returncode == 1
    assert done.stdout == b""
    assert (project / "report.jsonl").read_text() == output(project, "json-lines")
    assert b"Found 3 errors." in done.stderr
    assert run_keraslint("--output-file", "out.txt", "model.py", cwd=project).returncode == 1
    assert (project / "out.txt").read_text() == output(project, "concise")


def test_unwritable_output_file_is_one_clear_error(project: Path):
    done = run_keraslint("-o", "missing-dir/report.txt", "model.py", cwd=project)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "cannot write missing-dir/report.txt" in err and "Traceback" not in err
