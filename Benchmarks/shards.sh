#!/usr/bin/env bash
# Fan-out benchmark (issue 18): does splitting a run into N parts on N machines pay off?
# Emulates N one-core machines on this one: a whole run with --threads 1, then the N parts, each
# with --threads 1, run at the same time, then `promptscan merge`. Prints the wall times, the
# speed-up (whole / (slowest part + merge)) and checks that the merge equals the whole run.
#
#   Benchmarks/shards.sh [--parts N] [--history REPO | TREE]
#
# TREE defaults to /tmp/bench-corpus/real (Benchmarks/run.sh builds it). PROMPTSCAN_BIN names the
# binary (default: .build/release/promptscan). Ratios only: the machines are shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
parts=2
mode=scan
target=/tmp/bench-corpus/real
while [ $# -gt 0 ]; do
  case "$1" in
    --parts) parts=$2; shift 2 ;;
    --history) mode=history; target=$2; shift 2 ;;
    *) target=$1; shift ;;
  esac
done
bin=$(realpath "${PROMPTSCAN_BIN:-.build/release/promptscan}")
[ -x "$bin" ] || { echo "shards.sh: no binary at $bin (swift build -c release, or set PROMPTSCAN_BIN)" >&2; exit 2; }
[ -e "$target" ] || { echo "shards.sh: $target does not exist" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

now() { python3 -c 'import time; print(time.monotonic())'; }
run() {  # run ARGS... in the target (history) or on it (scan); exit 1 (findings) is fine
  local status=0
  if [ "$mode" = history ]; then (cd "$target" && "$bin" history "$@") || status=$?
  else "$bin" scan "$target" "$@" || status=$?; fi
  [ "$status" -le 1 ] || { echo "shards.sh: promptscan failed ($status)" >&2; exit 2; }
}

start=$(now)
run --threads 1 --format json --output "$out/whole.json" 2>/dev/null
whole=$(python3 -c "print($(now) - $start)")

start=$(now)
pids=()
for k in $(seq 1 "$parts"); do
  ( pstart=$(now); run --threads 1 --shard "$k/$parts" --format json --output "$out/part-$k.json" 2>/dev/null
    python3 -c "print($(now) - $pstart)" > "$out/time-$k" ) &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
parallel=$(python3 -c "print($(now) - $start)")
mstart=$(now)
status=0
"$bin" merge "$out"/part-*.json --output "$out/merged.json" 2>/dev/null || status=$?
[ "$status" -le 1 ] || { echo "shards.sh: merge failed ($status)" >&2; exit 2; }
merge=$(python3 -c "print($(now) - $mstart)")

same=no
cmp -s "$out/whole.json" "$out/merged.json" && same=yes
python3 - "$out" "$parts" "$whole" "$parallel" "$merge" "$same" "$mode" "$target" <<'PY'
import sys, json, os
out, parts, whole, parallel, merge, same, mode, target = sys.argv[1:]
parts = int(parts); whole, parallel, merge = float(whole), float(parallel), float(merge)
times = [float(open(os.path.join(out, f"time-{k}")).read()) for k in range(1, parts + 1)]
covered = [json.load(open(os.path.join(out, f"part-{k}.json")))["shard"]["covered"] for k in range(1, parts + 1)]
findings = len(json.load(open(os.path.join(out, "whole.json")))["findings"])
print(f"{mode} of {target}: {findings} findings; {parts} parts, each --threads 1, run at once")
print(f"  whole run (--threads 1):   {whole:7.2f} s")
for k, (t, c) in enumerate(zip(times, covered), 1):
    print(f"  part {k}/{parts}: {t:7.2f} s  ({c} {'commits' if mode == 'history' else 'files'})")
print(f"  all parts, wall:          {parallel:7.2f} s")
print(f"  merge:                    {merge:7.2f} s")
print(f"  speed-up whole/(parts+merge): {whole / (parallel + merge):.2f}x")
print(f"  merged report equals the whole run's: {same}")
sys.exit(0 if same == "yes" else 1)
PY
