#!/usr/bin/env bash
# Scores promptscan on the labelled corpora in this folder (one/ and two/, see README.md), and the
# peers on the same corpora when they are installed.
#
#   Benchmarks/blind-recall/run.sh [OUT_DIR] [SET ...]   (default /tmp/blind-recall; sets: one two)
#
# Environment: PROMPTSCAN_BIN (default .build/release/promptscan), PROMPTSCAN_SHARED (default
# <repo>/../shared), PEERS_DIR (default /tmp/peers, from ../shared/bench/setup-peers.sh).
# Exit status: 0 when the run completed (whatever the score), 2 on a setup error.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-/tmp/blind-recall}"
BIN="${PROMPTSCAN_BIN:-$ROOT/.build/release/promptscan}"
SHARED="${PROMPTSCAN_SHARED:-$ROOT/../shared}"
PEERS="${PEERS_DIR:-/tmp/peers}"
[[ -x "$BIN" ]] || { echo "no promptscan binary at $BIN (build it, or set PROMPTSCAN_BIN)" >&2; exit 2; }
[[ -f "$SHARED/eval/score.py" ]] || { echo "no $SHARED/eval/score.py (set PROMPTSCAN_SHARED)" >&2; exit 2; }
mkdir -p "$OUT"
SETS=("${@:2}")
[[ ${#SETS[@]} -gt 0 ]] || SETS=(one two)
KINGFISHER="${KINGFISHER:-$PEERS/kf/kingfisher/bin/kingfisher}"
BETTERLEAKS="${BETTERLEAKS:-$PEERS/bl/betterleaks/bin/betterleaks}"
export PROMPTSCAN_TERMS_KEY="blind-recall-throwaway-key"
score() {  # NAME SARIF SET
  echo "== $3: $1"
  python3 "$SHARED/eval/score.py" "$HERE/$3/LABELS.tsv" "$2" --root "$HERE/$3/corpus" \
    --show-misses "${SHOW_MISSES:-0}" --show-fp "${SHOW_FP:-0}" | sed -n '/^category/,/^$/p;$p'
}
for set in "${SETS[@]}"; do
  [[ -d "$HERE/$set/corpus" ]] || { echo "no corpus $HERE/$set" >&2; exit 2; }
  out="$OUT/$set"
  mkdir -p "$out"
  "$BIN" terms build --input "$HERE/$set/CLIENTS.txt" --output "$out/terms.yaml" >/dev/null
  status=0
  "$BIN" scan "$HERE/$set/corpus" --terms "$out/terms.yaml" --format sarif --output "$out/promptscan.sarif" >/dev/null 2>&1 || status=$?
  [[ $status -le 1 ]] || { echo "promptscan failed with exit $status on $set" >&2; exit 2; }
  score "promptscan ($("$BIN" --version))" "$out/promptscan.sarif" "$set"
  # The peers find secrets only, so only their secret row says much. kingfisher writes SARIF;
  # betterleaks writes JSON, turned into SARIF here (every finding, whatever its confidence).
  if [[ -x "$KINGFISHER" ]]; then
    unshare -n "$KINGFISHER" scan "$HERE/$set/corpus" --no-validate --no-update-check --git-history none -f sarif \
      -o "$out/kingfisher.sarif" -q >/dev/null 2>&1 || true
    [[ -s "$out/kingfisher.sarif" ]] && score kingfisher "$out/kingfisher.sarif" "$set"
  fi
  if [[ -x "$BETTERLEAKS" ]]; then
    unshare -n "$BETTERLEAKS" fs "$HERE/$set/corpus" -o "$out/betterleaks.json" -s --no-banner --no-color --exit-code 0 \
      -l error >/dev/null 2>&1 || true
    if [[ -s "$out/betterleaks.json" ]]; then
      python3 - "$out/betterleaks.json" "$out/betterleaks.sarif" <<'PY'
import json, sys
found = json.load(open(sys.argv[1])).get("findings") or []
results = [{"ruleId": f["rule_id"], "level": "warning", "message": {"text": f["rule_id"]},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": f["location"]["path"]},
                                                "region": {"startLine": f["location"]["start_line"]}}}]}
           for f in found]
rules = [{"id": r, "properties": {"tags": ["secret"]}} for r in sorted({f["rule_id"] for f in found})]
json.dump({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "betterleaks", "rules": rules}},
                                          "results": results}]}, open(sys.argv[2], "w"))
PY
      score betterleaks "$out/betterleaks.sarif" "$set"
    fi
  fi
done
exit 0
