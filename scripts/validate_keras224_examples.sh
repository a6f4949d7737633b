#!/usr/bin/env bash
# The reference check by hand (the test suite runs it too: tests/validate/test_reference.py):
# build every model of the 42 Keras 2.2.4 examples under real Keras 2.2.4 and compare it with
# keraslint's fixed port under current TensorFlow. Exits 1 if any built model differs.
#   scripts/validate_keras224_examples.sh [--unsafe-fixes] [REFERENCE_VENV] [EXAMPLES_DIR]
# --unsafe-fixes builds the port `keraslint --fix --unsafe-fixes` writes. The keraslint on PATH
# is the one run (its location is printed first).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
fixes=()
if [ "${1:-}" = "--unsafe-fixes" ]; then
    fixes=(--unsafe-fixes)
    shift
fi
reference_python="$(python3 "$here/scripts/reference_env.py" ${1:+"$1"})"
examples="${2:-$HOME/.cache/keraslint-tests/Keras-2.2.4/examples}"
out="$(mktemp)"
echo "keraslint: $(command -v keraslint)" >&2
keraslint validate ${fixes[@]+"${fixes[@]}"} --config "$here/tests/validate/keras224_examples.toml" \
    --reference-python "$reference_python" --output-format json "$examples" > "$out" || true
python3 "$here/scripts/reference_figures.py" "$out"
