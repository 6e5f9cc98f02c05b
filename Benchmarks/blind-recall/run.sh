#!/usr/bin/env bash
# Scores promptscan on the labelled corpus in this folder (see README.md), and the peers on the
# same corpus when they are installed.
#
#   Benchmarks/blind-recall/run.sh [OUT_DIR]        (default /tmp/blind-recall)
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
export PROMPTSCAN_TERMS_KEY="blind-recall-throwaway-key"
"$BIN" terms build --input "$HERE/CLIENTS.txt" --output "$OUT/terms.yaml" >/dev/null
status=0
"$BIN" scan "$HERE/corpus" --terms "$OUT/terms.yaml" --format sarif --output "$OUT/promptscan.sarif" >/dev/null || status=$?
[[ $status -le 1 ]] || { echo "promptscan failed with exit $status" >&2; exit 2; }
echo "== promptscan ($("$BIN" --version))"
python3 "$SHARED/eval/score.py" "$HERE/LABELS.tsv" "$OUT/promptscan.sarif" --root "$HERE/corpus" \
  --show-misses "${SHOW_MISSES:-0}" --show-fp "${SHOW_FP:-0}" | sed -n '/^category/,/^$/p;$p'
# The peers find secrets only, so only their secret row says much. kingfisher writes SARIF;
# betterleaks writes JSON, turned into SARIF here (every finding, whatever its confidence).
KINGFISHER="${KINGFISHER:-/tmp/peers/kf/kingfisher/bin/kingfisher}"
BETTERLEAKS="${BETTERLEAKS:-/tmp/peers/bl/betterleaks/bin/betterleaks}"
score_peer() {
  echo "== $1"
  python3 "$SHARED/eval/score.py" "$HERE/LABELS.tsv" "$2" --root "$HERE/corpus" | sed -n '/^category/,/^$/p;$p'
}
if [[ -x "$KINGFISHER" ]]; then
  unshare -n "$KINGFISHER" scan "$HERE/corpus" --no-validate --no-update-check --git-history none -f sarif \
    -o "$OUT/kingfisher.sarif" -q >/dev/null 2>&1 || true
  [[ -s "$OUT/kingfisher.sarif" ]] && score_peer kingfisher "$OUT/kingfisher.sarif"
fi
if [[ -x "$BETTERLEAKS" ]]; then
  unshare -n "$BETTERLEAKS" fs "$HERE/corpus" -o "$OUT/betterleaks.json" -s --no-banner --no-color --exit-code 0 \
    -l error >/dev/null 2>&1 || true
  if [[ -s "$OUT/betterleaks.json" ]]; then
    python3 - "$OUT/betterleaks.json" "$OUT/betterleaks.sarif" <<'PY'
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
    score_peer betterleaks "$OUT/betterleaks.sarif"
  fi
fi
exit 0
