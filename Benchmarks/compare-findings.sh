#!/usr/bin/env bash
# Checks that an optimisation changed no result: runs two promptscan binaries over the same folders
# and compares their findings (rule, path, line, column, fingerprint) and notices, ignoring
# timestamps and the command line. Exit 0 when identical, 1 with a diff otherwise.
#
#   Benchmarks/compare-findings.sh OLD_BINARY NEW_BINARY DIR [DIR ...]
#   e.g. Benchmarks/compare-findings.sh /tmp/promptscan-before .build/release/promptscan \
#          /tmp/bench-corpus/real /tmp/bench-corpus/one-big Tests/Fixtures/eval/corpus
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n '2,9p' "$0"; exit 2; }
old="$1"; new="$2"; shift 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
normalise() {  # SARIF -> one sorted line per result and notification
  python3 - "$1" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
rows = []
for r in run.get("results", []):
    loc = r["locations"][0]["physicalLocation"]
    reg = loc.get("region", {})
    rows.append("result\t%s\t%s\t%s:%s-%s:%s\t%s\t%s" % (
        r["ruleId"], loc["artifactLocation"]["uri"], reg.get("startLine"), reg.get("startColumn"),
        reg.get("endLine"), reg.get("endColumn"), r.get("level"), r["partialFingerprints"].get("promptscan/v1")))
for inv in run.get("invocations", []):
    for n in inv.get("toolExecutionNotifications", []):
        rows.append("notice\t" + n["message"]["text"])
print("\n".join(sorted(rows)))
PY
}
for dir in "$@"; do
  name="$(echo "$dir" | tr '/' '_')"
  "$old" scan "$dir" --format sarif --output "$work/old$name.sarif" --max-file-size 1G >/dev/null 2>&1 || true
  "$new" scan "$dir" --format sarif --output "$work/new$name.sarif" --max-file-size 1G >/dev/null 2>&1 || true
  normalise "$work/old$name.sarif" > "$work/old$name.txt"
  normalise "$work/new$name.sarif" > "$work/new$name.txt"
  if cmp -s "$work/old$name.txt" "$work/new$name.txt"; then
    echo "identical: $dir ($(grep -c '^result' "$work/new$name.txt" || true) findings)"
  else
    echo "DIFFERENT: $dir"
    diff "$work/old$name.txt" "$work/new$name.txt" | head -40 || true
    status=1
  fi
done
exit $status
