#!/usr/bin/env bash
# Reference check, outside the test suite (CI has no Python 3.7 for TensorFlow 1.13.1):
# build every model of the 42 Keras 2.2.4 examples under real Keras 2.2.4 and compare it with
# keraslint's fixed port under current TensorFlow. Exits 1 if any built model differs.
#   scripts/validate_keras224_examples.sh [REFERENCE_VENV] [EXAMPLES_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ref="${1:-${TMPDIR:-/tmp}/keraslint-ref37}"
examples="${2:-$HOME/.cache/keraslint-tests/Keras-2.2.4/examples}"
python37="${PYTHON37:-$(command -v python3.7 || echo "$HOME/.pyenv/versions/3.7.16/bin/python3.7")}"
if [ ! -x "$ref/bin/python" ]; then
    "$python37" -m venv "$ref"
    "$ref/bin/pip" install --quiet keras==2.2.4 tensorflow==1.13.1 'h5py<3' 'numpy<1.17' 'protobuf<3.21'
fi
out="$(mktemp)"
keraslint validate --config "$here/tests/validate/keras224_examples.toml" \
    --reference-python "$ref/bin/python" --output-format json "$examples" > "$out" || true
python3 - "$out" <<'PY'
import json, sys
models = json.load(open(sys.argv[1]))["models"]
built = [m for m in models if m["status"] == "built"]
matched = [m for m in built if (m["reference"] or {}).get("status") == "match"]
for m in built:
    if m not in matched:
        print(f"{m['path']}:{m['line']} {m['name']}: {m['reference']}")
print(f"{len(models)} models: {len(built)} built, {len(matched)} match Keras 2.2.4")
sys.exit(0 if len(matched) == len(built) else 1)
PY
