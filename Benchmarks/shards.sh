#!/usr/bin/env bash
# Fan-out benchmark (issue 18): does splitting a run into N parts on N machines pay off?
# Emulates N one-core machines on this one: a whole run with --threads 1, then the N parts, each
# with --threads 1, run at the same time, then `promptscan merge`. Prints the wall times, the
# speed-up (whole / (slowest part + merge)) and checks that the merge equals the whole run.
#
#   Benchmarks/shards.sh [--parts N] [--rounds R] [--history REPO | TREE]
#
# After one untimed warm-up run, each round runs the whole run, then the parts, then the merge; with several rounds (default 3) it
# prints every round and the median speed-up, since one round on a shared machine is noise.
#
# TREE defaults to /tmp/bench-corpus/real (Benchmarks/run.sh builds it). PROMPTSCAN_BIN names the
# binary (default: .build/release/promptscan). Ratios only: the machines are shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
parts=2
rounds=3
mode=scan
target=/tmp/bench-corpus/real
while [ $# -gt 0 ]; do
  case "$1" in
    --parts) parts=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --history) mode=history; target=$2; shift 2 ;;
    *) target=$1; shift ;;
  esac
done
bin=$(realpath "${PROMPTSCAN_BIN:-.build/release/promptscan}")
[ -x "$bin" ] || { echo "shards.sh: no binary at $bin (swift build -c release, or set PROMPTSCAN_BIN)" >&2; exit 2; }
[ -e "$target" ] || { echo "shards.sh: $target does not exist" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# One Python driver starts and times every process (time.monotonic around each), so the timer's
# own start-up is not counted as the tool's.
python3 - "$bin" "$mode" "$target" "$parts" "$out" "$rounds" <<'PY'
import json, os, statistics, subprocess, sys, time
bin_, mode, target, parts, out, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6])

def command(*extra):
    if mode == "history":
        return [bin_, "history", *extra], target
    return [bin_, "scan", target, *extra], None

def check(status, what):  # exit 1 (findings) is fine
    if status > 1:
        sys.exit(f"shards.sh: {what} failed ({status})")

def round_():
    args, cwd = command("--threads", "1", "--format", "json", "--output", f"{out}/whole.json")
    start = time.monotonic()
    check(subprocess.run(args, cwd=cwd, stderr=subprocess.DEVNULL).returncode, "the whole run")
    whole = time.monotonic() - start
    start = time.monotonic()
    running = []
    for k in range(1, parts + 1):
        args, cwd = command("--threads", "1", "--shard", f"{k}/{parts}", "--format", "json", "--output", f"{out}/part-{k}.json")
        running.append((subprocess.Popen(args, cwd=cwd, stderr=subprocess.DEVNULL), time.monotonic()))
    times = []
    for process, began in running:
        check(process.wait(), "a part")
        times.append(time.monotonic() - began)
    parallel = time.monotonic() - start
    start = time.monotonic()
    reports = [f"{out}/part-{k}.json" for k in range(1, parts + 1)]
    check(subprocess.run([bin_, "merge", *reports, "--output", f"{out}/merged.json"], stderr=subprocess.DEVNULL).returncode, "merge")
    merge = time.monotonic() - start
    same = open(f"{out}/whole.json", "rb").read() == open(f"{out}/merged.json", "rb").read()
    return whole, times, parallel, merge, same

# One untimed whole run first, so that no round pays for a cold file cache.
args, cwd = command("--threads", "1", "--format", "json", "--output", f"{out}/warm.json")
check(subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode, "the warm-up run")
covered = None
speedups = []
all_same = True
for r in range(1, rounds + 1):
    whole, times, parallel, merge, same = round_()
    if covered is None:
        covered = [json.load(open(f"{out}/part-{k}.json"))["shard"]["covered"] for k in range(1, parts + 1)]
        findings = len(json.load(open(f"{out}/whole.json"))["findings"])
        print(f"{mode} of {target}: {findings} findings; {parts} parts, each --threads 1, run at once")
        print("  " + ", ".join(f"part {k}: {c} {'commits' if mode == 'history' else 'files'}" for k, c in enumerate(covered, 1)))
    speedups.append(whole / (parallel + merge))
    all_same = all_same and same
    print(f"  round {r}: whole {whole:.2f} s; parts {' / '.join(f'{t:.2f}' for t in times)} s, wall {parallel:.2f} s;"
          f" merge {merge:.2f} s; speed-up {speedups[-1]:.2f}x; merge equals whole: {'yes' if same else 'no'}")
print(f"  speed-up whole/(parts+merge), median of {rounds}: {statistics.median(speedups):.2f}x")
print(f"  merged report equals the whole run's in every round: {'yes' if all_same else 'no'}")
sys.exit(0 if all_same else 1)
PY
