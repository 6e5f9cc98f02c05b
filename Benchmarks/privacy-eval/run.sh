#!/usr/bin/env bash
# Scores promptscan on a Faker-generated corpus of personal and health data kept outside the repo.
#
#   Benchmarks/privacy-eval/run.sh [OUT_DIR]        (default /tmp/privacy-eval)
#
# 1. installs Faker from PyPI into OUT_DIR/venv if needed;
# 2. writes the corpus, LABELS.tsv and the client list with generate.py (seeded; PRIVACY_EVAL_SEED);
# 3. hashes the client list with `promptscan terms build` (a throwaway key);
# 4. scans the corpus with the client list and scores the SARIF with ../shared/eval/score.py.
#
# Environment: PROMPTSCAN_BIN (default .build/release/promptscan), PROMPTSCAN_SHARED (default
# <repo>/../shared), PRIVACY_EVAL_SEED (default 2026), PRIVACY_EVAL_PEOPLE (default 60).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-/tmp/privacy-eval}"
BIN="${PROMPTSCAN_BIN:-$ROOT/.build/release/promptscan}"
SHARED="${PROMPTSCAN_SHARED:-$ROOT/../shared}"
[[ -x "$BIN" ]] || { echo "no promptscan binary at $BIN (build it, or set PROMPTSCAN_BIN)" >&2; exit 2; }
[[ -f "$SHARED/eval/score.py" ]] || { echo "no $SHARED/eval/score.py (set PROMPTSCAN_SHARED)" >&2; exit 2; }
mkdir -p "$OUT"
if [[ ! -x "$OUT/venv/bin/python" ]] || ! "$OUT/venv/bin/python" -c 'import faker' 2>/dev/null; then
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install --quiet faker
fi
rm -rf "$OUT/corpus"
"$OUT/venv/bin/python" "$HERE/generate.py" "$OUT" --seed "${PRIVACY_EVAL_SEED:-2026}" --people "${PRIVACY_EVAL_PEOPLE:-60}"
export PROMPTSCAN_TERMS_KEY="privacy-eval-throwaway-key"
"$BIN" terms build --input "$OUT/terms.txt" --output "$OUT/terms.yaml"
status=0
"$BIN" scan "$OUT/corpus" --terms "$OUT/terms.yaml" --format sarif --output "$OUT/results.sarif" >/dev/null || status=$?
[[ $status -le 1 ]] || { echo "promptscan failed with exit code $status" >&2; exit "$status"; }
python3 "$SHARED/eval/score.py" "$OUT/LABELS.tsv" "$OUT/results.sarif" --root "$OUT/corpus" --show-misses 30 --show-fp 30
