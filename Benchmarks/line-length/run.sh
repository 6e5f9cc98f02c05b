#!/usr/bin/env bash
# Line length must not matter: scans the same mixed content laid out with lines of 80 B, 4 KB, 1 MB
# and one line for the whole file, and prints the time per MB of each layout and its ratio to the
# fastest. No network; the content is generated from a fixed seed, so every run scans the same bytes.
#
#   Benchmarks/line-length/run.sh [--size MB] [--runs N] [--out DIR]
#
# --size   size of each layout in MB (default 64)
# --runs   runs per layout; the fastest counts (default 3)
# --out    keep the generated files there (default: a fresh folder under /tmp, removed at the end)
#
# Environment: PROMPTSCAN, the binary (default: <git toplevel>/.build/release/promptscan).
# Exit status: 0 when the run completed (whatever the numbers), 2 on a setup error, 64 on usage.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || (cd "$HERE/../.." && pwd))"
SIZE=64 RUNS=3 OUT="" KEEP=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) SIZE="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --out) OUT="$2"; KEEP=1; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "error: unknown argument $1 (see --help)" >&2; exit 64 ;;
  esac
done
PROMPTSCAN="${PROMPTSCAN:-$ROOT/.build/release/promptscan}"
[[ -x "$PROMPTSCAN" ]] || { echo "error: $PROMPTSCAN: not an executable (set PROMPTSCAN)" >&2; exit 2; }
OUT="${OUT:-$(mktemp -d /tmp/line-length.XXXXXX)}"
mkdir -p "$OUT"
[[ $KEEP == 1 ]] || trap 'rm -rf "$OUT"' EXIT
exec python3 - "$PROMPTSCAN" "$OUT" "$SIZE" "$RUNS" <<'PY'
import base64, os, random, subprocess, sys, time

ps, out, size_mb, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
size = size_mb * 1024 * 1024
rng = random.Random(20261206)
words = ("the patient request response model content assistant user tool call json value field "
         "status error retry token usage prompt completion choice message role system data item").split()

def piece():
    """One space-free piece of mixed content: words, numbers, JSON fields, base64 bodies, ids."""
    k = rng.random()
    if k < 0.55:
        return rng.choice(words)
    if k < 0.70:
        return str(rng.randrange(10**rng.randrange(1, 9)))
    if k < 0.80:
        return '"%s":"%s",' % (rng.choice(words), rng.choice(words))
    if k < 0.90:
        return "req_%016x" % rng.getrandbits(64)
    if k < 0.995:
        return base64.b64encode(rng.randbytes(rng.choice([48, 300, 3000]))).decode()
    return "https://example.com/%s?id=%d" % (rng.choice(words), rng.randrange(10**6))

# One stream of pieces joined by spaces, the same for every layout.
pieces, total = [], 0
while total < size:
    p = piece()
    pieces.append(p)
    total += len(p) + 1
stream = " ".join(pieces)[:size]

layouts = [("80 B", 80), ("4 KB", 4096), ("1 MB", 1 << 20), ("one line", None)]
paths = []
for name, width in layouts:
    path = os.path.join(out, "layout-%s.txt" % name.replace(" ", ""))
    if width is None:
        text = stream
    else:
        # Break at the first space at or after each `width` bytes: same bytes, other line ends.
        parts, start = [], 0
        while start < len(stream):
            cut = stream.find(" ", start + width)
            if cut < 0:
                parts.append(stream[start:])
                break
            parts.append(stream[start:cut])
            start = cut + 1
        text = "\n".join(parts)
    with open(path, "w") as f:
        f.write(text + "\n")
    paths.append((name, path))

rows = []
for name, path in paths:
    best = None
    for _ in range(runs):
        t0 = time.monotonic()
        r = subprocess.run([ps, "scan", path, "--max-file-size", "1G", "--no-color", "--format", "json"],
                           capture_output=True, text=True)
        dt = time.monotonic() - t0
        if r.returncode not in (0, 1):
            print("error: %s: promptscan exited %d: %s" % (path, r.returncode, r.stderr.strip()[:300]), file=sys.stderr)
            sys.exit(2)
        best = dt if best is None else min(best, dt)
    import json
    findings = len(json.loads(r.stdout).get("findings", []))
    mb = os.path.getsize(path) / 1024 / 1024
    rows.append((name, mb, best, findings))

fastest = min(best / mb for _, mb, best, _ in rows)
print("| layout | MB | s (best of %d) | ms per MB | vs fastest | findings |" % runs)
print("|---|--:|--:|--:|--:|--:|")
for name, mb, best, findings in rows:
    print("| %s | %.1f | %.2f | %.1f | %.2fx | %d |" % (name, mb, best, 1000 * best / mb, (best / mb) / fastest, findings))
worst = max(best / mb for _, mb, best, _ in rows) / fastest
print("\nline length must not matter: slowest layout %.2fx the fastest (goal: within 1.5x) -> %s"
      % (worst, "met" if worst <= 1.5 else "NOT met"))
PY
