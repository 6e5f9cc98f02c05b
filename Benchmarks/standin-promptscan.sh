#!/usr/bin/env bash
# Stand-in for the promptscan binary, used only to test Benchmarks/run.sh before the real CLI exists:
#
#   PROMPTSCAN_BIN=Benchmarks/standin-promptscan.sh Benchmarks/run.sh --quick
#
# It mimics the CLI surface the harness uses, with ripgrep and the shared speed-reference regexes
# (../shared/bench/rg-secrets.patterns) doing the work:
#   standin scan PATH --format sarif --output FILE [--threads N] [--max-file-size S] -> minimal SARIF 2.1.0 (rg --json -> python3)
#   standin staged        -> rg over the added lines of `git diff --cached`; exit 1 on a match
#   standin --help | --version
# STANDIN_NO_STAGED=1 hides the `staged` subcommand (tests the harness's skip path).
# Its timings say nothing about promptscan.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/.." && pwd))"
PATS="${PROMPTSCAN_SHARED:-$ROOT/../shared}/bench/rg-secrets.patterns"
if [[ ! -f "$PATS" ]]; then
  PATS="$(mktemp)"; trap 'rm -f "$PATS"' EXIT
  printf '%s\n' 'AKIA[0-9A-Z]{16}' 'gh[pousr]_[0-9A-Za-z]{36}' '-----BEGIN [A-Z ]*PRIVATE KEY' 'sk_live_[0-9A-Za-z]{24,}' 'xox[baprs]-[0-9A-Za-z-]{10,}' > "$PATS"
fi

usage() {
  echo "OVERVIEW: promptscan stand-in (ripgrep + $PATS)"
  echo
  echo "USAGE: promptscan <subcommand>"
  echo
  echo "SUBCOMMANDS:"
  echo "  scan                    Scan a path."
  [[ -n "${STANDIN_NO_STAGED:-}" ]] || echo "  staged                  Scan what is staged in the git repository."
}

cmd="${1:-}"; shift || true
case "$cmd" in
  --version) echo "promptscan-standin 0.0 ($(rg --version | head -1))" ;;
  ""|-h|--help|help) usage ;;
  scan)
    path=""; format=""; output=""; threads=()
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --format) format="$2"; shift ;;
        --output) output="$2"; shift ;;
        --threads) threads=(-j "$2"); shift ;;
        --max-file-size) shift ;;   # accepted and ignored (rg has no size limit)
        -h|--help) echo "USAGE: promptscan scan <path> [--format <format>] [--output <output>] [--threads <threads>] [--max-file-size <max-file-size>]"; exit 0 ;;
        *) path="$1" ;;
      esac
      shift
    done
    [[ "$format" == sarif && -n "$output" && -n "$path" ]] || { echo "stand-in needs PATH --format sarif --output FILE" >&2; exit 64; }
    rg --json --no-unicode --no-ignore --hidden --no-messages "${threads[@]}" -f "$PATS" -- "$path" \
      | python3 -c '
import json, sys
res = []
for line in sys.stdin:
    m = json.loads(line)
    if m.get("type") != "match":
        continue
    d = m["data"]; p = d["path"].get("text")
    if p is None:
        continue
    n = d["line_number"]
    res.append({"ruleId": "rg-match", "level": "error", "message": {"text": "pattern match"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": p},
                                                    "region": {"startLine": n, "endLine": n}}}]})
json.dump({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "promptscan-standin", "rules": [{"id": "rg-match"}]}},
                     "results": res}]}, open(sys.argv[1], "w"))
' "$output"
    ;;
  staged)
    [[ -z "${STANDIN_NO_STAGED:-}" ]] || { echo "unknown subcommand staged" >&2; exit 64; }
    if git diff --cached --no-color --no-ext-diff -U0 --diff-filter=ACMR | grep '^+' | grep -v '^+++' \
         | rg -q --no-unicode -f "$PATS"; then
      echo "stand-in: secret-like text in staged changes" >&2; exit 1
    fi
    ;;
  *) echo "unknown subcommand $cmd" >&2; exit 64 ;;
esac
